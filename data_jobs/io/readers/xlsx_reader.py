"""XLSX reader: openpyxl in read-only mode, so rows stream from the zip archive.

Cells keep their Python types (int, float, bool, datetime, str); formulas give
their cached values. A date typed in Excel reads as a midnight ``datetime``, so
it becomes a ``date`` unless its number format shows a time.
"""

import datetime
import re
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .base import BaseReader, ReaderError

# Literal text, escapes and [colour]/[$-locale] tags hide letters that are no codes;
# elapsed-time tags such as [h] are kept.
_NOT_CODES = re.compile(r'"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]')
_TIME_CODES = re.compile(r"[hs]|am/pm|a/p")
# What openpyxl raises on a file that is not a valid workbook (ParseError is a
# SyntaxError); anything else is a bug and must surface as such.
_UNREADABLE = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
    SyntaxError,
)


class XlsxReader(BaseReader):
    """Reader for Excel 2007+ workbooks (.xlsx)."""

    def __init__(self, fileobj, options=None):
        super().__init__(fileobj, options)
        fileobj.seek(0)
        try:
            self.workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except _UNREADABLE as error:
            raise ReaderError(
                f"The file cannot be read as an Excel workbook (.xlsx): {error}"
            ) from None
        self.worksheet = self._sheet(self.options.get("sheet"))
        self.worksheet.reset_dimensions()  # some writers store wrong dimensions
        self.detected = {
            "sheet": self.worksheet.title,
            "sheets": list(self.workbook.sheetnames),
        }
        try:
            self._read_headers()
        except ReaderError:
            self.close()
            raise

    def _sheet(self, sheet):
        names = self.workbook.sheetnames
        if sheet is None or sheet == "":
            index = 0
        elif isinstance(sheet, int) and not isinstance(sheet, bool):
            index = sheet
        elif sheet in names:
            index = names.index(sheet)
        else:
            folded = [name.strip().casefold() for name in names]
            wanted = str(sheet).strip().casefold()
            if wanted in folded:
                index = folded.index(wanted)
            else:  # "2" typed in a form means the index when no sheet is named so
                index = int(wanted) if wanted.isdigit() else None
        if index is None or not 0 <= index < len(names):
            self.workbook.close()
            listed = ", ".join(f"'{name}'" for name in names)
            raise ReaderError(f"Sheet {sheet!r} not found; the sheets are: {listed}.")
        return self.workbook[names[index]]

    def _rows(self):
        for row_number, cells in enumerate(self.worksheet.iter_rows(), 1):
            yield row_number, [_cell_value(cell) for cell in cells]

    def close(self):
        self.workbook.close()


def _cell_value(cell):
    value = cell.value
    if (
        isinstance(value, datetime.datetime)
        and value.time() == datetime.time(0)
        and not _shows_time(cell.number_format)
    ):
        return value.date()
    return value


def _shows_time(number_format) -> bool:
    """Whether an Excel number format displays hours, minutes or seconds."""
    if not number_format:
        return False
    section = number_format.split(";")[0]
    return bool(_TIME_CODES.search(_NOT_CODES.sub("", section).lower()))
