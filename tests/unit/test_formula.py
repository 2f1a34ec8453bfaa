import time

import pytest
from data_jobs_io.formula import is_dangerous, is_formula, neutralise, restore


@pytest.mark.parametrize(
    "value",
    ["=1+1", "@SUM(A1)", "\tcmd", "\r=2", "=HYPERLINK()", "-1+1", "+A1", "-", "-1e5"],
)
def test_formulas_get_a_quote_prefix(value):
    assert is_formula(value) and is_dangerous(value)
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize(
    "value",
    [
        "-5",
        "-12",
        "-12.5",
        "+1 555-555-5556",
        "+32 2 123 45 67",
        "+33 6 12",
        "+1 (555) 555-5556",
        "-1,234.50",
    ],
)
def test_signed_numbers_and_phone_numbers_are_values(value):
    """Issue 10: "+" or "-" followed by digits, spaces, dashes and dots calls
    nothing; a quote in front would only spoil the number in the file."""
    assert not is_formula(value)
    assert neutralise(value) == value


@pytest.mark.parametrize("value", ["", "plain", " =1+1", "1-1", "'=1", "a@b.c"])
def test_safe_values_are_unchanged(value):
    assert not is_dangerous(value)
    assert neutralise(value) == value


def test_restore_reads_back_older_exports_of_numbers():
    """Files exported before numbers were left alone hold "'-5"."""
    assert restore("'-5") == "-5"
    assert restore("'+32 2 555 12 12") == "+32 2 555 12 12"
    assert restore("'plain") == "'plain"
    assert restore(5) == 5


def test_is_formula_is_linear_on_long_cells():
    start = time.perf_counter()
    assert is_formula("-" + "1" * 2_000_000 + "x")
    assert time.perf_counter() - start < 1
