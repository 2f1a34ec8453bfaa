import datetime as dt
import re

import pytest
from data_jobs_io.convert import (
    ConversionError,
    split_many,
    to_bool,
    to_date,
    to_datetime,
    to_float,
    to_int,
    to_selection,
)

D = dt.date
DT = dt.datetime


@pytest.mark.parametrize(
    ("value", "date_format", "expected"),
    [
        (None, None, None),
        ("  ", None, None),
        (D(2026, 11, 21), None, D(2026, 11, 21)),
        (DT(2026, 11, 21, 23, 59), None, D(2026, 11, 21)),
        ("2026-11-21", None, D(2026, 11, 21)),
        (" 2026-11-21 10:30:00 ", None, D(2026, 11, 21)),
        ("21/11/2026", "%d/%m/%Y", D(2026, 11, 21)),
        ("21.11.2026", "%d.%m.%Y", D(2026, 11, 21)),
        ("11/21/2026", "%m/%d/%Y", D(2026, 11, 21)),
        ("2026-11-21", "%d/%m/%Y", D(2026, 11, 21)),  # ISO is always understood
        (46347, None, D(2026, 11, 21)),
        (46347.75, None, D(2026, 11, 21)),
        (1, None, D(1900, 1, 1)),
        (59, None, D(1900, 2, 28)),
        (61, None, D(1900, 3, 1)),
    ],
)
def test_to_date(value, date_format, expected):
    assert to_date(value, date_format) == expected


@pytest.mark.parametrize(
    ("value", "date_format", "message"),
    [
        ("31/02/2026", "%d/%m/%Y", "'31/02/2026' is not a valid date (expected DD/MM"),
        ("2026-13-01", None, "expected YYYY-MM-DD"),
        ("tomorrow", "%m/%d/%Y", "expected MM/DD/YYYY"),
        ("20261321", None, "not a valid date"),  # 20261121 is read as Odoo does
        (60, None, "not a valid Excel date number"),
        (-5, None, "not a valid Excel date number"),
        (True, None, "not a valid date"),
    ],
)
def test_to_date_errors(value, date_format, message):
    with pytest.raises(ConversionError, match=re.escape(message)):
        to_date(value, date_format)


@pytest.mark.parametrize(
    ("value", "date_format", "expected"),
    [
        ("", None, None),
        (DT(2026, 11, 21, 8, 5), None, DT(2026, 11, 21, 8, 5)),
        (D(2026, 11, 21), None, DT(2026, 11, 21)),
        ("2026-11-21", None, DT(2026, 11, 21)),
        ("2026-11-21T08:05", None, DT(2026, 11, 21, 8, 5)),
        ("2026-11-21 08:05:09", None, DT(2026, 11, 21, 8, 5, 9)),
        ("2026-11-21 8:05:09.5", None, DT(2026, 11, 21, 8, 5, 9, 500000)),
        ("21/11/2026 08:05", "%d/%m/%Y", DT(2026, 11, 21, 8, 5)),
        ("21/11/2026 08:05:09", "%d/%m/%Y", DT(2026, 11, 21, 8, 5, 9)),
        ("21/11/2026", "%d/%m/%Y", DT(2026, 11, 21)),
        ("21/11/2026 8h05", "%d/%m/%Y %Hh%M", DT(2026, 11, 21, 8, 5)),
        (45000.5, None, DT(2023, 3, 15, 12)),
        (
            "2026-11-21T10:00:00+02:00",
            None,
            DT(2026, 11, 21, 8, tzinfo=dt.timezone.utc),
        ),
        ("2026-11-21T10:00:00Z", None, DT(2026, 11, 21, 10, tzinfo=dt.timezone.utc)),
    ],
)
def test_to_datetime(value, date_format, expected):
    assert to_datetime(value, date_format) == expected


@pytest.mark.parametrize("value", ["2026-11-21 25:00", "21/13/2026 08:05", "noon"])
def test_to_datetime_errors(value):
    with pytest.raises(ConversionError, match="not a valid date and time"):
        to_datetime(value)


@pytest.mark.parametrize(
    ("value", "decimal", "thousands", "expected"),
    [
        (None, ".", "", None),
        ("", ".", "", None),
        (3, ".", "", 3.0),
        (1.25, ".", "", 1.25),
        ("12", ".", "", 12.0),
        (" -1.5 ", ".", "", -1.5),
        ("+.5", ".", "", 0.5),
        ("1.5e3", ".", "", 1500.0),
        ("1,234.56", ".", ",", 1234.56),
        ("1 234,56", ",", " ", 1234.56),
        ("1\u00a0234\u00a0567,5", ",", " ", 1234567.5),
        ("1\u202f234,5", ",", " ", 1234.5),
        ("1'234.5", ".", "'", 1234.5),
        ("1\u2019234.5", ".", "'", 1234.5),
        ("1.234,5", ",", ".", 1234.5),
        ("1234,5", ",", ".", 1234.5),
    ],
)
def test_to_float(value, decimal, thousands, expected):
    assert to_float(value, decimal, thousands) == expected


@pytest.mark.parametrize(
    ("value", "decimal", "thousands"),
    [
        ("1,2,3", ".", ","),
        ("1,2,3", ",", ""),
        ("1.5", ",", ""),  # a dot is no decimal separator here: 1.500 may mean 1500
        ("1,5", ".", ""),
        ("12 34", ",", " "),
        ("abc", ".", ""),
        ("-", ".", ""),
        ("nan", ".", ""),
        ("inf", ".", ""),
        (float("nan"), ".", ""),
        (True, ".", ""),
    ],
)
def test_to_float_errors(value, decimal, thousands):
    with pytest.raises(ConversionError, match="not a"):
        to_float(value, decimal, thousands)


def test_huge_numbers_are_refused_quickly():
    for convert in (to_float, to_int):
        with pytest.raises(ConversionError, match="too large"):
            convert("1e999999999")
    with pytest.raises(ConversionError, match="too large"):
        to_float("1e309")


def test_date_error_message_is_exact():
    with pytest.raises(ConversionError) as error:
        to_date("31/02/2026", "%d/%m/%Y")
    assert str(error.value) == "'31/02/2026' is not a valid date (expected DD/MM/YYYY)"


def test_dates_with_an_offset():
    assert to_date("2026-11-21T23:00:00-05:00") == D(2026, 11, 21)  # as written
    with pytest.raises(ConversionError, match=r"HH:mm\[:ss\]\)$"):
        to_datetime("21/11/2026 noon", "%d/%m/%Y")


def test_to_float_error_names_the_separators():
    with pytest.raises(ConversionError) as error:
        to_float("1,2,3", ".", ",")
    assert str(error.value) == (
        "'1,2,3' is not a valid number (decimal separator '.', thousands separator ',')"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("12.0", 12),
        (12.0, 12),
        (-7, -7),
        ("", None),
        ("12345678901234567890", 12345678901234567890),
        ("1e3", 1000),
    ],
)
def test_to_int(value, expected):
    result = to_int(value)
    assert result == expected and type(result) is type(expected)


def test_to_int_with_separators_and_errors():
    assert to_int("1 234", ",", " ") == 1234
    for bad in (12.5, "12.5", "twelve", False):
        with pytest.raises(ConversionError, match="not a"):
            to_int(bad)
    with pytest.raises(ConversionError, match="'12.5' is not a whole number"):
        to_int(12.5)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
        ("TRUE", True),
        ("false", False),
        (" Yes ", True),
        ("no", False),
        ("x", True),
        ("X", True),
        ("y", True),
        ("n", False),
        ("t", True),
        ("f", False),
        ("on", True),
        ("off", False),
        ("1", True),
        ("0", False),
        ("oui", True),
        ("non", False),
        ("Ja", True),
        ("nein", False),
        ("sí", True),
        ("si", True),
        ("Да", True),
        ("нет", False),
        ("", None),
        (None, None),
    ],
)
def test_to_bool(value, expected):
    assert to_bool(value) is expected


@pytest.mark.parametrize("value", ["maybe", "2", 2, 0.5, "yes please"])
def test_to_bool_errors(value):
    with pytest.raises(ConversionError, match="not a yes/no value"):
        to_bool(value)


STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("draft", "draft"),
        (" DONE ", "done"),
        ("Confirmed", "confirmed"),
        ("confirmed", "confirmed"),
        ("", None),
        (None, None),
    ],
)
def test_to_selection(value, expected):
    assert to_selection(value, STATES) == expected


def test_to_selection_matches_key_before_label_and_numbers():
    swapped = [("a", "b"), ("b", "a")]
    assert to_selection("B", swapped) == "b"
    assert to_selection(1.0, [("1", "Low"), ("2", "High")]) == "1"
    assert to_selection("low", [("1", "Low"), ("2", "High")]) == "1"


def test_to_selection_error_lists_labels_truncated():
    with pytest.raises(ConversionError) as error:
        to_selection("cancel", STATES)
    assert str(error.value) == (
        "'cancel' is not an allowed value; allowed: Draft, Confirmed, Done"
    )
    many = [(str(i), f"L{i}") for i in range(15)]
    with pytest.raises(ConversionError, match=r"L9 \(and 5 more\)$"):
        to_selection("nope", many)


@pytest.mark.parametrize(
    ("value", "separator", "expected"),
    [
        ("a, b ,c", ",", ["a", "b", "c"]),
        ("a;;b; ", ";", ["a", "b"]),
        ("single", ",", ["single"]),
        ("", ",", []),
        (None, ",", []),
        (42, ",", ["42"]),
    ],
)
def test_split_many(value, separator, expected):
    assert split_many(value, separator) == expected
