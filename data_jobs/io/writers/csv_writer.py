"""CSV export, streamed row by row so memory stays flat whatever the size.

Values follow Odoo's own CSV export so files re-import cleanly: booleans are
``True``/``False``, x2many names are joined with ``,`` (the csv module quotes
them), dates are ISO. Floats keep a ``.`` decimal point and no thousands
separator; ``digits`` fixes the number of decimals. Lines end with CRLF
(csv module default, as RFC 4180 says).
"""

import codecs
import csv

from ..formula import neutralise
from .base import BaseWriter, WriterError, relational_text, temporal_text


class CsvWriter(BaseWriter):
    def __init__(self, fileobj, columns, options=None, meta=None):
        super().__init__(fileobj, columns, options, meta)
        self.encoding = self.option("encoding", "utf-8")
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise WriterError(f"Unknown encoding {self.encoding!r}.") from None
        self.escape_formulas = bool(self.option("escape_formulas", True))
        delimiter = self._single_char("delimiter", ",")
        quotechar = self._single_char("quotechar", '"')
        if delimiter == quotechar:
            raise WriterError("The delimiter and the quote character must differ.")
        self.csv = csv.writer(
            _EncodingSink(fileobj, self.encoding),
            delimiter=delimiter,
            quotechar=quotechar,
            quoting=csv.QUOTE_MINIMAL,
        )
        self._write_header()

    def _single_char(self, key, default):
        value = self.option(key, default)
        if not isinstance(value, str) or len(value) != 1 or value in "\r\n":
            raise WriterError(f"The {key} must be a single character, not {value!r}.")
        return value

    def _write_header(self):
        header = [self._text(label) for label in self.headers]
        try:
            self.csv.writerow(header)
        except UnicodeEncodeError as error:
            raise WriterError(
                f"The header cannot be encoded in {self.encoding}: {error.reason} "
                f"({error.object[error.start : error.end]!r})."
            ) from None

    def _text(self, text):
        return neutralise(text) if self.escape_formulas else text

    def _cell(self, column, value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, float) and column.digits is not None:
            return f"{value:.{column.digits}f}"
        if isinstance(value, int | float):
            return str(value)
        text = temporal_text(value)
        if text is not None:
            return text
        text = relational_text(value, ",")
        return self._text(str(value) if text is None else text)

    def _write_row(self, row):
        cells = [
            self._cell(column, value)
            for column, value in zip(self.columns, row, strict=True)
        ]
        try:
            self.csv.writerow(cells)
        except UnicodeEncodeError:
            raise self._encoding_error(row, cells) from None

    def _encoding_error(self, row, cells):
        """Find which cell the encoding rejects, to tell the user exactly."""
        for column, value, cell in zip(self.columns, row, cells, strict=True):
            try:
                cell.encode(self.encoding)
            except UnicodeEncodeError as error:
                bad = error.object[error.start : error.end]
                return self.cell_error(
                    column, value, f"{bad!r} cannot be encoded in {self.encoding}."
                )
        return WriterError(f"{self.position()} cannot be encoded in {self.encoding}.")

    def _finish(self):
        self.fileobj.flush()


class _EncodingSink:
    """Text target for csv.writer, encoding each line into the caller's file.

    Used instead of io.TextIOWrapper, which closes the wrapped file when it is
    garbage-collected (e.g. after an error) although the caller owns it. The
    incremental encoder writes the utf-8-sig BOM once, at the start.
    """

    def __init__(self, fileobj, encoding):
        self.fileobj = fileobj
        self.encode = codecs.getincrementalencoder(encoding)("strict").encode

    # a file-like sink for csv.writer, not an ORM write: there is no super()
    def write(self, text):  # pylint: disable=method-required-super
        return self.fileobj.write(self.encode(text))
