import csv
import datetime
import io

import pytest
from data_jobs_io.values import Column, Lines, Record, Reference
from data_jobs_io.writers import WriterError, make_writer

COLUMNS = [
    Column("name", "Name"),
    Column("active", "Active", "boolean"),
    Column("qty", "Quantity", "integer"),
    Column("weight", "Weight", "float", digits=3),
    Column("date", "Date", "date"),
    Column("write_date", "Last Updated on", "datetime"),
    Column("partner_id", "Partner", "many2one"),
    Column("tag_ids", "Tags", "many2many"),
]
ROW = (
    "Azure Interior",
    True,
    -5,
    1.5,
    datetime.date(2026, 11, 21),
    datetime.datetime(2026, 11, 21, 14, 30, 5),
    Reference(7, "Deco Addict"),
    [Reference(1, "VIP"), Reference(2, "Retail, EU")],
)


def export(columns, *batches, options=None):
    fileobj = io.BytesIO()
    writer = make_writer("csv", fileobj, columns, options)
    for batch in batches:
        writer.write_rows(batch)
    writer.close()
    assert not fileobj.closed
    return writer, fileobj.getvalue()


def read(data, encoding="utf-8", **fmtparams):
    return list(csv.reader(io.StringIO(data.decode(encoding), newline=""), **fmtparams))


def test_values_follow_odoo_csv_export():
    writer, data = export(COLUMNS, [ROW], [(None, False, 0, 2.0, None, None, None, [])])
    assert writer.rows_written == 2
    header, first, second = read(data)
    assert header == [column.label for column in COLUMNS]
    assert first == [
        "Azure Interior",
        "True",
        "-5",
        "1.500",
        "2026-11-21",
        "2026-11-21 14:30:05",
        "Deco Addict",
        "VIP,Retail, EU",
    ]
    assert second == ["", "False", "0", "2.000", "", "", "", ""]


def test_header_with_technical_names():
    _writer, data = export(COLUMNS, [ROW], options={"header": "name"})
    assert read(data)[0] == [column.name for column in COLUMNS]


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8", "Łódź 東京"),
        ("utf-8-sig", "Łódź 東京"),
        ("cp1252", "Café €"),
        ("latin-1", "Café"),
        ("cp1251", "Привет, мир"),
    ],
)
def test_encodings(encoding, text):
    columns = [Column("name", "Имя" if encoding == "cp1251" else "Name")]
    _writer, data = export(columns, [(text,)], options={"encoding": encoding})
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    rows = read(data, "utf-8" if encoding == "utf-8-sig" else encoding)
    assert rows[1] == [text]
    if encoding == "utf-8-sig":
        assert rows[0] == ["\ufeffName"]
    assert data.count(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_quotechar_newlines(delimiter):
    options = {"delimiter": delimiter, "quotechar": "'", "escape_formulas": False}
    tricky = f"line 1\nline 2 {delimiter} with 'quotes' and \"doubles\""
    _writer, data = export(COLUMNS[:2], [(tricky, True)], options=options)
    rows = read(data, delimiter=delimiter, quotechar="'")
    assert rows == [["Name", "Active"], [tricky, "True"]]
    assert data.endswith(b"\r\n")


def test_unencodable_character_names_row_column_and_value():
    fileobj = io.BytesIO()
    writer = make_writer("csv", fileobj, COLUMNS[:2], {"encoding": "cp1252"})
    writer.write_rows([("Plain", True)])
    with pytest.raises(WriterError) as error:
        writer.write_rows([("Smile \u263a", False)])
    message = str(error.value)
    assert "Row 3" in message
    assert '"Name"' in message
    assert "Smile \u263a" in message
    assert "cp1252" in message


def test_formula_neutralisation():
    columns = [
        Column("a", "A"),
        Column("b", "B"),
        Column("c", "C", "integer"),
        Column("d", "D", "many2one"),
    ]
    row = ("=1+1", "-5+A1", -5, Reference(1, "@SUM(A1)"))
    _writer, data = export(columns, [row])
    assert read(data)[1] == ["'=1+1", "'-5+A1", "-5", "'@SUM(A1)"]
    _writer, data = export(columns, [row], options={"escape_formulas": False})
    assert read(data)[1] == ["=1+1", "-5+A1", "-5", "@SUM(A1)"]


def test_formulas_are_neutralised_by_default_but_not_numbers_or_phones():
    """Issue 10: the failed-rows file is a CSV written with the defaults; a
    formula copied from the input must not run when it is opened, while a
    text that is a signed number or a phone number stays as it was."""
    columns = [Column(name, name.upper()) for name in ("a", "b", "c", "d", "e")]
    row = ("=HYPERLINK(1)", "+1 555-555-5556", "-12.5", "+33 (0)6 12", "-1+cmd|x")
    _writer, data = export(columns, [row])
    assert read(data)[1] == [
        "'=HYPERLINK(1)",
        "+1 555-555-5556",
        "-12.5",
        "+33 (0)6 12",
        "'-1+cmd|x",
    ]


@pytest.mark.parametrize(
    "options",
    [
        {"delimiter": ";;"},
        {"delimiter": "\n"},
        {"quotechar": ","},
        {"encoding": "klingon"},
        {"header": "both"},
    ],
)
def test_bad_options_raise_writer_error(options):
    with pytest.raises(WriterError):
        make_writer("csv", io.BytesIO(), COLUMNS, options)


def test_bad_format_columns_and_rows():
    with pytest.raises(WriterError, match="Unsupported export format"):
        make_writer("ods", io.BytesIO(), COLUMNS)
    with pytest.raises(WriterError, match="no column"):
        make_writer("csv", io.BytesIO(), [])
    writer = make_writer("csv", io.BytesIO(), COLUMNS)
    with pytest.raises(WriterError, match="Row 2: expected 8 values, got 1"):
        writer.write_rows([("only one",)])


def test_records_expand_into_lines_as_odoo_export():
    """Odoo's ``_export_rows`` layout: each relation's first line merges into
    the record's line, its other lines follow, relation after relation."""
    columns = [
        Column("name", "Name"),
        Column("child_ids/name", "Contact"),
        Column("child_ids/qty", "Qty", "float", digits=2),
        Column("bank_ids", "Banks", "one2many"),
    ]
    children = Lines(
        "child_ids",
        (1, 2),
        [Record([None, n, q, None]) for n, q in (("A, x", 10.5), ("B", 0.0))],
    )
    record = Record(
        ["Co", None, None, [Reference(1, "BE1"), Reference(2, "BE2")]], (children,)
    )
    fileobj = io.BytesIO()
    writer = make_writer("csv", fileobj, columns)
    writer.write_records(
        [record, Record(["Alone", None, None, []], (Lines("child_ids", (1, 2), []),))]
    )
    writer.close()
    rows = list(csv.reader(io.StringIO(fileobj.getvalue().decode("utf-8-sig"))))
    assert rows[1:] == [
        ["Co", "A, x", "10.50", "BE1"],
        ["", "B", "0.00", ""],
        ["", "", "", "BE2"],
        ["Alone", "", "", ""],
    ]
