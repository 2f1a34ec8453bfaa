import datetime
import io
import json

import pytest
from data_jobs_io.values import Column, Lines, Record, Reference
from data_jobs_io.writers import WriterError, make_writer

COLUMNS = [
    Column("name", "Name"),
    Column("qty", "Quantity", "integer"),
    Column("amount", "Amount", "monetary"),
    Column("active", "Active", "boolean"),
    Column("date", "Date", "date"),
    Column("write_date", "Last Updated on", "datetime"),
    Column("partner_id", "Partner", "many2one"),
    Column("tag_ids", "Tags", "many2many"),
]
ROW = (
    "Café \u201cLe Zinc\u201d",
    3,
    12.5,
    True,
    datetime.date(2026, 11, 21),
    datetime.datetime(2026, 11, 21, 14, 30, 5),
    Reference(7, "Deco Addict"),
    [Reference(1, "VIP"), Reference(2, "Retail")],
)
EMPTY_ROW = (None, None, None, False, None, None, None, [])
META = {
    "title": "Contacts",
    "model": "res.partner",
    "domain": [["is_company", "=", True]],
    "count": "2",
    "generated_at": "2026-11-21 14:30:00",
    "summary": [("Model", "Contact (res.partner)"), ("Records", "2")],
}
EXPECTED_RECORD = {
    "name": "Café \u201cLe Zinc\u201d",
    "qty": 3,
    "amount": 12.5,
    "active": True,
    "date": "2026-11-21",
    "write_date": "2026-11-21T14:30:05",
    "partner_id": {"id": 7, "display_name": "Deco Addict"},
    "tag_ids": [{"id": 1, "display_name": "VIP"}, {"id": 2, "display_name": "Retail"}],
}


def export(*batches, options=None, meta=None):
    fileobj = io.BytesIO()
    writer = make_writer("json", fileobj, COLUMNS, options, meta)
    for batch in batches:
        writer.write_rows(batch)
    writer.close()
    assert not fileobj.closed
    return fileobj.getvalue()


def test_document_with_metadata_and_records():
    data = export([ROW], [EMPTY_ROW], meta=META)
    assert "Café “Le Zinc”".encode() in data  # UTF-8, not \u escapes
    document = json.loads(data)
    assert list(document) == ["metadata", "records"]
    metadata = document["metadata"]
    assert metadata["model"] == "res.partner"
    assert metadata["domain"] == [["is_company", "=", True]]
    assert metadata["fields"] == [column.name for column in COLUMNS]
    assert metadata["count"] == "2"
    assert metadata["summary"][0] == {
        "label": "Model",
        "value": "Contact (res.partner)",
    }
    assert metadata["columns"][2] == {
        "name": "amount",
        "label": "Amount",
        "kind": "monetary",
    }
    assert document["records"] == [
        EXPECTED_RECORD,
        {
            "name": None,
            "qty": None,
            "amount": None,
            "active": False,
            "date": None,
            "write_date": None,
            "partner_id": None,
            "tag_ids": [],
        },
    ]


def test_empty_export_is_valid_json():
    document = json.loads(export())
    assert document["records"] == []
    assert document["metadata"]["title"] is None


def test_json_lines():
    data = export([ROW], [ROW, EMPTY_ROW], options={"json_lines": True}, meta=META)
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == 4
    assert json.loads(lines[0])["metadata"]["title"] == "Contacts"
    assert json.loads(lines[1]) == EXPECTED_RECORD
    assert json.loads(lines[3])["tag_ids"] == []


def test_import_compatible_strings_pass_through():
    row = ("=1+1", 1, 2.0, False, None, None, "Deco Addict", "VIP,Retail")
    record = json.loads(export([row]))["records"][0]
    assert record["name"] == "=1+1"  # JSON is not opened by spreadsheets
    assert record["partner_id"] == "Deco Addict"
    assert record["tag_ids"] == "VIP,Retail"


def test_nan_is_refused_with_position():
    writer = make_writer("json", io.BytesIO(), COLUMNS)
    writer.write_rows([ROW])
    bad = list(ROW)
    bad[2] = float("nan")
    with pytest.raises(WriterError, match='Record 2, column "Amount"'):
        writer.write_rows([bad])


def test_records_keep_their_lines_nested():
    columns = [
        Column("name", "Name"),
        Column("order_line/product_id", "Product", "many2one"),
        Column("order_line/tax_id/name", "Tax", "char"),
        Column("tag_ids", "Tags", "many2many"),
    ]
    tax = Record([None, None, "VAT", None])
    lines = Lines(
        "order_line",
        (1, 2),
        [
            Record(
                [None, Reference(3, "Desk"), None, None],
                (Lines("tax_id", (2,), [tax]),),
            ),
            Record(
                [None, Reference(4, "Lamp"), None, None], (Lines("tax_id", (2,), []),)
            ),
        ],
    )
    record = Record(["S1", None, None, [Reference(1, "VIP")]], (lines,))
    fileobj = io.BytesIO()
    writer = make_writer("json", fileobj, columns)
    writer.write_records(
        [record, Record(["S2", None, None, []], (Lines("order_line", (1, 2), []),))]
    )
    writer.close()
    records = json.loads(fileobj.getvalue())["records"]
    assert records == [
        {
            "name": "S1",
            "order_line": [
                {
                    "product_id": {"id": 3, "display_name": "Desk"},
                    "tax_id": [{"name": "VAT"}],
                },
                {"product_id": {"id": 4, "display_name": "Lamp"}, "tax_id": []},
            ],
            "tag_ids": [{"id": 1, "display_name": "VIP"}],
        },
        {"name": "S2", "order_line": [], "tag_ids": []},
    ]
    assert writer.rows_written == 2  # records, not lines
