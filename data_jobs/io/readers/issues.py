"""What a reader found wrong in a row, and the summary it gives of it.

A file is rarely all bad: one row with a NUL, a stray delimiter or bytes of
another encoding must not fail the whole job, nor be imported silently wrong.
So a reader attaches the problems to the row (``Row.errors``), for the engine
to turn into row errors, and keeps a bounded summary per kind of problem
(``ReaderWarning``: the first rows and how many), for the job's log.
"""

from typing import NamedTuple

ERROR = "error"  # the row must not be imported as it was read
WARNING = "warning"  # the row is imported; the user should check it
_FIRST_ROWS = 10
_REFUSED = " Each of these rows is reported as an error."


class RowIssue(NamedTuple):
    """One problem of one row.

    ``code`` is stable (see ``CODES``); ``column`` is the header index of the
    cell concerned, None for the whole row: the engine may ignore an issue of a
    column the import does not map.
    """

    code: str
    message: str
    column: int | None = None
    severity: str = ERROR


class Row(list):
    """A data row's values, aligned with the headers, as a plain list, plus
    the issues the reader found in it (``issues``; ``errors`` are the ones
    that must become row errors)."""

    __slots__ = ("issues",)

    def __init__(self, values=(), issues=()):
        super().__init__(values)
        self.issues = tuple(issues)

    @property
    def errors(self):
        return tuple(issue for issue in self.issues if issue.severity == ERROR)


class ReaderWarning(NamedTuple):
    """A summary for the job's log: ``count`` rows (the first in ``rows``)
    had issue ``code``; ``severity`` ERROR means those rows got row errors.
    File-level warnings have no rows (``count`` 0)."""

    code: str
    message: str
    rows: tuple = ()
    count: int = 0
    severity: str = WARNING


# Every code a reader uses, with what it means (for the engine and the docs).
CODES = {
    "nul": "a cell holds NUL characters, which PostgreSQL cannot store",
    "encoding": "a cell has bytes that are not valid in the file's encoding",
    "mojibake": "a cell looks like UTF-8 text read in a single-byte encoding",
    "delimiter": "the row seems to use another delimiter than the file",
    "unclosed_quote": "a quote seems never closed: later rows are in one cell",
    "extra_cells": "the row has values beyond the last named column",
    "cell_size": "a cell is longer than the max_cell_size limit",
    "formula": "an XLSX formula has no computed value",
    "excel_error": "an XLSX cell holds an error value such as #N/A",
    "no_data_rows": "the file has column names but no data rows",
    "json": "a JSON record is not valid JSON, or holds values no column can take",
}


def rows_text(rows, count) -> str:
    """'Row 5', 'Rows 5, 9 and 12', '1,234 rows (the first: 5, 9, ...)'."""
    if count == 1:
        return f"Row {rows[0]}"
    listed = ", ".join(str(row) for row in rows)
    if count <= len(rows):
        head, _comma, last = listed.rpartition(", ")
        return f"Rows {head} and {last}"
    return f"{count:,} rows (the first: {listed}, ...)"


class IssueLog:
    """Per code: how many rows, the first ones, and the summary's wording.

    ``summary`` texts hold ``{rows}``, replaced by ``rows_text`` when read;
    memory stays bounded whatever the number of rows.
    """

    def __init__(self):
        self._codes = {}

    def add(self, code, row_number, severity, summary):
        entry = self._codes.get(code)
        if entry is None:
            entry = self._codes[code] = {
                "rows": [],
                "last": None,
                "count": 0,
                "severity": severity,
                "summary": summary,
            }
        if severity == ERROR:
            entry["severity"] = ERROR
        if entry["last"] == row_number:  # several cells of one row
            return
        entry["last"] = row_number
        entry["count"] += 1
        if len(entry["rows"]) < _FIRST_ROWS:
            entry["rows"].append(row_number)

    def warnings(self):
        return [
            ReaderWarning(
                code,
                entry["summary"].replace(
                    "{rows}", rows_text(entry["rows"], entry["count"])
                )
                + (_REFUSED if entry["severity"] == ERROR else ""),
                tuple(entry["rows"]),
                entry["count"],
                entry["severity"],
            )
            for code, entry in self._codes.items()
        ]
