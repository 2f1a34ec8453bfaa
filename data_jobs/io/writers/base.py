"""Common behaviour of the export writers: options, row checks, error messages.

Writers receive rows of plain values (see ``..values``) batch after batch and
must never need the whole export in memory (PDF excepted, by nature).
"""

import datetime

from ..values import Reference, record_lines

NUMERIC_KINDS = frozenset({"integer", "float", "monetary"})


class WriterError(Exception):
    """A problem the user can fix (bad option, value the format cannot hold)."""


class BaseWriter:
    """Template for writers: subclasses implement ``_write_row`` and ``_finish``."""

    def __init__(self, fileobj, columns, options=None, meta=None):
        self.fileobj = fileobj
        self.columns = tuple(columns)
        self.options = dict(options or {})
        self.meta = dict(meta or {})
        self.rows_written = 0
        self._closed = False
        if not self.columns:
            raise WriterError("Nothing to export: no column was selected.")
        header = self.option("header", "label", allowed=("label", "name"))
        self.headers = [
            column.label if header == "label" else column.name
            for column in self.columns
        ]

    def option(self, key, default, allowed=None):
        """Read an option, rejecting values outside ``allowed`` with a clear error."""
        value = self.options.get(key)
        if value is None:
            return default
        if allowed is not None and value not in allowed:
            choices = ", ".join(repr(choice) for choice in allowed)
            raise WriterError(f"Invalid {key} {value!r}: expected one of {choices}.")
        return value

    def write_rows(self, rows):
        """Write one batch of rows (sequences aligned with ``columns``)."""
        if self._closed:
            raise WriterError("Cannot write rows: the export file is already closed.")
        width = len(self.columns)
        for row in rows:
            if len(row) != width:
                raise WriterError(
                    f"{self.position()}: expected {width} values, got {len(row)}."
                )
            self._write_row(row)
            self.rows_written += 1

    def write_records(self, records):
        """Write one batch of exported records (``..values.Record``): each
        record's line, then the extra lines of its relations, as Odoo's export
        lays them out (the JSON writer keeps them nested instead)."""
        self.write_rows(line for record in records for line in record_lines(record))

    def close(self):
        """Finalise the file; the caller keeps ownership of ``fileobj``."""
        if not self._closed:
            self._closed = True
            self._finish()

    def position(self):
        """Where the row being written is, as a spreadsheet shows it (header = 1)."""
        return f"Row {self.rows_written + 2}"

    def cell_error(self, column, value, reason):
        """Build the error for a value that cannot be written, for the user."""
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return WriterError(
            f'{self.position()}, column "{column.label}": cannot write {shown}: '
            f"{reason}"
        )

    def _write_row(self, row):
        raise NotImplementedError

    def _finish(self):
        raise NotImplementedError


def relational_text(value, separator):
    """Display text of a Reference or a list of them, or None if not relational."""
    if isinstance(value, Reference):
        return value.display_name
    if isinstance(value, list | tuple):
        return separator.join(
            item.display_name if isinstance(item, Reference) else str(item)
            for item in value
        )
    return None


def temporal_text(value):
    """ISO text (``YYYY-MM-DD[ HH:MM:SS]``) of a date/datetime, else None."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None
