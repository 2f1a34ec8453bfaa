"""The JSON reader reads back what the JSON writer writes, as header + lines rows."""

import datetime
import io
import json
import re

import pytest
from data_jobs_io.readers import (
    JsonReader,
    ReaderError,
    import_format,
    open_reader,
)
from data_jobs_io.readers import json_reader as json_reader_module
from data_jobs_io.values import Column, Reference
from data_jobs_io.writers import make_writer

COLUMNS = [
    Column("id", "External ID"),
    Column("name", "Name"),
    Column("qty", "Quantity", "integer"),
    Column("amount", "Amount", "monetary"),
    Column("active", "Active", "boolean"),
    Column("date", "Date", "date"),
    Column("write_date", "Last Updated on", "datetime"),
    Column("country_id", "Country", "many2one"),
    Column("category_id", "Tags", "many2many"),
    Column("child_ids/name", "Contacts / Name"),
    Column("child_ids/country_id", "Contacts / Country", "many2one"),
]
ROWS = [
    (
        "__export__.res_partner_7",
        "Café “Le Zinc”",
        3,
        12.5,
        True,
        datetime.date(2026, 11, 21),
        datetime.datetime(2026, 11, 21, 14, 30, 5),
        Reference(20, "Belgium"),
        [Reference(1, "VIP"), Reference(2, "Retail, Wholesale")],
        ["Ann", "Bob"],
        [Reference(20, "Belgium"), Reference(21, "France")],
    ),
    (None, "Empty", 0, 0.0, False, None, None, None, [], [], []),
]
HEADERS = [
    "id",
    "name",
    "qty",
    "amount",
    "active",
    "date",
    "write_date",
    "country_id/.id",
    "category_id/.id",
    "child_ids/name",
    "child_ids/country_id/.id",
]
EXPECTED = [
    (
        2,
        [
            "__export__.res_partner_7",
            "Café “Le Zinc”",
            3,
            12.5,
            True,
            "2026-11-21",
            "2026-11-21T14:30:05",
            20,
            "1,2",
            "Ann",
            20,
        ],
    ),
    (3, [None] * 9 + ["Bob", 21]),
    (4, [None, "Empty", 0, 0.0, False, None, None, None, None, None, None]),
]


def exported(json_lines=False, rows=None):
    fileobj = io.BytesIO()
    writer = make_writer(
        "json", fileobj, COLUMNS, {"json_lines": json_lines}, {"model": "res.partner"}
    )
    writer.write_rows(ROWS if rows is None else rows)
    writer.close()
    return fileobj.getvalue()


def read(data, name="file.json", options=None):
    reader = open_reader(io.BytesIO(data), name, options)
    rows = [(number, list(row)) for number, row in reader]
    return reader, rows


@pytest.mark.parametrize("json_lines", [False, True])
def test_reads_back_what_the_writer_writes(json_lines):
    reader, rows = read(exported(json_lines))
    assert isinstance(reader, JsonReader)
    assert reader.detected["layout"] == ("json_lines" if json_lines else "json")
    assert reader.headers == HEADERS
    assert rows == EXPECTED
    assert reader.metadata["model"] == "res.partner"
    assert reader.count_rows() == 3
    assert reader.warnings == []


def test_jsonl_extension_and_formats():
    reader, rows = read(exported(True), "partners.jsonl")
    assert rows == EXPECTED
    assert import_format("a.jsonl") == import_format("a.JSON") == "json"
    assert import_format("a.xlsx") == "xlsx"
    assert import_format("a.txt") == "csv"


def test_nested_lines_and_references():
    document = {
        "records": [
            {
                "name": "SO1",
                "partner_id": {"xmlid": "base.res_partner_1", "display_name": "X"},
                "tag_ids": [{"display_name": "A"}, {"display_name": "B"}],
                "order_line": [
                    {"product_id": {"id": 5}, "product_uom_qty": 2, "tax_id": []},
                    {"product_id": {"id": 6}, "product_uom_qty": 1.5},
                ],
            },
            {"name": "SO2", "order_line": []},
        ]
    }
    reader, rows = read(json.dumps(document).encode())
    assert reader.headers == [
        "name",
        "partner_id/id",
        "tag_ids",
        "order_line/product_id/.id",
        "order_line/product_uom_qty",
    ]
    assert rows == [
        (2, ["SO1", "base.res_partner_1", "A,B", 5, 2]),
        (3, [None, None, None, 6, 1.5]),
        (4, ["SO2", None, None, None, None]),
    ]


def test_many2many_of_lines_stays_on_its_line():
    document = [{"name": "P", "lines": [{"tax_ids": [{"id": 1}, {"id": 2}]}]}]
    _reader, rows = read(json.dumps(document).encode())
    assert rows == [(2, ["P", "1,2"])]


def test_bare_array_and_plain_lists():
    data = b'[{"name": "A", "tags": ["x", "y"]}, {"name": "B"}]'
    reader, rows = read(data)
    assert reader.headers == ["name", "tags"]
    assert rows == [(2, ["A", "x,y"]), (3, ["B", None])]


def test_records_that_cannot_be_rows_are_row_errors():
    data = (
        b'{"records": [{"a": 1}, 5, {"a": {"street": "x"}}, '
        b'{"a": [{"b": [{"c": 1}]}]}, {"a": [{"id": 1}, {"xmlid": "m.x"}]}]}'
    )
    reader = open_reader(io.BytesIO(data), "f.json")
    rows = list(reader)
    assert [number for number, _row in rows] == [2, 3, 4, 5, 6]
    assert rows[0][1].errors == ()
    messages = [row.errors[0].message for _number, row in rows[1:]]
    assert messages[0] == (
        "Record 2 (line 1 of the file) is a number, not an object of field "
        "names and values ({...})."
    )
    assert "'a' holds an object that is no related record" in messages[1]
    assert "lines inside lines" in messages[2]
    assert "mixes related records named by id, external id and name" in messages[3]
    [summary] = reader.warnings
    assert summary.code == "json" and summary.rows == (3, 4, 5, 6)


def test_json_lines_bad_line_is_one_row_error():
    data = b'{"metadata": {"model": "res.partner"}}\n{"a": 1}\n{"a": 2,\n\n{"a": 3}\n'
    reader = open_reader(io.BytesIO(data), "f.json")
    assert reader.metadata == {"model": "res.partner"}
    rows = [(number, list(row), row.errors) for number, row in reader]
    assert [r[:2] for r in rows] == [(2, [1]), (3, [None]), (4, [3])]
    [error] = rows[1][2]
    assert error.message.startswith("Record 2 (line 3 of the file) is not valid JSON:")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \n", "The file is empty."),
        (b"name,email\nA,a@x", "does not start with '{' or '['"),
        (b"%PDF-1.4", "it is a PDF document"),
        (b'[{"a": 1}, {"a": 2]', "not valid JSON at line 1, column 19: Expecting"),
        (b'[{"a": 1}]\n x', "line 2, column 2: more text after the end"),
        (b'{"metadata": {"model": "x"}}', "metadata but no records"),
        (b'{"metadata": {}, "count": 1}', 'no "records" list'),
        (b'{"records": 5}', '"records" must be a list'),
        (b'{"records": []}', "no records with values to import"),
        (b'[{"a": "\xff"}]', "not valid UTF-8"),
    ],
)
def test_bad_files_are_refused_with_position(data, message):
    with pytest.raises(ReaderError, match=re.escape(message)):
        open_reader(io.BytesIO(data), "f.json")


def test_syntax_error_far_in_the_file_gives_its_line():
    records = ",\n".join(json.dumps({"n": i, "s": "x" * 50}) for i in range(5000))
    data = ("[" + records + ",\n{oops}]").encode()
    with pytest.raises(ReaderError, match="line 5001, column 2"):
        open_reader(io.BytesIO(data), "f.json")


def test_streamed_in_bounded_memory(monkeypatch):
    """Records are decoded one at a time over small chunks: the parser's
    buffer never holds much more than a chunk and a record, whatever the
    file's size; values cut at a chunk's end (numbers, strings) are whole."""
    monkeypatch.setattr(json_reader_module, "_CHUNK", 100)
    records = [{"n": 10**20 + i, "s": "é" * (i % 37), "f": i / 3} for i in range(3000)]
    data = json.dumps({"metadata": {}, "records": records}).encode()
    largest = 0
    original = json_reader_module._Stream.fill

    def fill(stream, size=100):
        nonlocal largest
        largest = max(largest, len(stream.buffer))
        return original(stream, size)

    monkeypatch.setattr(json_reader_module._Stream, "fill", fill)
    reader, rows = read(data)
    assert [row for _n, row in rows] == [[r["n"], r["s"], r["f"]] for r in records]
    assert largest < 400  # vs a file of ~130,000 characters


def test_limits_apply():
    data = json.dumps([{f"k{i}": i for i in range(5)}]).encode()
    with pytest.raises(ReaderError, match="max_columns"):
        open_reader(io.BytesIO(data), "f.json", {"max_columns": 4})
    data = json.dumps([{"a": i} for i in range(5)]).encode()
    with pytest.raises(ReaderError, match="max_rows"):
        list(open_reader(io.BytesIO(data), "f.json", {"max_rows": 4}))
    with pytest.raises(ReaderError, match="max_row_size"):
        open_reader(
            io.BytesIO(b'[{"a": "' + b"x" * 300_000 + b'"}]'),
            "f.json",
            {"max_row_size": 1000},
        )
    with pytest.raises(ReaderError, match="max_row_size"):
        open_reader(
            io.BytesIO(b'{"a": "' + b"x" * 5000 + b'"}\n'),
            "f.jsonl",
            {"max_row_size": 1000},
        )
    reader = open_reader(
        io.BytesIO(b'[{"a": "xxxxxxxxxxxx", "b": "a\\u0000b"}]'),
        "f.json",
        {"max_cell_size": 10},
    )
    [(_number, row)] = list(reader)
    assert [issue.code for issue in row.errors] == ["cell_size", "nul"]
    assert row[1] == "a\ufffdb"
