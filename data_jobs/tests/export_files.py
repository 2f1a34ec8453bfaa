# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Export files read back as rows, whatever their format, for the tests."""

import csv
import io
import json

import openpyxl
from PyPDF2 import PdfReader

FORMATS = ("csv", "xlsx", "json", "pdf")


def read_export(job):
    """``(header, rows)`` of a CSV or XLSX export (rows as lists; XLSX cells
    keep their types), ``(names, records)`` of a JSON export and ``(None,
    text)`` of a PDF, the text of all its pages."""
    raw = job.sudo().output_file_id.raw
    if job.file_format == "csv":
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        return rows[0], rows[1:]
    if job.file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(raw), read_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        return rows[0], rows[1:]
    if job.file_format == "json":
        data = json.loads(raw)
        return [c["name"] for c in data["metadata"]["columns"]], data["records"]
    return None, "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages
    )


def json_table(names, records):
    """The table lines of a JSON export's records (``names``: its columns),
    laid out as the CSV export lays them: a relation's first line merged into
    its record's line, its other lines after it. Shows the nested JSON holds
    the same cells as the tables. A list under a column's name is a bare
    x2many's references unless other columns go through it: then it holds
    the relation's lines (and the bare column is their ``display_name``)."""
    return [line for record in records for line in _json_lines(names, record, "")]


def _json_lines(names, obj, prefix):
    main, extra = [None] * len(names), []
    for key, value in obj.items():
        name = prefix + key
        if name not in names and key == "display_name" and prefix[:-1] in names:
            name = prefix[:-1]  # a bare x2many beside paths through it
        has_lines = any(n.startswith(name + "/") for n in names)
        if name in names and not isinstance(value, list):
            main[names.index(name)] = value
            continue
        if name in names and not has_lines:  # a bare x2many: a reference a line
            lines = [[None] * len(names) for _item in value]
            for line, item in zip(lines, value, strict=True):
                line[names.index(name)] = item
        else:  # a relation's lines
            lines = [
                row for sub in value for row in _json_lines(names, sub, name + "/")
            ]
        if lines:
            for index, cell in enumerate(lines[0]):
                if cell is not None and cell != "":
                    main[index] = cell
            extra += lines[1:]
    return [main, *extra]
