"""Numbers and dates written as Odoo's import reads them (issue 11, "Must
work"), and the cases where data_jobs deliberately refuses to guess."""

import datetime as dt

import pytest
from data_jobs_io.convert import ConversionError, to_date, to_datetime, to_float

D = dt.date
DT = dt.datetime


@pytest.mark.parametrize(
    ("value", "decimal", "thousands", "symbols", "expected"),
    [
        ("(12.5)", ".", "", (), -12.5),  # an accountant's negative
        ("(1 234,50)", ",", " ", (), -1234.5),
        ("€ 12.50", ".", "", (), 12.5),  # currency characters need no list
        ("12,50 €", ",", ".", (), 12.5),
        ("$1,234.56", ".", ",", (), 1234.56),
        ("-$3", ".", "", (), -3.0),
        ("($3.50)", ".", "", (), -3.5),
        ("CHF 10", ".", "", ("CHF",), 10.0),  # a symbol of res.currency
        ("10 kr", ".", "", ("kr",), 10.0),
        # both marks present, the last one once: they tell which is which
        ("1,234.56", ".", "", (), 1234.56),
        ("1.234,56", ".", "", (), 1234.56),
        ("1.234.567,89", ".", "", (), 1234567.89),
    ],
)
def test_numbers_as_odoo_reads_them(value, decimal, thousands, symbols, expected):
    assert to_float(value, decimal, thousands, symbols) == expected


@pytest.mark.parametrize(
    ("value", "decimal", "thousands"),
    [
        ("12,5", ".", ""),  # Odoo (thousands ',') reads 125
        ("(-12)", ".", ""),  # two signs
        ("12 EUR", ".", ""),  # a code that is no currency symbol here
        ("CHF 10", ".", ""),
        ("1.234,56", ".", ","),  # separators set: the file must follow them
        ("€", ".", ""),
        ("()", ".", ""),
    ],
)
def test_numbers_refused(value, decimal, thousands):
    with pytest.raises(ConversionError, match="not a valid number"):
        to_float(value, decimal, thousands)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/2024", D(2024, 3, 15)),  # only one order reads it
        ("03/15/2024", D(2024, 3, 15)),
        ("2024/03/05", D(2024, 3, 5)),
        ("15.03.2024", D(2024, 3, 15)),
        ("15-03-2024", D(2024, 3, 15)),
        ("15 03 2024", D(2024, 3, 15)),
        ("20240305", D(2024, 3, 5)),
        ("15032024", D(2024, 3, 15)),
        ("31/12/99", D(1999, 12, 31)),
    ],
)
def test_dates_odoo_recognises_without_a_format(value, expected):
    assert to_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/2024 13:45", DT(2024, 3, 15, 13, 45)),
        ("15/03/2024 13:45:30", DT(2024, 3, 15, 13, 45, 30)),
        ("03/15/2024 1:45 PM", DT(2024, 3, 15, 13, 45)),
        ("03/15/2024 12 AM", DT(2024, 3, 15, 0, 0)),
    ],
)
def test_datetimes_odoo_recognises_without_a_format(value, expected):
    assert to_datetime(value) == expected


@pytest.mark.parametrize(
    ("value", "readings"),
    [
        ("05/03/2024", "5 March 2024 or 3 May 2024"),
        ("05.03.2024 10:00", "5 March 2024 or 3 May 2024"),
        ("05/03/24", "24 March 2005 or 5 March 2024 or 3 May 2024"),
    ],
)
def test_ambiguous_dates_are_never_guessed(value, readings):
    with pytest.raises(ConversionError) as error:
        to_datetime(value)
    assert f"is ambiguous: it may be {readings}" in str(error.value)
    assert "date format" in str(error.value)


def test_a_date_format_is_the_only_reading():
    assert to_date("05/03/2024", "%d/%m/%Y") == D(2024, 3, 5)
    assert to_date("05/03/2024", "%m/%d/%Y") == D(2024, 5, 3)
    with pytest.raises(ConversionError, match="expected DD/MM/YYYY"):
        to_date("03/15/2024", "%d/%m/%Y")  # no other order is tried


@pytest.mark.parametrize(
    "value", ["13/13/2024", "1/2/3", "2024/31/12", "15/03/2024 25:00"]
)
def test_impossible_dates(value):
    with pytest.raises(ConversionError, match="not a valid date"):
        to_datetime(value)
