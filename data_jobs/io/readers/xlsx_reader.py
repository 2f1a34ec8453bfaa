"""XLSX reader: openpyxl in read-only mode, so rows stream from the zip archive.

Cells keep their Python types (int, float, bool, datetime, str); formulas give
their cached values. A date typed in Excel reads as a midnight ``datetime``, so
it becomes a ``date`` unless its number format shows a time.

The archive is checked first (``xlsx_archive``: not a workbook, encrypted, a
zip bomb); then a formula without a cached value, an error value (#N/A) or a
text PostgreSQL cannot store is reported on its row rather than imported as
an empty or wrong cell.
"""

import datetime
import re
import zipfile
import zlib

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..storable import find_unstorable, shown, storable_text
from .base import BaseReader, ReaderError
from .issues import RowIssue
from .xlsx_archive import FormulaCells, open_archive

# Literal text, escapes and [colour]/[$-locale] tags hide letters that are no codes;
# elapsed-time tags such as [h] are kept.
_NOT_CODES = re.compile(r'"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]')
_TIME_CODES = re.compile(r"[hs]|am/pm|a/p")
# What openpyxl raises on a file that is not a valid workbook (ParseError is a
# SyntaxError; a part missing or of the wrong kind surfaces as AttributeError,
# TypeError or IndexError deep inside it). The archive was checked before, so
# these mean a damaged or unusual workbook, not a bug of this reader.
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    SyntaxError,
    AttributeError,
    TypeError,
    IndexError,
)
_DAMAGED = "open it in a spreadsheet app and save it again"


class XlsxReader(BaseReader):
    """Reader for Excel 2007+ workbooks (.xlsx)."""

    def __init__(self, fileobj, options=None):
        super().__init__(fileobj, options)
        self._warned_unplaced = False
        self._archive = open_archive(fileobj, self.limits)
        fileobj.seek(0)
        try:
            self.workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except _UNREADABLE as error:
            self._archive.close()
            raise ReaderError(
                f"The file cannot be read as an Excel workbook (.xlsx) "
                f"({_error_text(error)}). The workbook may be damaged: {_DAMAGED}."
            ) from None
        try:
            self.worksheet = self._sheet(self.options.get("sheet"))
            self.worksheet.reset_dimensions()  # some writers store wrong dimensions
            self.detected = {
                "sheet": storable_text(self.worksheet.title),
                "sheets": [storable_text(ws.title) for ws in self.workbook.worksheets],
            }
            self._read_headers()
        except ReaderError:
            self.close()
            raise

    def _sheet(self, sheet):
        """The sheet named or numbered by ``sheet``; by default the first one
        a spreadsheet app shows (hidden sheets and chart sheets skipped)."""
        tables = self.workbook.worksheets
        names = [ws.title for ws in tables]
        if not tables:
            only = " (only charts)" if self.workbook.sheetnames else ""
            raise ReaderError(
                f"The workbook has no sheet of rows to import{only}. If it "
                f"should have one, it may be damaged: {_DAMAGED}."
            )
        if sheet is None or sheet == "":
            visible = [ws for ws in tables if ws.sheet_state == "visible"]
            return (visible or tables)[0]
        if isinstance(sheet, int) and not isinstance(sheet, bool):
            index = sheet
        elif sheet in names:
            index = names.index(sheet)
        else:
            folded = [name.strip().casefold() for name in names]
            wanted = str(sheet).strip().casefold()
            if wanted in folded:
                index = folded.index(wanted)
            elif wanted in (n.strip().casefold() for n in self.workbook.sheetnames):
                raise ReaderError(
                    f"Sheet {shown(sheet)!r} is a chart, not a sheet of rows."
                )
            else:  # "2" typed in a form means the index when no sheet is named so
                index = int(wanted) if wanted.isdigit() else None
        if index is None or not 0 <= index < len(names):
            listed = ", ".join(f"'{name}'" for name in names)
            raise ReaderError(
                f"Sheet {shown(sheet)!r} not found; the sheets are: {listed}."
            )
        return tables[index]

    def _rows(self):
        formulas = FormulaCells(
            self._archive, getattr(self.worksheet, "_worksheet_path", None)
        )
        pending = next(formulas, None)
        rows = self.worksheet.iter_rows()
        row_number = 0
        try:
            while True:
                try:
                    cells = next(rows)
                except StopIteration:
                    break
                except _UNREADABLE as error:
                    raise ReaderError(
                        f"Row {row_number + 1} and the rows after it cannot be read "
                        f"({_error_text(error)}). The workbook may be damaged: "
                        f"{_DAMAGED}."
                    ) from None
                row_number += 1
                issues = []
                values = [self._value(i, c, issues) for i, c in enumerate(cells)]
                while pending is not None and pending[0] <= row_number:
                    if pending[0] == row_number:
                        self._formula_issue(pending[1] - 1, values, issues)
                    pending = next(formulas, None)
                yield row_number, values, issues
        finally:
            formulas.close()
        if formulas.unplaced and not self._warned_unplaced:
            self._warned_unplaced = True
            self._warn(
                "formula",
                f"{formulas.unplaced:,} formula cells have no computed value and "
                "read as empty: open the file in a spreadsheet app, save it, and "
                "import it again.",
            )

    def _value(self, index, cell, issues):
        value = _cell_value(cell)
        if isinstance(value, str):
            if getattr(cell, "data_type", None) == "e":
                issues.append(
                    RowIssue(
                        "excel_error",
                        f"{self._column(index)} holds the spreadsheet error "
                        f"{shown(value, 20)} (a formula that failed): correct it "
                        "in the file.",
                        index,
                    )
                )
            if find_unstorable(value) is not None:
                value = storable_text(value)
                issues.append(
                    RowIssue(
                        "nul",
                        f"{self._column(index)} contains characters that cannot "
                        "be stored (NUL or an invalid escape).",
                        index,
                    )
                )
            if len(value) > self.limits.cell_size:
                issues.append(
                    RowIssue(
                        "cell_size",
                        f"{self._column(index)} holds {len(value):,} characters, "
                        f"more than the {self.limits.cell_size:,} an import "
                        "accepts (max_cell_size).",
                        index,
                    )
                )
        return value

    def _formula_issue(self, index, values, issues):
        if index < len(values) and values[index] is not None:
            return
        issues.append(
            RowIssue(
                "formula",
                f"{self._column(index)} holds a formula without a computed value "
                "(the file was written by a program that does not calculate "
                "formulas): open the file in a spreadsheet app, save it, and "
                "import it again.",
                index,
            )
        )
        if index >= len(values):  # keep the row's width up to that cell
            values.extend([None] * (index + 1 - len(values)))

    def _column(self, index):
        return self.column_name(index).capitalize()

    def close(self):
        workbook = getattr(self, "workbook", None)
        if workbook is not None:
            workbook.close()
        self._archive.close()


def _error_text(error):
    """openpyxl's own words, with the exception's name when they are cryptic."""
    text = str(error).strip()
    if isinstance(error, AttributeError | TypeError | IndexError | KeyError):
        return f"{type(error).__name__}: {text}" if text else type(error).__name__
    return text or type(error).__name__


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
