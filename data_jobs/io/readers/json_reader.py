"""JSON reader: the files data_jobs' JSON export writes, read back as rows.

Two layouts, told apart by their first bytes (or by a ``.jsonl`` name):

- a document ``{"metadata": {...}, "records": [{...}, ...]}`` (or a bare
  array of records), parsed incrementally with ``json.JSONDecoder.raw_decode``
  over chunks of text: one record in memory at a time, never the whole file;
- JSON Lines: an optional ``{"metadata": ...}`` line, then one record per line.

Records are flattened into the header + lines rows a CSV of the same data
would have, so the same mapping, resources, policies and result files apply:

- a scalar value goes to the column of its key (``"email"`` -> ``email``);
- a related record ``{"id": 7, "display_name": "Belgium"}`` goes to
  ``country_id/.id`` (the database id: the export's own ids, exact in the
  database it came from); with an ``"xmlid"`` key, to ``country_id/id``; with
  a display name only, to ``country_id`` (looked up by name);
- a list of related records (many2many) is one comma list in the same
  column: ``category_id/.id`` = ``"3,5"``;
- a list of objects (one2many lines, nested) gives one row per line, the
  first merged into the record's row, as Odoo's header + lines files:
  ``"order_line": [{"product_id": {...}, "product_uom_qty": 2}]`` ->
  ``order_line/product_id/.id``, ``order_line/product_uom_qty``;
- a list under a key naming a path into lines (``"order_line/name": ["A",
  "B"]``, or related records under ``"child_ids/country_id"``) is spread over
  the lines, item by item; a list of plain values under any other key is a
  comma list (a many2many by names).

Rows are numbered as in that flattened table: row 1 holds the column names,
so the first record is row 2, and each line takes a row. Messages about the
JSON itself give the record's number and its line in the file. A syntax error
in a document cannot be skipped over (where the next record starts is
unknown): the file is refused with its line, column and reason, before
anything is imported. In JSON Lines a line that is not valid JSON is one row
error, and the other lines are imported.
"""

import codecs
import io
import json
from contextlib import contextmanager

from ..storable import REPLACEMENT, shown
from .base import BaseReader, ReaderError
from .issues import ERROR, RowIssue
from .sniff import SAMPLE_SIZE, file_kind

_CHUNK = 64 * 1024  # characters read at once
_MARGIN = 64  # a syntax error this far before the buffer's end is not a cut
_WHITESPACE = " \t\n\r"
_REFERENCE_KEYS = frozenset({"id", "display_name", "xmlid"})
_KINDS = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "a text",
    list: "a list",
    type(None): "null",
}


class JsonReader(BaseReader):
    """Reader for the JSON and JSON Lines files data_jobs exports (.json, .jsonl)."""

    extra_cells_severity = ERROR

    def __init__(self, fileobj, options=None):
        options = dict(options or {})
        # No header row to choose: the column names are the records' keys.
        options.pop("header_row", None)
        options.pop("data_start_row", None)
        super().__init__(fileobj, options)
        fileobj.seek(0)
        sample = fileobj.read(SAMPLE_SIZE)
        fileobj.seek(0)
        if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
            raise ReaderError("The file is empty.")
        self.encoding = self._encoding(sample)
        self.metadata = {}
        json_lines = self.options.get("json_lines")
        self.json_lines = self._sniff_lines() if json_lines is None else json_lines
        self.detected = {
            "encoding": self.encoding,
            "layout": "json_lines" if self.json_lines else "json",
        }
        self._columns = self._scan_columns()
        self._read_headers()

    # ---------------------------------------------------------------- setup
    def _encoding(self, sample):
        """UTF-8 (RFC 8259), with or without a BOM; UTF-16/32 by their BOM."""
        for bom, encoding in (
            (codecs.BOM_UTF32_LE, "utf-32"),
            (codecs.BOM_UTF32_BE, "utf-32"),
            (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"),
        ):
            if sample.startswith(bom):
                return encoding
        found = file_kind(sample)
        if found and found[0] != "a JSON file":
            kind, advice = found
            raise ReaderError(
                f"The file cannot be imported as JSON: it is {kind}: {advice}."
            )
        first = sample.lstrip(b" \t\r\n\xef\xbb\xbf")[:1]
        if first not in (b"{", b"["):
            raise ReaderError(
                "The file cannot be imported as JSON: it does not start with '{' "
                "or '[' (a JSON export of data_jobs, or JSON Lines, one record "
                "per line). Choose the right file."
            )
        return "utf-8-sig"

    @contextmanager
    def _text(self):
        self.fileobj.seek(0)
        text = io.TextIOWrapper(self.fileobj, encoding=self.encoding, newline="")
        try:
            yield text
        except UnicodeDecodeError:
            raise ReaderError(
                "The file has bytes that are not valid UTF-8, as JSON must be: "
                "save it again as UTF-8."
            ) from None
        finally:
            text.detach()

    def _sniff_lines(self):
        """JSON Lines unless the file is one array, or one object whose first
        key is ``records``, or ``metadata`` followed by more keys."""
        with self._text() as text:
            stream = _Stream(text, self.limits.row_size)
            if stream.skip() == "[":
                return False
            stream.pos += 1
            if stream.skip() != '"':
                return True
            key = stream.value()
            if key == "records":
                return False
            if key != "metadata" or stream.skip() != ":":
                return True
            stream.pos += 1
            stream.skip()
            stream.value()
            return stream.skip() == "}"

    def _scan_columns(self):
        """A first pass over the records: the flattened column names, in the
        order they first appear (bounded by ``max_columns``); a document's
        syntax is checked whole here, before any row is imported."""
        columns = {}
        for _number, _line, record, _error in self._records():
            if not isinstance(record, dict):
                continue
            for row in _flatten(record)[0]:
                for name in row:
                    if name not in columns:
                        columns[name] = len(columns)
                        if len(columns) > self.limits.columns:
                            raise ReaderError(
                                f"The records have more than {self.limits.columns:,} "
                                "different keys, more than the columns an import "
                                "accepts (max_columns): keep only the fields to "
                                "import."
                            )
        if not columns:
            raise ReaderError(
                "The file has no records with values to import."
                if not self.metadata
                else "The file has metadata but no records with values to import."
            )
        return columns

    # ---------------------------------------------------------------- records
    def _records(self):
        """``(record_number, file_line, record, error)`` for every record."""
        if self.json_lines:
            yield from self._line_records()
        else:
            yield from self._document_records()

    def _line_records(self):
        limit = self.limits.row_size
        number = 0
        with self._text() as text:
            for line_number, line in enumerate(_lines(text, limit), 1):
                if line is None:
                    raise ReaderError(
                        f"Line {line_number} of the file is longer than {limit:,} "
                        "characters, the most an import accepts for a record "
                        "(max_row_size)."
                    )
                if not line.strip(_WHITESPACE):
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    number += 1
                    yield number, line_number, None, _syntax(error)
                    continue
                if number == 0 and _is_metadata(record):
                    self.metadata = record["metadata"]
                    continue
                number += 1
                yield number, line_number, record, None

    def _document_records(self):
        with self._text() as text:
            stream = _Stream(text, self.limits.row_size)
            first = stream.skip()
            stream.pos += 1
            if first == "[":
                yield from self._array(stream, 0)
            else:
                yield from self._document(stream)
            if stream.skip() is not None:
                raise stream.error("more text after the end of the JSON document")

    def _document(self, stream):
        found, count = False, 0
        while True:
            char = stream.skip()
            if char == "}":
                stream.pos += 1
                break
            if found or count:
                stream.expect(",", "',' or '}' after a value")
                stream.skip()
            key = stream.value()
            if not isinstance(key, str):
                raise stream.error("expecting a key in double quotes")
            stream.skip()
            stream.expect(":", "':' after a key")
            char = stream.skip()
            count += 1
            if key == "records":
                if char != "[":
                    raise stream.error('"records" must be a list of records')
                stream.pos += 1
                found = True
                yield from self._array(stream, 0)
            elif key == "metadata":
                self.metadata = stream.value()
            else:
                stream.value()  # another key: ignored
        if not found:
            raise ReaderError(
                'The JSON file has no "records" list: import a file written by '
                "a JSON export, JSON Lines (one record per line), or a list of "
                "records."
            )

    def _array(self, stream, number):
        if stream.skip() == "]":
            stream.pos += 1
            return
        while True:
            stream.skip()
            line = stream.line()
            record = stream.value()
            number += 1
            yield number, line, record, None
            char = stream.skip()
            stream.pos += 1
            if char == "]":
                return
            if char != ",":
                stream.pos -= 1
                raise stream.error(f"expecting ',' or ']' after record {number}")
            stream.compact()

    # ---------------------------------------------------------------- rows
    def _rows(self):
        width = len(self._columns)
        yield 1, list(self._columns), ()
        row_number = 1
        for number, line, record, error in self._records():
            where = f"Record {number} (line {line} of the file)"
            if error is not None:
                row_number += 1
                message = f"{where} is not valid JSON: {error}."
                yield row_number, [None] * width, [RowIssue("json", message)]
                continue
            if not isinstance(record, dict):
                row_number += 1
                message = (
                    f"{where} is {_KINDS.get(type(record), 'a value')}, not an "
                    "object of field names and values ({...})."
                )
                yield row_number, [None] * width, [RowIssue("json", message)]
                continue
            rows, problems = _flatten(record)
            for index, values in enumerate(rows):
                row_number += 1
                cells = [None] * width
                issues = []
                if index == 0:
                    issues.extend(
                        RowIssue("json", f"{where}: {problem}.", None)
                        for problem in problems
                    )
                for name, value in values.items():
                    position = self._columns[name]
                    cells[position] = self._cell(value, position, issues)
                yield row_number, cells, issues

    def _cell(self, value, index, issues):
        if not isinstance(value, str):
            return value
        if "\x00" in value:
            value = value.replace("\x00", REPLACEMENT)
            issues.append(
                RowIssue(
                    "nul",
                    f"{self.column_name(index).capitalize()} contains NUL "
                    "characters (\\u0000), which cannot be stored.",
                    index,
                )
            )
        if len(value) > self.limits.cell_size:
            issues.append(
                RowIssue(
                    "cell_size",
                    f"{self.column_name(index).capitalize()} holds "
                    f"{len(value):,} characters, more than the "
                    f"{self.limits.cell_size:,} an import accepts (max_cell_size).",
                    index,
                )
            )
        return value

    def _summaries(self):
        summaries = super()._summaries()
        summaries["json"] = (
            "{rows}: records that are not valid JSON, or hold values that "
            "cannot be read as columns: correct them in the file."
        )
        return summaries

    def _extra_cells_advice(self):
        return "They are ignored."


# ------------------------------------------------------------------ flattening
def _flatten(record):
    """``(rows, problems)``: the rows (dicts of column name -> cell) a record
    gives, the first being the record's own, and what could not be read."""
    rows, problems = [{}], []
    _flatten_into(record, "", rows, 0, problems, nested=False)
    return rows, problems


def _put(rows, index, name, value):
    while len(rows) <= index:
        rows.append({})
    rows[index][name] = value


def _flatten_into(record, prefix, rows, index, problems, nested):
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            reference = _reference(name, value)
            if reference is None:
                problems.append(
                    f"'{shown(name, 40)}' holds an object that is no related "
                    'record (with "id", "xmlid" or "display_name")'
                )
            elif reference[1] is not None:
                _put(rows, index, *reference)
        elif isinstance(value, list):
            _flatten_list(name, value, rows, index, problems, nested)
        elif value is not None:  # null: an empty cell
            _put(rows, index, name, value)


def _flatten_list(name, items, rows, index, problems, nested):
    if not items:
        return  # no related records: nothing to set
    if all(isinstance(item, dict) for item in items):
        references = [_reference(name, item) for item in items]
        if None not in references:
            if "/" in name and not nested:  # related records of lines: one each
                for offset, (column, value) in enumerate(references):
                    if value is not None:
                        _put(rows, index + offset, column, value)
                return
            columns = {column for column, _value in references}
            if len(columns) == 1:
                values = [str(v) for _c, v in references if v is not None]
                _put(rows, index, columns.pop(), ",".join(values))
                return
            problems.append(
                f"'{shown(name, 40)}' mixes related records named by id, "
                "external id and name: use one kind"
            )
            return
        if nested:
            problems.append(
                f"'{shown(name, 40)}' holds lines inside lines, which an import "
                "cannot read (one level of lines only)"
            )
            return
        for offset, item in enumerate(items):
            if not isinstance(item, dict) or _reference(name, item) is not None:
                problems.append(f"'{shown(name, 40)}' mixes lines and related records")
                return
            while len(rows) <= index + offset:
                rows.append({})
            _flatten_into(item, f"{name}/", rows, index + offset, problems, True)
        return
    if any(isinstance(item, dict | list) for item in items):
        problems.append(
            f"'{shown(name, 40)}' holds a list mixing objects or lists with "
            "plain values"
        )
        return
    if "/" in name and not nested:  # a value per line
        for offset, item in enumerate(items):
            _put(rows, index + offset, name, item)
        return
    _put(rows, index, name, ",".join("" if i is None else str(i) for i in items))


def _reference(name, value):
    """``(column, cell)`` for a related record, or None when ``value`` is
    no reference: an external id first (it holds between databases), then
    the database id, then the display name."""
    if not value.keys() <= _REFERENCE_KEYS or not value:
        return None
    xmlid = value.get("xmlid")
    if isinstance(xmlid, str) and xmlid:
        return f"{name}/id", xmlid
    record_id = value.get("id")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        return f"{name}/.id", record_id
    display_name = value.get("display_name")
    if isinstance(display_name, str):
        return name, display_name or None
    return None if record_id is not None else (f"{name}/.id", None)


def _is_metadata(record):
    return isinstance(record, dict) and list(record) == ["metadata"]


def _syntax(error):
    return f"{error.msg} at character {error.pos + 1} of the line"


def _lines(text, limit):
    """The file's lines; None for one longer than ``limit`` (then stop)."""
    while True:
        line = text.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            yield None
            return
        yield line


# ------------------------------------------------------------------ streaming
class _Stream:
    """An incremental JSON parser over a text file: a buffer of the text not
    parsed yet, refilled chunk by chunk, and the line it starts on."""

    def __init__(self, text, limit):
        self.text = text
        self.limit = limit
        self.buffer = ""
        self.pos = 0
        self.first_line = 1  # of buffer[0]
        self.eof = False
        self.decoder = json.JSONDecoder()

    def fill(self, size=_CHUNK):
        if self.eof:
            return False
        chunk = self.text.read(size)
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        return True

    def compact(self):
        """Forget what was parsed (memory stays one record)."""
        if self.pos > _CHUNK:
            self.first_line += self.buffer.count("\n", 0, self.pos)
            self.buffer = self.buffer[self.pos :]
            self.pos = 0

    def line(self, pos=None):
        return self.first_line + self.buffer.count(
            "\n", 0, self.pos if pos is None else pos
        )

    def skip(self):
        """Skip whitespace; the next character, or None at the end."""
        while True:
            buffer, pos = self.buffer, self.pos
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            self.pos = pos
            if pos < len(buffer):
                return buffer[pos]
            self.compact()
            if not self.fill():
                return None

    def expect(self, char, what):
        if self.skip() != char:
            raise self.error(f"expecting {what}")
        self.pos += 1

    def value(self):
        """Decode the value at ``pos``, reading more text until it is whole."""
        confirmed = None
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if self.eof:
                    raise self.error(error.msg, error.pos) from None
                if len(self.buffer) - self.pos > self.limit:
                    raise self._too_long() from None
                cut = error.pos >= len(self.buffer) - _MARGIN or error.msg.startswith(
                    "Unterminated string"
                )
                if not cut:
                    if confirmed == error.pos:  # more text changed nothing
                        raise self.error(error.msg, error.pos) from None
                    confirmed = error.pos
                self.fill(max(_CHUNK, len(self.buffer) - self.pos))
                continue
            if end >= len(self.buffer) and self.fill():
                continue  # a number or literal may go on in the next chunk
            self.pos = end
            return value

    def error(self, reason, pos=None):
        pos = self.pos if pos is None else pos
        start = self.buffer.rfind("\n", 0, pos) + 1
        return ReaderError(
            f"The file is not valid JSON at line {self.line(pos)}, column "
            f"{pos - start + 1}: {reason}. Correct the file (or export it "
            "again); nothing was imported."
        )

    def _too_long(self):
        return ReaderError(
            f"A record near line {self.line()} is longer than {self.limit:,} "
            "characters, the most an import accepts (max_row_size), or the file "
            "is not valid JSON there."
        )
