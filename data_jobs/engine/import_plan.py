# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an import does with each batch: columns, key, writes, row errors.

Built once per run by the import engine (import_engine.py). A batch is
converted and resolved at once, created with one ``create(vals_list)``, and
replayed row by row in savepoints only when that fails.
"""

import logging
import re
from array import array
from collections import Counter

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from ..resources.generic_import import BLANK
from ..resources.import_columns import OWN_DB_ID, OWN_ID
from .column_messages import duplicate_column, ignored_columns
from .errors import is_concurrency_error, row_error_message

_logger = logging.getLogger(__name__)
INDEX_NAME = re.compile(r'index "(\w+_index)"')


class ImportPlan:
    """What a job does with each batch: columns, key, switches, counters."""

    def __init__(self, job, resource, reader, options, sheet=None):
        self.job = job
        self.sheet = sheet  # named in the logs of multi-sheet imports
        self.env = job.env
        self.resource = resource
        self.options = options
        self.headers = reader.headers
        self.match = resource.import_columns(reader.headers, options["mapping"])
        self.key = self._key()
        self._access()
        self.required = self._required()
        self.seen_keys = {}
        self.last_batch = []
        self.record_ids = array("q")

    # ---------------------------------------------------------------- setup
    def _key(self):
        key = self.options["upsert_key"]
        if not key:
            for own in (OWN_ID, OWN_DB_ID):
                if self.match.column_for(own):
                    return [own]
            return None
        if key in ([OWN_ID], [OWN_DB_ID]):
            if not self.match.column_for(key[0]):
                raise UserError(
                    self.env._(
                        "The upsert key is the %(what)s, but no column of the file "
                        "holds it (name a column 'id' or map one to it).",
                        what=self.env._("external id")
                        if key == [OWN_ID]
                        else self.env._("database id"),
                    )
                )
            return list(key)
        for name in key:
            if not isinstance(name, str) or name not in self.resource.records._fields:
                raise UserError(
                    self.env._(
                        "The upsert key names '%(field)s', which is not a field of "
                        "%(model)s.",
                        field=name,
                        model=self.resource.records._description,
                    )
                )
            if not self.match.column_for(name):
                raise UserError(
                    self.env._(
                        "The upsert key field '%(field)s' has no column in the file.",
                        field=name,
                    )
                )
        return list(key)

    def _required(self):
        """Required fields without default: a missing column is an error for
        the whole file (when rows may be created), an empty cell for its row."""
        required = self.resource.required_fields()
        if self.options["create_missing"]:
            missing = self.resource.unfilled_required(self.match)
            if missing:
                names = ", ".join(
                    f"'{f._description_string(self.env)}' ({f.name})" for f in missing
                )
                raise UserError(
                    self.env._(
                        "The file has no column for the required field(s) %(fields)s "
                        "of %(model)s, so no record could be created.",
                        fields=names,
                        model=self.resource.records._description,
                    )
                )
        return required

    def _access(self):
        """Fail early, once, if the user may not create or change records."""
        records = self.resource.records
        if self.options["create_missing"]:
            records.check_access("create")
        if self.key and self.options["update_existing"]:
            records.check_access("write")

    def _log(self, level, message, row_number=0, column=False, value=False, data=None):
        return self.job._log_vals(
            level, message, row_number, column, value, data, sheet=self.sheet
        )

    def reader_logs(self, reader):
        """The reader's summaries of what it found in the file (rows of
        another encoding, extra cells, a file with no data rows...)."""
        return [
            self._log("warning" if w.severity == "warning" else "info", w.message)
            for w in reader.warnings
        ]

    def empty_rows_log(self, count):
        return self._log(
            "info", self.env._("%(count)s empty rows were skipped.", count=count)
        )

    def column_logs(self):
        logs = []
        if self.match.unmapped:
            logs.append(
                self._log("warning", ignored_columns(self.env, self.match.unmapped))
            )
        for header, first in self.match.duplicates:
            logs.append(
                self._log(
                    "warning", duplicate_column(self.env, header, first), column=header
                )
            )
        if self.match.ignored:
            logs.append(
                self._log(
                    "info",
                    self.env._(
                        "Columns ignored as mapped: %(columns)s.",
                        columns=", ".join(self.match.ignored),
                    ),
                )
            )
        if not self.match.columns:
            raise UserError(
                self.env._(
                    "No column of the file matches a field of %(model)s. Its "
                    "columns are: %(columns)s.",
                    model=self.resource.records._description,
                    columns=", ".join(h for h in self.headers if h),
                )
            )
        return logs

    # --------------------------------------------------------------- batches
    def import_batch(self, rows):
        resource = self.resource
        batch = self._prepare(rows)
        records = resource.records
        pending = batch
        while pending:
            resource.before_batch(pending)
            creates, updates = self._sort(pending)
            records |= self._write(creates, updates)
            pending = self._retry(batch, pending, creates)
        self.last_batch = batch
        resource.after_batch(batch, records)
        counts = Counter(processed_rows=sum(max(1, len(r.lines)) for r in batch))
        for row in batch:
            if row.errors:
                counts["error_count"] += 1
            elif row.skipped:
                counts["skipped_count"] += 1
            elif row.action:
                counts[f"{row.action}_count"] += 1
                if row.action != "unchanged":
                    self.record_ids.append(row.record_id)
        return counts

    def _prepare(self, rows):
        prepared = self.resource.prepare_rows(self.match.columns, rows, self.options)
        for row in prepared:
            self._reader_errors(row)
        return prepared

    def _reader_errors(self, row):
        """What the reader found wrong in the row's cells (a NUL, bytes of
        another encoding, a cell too long, cells beyond the header, another
        delimiter...) is the row's error, for the row and for its lines; a
        problem in a column the import does not read is no error of it."""
        mapped = {column.index for column in self.match.columns}
        for cells in [row.cells, *(line for _number, line in row.lines[1:])]:
            for issue in getattr(cells, "errors", ()):
                index = issue.column
                if index is not None and index not in mapped:
                    continue
                inside = index is not None and index < len(self.headers)
                row.error(
                    self.headers[index] if inside else False,
                    cells[index] if inside and index < len(cells) else False,
                    issue.message,
                )

    def _retry(self, batch, pending, creates):
        """Rows whose only errors are references not found yet, prepared
        again once rows of the same batch were created (a category's parent
        a few rows above it, as Odoo's own import allows)."""
        if not any(row.action == "created" for row in creates):
            return []
        waiting = [
            r for r in pending if r.errors and len(r.errors) == r.missing_references
        ]
        if not waiting:
            return []
        fresh = self._prepare([(r.row_number, r.cells, r.lines) for r in waiting])
        position = {id(row): index for index, row in enumerate(batch)}
        for old, new in zip(waiting, fresh, strict=True):
            batch[position[id(old)]] = new
        return fresh

    def _sort(self, batch):
        """Split the clean rows into creates and (record, row) updates."""
        ready = [r for r in batch if not r.errors and not r.skipped]
        existing = self.resource.find_existing(ready, self.key) if self.key else {}
        records = self.resource.records
        creates, updates = [], []
        for row in ready:
            key = self.resource.row_key(row, self.key) if self.key else None
            if key is not None:
                first = self.seen_keys.setdefault(key, row.row_number)
                if first != row.row_number:
                    row.error(
                        self._key_header(),
                        ", ".join(str(k) for k in key),
                        self.env._(
                            "The same key is already on row %(row)s of the file.",
                            row=first,
                        ),
                    )
                    continue
            ids = existing.get(key, []) if key is not None else []
            if len(ids) > 1:
                row.error(
                    self._key_header(),
                    ", ".join(str(k) for k in key),
                    self.env._(
                        "The key matches %(count)s existing records (ids %(ids)s): "
                        "it must identify one.",
                        count=len(ids),
                        ids=", ".join(map(str, ids[:10])),
                    ),
                )
            elif ids:
                if self.options["update_existing"]:
                    updates.append((row, records.browse(ids[0])))
                else:
                    row.skipped = self.env._("exists, and updating is switched off")
            elif self.key == [OWN_DB_ID] and key is not None:
                # an empty database id is a new record, as in Odoo's import
                row.error(
                    self._key_header(),
                    row.own_id,
                    self.env._("No record has this database id."),
                )
            elif not self.options["create_missing"]:
                row.skipped = self.env._("no record matches, and creating is off")
            else:
                self._check_required(row)
                if not row.errors:
                    creates.append(row)
        creates = self._check_own_xmlids(creates)
        return creates, updates

    def _check_own_xmlids(self, creates):
        """The rows of ``creates`` whose own external id (the file's ``id``
        column) may be given to the new record, as Odoo's ``load()`` decides:
        an id that already names a record of another model, or a record of
        this model that this import will not update (hidden from the user by
        a record rule or a company, or not matched by the upsert key) is the
        row's error, and ``ir.model.data`` is left alone. Only an id that is
        new, or that names a deleted record of this model, is (re)used."""
        wanted = {}
        for row in creates:
            if row.own_xmlid:
                wanted.setdefault(tuple(row.own_xmlid.split(".", 1)), []).append(row)
        if not wanted:
            return creates
        # sudo: reading which records these external ids name; nothing of
        # those records is read and nothing is written here
        rows = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                [("name", "in", list({name for _module, name in wanted}))],
                ["module", "name", "model", "res_id"],
            )
        )
        model = self.resource.records
        for data in rows:
            for row in wanted.get((data.module, data.name), ()):
                message = self._xmlid_conflict(model, data)
                if message:
                    row.error(self._own_id_header(), row.own_xmlid, message)
        seen = {}
        for row in creates:
            if row.own_xmlid and not row.errors:
                first = seen.setdefault(row.own_xmlid, row.row_number)
                if first != row.row_number:
                    row.error(
                        self._own_id_header(),
                        row.own_xmlid,
                        self.env._(
                            "The same external id is already on row %(row)s of "
                            "the file.",
                            row=first,
                        ),
                    )
        return [row for row in creates if not row.errors]

    def _xmlid_conflict(self, model, data):
        """Why the external id ``data`` (an ir.model.data row) cannot name a
        new record of ``model``, or None."""
        if data.model != model._name:
            label = (
                self.env[data.model]._description
                if data.model in self.env
                else data.model
            )
            return self.env._(
                "This external id already names a record of another model "
                "(%(other)s), not a %(model)s: it cannot be used here.",
                other=label,
                model=model._description,
            )
        # sudo: only whether the record still exists (deleted records' ids
        # may be reused, as load() does); nothing of it is read
        if (
            not model.sudo()
            .with_context(active_test=False)
            .browse(data.res_id)
            .exists()
        ):
            return None
        return self.env._(
            "This external id already names an existing %(model)s that this "
            "import may not change (you cannot access it, or it is not matched "
            "by the upsert key): it cannot be given to a new record.",
            model=model._description,
        )

    def _own_id_header(self):
        column = self.match.column_for(OWN_ID)
        return column.header if column else False

    def _key_header(self):
        headers = [self.match.column_for(k).header for k in self.key]
        return ", ".join(headers)

    def _check_required(self, row):
        for field in self.required:
            if row.vals.get(field.name, BLANK) in (BLANK, False, None):
                column = self.match.column_for(field.name)
                row.error(
                    column.header if column else False,
                    False,
                    self.env._(
                        "'%(field)s' is required but empty.",
                        field=field._description_string(self.env),
                    ),
                )

    def _write(self, creates, updates):
        """Write the batch at once; replay it row by row only if that fails."""
        resource = self.resource
        changes = []
        if updates:
            resource.records.browse([r.id for _row, r in updates]).fetch(
                [c.field.name for c in self.match.columns if c.field is not None]
            )
        for row, record in updates:
            row.record_id = record.id
            vals = resource.changed_values(record, resource.values_for(row, False))
            if vals:
                changes.append((row, record, vals))
            else:
                row.action = "unchanged"
        news = [(row, resource.values_for(row, True)) for row in creates]
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return self._write_rows(news, changes)
        except Exception as exc:  # noqa: BLE001 -- replayed below to find the rows
            if is_concurrency_error(exc):
                raise  # the runner has the batch tried again
            _logger.debug("%s: batch refused (%s), replaying row by row", self.job, exc)
        records = resource.records
        for item in news:
            records |= self._write_one([item], [])
        for item in changes:
            records |= self._write_one([], [item])
        return records

    def _write_one(self, news, changes):
        row = (news or changes)[0][0]
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return self._write_rows(news, changes)
        except Exception as exc:  # noqa: BLE001 -- becomes the row's error
            if is_concurrency_error(exc):
                raise  # the runner has the batch tried again
            row.action = None
            row.error(self._error_column(exc), False, row_error_message(self.env, exc))
            return self.resource.records

    def _error_column(self, exc):
        """The file column a database error is about: the column it names, or
        the field of the index it names (``res_partner__ref_index``)."""
        column_name = getattr(getattr(exc, "diag", None), "column_name", None)
        if not column_name:
            found = INDEX_NAME.search(str(exc))
            table = self.resource.records._table
            if found and found.group(1).startswith(f"{table}__"):
                column_name = found.group(1)[len(table) + 2 : -len("_index")]
        column = self.match.column_for(column_name) if column_name else None
        return column.header if column else False

    def _write_rows(self, news, changes):
        records = self.resource.records
        created = records.create([vals for _row, vals in news]) if news else records
        xmlids = []
        for (row, _vals), record in zip(news, created, strict=True):
            row.record_id, row.action = record.id, "created"
            if row.own_xmlid:
                xmlids.append({"xml_id": row.own_xmlid, "record": record})
        updated = records
        for row, record, vals in changes:
            before = self._lines_before(row, record)
            record.write(vals)
            row.action = "updated"
            updated |= record
            self._name_new_lines(row, record, before, xmlids)
        for (row, _vals), record in zip(news, created, strict=True):
            self._name_new_lines(row, record, {}, xmlids)
        if xmlids:
            # sudo: users cannot write ir.model.data. These ids were checked
            # by _check_own_xmlids (the records') and existing_lines (the
            # lines'): new, or left by a deleted record of this model, so no
            # other record's external id moves.
            self.env["ir.model.data"].sudo()._update_xmlids(xmlids)
        self.env.flush_all()
        return created | updated

    def _lines_before(self, row, record):
        return {name: set(record[name].ids) for name, _n, _x in row.line_xmlids}

    def _name_new_lines(self, row, record, before, xmlids):
        """Give the lines created for ``row`` the external ids the file
        names them by (``child_ids/id``), as ``load()`` does: the n-th line
        created is the n-th new id of the one2many."""
        for name, position, xmlid in row.line_xmlids:
            new_ids = sorted(set(record[name].ids) - before.get(name, set()))
            if position >= len(new_ids):
                raise UserError(
                    self.env._(
                        "The line %(xmlid)s was not created in %(field)s: its "
                        "external id could not be given.",
                        xmlid=xmlid,
                        field=name,
                    )
                )
            line = record[name].browse(new_ids[position])
            xmlids.append({"xml_id": xmlid, "record": line})

    def row_logs(self):
        logs = []
        for row in self.last_batch:
            data = row.errors and {
                str(header): plain_cell(cell)
                for header, cell in zip(self.headers, row.cells, strict=False)
            }
            for column, value, message in row.errors:
                logs.append(
                    self._log("error", message, row.row_number, column, value, data)
                )
            if row.skipped and not row.errors:
                logs.append(
                    self._log(
                        "info",
                        self.env._("Skipped: %(reason)s.", reason=row.skipped),
                        row.row_number,
                    )
                )
        return logs


def plain_cell(value):
    """A cell as JSON holds it (dates and the like become text)."""
    return (
        value
        if value is None or isinstance(value, str | int | float | bool)
        else str(value)
    )
