"""Import readers: stream the rows of a CSV, XLSX or JSON file (by its name)."""

import os

from .base import BaseReader, ReaderError
from .csv_reader import CsvReader
from .json_reader import JsonReader
from .issues import CODES, ERROR, WARNING, ReaderWarning, Row, RowIssue
from .xlsx_reader import XlsxReader

READERS = {
    ".csv": CsvReader,
    ".txt": CsvReader,
    ".tsv": CsvReader,
    ".xlsx": XlsxReader,
    ".json": JsonReader,
    ".jsonl": JsonReader,
    ".ndjson": JsonReader,
}

# The job's file_format for an input file's extension (CSV for the rest).
IMPORT_FORMATS = {".xlsx": "xlsx", ".json": "json", ".jsonl": "json", ".ndjson": "json"}

__all__ = [
    "CODES",
    "ERROR",
    "WARNING",
    "BaseReader",
    "CsvReader",
    "JsonReader",
    "ReaderError",
    "ReaderWarning",
    "Row",
    "RowIssue",
    "XlsxReader",
    "import_format",
    "open_reader",
]


def open_reader(fileobj, file_name, options=None) -> BaseReader:
    """Return the reader for ``file_name``'s extension over the binary ``fileobj``.

    ``options`` (plain dict): encoding, delimiter, quotechar, header_row,
    data_start_row, sheet and the ``max_*`` limits; ``None`` values mean
    "detect" or the default.
    """
    extension = os.path.splitext(file_name or "")[1].lower()
    reader_class = READERS.get(extension)
    if reader_class is None:
        shown = f"'{extension}'" if extension else "(no extension)"
        raise ReaderError(f"Unsupported file type {shown}: use CSV, XLSX or JSON.")
    options = dict(options or {})
    if extension == ".tsv" and not options.get("delimiter"):
        options["delimiter"] = "\t"
    if extension in (".jsonl", ".ndjson") and options.get("json_lines") is None:
        options["json_lines"] = True
    return reader_class(fileobj, options)


def import_format(file_name) -> str:
    """``csv``, ``xlsx`` or ``json``: the job's format for an input file."""
    extension = os.path.splitext(file_name or "")[1].lower()
    return IMPORT_FORMATS.get(extension, "csv")
