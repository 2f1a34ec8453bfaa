"""Export writers: one class per file format behind ``make_writer``."""

from .base import BaseWriter, WriterError
from .csv_writer import CsvWriter
from .json_writer import JsonWriter
from .pdf_writer import PdfWriter
from .xlsx_writer import ExcelWriter

WRITERS = {
    "csv": CsvWriter,
    "xlsx": ExcelWriter,
    "pdf": PdfWriter,
    "json": JsonWriter,
}

__all__ = ["WRITERS", "BaseWriter", "WriterError", "make_writer"]


def make_writer(file_format, fileobj, columns, options=None, meta=None) -> BaseWriter:
    """Writer for ``file_format`` over ``fileobj`` (a binary, seekable file)."""
    try:
        writer_class = WRITERS[file_format]
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise WriterError(
            f"Unsupported export format {file_format!r} (expected one of {known})."
        ) from None
    return writer_class(fileobj, columns, options, meta)
