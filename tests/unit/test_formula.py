import pytest
from data_jobs_io.formula import is_dangerous, neutralise


@pytest.mark.parametrize(
    "value", ["=1+1", "+33 6 12", "-5", "@SUM(A1)", "\tcmd", "\r=2", "=HYPERLINK()"]
)
def test_dangerous_values_get_a_quote_prefix(value):
    assert is_dangerous(value)
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["", "plain", " =1+1", "1-1", "'=1", "a@b.c"])
def test_safe_values_are_unchanged(value):
    assert not is_dangerous(value)
    assert neutralise(value) == value
