# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import engine: file rows in batches, matched, written, reported.

A batch is converted and its references resolved at once (one lookup per
column), created with one ``create(vals_list)``; only a batch that fails is
replayed row by row in savepoints to find the guilty rows, so a clean file
pays nothing for error isolation. Every row error is logged with its row,
column and value, and written to the failed-rows file.
"""

# data.job is split by concern (fields and states, the run loop, each engine)
# so that each file stays small and says what it holds.
# pylint: disable=consider-merging-classes-inherited

import base64
import binascii
import os
from itertools import islice

import psycopg2

from odoo import api, models
from odoo.exceptions import UserError
from odoo.service.model import _as_validation_error

from ..io.convert import is_blank
from ..io.options import with_defaults
from ..io.readers import READERS, ReaderError, open_reader
from ..resources import get_resource
from .data_job_export import MIMETYPES
from .import_plan import ImportPlan, plain_cell
from .import_results import LogSink, ResultFiles

IMPORT_CONTEXT = {
    "import_file": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class DataJob(models.Model):
    _inherit = "data.job"

    # ------------------------------------------------------------------ API
    @api.model
    @api.returns("self", lambda job: job.id)
    def create_import(
        self, model, file_name, file_content, options=None, template=None
    ):
        """Create and start an import job (its id over JSON-RPC/XML-RPC).

        ``file_content`` is the file's bytes, base64-encoded.
        """
        extension = os.path.splitext(file_name or "")[1].lower()
        if extension not in READERS:
            raise UserError(
                self.env._(
                    "%(name)s cannot be imported: use a CSV or XLSX file.",
                    name=file_name,
                )
            )
        try:
            content = base64.b64decode(file_content, validate=True)
        except (binascii.Error, ValueError, TypeError) as exc:
            raise UserError(
                self.env._("The file content must be base64-encoded bytes.")
            ) from exc
        job = self.create(
            {
                "job_type": "import",
                "res_model": model,
                "file_format": "xlsx" if extension == ".xlsx" else "csv",
                "options": options or {},
                "template_id": template.id if template else False,
            }
        )
        job._attach_input(file_name, content)
        job.action_start()
        return job

    def _attach_input(self, file_name, content):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": file_name,
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.input_file_id = attachment
        return attachment

    def _check_not_duplicate(self):
        """Refuse a second import of the same file into the same model while
        the owner's first one is still waiting or running (a double click).

        Only the owner's own jobs count: another user's jobs are neither
        searched nor named."""
        checksum = self.input_file_id.checksum
        if not checksum:
            return
        other = self.search(
            [
                ("id", "!=", self.id),
                ("user_id", "=", self.user_id.id),
                ("job_type", "=", "import"),
                ("res_model", "=", self.res_model),
                ("state", "in", ("queued", "running")),
                ("input_file_id.checksum", "=", checksum),
            ],
            limit=1,
        )
        if other:
            raise UserError(
                self.env._(
                    "You are already importing this file into %(model)s with "
                    "%(job)s (%(state)s). Wait for it to finish or cancel it first.",
                    model=self.model_name or self.res_model,
                    job=other.name,
                    state=other._state_label(),
                )
            )

    # --------------------------------------------------------------- engine
    def _import_options(self):
        return with_defaults(self.options, "import")

    def _import_batches(self):
        """Import engine: one step per batch of rows; returns the finisher."""
        options = self._import_options()
        context = dict(IMPORT_CONTEXT, tracking_disable=not options["tracking"])
        env = self.env(context=dict(self.env.context, **context))
        sink = LogSink(self, buffered=self._runs_atomically())
        with self.input_file_id._data_jobs_open() as fileobj:
            parts = self._import_parts(fileobj, env, options)
            for part in parts:
                sink.add(part.plan.column_logs())
            yield {
                "total_rows": sum(part.rows for part in parts),
                "warning_count": sink.take_warnings(),
            }
            with ResultFiles(self, options) as results:
                for part in parts:
                    with self._open_sheet(fileobj, part.sheet, options) as reader:
                        plan = part.plan
                        results.begin(part, reader)
                        for rows in _chunks(reader, plan.match, options["batch_size"]):
                            counts = plan.import_batch(rows)
                            results.add(plan.last_batch)
                            sink.add(plan.row_logs())
                            self.env.invalidate_all()  # flat memory
                            yield dict(counts, warning_count=sink.take_warnings())
                        if reader.skipped_empty:
                            sink.add([plan.empty_rows_log(reader.skipped_empty)])
                results.close()
                files = results.files
        main = next((p.plan for p in parts if p.model == self.res_model), None)

        def finish():
            kept = not options["dry_run"] and not (
                options["on_error"] == "all_or_nothing" and self.error_count
            )
            if not kept:  # rolled back: its records no longer exist
                dropped = files.pop("success_file_id", None)
                if dropped:
                    dropped[0].close()
            self._attach_results(files)
            if options["dry_run"]:
                sink.add([self._log_vals("info", self._dry_run_summary())])
            sink.flush()
            record_ids = " ".join(map(str, main.record_ids)) if main and kept else ""
            self._engine_write(
                {
                    "warning_count": self.warning_count + sink.take_warnings(),
                    "record_ids": record_ids or False,
                }
            )

        return finish

    def _open_sheet(self, fileobj, sheet, options):
        """The reader of one sheet (or of the CSV file), errors made human."""
        fileobj.seek(0)
        try:
            return open_reader(
                fileobj, self.input_file_name, dict(options, sheet=sheet)
            )
        except ReaderError as exc:
            raise UserError(str(exc)) from exc

    def _import_parts(self, fileobj, env, options):
        """What to import, in order: the one sheet (or CSV file), or with
        ``sheet_models`` every listed sheet, parents before children.

        Columns, keys and rights of every sheet are checked, and the rows
        counted, before anything is written.
        """
        sheet_models = options["sheet_models"] or {None: self.res_model}
        sheet_options = dict(options)
        if options["sheet_models"]:  # per-sheet mapping and keys: external ids
            sheet_options.update(mapping=None, upsert_key=None)
        parts = []
        for sheet, model in sheet_models.items():
            if model not in self.env:
                raise UserError(
                    self.env._(
                        "Sheet '%(sheet)s' names the model '%(model)s', which does "
                        "not exist.",
                        sheet=sheet,
                        model=model,
                    )
                )
            name = sheet if options["sheet_models"] else options["sheet"]
            with self._open_sheet(fileobj, name, options) as reader:
                resource = get_resource(env, model)
                label = (
                    reader.detected.get("sheet") if options["sheet_models"] else None
                )
                plan = ImportPlan(self, resource, reader, sheet_options, sheet=label)
                parts.append(_Part(name, model, plan, _count(reader)))
        return _dependency_order(self.env, parts)

    def _import_preview(self, limit=10):
        """What the wizard shows before a run: the detected file settings, the
        first rows, each column's field (or why it has none) and the warnings.

        Raises UserError with the reason when the file cannot be read.
        """
        self.ensure_one()
        options = self._import_options()
        resource = get_resource(self.env, self.res_model)
        with self.input_file_id._data_jobs_open() as fileobj:
            try:
                with open_reader(fileobj, self.input_file_name, options) as reader:
                    match = resource.import_columns(reader.headers, options["mapping"])
                    rows = [list(map(plain_cell, v)) for _n, v in islice(reader, limit)]
                    detected = dict(reader.detected)
                    headers = list(reader.headers)
            except ReaderError as exc:
                raise UserError(str(exc)) from exc
        by_index = {c.index: c for c in match.columns}
        reasons = dict(match.unmapped)
        columns = []
        for index, header in enumerate(headers):
            column = by_index.get(index)
            columns.append(
                {
                    "index": index,
                    "header": header,
                    "path": column.path if column else False,
                    "label": resource.column_label(column) if column else False,
                    "ignored": header in match.ignored,
                    "reason": reasons.get(header, False),
                }
            )
        warnings = [
            self.env._(
                "Column '%(column)s' is ignored: %(reason)s.", column=h, reason=r
            )
            for h, r in match.unmapped
        ] + [
            self.env._(
                "Column '%(column)s' fills the same field as '%(first)s' and is "
                "ignored.",
                column=h,
                first=f,
            )
            for h, f in match.duplicates
        ]
        return {
            "headers": headers,
            "rows": rows,
            "columns": columns,
            "detected": detected,
            "warnings": warnings,
        }

    def _dry_run_summary(self):
        return self.env._(
            "Dry run: nothing was kept. The file would create %(created)s, update "
            "%(updated)s and skip %(skipped)s records; %(errors)s rows have errors "
            "and %(unchanged)s are unchanged.",
            created=self.created_count,
            updated=self.updated_count,
            skipped=self.skipped_count,
            errors=self.error_count,
            unchanged=self.unchanged_count,
        )

    def _attach_results(self, files):
        vals = {}
        for field_name, (tmp, name, file_format) in files.items():
            vals[field_name] = self.env["ir.attachment"]._data_jobs_create_from_file(
                tmp,
                {
                    "name": name,
                    "mimetype": MIMETYPES[file_format],
                    "res_model": self._name,
                    "res_id": self.id,
                },
            )
            tmp.close()
        if vals:
            self._engine_write({k: v.id for k, v in vals.items()})

    # -------------------------------------------------- runner's questions
    def _runs_atomically(self):
        """Dry runs and all-or-nothing imports keep nothing until the end."""
        if self.job_type != "import":
            return super()._runs_atomically()
        options = self._import_options()
        return options["dry_run"] or options["on_error"] == "all_or_nothing"

    def _keeps_atomic_result(self, totals):
        if self.job_type != "import":
            return super()._keeps_atomic_result(totals)
        options = self._import_options()
        return not options["dry_run"] and not totals.get("error_count")

    def _run_failure(self, totals):
        if self.job_type == "import" and totals.get("error_count"):
            options = self._import_options()
            if options["on_error"] == "all_or_nothing" and not options["dry_run"]:
                return self.env._(
                    "%(count)s rows have errors, so nothing was imported (the job "
                    "imports all rows or none). Fix the rows listed in the log or "
                    "in the failed-rows file and import again.",
                    count=totals["error_count"],
                )
        return super()._run_failure(totals)

    def _stopped_message(self):
        message = super()._stopped_message()
        if self.job_type == "import" and self._runs_atomically():
            message += " " + self.env._("Nothing was kept: the run was all or nothing.")
        return message

    def _row_error_message(self, exc):
        """What a row's write failure means to the user."""
        if isinstance(exc, psycopg2.IntegrityError):
            exc = _as_validation_error(self.env, exc)
        if isinstance(exc, UserError):
            return exc.args[0]
        return self._human_error(exc)


class _Part:
    """One sheet of the file (or the CSV file) and the plan that imports it."""

    def __init__(self, sheet, model, plan, rows):
        self.sheet, self.model, self.plan, self.rows = sheet, model, plan, rows


def _dependency_order(env, parts):
    """Parts whose records others point to (many2one, many2many, lines) come
    first; a cycle is refused before anything is written."""
    models = {part.model for part in parts}
    needs = {
        part.model: {
            column.field.comodel_name
            for column in part.plan.match.columns
            if column.field is not None
            and column.field.relational
            and column.field.comodel_name in models - {part.model}
        }
        for part in parts
    }
    ordered, done = [], set()
    while len(ordered) < len(parts):
        ready = [p for p in parts if p.model not in done and needs[p.model] <= done]
        if not ready:
            raise UserError(
                env._(
                    "The sheets point to each other in a cycle (%(cycle)s), so no "
                    "order can create the records they reference. Split the file "
                    "or remove one of these columns.",
                    cycle=_cycle_text(parts, needs, done),
                )
            )
        ordered.append(ready[0])
        done.add(ready[0].model)
    return ordered


def _cycle_text(parts, needs, done):
    names = {p.model: p.plan.sheet or p.model for p in parts}
    left = [p.model for p in parts if p.model not in done]
    path, current = [], left[0]
    while current not in path:
        path.append(current)
        current = sorted(needs[current] - done)[0]
    cycle = path[path.index(current) :] + [current]
    return " -> ".join(names[m] for m in cycle)


def _chunks(reader, match, size):
    """Batches of ``(row_number, cells, lines)``: with one2many columns, a row
    whose other mapped cells are all empty is a line of the record above (the
    way Odoo's import reads header + lines files)."""
    records = _records(reader, match)
    while batch := list(islice(records, size)):
        yield batch


def _records(reader, match):
    line_indexes = [c.index for c in match.columns if c.lines]
    if not line_indexes:
        for row_number, cells in reader:
            yield row_number, cells, []
        return
    head_indexes = [c.index for c in match.columns if not c.lines]
    current = None
    for row_number, cells in reader:
        if current is not None and all(is_blank(cells[i]) for i in head_indexes):
            current[2].append((row_number, cells))
            continue
        if current is not None:
            yield current
        current = (row_number, cells, [(row_number, cells)])
    if current is not None:
        yield current


def _count(reader):
    try:
        return reader.count_rows()
    except ReaderError as exc:
        raise UserError(str(exc)) from exc
