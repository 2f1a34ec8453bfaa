import datetime
import io

import pytest
import xlsxwriter
from data_jobs_io.readers import ReaderError, open_reader
from data_jobs_io.readers.xlsx_reader import XlsxReader, _shows_time
from openpyxl import Workbook


def workbook_file(sheets):
    """An .xlsx in memory from {sheet name: rows}; openpyxl sets date formats."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    fileobj = io.BytesIO()
    workbook.save(fileobj)
    fileobj.seek(0)
    return fileobj


def test_typed_values():
    midnight = datetime.datetime(2026, 11, 21)
    fileobj = workbook_file(
        {
            "Products": [
                ["  Code ", "Date", "When", "Midnight", "Qty", "Price", "Active"],
                [
                    "  A1 ",
                    datetime.date(2026, 11, 21),
                    datetime.datetime(2026, 11, 21, 14, 30),
                    midnight,
                    3,
                    1.5,
                    True,
                ],
            ]
        }
    )
    reader = open_reader(fileobj, "products.xlsx")
    assert isinstance(reader, XlsxReader)
    assert reader.headers == [
        "Code",
        "Date",
        "When",
        "Midnight",
        "Qty",
        "Price",
        "Active",
    ]
    assert reader.detected == {"sheet": "Products", "sheets": ["Products"]}
    ((row_number, values),) = list(reader)
    assert row_number == 2
    assert values == [
        "  A1 ",
        datetime.date(2026, 11, 21),
        datetime.datetime(2026, 11, 21, 14, 30),
        midnight,
        3,
        1.5,
        True,
    ]
    types = [type(value) for value in values]
    assert types == [
        str,
        datetime.date,
        datetime.datetime,
        datetime.datetime,
        int,
        float,
        bool,
    ]


def test_formula_gives_its_cached_value_and_serial_dates_become_dates():
    fileobj = io.BytesIO()
    book = xlsxwriter.Workbook(fileobj, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row("A1", ["qty", "day", "double"])
    sheet.write_number("A2", 42)
    sheet.write_number("B2", 46347, book.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_formula("C2", "=A2*2", None, 84)
    book.close()
    fileobj.seek(0)
    reader = open_reader(fileobj, "data.xlsx")
    assert list(reader) == [(2, [42, datetime.date(2026, 11, 21), 84])]


def test_sheet_by_name_index_and_unknown():
    fileobj = workbook_file({"First": [["a"], [1]], "Second": [["b"], [2]]})
    assert open_reader(fileobj, "f.xlsx", {"sheet": "Second"}).headers == ["b"]
    assert open_reader(fileobj, "f.xlsx", {"sheet": " second "}).headers == ["b"]
    assert open_reader(fileobj, "f.xlsx", {"sheet": 1}).headers == ["b"]
    assert open_reader(fileobj, "f.xlsx", {"sheet": "1"}).headers == ["b"]
    assert open_reader(fileobj, "f.xlsx", {"sheet": 0}).headers == ["a"]
    with pytest.raises(ReaderError, match="'Third' not found.*'First', 'Second'"):
        open_reader(fileobj, "f.xlsx", {"sheet": "Third"})
    with pytest.raises(ReaderError, match="'First', 'Second'"):
        open_reader(fileobj, "f.xlsx", {"sheet": 5})


def test_header_row_empty_rows_and_extra_cells():
    rows = [
        ["Inventory export"],
        [],
        ["code", "name", None],
        ["A1", "Bolt"],
        [None, "   "],
        [],
        ["A2", "Nut", None, "stray"],
    ]
    reader = open_reader(workbook_file({"S": rows}), "s.xlsx", {"header_row": 3})
    assert reader.headers == ["code", "name"]
    assert list(reader) == [(4, ["A1", "Bolt"]), (7, ["A2", "Nut"])]
    assert reader.skipped_empty == 2
    assert reader.extra_cells_rows == 1
    assert reader.count_rows() == 2


def test_count_rows_does_not_disturb_iteration():
    rows = [["n"]] + [[i] for i in range(300)]
    reader = open_reader(workbook_file({"S": rows}), "s.xlsx")
    rows_iter = iter(reader)
    first = next(rows_iter)
    assert reader.count_rows() == 300
    assert [first] + list(rows_iter) == [(i + 2, [i]) for i in range(300)]


def test_not_a_workbook():
    with pytest.raises(ReaderError, match="cannot be read as an Excel workbook"):
        open_reader(io.BytesIO(b"code,name\n1,2\n"), "fake.xlsx")


def test_close_keeps_the_callers_file_open():
    fileobj = workbook_file({"S": [["a"], [1]]})
    with open_reader(fileobj, "s.xlsx") as reader:
        assert list(reader) == [(2, [1])]
    assert not fileobj.closed


@pytest.mark.parametrize(
    ("number_format", "expected"),
    [
        ("yyyy-mm-dd", False),
        ("dd/mm/yyyy", False),
        ('[$-409]d"h" mmm', False),
        ("yyyy-mm-dd h:mm:ss", True),
        ("m/d/yy h:mm AM/PM", True),
        ("[h]:mm", True),
        ("General", False),
        (None, False),
    ],
)
def test_shows_time(number_format, expected):
    assert _shows_time(number_format) is expected
