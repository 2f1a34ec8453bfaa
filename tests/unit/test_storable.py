"""Issue 10: every text the io layer hands to the engine must be storable by
PostgreSQL (no NUL, no lone surrogate) and of bounded length."""

import pytest
from data_jobs_io.convert import (
    ConversionError,
    find_unstorable,
    storable_text,
    to_date,
    to_float,
)
from data_jobs_io.storable import MAX_MESSAGE, REPLACEMENT, shown


@pytest.mark.parametrize(
    ("value", "index"),
    [
        ("plain", None),
        ("Zoë Müller", None),
        ("a\x00b", 1),
        ("\x00", 0),
        ("é\udce9", 1),  # what surrogateescape leaves for an undecodable byte
        ("😀 ok", None),
        (b"a\x00b", None),  # only str values reach the database as text
        (None, None),
        (12, None),
    ],
)
def test_find_unstorable(value, index):
    assert find_unstorable(value) == index


def test_storable_text_replaces_and_caps():
    assert storable_text("a\x00b\udce9c") == f"a{REPLACEMENT}b{REPLACEMENT}c"
    assert storable_text(None) == ""
    assert storable_text(12.5) == "12.5"
    assert storable_text("abcdef", 4) == "abc…"
    assert len(storable_text("x" * 10_000, 2000)) == 2000
    assert storable_text("short", 10) == "short"
    assert find_unstorable(storable_text("\x00" * 50)) is None


def test_shown_quotes_a_short_storable_part():
    assert shown("x" * 1000) == "x" * 59 + "…"
    assert shown("a\x00") == "a" + REPLACEMENT


def test_conversion_errors_are_storable_and_short():
    """A NUL or a megabyte in a cell must not end up in the job's log."""
    with pytest.raises(ConversionError) as error:
        to_float("1\x002")
    assert "\x00" not in str(error.value)
    with pytest.raises(ConversionError) as error:
        to_date("y" * 1_000_000)
    assert len(str(error.value)) < 200
    assert len(str(ConversionError("z" * 100_000))) == MAX_MESSAGE
