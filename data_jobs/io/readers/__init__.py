"""Import readers: stream the rows of a CSV or XLSX file, format chosen by name."""

import os

from .base import BaseReader, ReaderError
from .csv_reader import CsvReader
from .issues import CODES, ERROR, WARNING, ReaderWarning, Row, RowIssue
from .xlsx_reader import XlsxReader

READERS = {".csv": CsvReader, ".txt": CsvReader, ".tsv": CsvReader, ".xlsx": XlsxReader}

__all__ = [
    "CODES",
    "ERROR",
    "WARNING",
    "BaseReader",
    "CsvReader",
    "ReaderError",
    "ReaderWarning",
    "Row",
    "RowIssue",
    "XlsxReader",
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
        raise ReaderError(f"Unsupported file type {shown}: use CSV or XLSX.")
    options = dict(options or {})
    if extension == ".tsv" and not options.get("delimiter"):
        options["delimiter"] = "\t"
    return reader_class(fileobj, options)
