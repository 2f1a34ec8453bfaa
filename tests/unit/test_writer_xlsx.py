import datetime
import io
import zipfile

import openpyxl
import pytest
from data_jobs_io.values import Column, Reference
from data_jobs_io.writers import WriterError, make_writer

COLUMNS = [
    Column("name", "Name"),
    Column("qty", "Quantity", "integer"),
    Column("weight", "Weight", "float", digits=3),
    Column("ratio", "Ratio", "float"),
    Column("amount", "Amount", "monetary", currency_symbol="€"),
    Column("date", "Date", "date"),
    Column("write_date", "Last Updated on", "datetime"),
    Column("active", "Active", "boolean"),
    Column("partner_id", "Partner", "many2one"),
    Column("tag_ids", "Tags", "many2many"),
]
ROW = (
    "Azure Interior",
    42,
    1.5,
    0.25,
    -1234.5,
    datetime.date(2026, 11, 21),
    datetime.datetime(2026, 11, 21, 14, 30, 5),
    True,
    Reference(7, "Deco Addict"),
    [Reference(1, "VIP"), Reference(2, "Retail")],
)


def export_bytes(columns, *batches, options=None, meta=None):
    fileobj = io.BytesIO()
    writer = make_writer("xlsx", fileobj, columns, options, meta)
    for batch in batches:
        writer.write_rows(batch)
    writer.close()
    assert not fileobj.closed
    return fileobj.getvalue()


def export(columns, *batches, options=None, meta=None):
    data = export_bytes(columns, *batches, options=options, meta=meta)
    return openpyxl.load_workbook(io.BytesIO(data))


def test_typed_cells_and_number_formats():
    sheet = export(COLUMNS, [ROW]).active
    cells = {cell.column_letter: cell for cell in sheet[2]}
    assert cells["A"].value == "Azure Interior"
    assert (cells["B"].value, cells["B"].data_type) == (42, "n")
    assert cells["B"].number_format == "0"
    assert (cells["C"].value, cells["C"].number_format) == (1.5, "#,##0.000")
    assert (cells["D"].value, cells["D"].number_format) == (0.25, "General")
    assert cells["E"].value == -1234.5
    assert cells["E"].number_format == '"€" #,##0.00'
    assert cells["F"].value == datetime.datetime(2026, 11, 21)
    assert (cells["F"].data_type, cells["F"].number_format) == ("d", "yyyy-mm-dd")
    assert cells["G"].value == datetime.datetime(2026, 11, 21, 14, 30, 5)
    assert cells["G"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert (cells["H"].value, cells["H"].data_type) == (True, "b")
    assert cells["I"].value == "Deco Addict"
    assert cells["J"].value == "VIP, Retail"


def test_empty_values_leave_cells_empty():
    sheet = export(COLUMNS, [(None,) * 9 + ([],)]).active
    assert [cell.value for cell in sheet[2]] == [None] * len(COLUMNS)


def test_header_bold_frozen_autofilter_widths():
    sheet = export(COLUMNS, [ROW, ROW], [ROW], meta={"title": "Contacts"}).active
    assert sheet.title == "Contacts"
    assert [cell.value for cell in sheet[1]] == [c.label for c in COLUMNS]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J4"
    assert sheet.column_dimensions["A"].width > len("Azure Interior")
    assert sheet.column_dimensions["G"].width > len("Last Updated on")


def test_header_names_and_empty_export():
    sheet = export(COLUMNS[:3], options={"header": "name"}).active
    assert [cell.value for cell in sheet[1]] == ["name", "qty", "weight"]
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:C1"


def test_overflow_continues_on_new_sheets_with_header():
    columns = COLUMNS[:2]
    rows = [(f"Row {number}", number) for number in range(8)]
    workbook = export(
        columns,
        rows[:5],
        rows[5:],
        options={"max_sheet_rows": 3},
        meta={"title": "Sales/Orders: [2026]"},
    )
    assert workbook.sheetnames == [
        "Sales Orders 2026",
        "Sales Orders 2026 (2)",
        "Sales Orders 2026 (3)",
    ]
    values = []
    for sheet in workbook.worksheets:
        assert [cell.value for cell in sheet[1]] == ["Name", "Quantity"]
        assert sheet.freeze_panes == "A2"
        data = [tuple(cell.value for cell in row) for row in sheet.iter_rows(2)]
        assert sheet.auto_filter.ref == f"A1:B{len(data) + 1}"
        values.extend(data)
    assert [sheet.max_row for sheet in workbook.worksheets] == [4, 4, 3]
    assert values == rows


def test_default_sheet_name_and_long_title():
    assert export(COLUMNS[:1], [("a",)]).sheetnames == ["Data"]
    long_title = "A very long export title that Excel would refuse"
    names = export(
        COLUMNS[:1],
        [("a",), ("b",)],
        options={"max_sheet_rows": 1},
        meta={"title": long_title},
    ).sheetnames
    assert names == [long_title[:31], long_title[:27].rstrip() + " (2)"]
    assert all(len(name) <= 31 for name in names)


def test_texts_are_string_cells_written_as_they_are():
    """Issue 12 point 3: a string cell is never evaluated, so XLSX texts get no
    quote prefix, whatever the option says: "=1+1" stays "=1+1", a phone
    number stays a phone number. The sheet holds no formula at all."""
    columns = [Column(name, name.upper()) for name in "abcdef"]
    columns.append(Column("n", "=N", "integer"))
    row = ("=1+1", "-5+A1", "+1 555-555-5556", "+32 2 123 45 67", "@SUM(A1)", "-12", -5)
    for options in (None, {"escape_formulas": True}, {"escape_formulas": False}):
        data = export_bytes(columns, [row], options=options)
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        assert [cell.value for cell in sheet[2]] == list(row)
        assert [cell.data_type for cell in sheet[2]] == ["s"] * 6 + ["n"]
        assert sheet["G1"].value == "=N" and sheet["G1"].data_type == "s"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in xml and "<f " not in xml


def test_too_long_string_raises_with_position():
    writer = make_writer("xlsx", io.BytesIO(), COLUMNS[:2])
    writer.write_rows([("ok", 1)])
    with pytest.raises(WriterError) as error:
        writer.write_rows([("x" * 40_000, 2)])
    message = str(error.value)
    assert 'Sheet "Data", row 3' in message
    assert '"Name"' in message
    assert "32767" in message


def test_non_finite_number_and_bad_option():
    writer = make_writer("xlsx", io.BytesIO(), COLUMNS[:2])
    with pytest.raises(WriterError, match='column "Quantity"'):
        writer.write_rows([("nan", float("nan"))])
    with pytest.raises(WriterError, match="max_sheet_rows"):
        make_writer("xlsx", io.BytesIO(), COLUMNS, {"max_sheet_rows": 2_000_000})


def test_start_sheet_goes_on_with_other_columns():
    fileobj = io.BytesIO()
    writer = make_writer("xlsx", fileobj, [Column("a", "A")], {"header": "name"})
    writer.start_sheet(
        "Categories", [Column("name", "name"), Column("import_error", "Error")]
    )
    writer.write_rows([("Saleable", "bad parent")])
    writer.start_sheet("Vendors", [Column("ref", "ref")])
    writer.start_sheet("Products", [Column("default_code", "default_code")])
    writer.write_rows([("P-1",), ("P-2",)])
    writer.close()
    book = openpyxl.load_workbook(io.BytesIO(fileobj.getvalue()))
    assert book.sheetnames == ["Categories", "Vendors", "Products"]
    assert list(book["Vendors"].values) == [("ref",)]
    assert list(book["Categories"].values) == [
        ("name", "import_error"),
        ("Saleable", "bad parent"),
    ]
    assert list(book["Products"].values) == [("default_code",), ("P-1",), ("P-2",)]


def test_text_that_looks_like_rich_string_xml_is_written_as_text():
    values = ["<r>broken & </r>", "<r><t>injected</t></r>", " <r>x</r> "]
    book = export([Column("name", "Name")], [(v,) for v in values])
    assert [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)] == [
        *values[:2],
        " <r>x</r> ",
    ]
