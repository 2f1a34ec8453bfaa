"""The structure of a domain said in words (no database: terms are echoed)."""

import pytest
from data_jobs_io.domain_text import DomainTextError, domain_to_text, parse_domain


def say(domain):
    return domain_to_text(domain, lambda term: term[0].upper())


def test_implicit_and_between_top_level_terms():
    assert say([("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]) == "A and B and C"


def test_or_inside_and_is_bracketed():
    domain = ["|", ("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]
    assert say(domain) == "(A or B) and C"
    assert say(["&", ("a", "=", 1), "|", ("b", "=", 2), ("c", "=", 3)]) == (
        "A and (B or C)"
    )


def test_same_operator_chains_are_flattened():
    domain = ["|", "|", ("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]
    assert parse_domain(domain)[0] == "or"
    assert len(parse_domain(domain)[1]) == 3
    assert say(domain) == "A or B or C"


def test_not_and_custom_words():
    domain = ["!", "|", ("a", "=", 1), ("b", "=", 2)]
    assert say(domain) == "not (A or B)"
    assert (
        domain_to_text(
            ["|", ("a", "=", 1), ("b", "=", 2)],
            lambda t: t[0],
            and_word="et",
            or_word="ou",
        )
        == "a ou b"
    )


def test_terms_as_lists_and_empty_domain():
    assert say([["a", "=", 1]]) == "A"
    assert say([]) == ""


@pytest.mark.parametrize(
    "domain",
    [["|", ("a", "=", 1)], ["&"], ["!"], [("a", "=")], ["a"]],
)
def test_malformed_domains_are_refused(domain):
    with pytest.raises(DomainTextError):
        say(domain)
