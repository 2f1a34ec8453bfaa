"""CSV reader: streams records through ``io.TextIOWrapper`` and ``csv.reader``.

Only one decoded chunk and one record are in memory at a time, so files of any
size can be imported. Row numbers count records (a quoted field spanning
several lines is one row), as a spreadsheet opening the file shows them.
"""

import codecs
import csv
import io
import re
from contextlib import contextmanager

from .base import BaseReader, ReaderError
from .sniff import SAMPLE_SIZE, detect_delimiter, detect_encoding

_DELIMITER_ALIASES = {"tab": "\t", "\\t": "\t"}
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


class CsvReader(BaseReader):
    """Reader for delimited text files (.csv, .txt, .tsv)."""

    def __init__(self, fileobj, options=None):
        super().__init__(fileobj, options)
        fileobj.seek(0)
        sample = fileobj.read(SAMPLE_SIZE)
        fileobj.seek(0)
        if not sample:
            raise ReaderError("The file is empty.")
        self.encoding = self._encoding(sample)
        self.quotechar = self.options.get("quotechar") or '"'
        self.delimiter = self._delimiter(sample)
        self.detected = {"encoding": self.encoding, "delimiter": self.delimiter}
        self._read_headers()

    def _encoding(self, sample):
        encoding = self.options.get("encoding")
        if not encoding:
            return detect_encoding(sample)
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ReaderError(f"Unknown encoding '{encoding}'.") from None
        if name == "utf-8" and sample.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"  # else the BOM would stick to the first column name
        return encoding

    def _delimiter(self, sample):
        delimiter = self.options.get("delimiter")
        delimiter = _DELIMITER_ALIASES.get(delimiter, delimiter)
        if delimiter:
            if len(delimiter) != 1:
                raise ReaderError(
                    f"The delimiter must be one character, not {delimiter!r}."
                )
            return delimiter
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        text = decoder.decode(sample, final=False)
        above_header = self.header_row - 1
        lines = io.StringIO(text, newline="")
        for _ in range(above_header):  # junk above the header would blur the counts
            lines.readline()
        return detect_delimiter(lines.read(), self.quotechar)

    @contextmanager
    def _text(self, errors="strict"):
        """The file as text from its start; detached after, so it is not closed."""
        self.fileobj.seek(0)
        text = io.TextIOWrapper(
            self.fileobj, encoding=self.encoding, errors=errors, newline=""
        )
        try:
            yield text
        finally:
            text.detach()

    def _csv(self, text):
        return csv.reader(text, delimiter=self.delimiter, quotechar=self.quotechar)

    def _rows(self):
        with self._text() as text:
            records = self._csv(text)
            row_number = 0
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    return
                except UnicodeDecodeError:
                    raise self._decode_error(row_number + 1) from None
                except csv.Error as error:
                    raise _csv_error(row_number + 1, error) from None
                row_number += 1
                yield row_number, record

    def _decode_error(self, near_row):
        """Build the error naming the exact row, found by a tolerant second pass."""
        found = self._find_undecodable()
        if found:
            row_number, byte = found
            where = f"Row {row_number} contains byte 0x{byte:02X}, which"
        else:
            where = f"The file near row {near_row} contains bytes that"
        return ReaderError(
            f"{where} cannot be read as {self.encoding}. Choose the file's "
            f"encoding (e.g. cp1252, cp1251, latin-1) in the import options."
        )

    def _find_undecodable(self):
        try:
            with self._text(errors="surrogateescape") as text:
                for row_number, record in enumerate(self._csv(text), 1):
                    for field in record:
                        escaped = _ESCAPED_BYTE.search(field)
                        if escaped:
                            return row_number, ord(escaped.group()) - 0xDC00
        except (UnicodeDecodeError, csv.Error):  # e.g. a codec without that handler
            return None
        return None


def _csv_error(row_number, error):
    if "field larger than field limit" in str(error):
        return ReaderError(
            f"Row {row_number} has a value longer than {csv.field_size_limit()} "
            "characters: check for a quote that is opened but never closed."
        )
    return ReaderError(f"Row {row_number} cannot be read: {error}.")
