"""What every import reader shares: options, limits, header, row numbering,
empty rows, and the issues found in rows.

Subclasses only produce the file's physical rows (``_rows``), numbered as a
spreadsheet shows them, with the issues they found in each; this class turns
them into data rows aligned with the header, so CSV and XLSX behave the same
way for the import engine.
"""

from ..convert import is_blank
from ..limits import LimitError, Limits, file_size_error
from ..storable import MAX_MESSAGE, shown, storable_text
from .issues import ERROR, WARNING, IssueLog, ReaderWarning, Row, RowIssue

_SUMMARIES = {
    "nul": "{rows}: NUL characters (byte 0x00) in a cell, which cannot be "
    "stored. The file may be damaged: export it again.",
    "encoding": "{rows}: bytes that are not valid {encoding}. The file mixes "
    "encodings: save it again as UTF-8, or choose its encoding in the import "
    "options.",
    "mojibake": "{rows}: text that looks like UTF-8 read as {encoding} (such as "
    "'Ã©' for 'é'). The file mixes encodings: save it again as UTF-8.",
    "delimiter": "{rows}: one cell only, holding another delimiter than the "
    "file's {delimiter}: these rows seem to use another delimiter.",
    "unclosed_quote": "{rows}: a quote seems opened and never closed, so the "
    "lines after it were read into one cell.",
    "extra_cells": "{rows}: values beyond the {width} named in the header. {extra}",
    "cell_size": "{rows}: a cell longer than {cell_size} characters "
    "(max_cell_size).",
    "formula": "{rows}: formulas without a computed value (the file was written "
    "by a program that does not calculate them): open the file in a "
    "spreadsheet app, save it, and import it again.",
    "excel_error": "{rows}: spreadsheet error values such as #N/A or #DIV/0! "
    "(formulas that failed): correct them in the file.",
}


class ReaderError(Exception):
    """A problem with the file the user can understand and fix (no traceback).

    The message is storable text (no NUL) of bounded length, whatever part of
    the file it quotes.
    """

    def __init__(self, message=""):
        super().__init__(storable_text(message, MAX_MESSAGE))


class BaseReader:
    """Streaming reader of a tabular file; the caller keeps ownership of ``fileobj``.

    Iterating yields ``(row_number, values)`` for each non-empty data row;
    ``values`` is a ``Row``: a list aligned with ``headers`` (padded with
    ``None``, cells beyond the header dropped), whose ``errors`` are the
    problems that must become row errors. After (or during) iteration,
    ``warnings`` summarises them per kind, ``data_rows`` counts the data rows
    read (0: the file has a header only), ``skipped_empty`` the empty ones.
    """

    # Values right of the last named column: in CSV they mean a value with an
    # unquoted delimiter (the row is shifted); in XLSX, notes beside the table.
    extra_cells_severity = WARNING

    def __init__(self, fileobj, options=None):
        self.fileobj = fileobj
        self.options = dict(options or {})
        self.header_row = _positive_int(self.options, "header_row", 1)
        self.data_start_row = _positive_int(
            self.options, "data_start_row", self.header_row + 1
        )
        if self.data_start_row <= self.header_row:
            raise ReaderError(
                f"The first data row ({self.data_start_row}) must come after "
                f"the header row ({self.header_row})."
            )
        try:
            self.limits = Limits.from_options(self.options)
        except LimitError as error:
            raise ReaderError(str(error)) from None
        self.file_size = _file_size(fileobj)
        too_big = file_size_error(self.file_size, self.limits.file_size)
        if too_big:
            raise ReaderError(too_big)
        self.headers = []
        self.detected = {}
        self.skipped_empty = 0
        self.extra_cells_rows = 0
        self.data_rows = 0
        self._file_warnings = []
        self._end_warnings = []
        self._log = IssueLog()

    # ------------------------------------------------------------ subclasses
    def _rows(self):
        """Yield ``(row_number, cells, issues)`` for every physical row from
        the first; ``cells`` is a list of storable values, ``issues`` a list
        of ``RowIssue``."""
        raise NotImplementedError

    def _summary_params(self):
        """Values the summaries of ``_SUMMARIES`` quote (encoding, delimiter)."""
        return {}

    def _extra_cells_advice(self):
        return "They are ignored."

    def _nul_header_error(self, row_number):
        return (
            f"The column names in row {row_number} contain NUL characters "
            "(byte 0x00), which cannot be stored: correct them in the file."
        )

    # ---------------------------------------------------------------- reading
    @property
    def warnings(self):
        """``ReaderWarning`` summaries: the file's, then one per kind of issue."""
        return [*self._file_warnings, *self._log.warnings(), *self._end_warnings]

    def _warn(self, code, message):
        """A warning about the whole file (no rows)."""
        self._file_warnings.append(
            ReaderWarning(code, storable_text(message, MAX_MESSAGE))
        )

    def _read_headers(self):
        """Set ``headers`` from the header row; call once the format is set up."""
        for row_number, cells, issues in self._rows():
            if row_number == self.header_row:
                self._check_header_issues(row_number, issues)
                headers = [_header_text(cell) for cell in cells]
                while headers and not headers[-1]:
                    headers.pop()
                if not headers:
                    raise ReaderError(f"The header row (row {row_number}) is empty.")
                if len(headers) > self.limits.columns:
                    raise ReaderError(
                        f"The file has {len(headers):,} columns, more than the "
                        f"{self.limits.columns:,} an import accepts "
                        "(max_columns): keep only the columns to import."
                    )
                self.headers = headers
                return
        raise ReaderError(
            f"The file has no row {self.header_row} to read the column names from."
        )

    def _check_header_issues(self, row_number, issues):
        codes = {issue.code for issue in issues}
        if "nul" in codes:
            raise ReaderError(self._nul_header_error(row_number))
        if "unclosed_quote" in codes:
            raise ReaderError(
                f"A quote opened in the column names (row {row_number}) is never "
                "closed: close it, or remove it."
            )
        if "formula" in codes:
            raise ReaderError(
                f"The column names in row {row_number} are formulas without a "
                "computed value (the file was written by a program that does "
                "not calculate them): open the file in a spreadsheet app, save "
                "it, and import it again."
            )

    def __iter__(self):
        self.skipped_empty = 0
        self.extra_cells_rows = 0
        self.data_rows = 0
        self._log = IssueLog()
        self._end_warnings = []
        width = len(self.headers)
        summaries = None
        for row_number, cells, issues in self._rows():
            if row_number < self.data_start_row:
                continue
            if not issues and is_empty_row(cells):
                self.skipped_empty += 1
                continue
            self._count_data_row()
            values = cells[:width]
            if len(values) < width:
                values.extend([None] * (width - len(values)))
            elif len(cells) > width and not is_empty_row(cells[width:]):
                self.extra_cells_rows += 1
                issues = [*issues, self._extra_cells_issue(cells, width)]
            if issues:
                if summaries is None:
                    summaries = self._summaries()
                for issue in issues:
                    self._log.add(
                        issue.code, row_number, issue.severity, summaries[issue.code]
                    )
            yield row_number, Row(values, issues)
        if not self.data_rows:
            self._end_warnings.append(
                ReaderWarning(
                    "no_data_rows",
                    "The file has column names but no data rows."
                    if not self.skipped_empty
                    else "The file has column names but only empty rows.",
                )
            )

    def _count_data_row(self):
        self.data_rows += 1
        if self.data_rows > self.limits.rows:
            raise self._too_many_rows()

    def _too_many_rows(self):
        return ReaderError(
            f"The file has more than {self.limits.rows:,} data rows, the most "
            "an import accepts (max_rows): split it into smaller files."
        )

    def _summaries(self):
        params = {
            "width": _plural(len(self.headers), "column"),
            "extra": self._extra_cells_advice(),
            "cell_size": f"{self.limits.cell_size:,}",
            **self._summary_params(),
        }
        return {code: _fill(text, params) for code, text in _SUMMARIES.items()}

    def _extra_cells_issue(self, cells, width):
        extra = [
            f"{self.column_name(index)}: {shown(str(cell), 30)!r}"
            for index, cell in enumerate(cells[width:], width)
            if not is_blank(cell)
        ]
        listed = ", ".join(extra[:3]) + (", ..." if len(extra) > 3 else "")
        return RowIssue(
            "extra_cells",
            f"The row has {len(cells)} cells but the header names "
            f"{_plural(width, 'column')} ({listed}). {self._extra_cells_advice()}",
            None,
            self.extra_cells_severity,
        )

    def column_name(self, index) -> str:
        """How a message names column ``index`` (0-based): its header, or its
        position when it has none."""
        if index < len(self.headers) and self.headers[index]:
            return f"column '{shown(self.headers[index], 40)}'"
        return f"column {index + 1}"

    def count_rows(self) -> int:
        """Count non-empty data rows in a separate pass (for progress reporting).

        The limits apply: a file over ``max_rows`` is refused here already.
        """
        position = self.fileobj.tell()
        count = 0
        try:
            for row_number, cells, issues in self._rows():
                if row_number >= self.data_start_row and (
                    issues or not is_empty_row(cells)
                ):
                    count += 1
                    if count > self.limits.rows:
                        raise self._too_many_rows()
            return count
        finally:
            self.fileobj.seek(position)

    def close(self):
        """Release what the reader opened; ``fileobj`` stays open for the caller."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def is_empty_row(cells) -> bool:
    """A row whose cells are all empty or whitespace."""
    return all(is_blank(cell) for cell in cells)


def _plural(count, word):
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _fill(text, params):
    for key, value in params.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def _file_size(fileobj):
    position = fileobj.tell()
    try:
        return fileobj.seek(0, 2)
    finally:
        fileobj.seek(position)


def _header_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return storable_text(cell).replace("\ufeff", "").strip()


def _positive_int(options, key, default) -> int:
    value = options.get(key)
    if value is None:
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1 or isinstance(value, bool):
        raise ReaderError(f"The {key} option must be a row number (1 or more).")
    return number


__all__ = ["ERROR", "WARNING", "BaseReader", "ReaderError", "Row", "RowIssue"]
