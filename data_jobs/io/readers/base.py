"""What every import reader shares: options, header, row numbering, empty rows.

Subclasses only produce the file's physical rows (``_rows``), numbered as a
spreadsheet shows them; this class turns them into data rows aligned with the
header, so CSV and XLSX behave the same way for the import engine.
"""

from ..convert import is_blank


class ReaderError(Exception):
    """A problem with the file the user can understand and fix (no traceback)."""


class BaseReader:
    """Streaming reader of a tabular file; the caller keeps ownership of ``fileobj``.

    Iterating yields ``(row_number, values)`` for each non-empty data row;
    ``values`` is aligned with ``headers`` (padded with ``None``, extra cells
    dropped and counted in ``extra_cells_rows`` when they are not empty).
    """

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
        self.headers = []
        self.detected = {}
        self.skipped_empty = 0
        self.extra_cells_rows = 0

    def _rows(self):
        """Yield ``(row_number, cells)`` for every physical row from the first."""
        raise NotImplementedError

    def _read_headers(self):
        """Set ``headers`` from the header row; call once the format is set up."""
        for row_number, cells in self._rows():
            if row_number == self.header_row:
                headers = [_header_text(cell) for cell in cells]
                while headers and not headers[-1]:
                    headers.pop()
                if not headers:
                    raise ReaderError(f"The header row (row {row_number}) is empty.")
                self.headers = headers
                return
        raise ReaderError(
            f"The file has no row {self.header_row} to read the column names from."
        )

    def __iter__(self):
        self.skipped_empty = 0
        self.extra_cells_rows = 0
        width = len(self.headers)
        for row_number, cells in self._rows():
            if row_number < self.data_start_row:
                continue
            if is_empty_row(cells):
                self.skipped_empty += 1
                continue
            values = list(cells[:width])
            if len(values) < width:
                values.extend([None] * (width - len(values)))
            elif not is_empty_row(cells[width:]):
                self.extra_cells_rows += 1
            yield row_number, values

    def count_rows(self) -> int:
        """Count non-empty data rows in a separate pass (for progress reporting)."""
        position = self.fileobj.tell()
        try:
            return sum(
                1
                for row_number, cells in self._rows()
                if row_number >= self.data_start_row and not is_empty_row(cells)
            )
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


def _header_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).replace("\ufeff", "").strip()


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
