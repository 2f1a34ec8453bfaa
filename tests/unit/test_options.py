"""Issue 10: options that cannot work are refused when the job is created."""

import datetime
import string

import pytest
from data_jobs_io.limits import (
    DEFAULTS,
    LimitError,
    Limits,
    file_size_error,
    human_size,
)
from data_jobs_io.options import (
    LIMITS,
    SPECS,
    STRPTIME_DIRECTIVES,
    OptionError,
    check_file_name,
    validate_options,
    with_defaults,
)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"quotechar": "''"}, "single character"),
        ({"quotechar": "\n"}, "single character"),
        ({"thousands_separator": "."}, "also the decimal separator"),
        (
            {"decimal_separator": ",", "thousands_separator": ","},
            "set 'decimal_separator' to '.'",
        ),
        ({"thousands_separator": ". "}, "one character"),
        ({"date_format": "%d/%Q/%Y"}, "%Q, which is not a date code"),
        ({"date_format": "%d/%m/%"}, "a lone % at the end"),
        ({"date_format": "dd/mm/yyyy"}, "no % codes"),
        ({"date_format": "%G-%d"}, "ISO year directive"),
        ({"quotechar": ";", "delimiter": ";"}, "cannot both be"),
        ({"header_row": 3, "data_start_row": 2}, "must come after"),
        ({"sheet": "Data\x00"}, "NUL"),
        ({"max_rows": 0}, "positive"),
        ({"max_columns": True}, "whole number"),
    ],
)
def test_unusable_options_are_refused(options, message):
    with pytest.raises(OptionError, match=message):
        validate_options(options, "import")


@pytest.mark.parametrize(
    "options",
    [
        {"quotechar": "'"},
        {"decimal_separator": ",", "thousands_separator": "."},
        {"decimal_separator": ",", "thousands_separator": " "},
        {"thousands_separator": ""},
        {"date_format": "%d/%m/%Y"},
        {"date_format": "%d.%m.%y %H:%M"},
        {"date_format": "%G-W%V-%u"},
        {"date_format": "100%% %d"},
        {"header_row": 3, "data_start_row": 5},
        {"max_rows": 10, "max_file_size": 1024, "max_log_line": 200},
    ],
)
def test_usable_options_pass(options):
    assert validate_options(options, "import") == options


def test_date_codes_are_the_ones_strptime_knows():
    """Our table and Python's strptime agree on every letter."""
    for letter in string.ascii_letters:
        try:
            datetime.datetime.strptime("", "%" + letter)
            known = True
        except ValueError as error:
            known = "bad directive" not in str(error)
        assert (letter in STRPTIME_DIRECTIVES) == known, letter


def test_check_file_name():
    assert check_file_name("  partners.csv ") == "partners.csv"
    for bad, message in [
        ("part\x00ners.csv", "NUL"),
        ("a.xlsx\r.csv", "control characters"),
        ("", "no name"),
        (None, "no name"),
        ("x" * 300 + ".csv", "304 characters"),
    ]:
        with pytest.raises(OptionError, match=message):
            check_file_name(bad)


def test_limits_are_options_with_defaults():
    assert set(LIMITS) <= set(SPECS)
    defaults = with_defaults({}, "import")
    assert {name: defaults[name] for name in LIMITS} == {
        "max_file_size": 1024**3,
        "max_rows": 1_000_000,
        "max_columns": 1_000,
        "max_cell_size": 2_000_000,
        "max_row_size": 10_000_000,
        "max_xlsx_uncompressed": 1024**3,
        "max_xlsx_ratio": 200,
        "max_log_line": 2_000,
    }
    assert DEFAULTS == Limits.from_options(defaults)


def test_limits_from_options_and_ceilings():
    limits = Limits.from_options({"max_rows": 50}, ceilings={"max_rows": 10})
    assert limits.rows == 10
    assert Limits.from_options({"max_rows": 5}, {"max_rows": 10}).rows == 5
    assert Limits.from_options({"max_rows": 10**9}).rows == 10**9
    with pytest.raises(LimitError):
        Limits.from_options({"max_rows": -1})


def test_sizes_in_messages():
    assert human_size(512) == "512 bytes"
    assert human_size(1536) == "1.5 KB"
    assert human_size(1024**3) == "1 GB"
    assert file_size_error(10, 10) is None
    assert "max_file_size" in file_size_error(2 * 1024**3, 1024**3)
