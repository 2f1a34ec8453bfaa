"""XLSX export with typed cells, streamed with XlsxWriter's constant_memory mode.

Rows go to disk as soon as they are written, so memory stays flat. Numbers,
dates and booleans are real Excel values so users can sort and sum them.
XlsxWriter builds the workbook (sheets, styles, widths, frozen header,
autofilter); the data rows, by far the bulk of the work, are serialised here
straight into the sheet's row stream: XlsxWriter's generic per-cell path
costs about 7 microseconds a cell, the whole budget of a fast export.
A sheet holds at most ``max_sheet_rows`` data rows; the export then goes on in
"<title> (2)", "<title> (3)"... sheets, each with its own header.

Texts are written as typed string cells (inline strings; the header through
``write_string``), never as formulas: a spreadsheet shows a string cell as it
is, even "=1+1", so nothing is prefixed with a quote here and a phone number
such as "+1 555-555-5556" comes out exactly as the database holds it. The
``escape_formulas`` option only matters where text is evaluated (CSV).
"""

import datetime
import itertools
import math
import re
from xml.sax.saxutils import escape

import xlsxwriter

from .base import BaseWriter, WriterError, relational_text, temporal_text

EXCEL_MAX_DATA_ROWS = 1_048_575  # 1,048,576 rows minus the header
EXCEL_MAX_STRING = 32_767
SHEET_NAME_MAX = 31
WIDTH_SAMPLE_ROWS = 100
WIDTH_MIN, WIDTH_MAX = 6, 60
FLUSH_ROWS = 500
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_ESCAPE_LIKE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")


class ExcelWriter(BaseWriter):
    def __init__(self, fileobj, columns, options=None, meta=None):
        super().__init__(fileobj, columns, options, meta)
        self.max_sheet_rows = self.option("max_sheet_rows", EXCEL_MAX_DATA_ROWS)
        if not isinstance(self.max_sheet_rows, int) or not (
            0 < self.max_sheet_rows <= EXCEL_MAX_DATA_ROWS
        ):
            raise WriterError(
                f"max_sheet_rows must be between 1 and {EXCEL_MAX_DATA_ROWS}, "
                f"not {self.max_sheet_rows!r}."
            )
        self.workbook = xlsxwriter.Workbook(
            fileobj,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.header_format = self.workbook.add_format({"bold": True})
        self.formats = {}
        self.widths = None
        self.sheet_base_name = _sheet_name(self.meta.get("title") or "Data")
        self.sheet_count = 0
        self.sheet = None
        self.sheet_rows = 0
        self.sheet_started = False  # by start_sheet, and not written yet
        self.pending = []  # serialised rows not yet in the sheet's stream
        self.styles = None  # per column: the xf index of its number format

    def start_sheet(self, title, columns):
        """Go on in a new sheet named ``title`` with other columns (an import's
        result file holds one sheet per sheet of the imported workbook). A
        started sheet is kept even with no row, with its header."""
        if self.sheet is None and self.sheet_started:
            self.widths = self._column_widths([])
            self._new_sheet()
        self.sheet_started = True
        self._finish_sheet()
        self.columns = tuple(columns)
        if not self.columns:
            raise WriterError("A sheet needs at least one column.")
        by_name = self.option("header", "label") == "name"
        self.headers = [c.name if by_name else c.label for c in self.columns]
        self.sheet_base_name = _sheet_name(title)
        self.sheet_count = 0
        self.sheet = None
        self.widths = None

    def write_rows(self, rows):
        if self.widths is None:
            rows = iter(rows)
            sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
            self.widths = self._column_widths(sample)
            rows = itertools.chain(sample, rows)
            self._new_sheet()
        return super().write_rows(rows)

    def position(self):
        return f'Sheet "{self.sheet.name}", row {self.sheet_rows + 2}'

    def _column_widths(self, sample):
        """Widths from the header and first rows: must be set before any row."""
        widths = []
        for index, label in enumerate(self.headers):
            lengths = [_display_length(row[index]) for row in sample]
            width = max([len(label) * 1.2, *lengths]) + 2
            widths.append(min(max(width, WIDTH_MIN), WIDTH_MAX))
        return widths

    def _new_sheet(self):
        self._finish_sheet()
        self.sheet_count += 1
        name = self.sheet_base_name
        if self.sheet_count > 1:
            suffix = f" ({self.sheet_count})"
            name = name[: SHEET_NAME_MAX - len(suffix)].rstrip("' ") + suffix
        self.sheet = self.workbook.add_worksheet(name)
        self.sheet_rows = 0
        for index, width in enumerate(self.widths or []):
            self.sheet.set_column(index, index, width)
        for index, label in enumerate(self.headers):
            self.sheet.write_string(0, index, label, self.header_format)
        self.sheet.freeze_panes(1, 0)
        # Write the header row out: the data rows follow it in the stream.
        self.sheet._write_single_row(1)
        self.letters = [_column_letter(i) for i in range(len(self.columns))]
        self.styles = [self._xf(self._number_format(c)) for c in self.columns]
        self.date_styles = {
            False: self._xf(self._format("yyyy-mm-dd")),
            True: self._xf(self._format("yyyy-mm-dd hh:mm:ss")),
        }

    def _finish_sheet(self):
        if self.sheet is not None:
            self._flush_rows()
            last_column = len(self.columns) - 1
            self.sheet.dim_rowmax = max(self.sheet.dim_rowmax or 0, self.sheet_rows)
            self.sheet.autofilter(0, 0, self.sheet_rows, last_column)

    def _flush_rows(self):
        if self.pending:
            self.sheet.row_data_fh.write("".join(self.pending))
            self.pending = []

    def _write_row(self, row):
        if self.sheet_rows >= self.max_sheet_rows:
            self._new_sheet()
        number = self.sheet_rows + 2  # 1-based, after the header
        cells = []
        for letter, style, column, value in zip(
            self.letters, self.styles, self.columns, row, strict=True
        ):
            if value is None:
                continue
            try:
                cells.append(self._cell(f"{letter}{number}", style, column, value))
            except (TypeError, ValueError, OverflowError) as error:
                raise self.cell_error(column, value, str(error)) from None
        self.pending.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(self.pending) >= FLUSH_ROWS:
            self._flush_rows()
        self.sheet_rows += 1

    def _cell(self, ref, style, column, value):
        """One cell's XML, as XlsxWriter's constant_memory mode writes it."""
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            if not math.isfinite(value):
                raise ValueError("Excel cells cannot hold infinite or NaN numbers.")
            style_attr = f' s="{style}"' if style else ""
            return f'<c r="{ref}"{style_attr}><v>{value!r}</v></c>'
        if isinstance(value, datetime.date) and value.year >= 1900:
            # Excel cannot represent dates before 1900: those go as ISO text.
            is_datetime = isinstance(value, datetime.datetime)
            serial = self.sheet._convert_date_time(value)
            style = self.date_styles[is_datetime]
            return f'<c r="{ref}" s="{style}"><v>{serial!r}</v></c>'
        text = temporal_text(value) or relational_text(value, ", ")
        # a string cell, never evaluated: no formula prefix (see the docstring)
        text = str(value) if text is None else text
        if not text:
            return ""
        if len(text) > EXCEL_MAX_STRING:
            raise self.cell_error(
                column,
                value,
                f"{len(text)} characters, Excel cells hold at most "
                f"{EXCEL_MAX_STRING}.",
            )
        return f'<c r="{ref}" t="inlineStr"><is>{_inline_text(text)}</is></c>'

    def _xf(self, cell_format):
        return cell_format._get_xf_index() if cell_format is not None else 0

    def _number_format(self, column):
        digits = column.digits
        if column.kind == "monetary":
            digits = 2 if digits is None else digits
        if column.kind == "integer":
            return self._format("0")
        if digits is None:
            return None
        num_format = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        if column.kind == "monetary" and column.currency_symbol:
            symbol = column.currency_symbol.replace('"', "")
            num_format = f'"{symbol}" {num_format}'
        return self._format(num_format)

    def _format(self, num_format):
        if num_format not in self.formats:
            self.formats[num_format] = self.workbook.add_format(
                {"num_format": num_format}
            )
        return self.formats[num_format]

    def _finish(self):
        if self.sheet is None:
            self.widths = self.widths or self._column_widths([])
            self._new_sheet()
        self._finish_sheet()
        self.workbook.close()


def _inline_text(text):
    """``<t>`` of an inline string: XML-escaped (XlsxWriter's own path would
    write text shaped ``<r>...</r>`` as raw XML), characters XML cannot hold
    and literal ``_xHHHH_`` written the way Excel reads them back."""
    if _SPECIAL.search(text):
        text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
        text = escape(text)
        text = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _column_letter(index):
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _display_length(value):
    """Rough number of characters Excel will show, to size the column."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 19
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    text = relational_text(value, ", ")
    text = str(value) if text is None else text
    return max((len(line) for line in text.splitlines()), default=0)


def _sheet_name(title):
    """A valid Excel sheet name: no []:*?/\\ characters, at most 31 characters."""
    name = re.sub(r"[\[\]:*?/\\\s]+", " ", str(title)).strip(" '")
    return name[:SHEET_NAME_MAX].rstrip("' ") or "Data"
