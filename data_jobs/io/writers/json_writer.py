"""JSON export, streamed record by record (never one big list in memory).

Default output is one document ``{"metadata": {...}, "records": [...]}``;
with ``json_lines`` it is JSON Lines: a ``{"metadata": ...}`` line, then one
record per line. Records are keyed by column name; relational values keep
their id (``{"id", "display_name"}``), so the file is useful to programs.

An exported record's lines stay in it (``write_records``): the lines of a
relation (``order_line/product_id``, ``order_line/price_unit``) are a list
under the relation's path (``"order_line"``), one object per line keyed by
the columns' paths after it (``"product_id"``, ``"price_unit"``), nested
again for lines of lines. A bare x2many column is a list of references;
beside paths through it, the list holds the lines and the bare column is
their ``"display_name"`` (a reader tells them apart by the columns in the
metadata: lines when some column's path goes on after the key's).
Always UTF-8, non-ASCII characters unescaped.
"""

import datetime
import json

from ..values import Record, Reference, record_lines
from .base import BaseWriter, WriterError


class JsonWriter(BaseWriter):
    def __init__(self, fileobj, columns, options=None, meta=None):
        super().__init__(fileobj, columns, options, meta)
        self.json_lines = bool(self.option("json_lines", False))
        self.names = [column.name for column in self.columns]
        if self.json_lines:
            opening = '{"metadata": %s}\n'
        else:
            opening = '{"metadata": %s, "records": ['
        try:
            data = (opening % _dumps(self._metadata())).encode("utf-8")
        except ValueError as error:
            raise WriterError(f"Invalid export metadata: {error}") from None
        fileobj.write(data)

    def position(self):
        return f"Record {self.rows_written + 1}"

    def _metadata(self):
        meta = self.meta
        return {
            "title": meta.get("title"),
            "model": meta.get("model"),
            "domain": meta.get("domain"),
            "fields": meta.get("fields") or self.names,
            "count": meta.get("count"),
            "generated_at": meta.get("generated_at"),
            "summary": [
                {"label": label, "value": value}
                for label, value in meta.get("summary", ())
            ],
            "columns": [
                {"name": column.name, "label": column.label, "kind": column.kind}
                for column in self.columns
            ],
        }

    def write_records(self, records):
        """One object per exported record, its lines nested (see above)."""
        if self._closed:
            raise WriterError("Cannot write rows: the export file is already closed.")
        for record in records:
            self._write_object(
                self._object(record, range(len(self.columns)), ""), record
            )
            self.rows_written += 1

    def _object(self, record, own, prefix):
        """The JSON object of a record (or of a line, whose columns are
        ``own`` and whose paths start with ``prefix``)."""
        grouped = {index for group in record.lines for index in group.columns}
        entries = [
            (index, _key(self.names[index], prefix), _jsonable(record.values[index]))
            for index in own
            if index not in grouped
        ]
        for group in record.lines:
            inner = f"{prefix}{group.name}/"
            lines = [self._object(sub, group.columns, inner) for sub in group.records]
            entries.append((min(group.columns), group.name, lines))
        entries.sort(key=lambda entry: entry[0])
        return {key: value for _index, key, value in entries}

    def _write_row(self, row):
        self._write_object(dict(zip(self.names, map(_jsonable, row), strict=True)), row)

    def _write_object(self, record, row):
        if self.json_lines:
            template = "%s\n"
        else:
            template = "\n%s" if self.rows_written == 0 else ",\n%s"
        try:
            data = (template % _dumps(record)).encode("utf-8")
        except ValueError:  # also UnicodeEncodeError (lone surrogates)
            raise self._value_error(row) from None
        self.fileobj.write(data)

    def _value_error(self, row):
        """Find the value JSON rejects, to tell the user exactly (in a
        record's lines too)."""
        rows = record_lines(row) if isinstance(row, Record) else [row]
        for line in rows:
            for column, value in zip(self.columns, line, strict=True):
                try:
                    _dumps(_jsonable(value)).encode("utf-8")
                except ValueError as error:
                    return self.cell_error(column, value, str(error))
        return WriterError(f"{self.position()} cannot be written as JSON.")

    def _write(self, text):
        self.fileobj.write(text.encode("utf-8"))

    def _finish(self):
        if not self.json_lines:
            self._write("\n]}\n" if self.rows_written else "]}\n")
        self.fileobj.flush()


def _key(name, prefix):
    """A column's key in the object of a line: its path after the relation's
    (``prefix``); the bare relation itself (``child_ids`` beside
    ``child_ids/email``) is its lines' ``display_name``, as in Odoo's export."""
    if name == prefix[:-1]:
        return "display_name"
    return name[len(prefix) :]


def _dumps(value):
    # NaN/Infinity are not JSON: refuse them rather than write an invalid file.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)


def _jsonable(value):
    """JSON-native form of a row value (dates as ISO strings)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Reference):
        return {"id": value.id, "display_name": value.display_name}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
