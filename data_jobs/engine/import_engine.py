# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import engine: file rows in batches, matched, written, reported.

A batch is converted and its references resolved at once (one lookup per
column), created with one ``create(vals_list)``; only a batch that fails is
replayed row by row in savepoints to find the guilty rows, so a clean file
pays nothing for error isolation. Every row error is logged with its row,
column and value, and written to the failed-rows file.

An import that keeps good rows commits each batch with its checkpoint (the
sheet and the last file row it covers): a run that comes back after a lock
conflict or a crash goes on after that row. A dry run or an all-or-nothing
import keeps nothing until its end, so it starts again from the top.
"""

from itertools import islice

from odoo.exceptions import UserError

from ..io.readers import ReaderError, open_reader
from ..resources import get_resource
from .base import Engine
from .column_messages import duplicate_column, ignored_column
from .export_engine import MIMETYPES
from .import_plan import ImportPlan, plain_cell
from .import_results import LogSink, ResultFiles
from .import_sheets import Part, chunks, count_rows, dependency_order

IMPORT_CONTEXT = {
    "import_file": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class ImportEngine(Engine):
    job_type = "import"

    _results = None

    def __init__(self, job, rows=None):
        """``rows``: ``(first, last)`` file rows of the one slice to import
        (of the first sheet), for a run that imports a file in chunks, each
        chunk a job of its own whose counters, logs and result rows are its
        own; None: the whole file."""
        super().__init__(job)
        self.rows = rows
        options = self.options
        context = dict(IMPORT_CONTEXT, tracking_disable=not options["tracking"])
        self.import_env = self.env(context=dict(self.env.context, **context))

    @property
    def atomic(self):
        """Dry runs and all-or-nothing imports keep nothing until the end."""
        return self.options["dry_run"] or self.options["on_error"] == "all_or_nothing"

    @property
    def resumable(self):
        return not self.atomic

    # ---------------------------------------------------------------- run
    def batches(self, checkpoint=None):
        """One step per batch of rows; returns the finisher."""
        job, options = self.job, self.options
        sink = LogSink(job, buffered=self.atomic)
        start_part = (checkpoint or {}).get("part", 0)
        after_row = (checkpoint or {}).get("row", 0)
        with job.input_file_id._data_jobs_open() as fileobj:
            parts = self._parts(fileobj)
            if checkpoint is None:
                for part in parts:
                    sink.add(part.plan.column_logs())
                yield {
                    "total_rows": self._total(fileobj, parts),
                    "warning_count": sink.take_warnings(),
                }
            with ResultFiles(job, options) as results:
                self._results = results
                for index, part in enumerate(parts):
                    if index < start_part:
                        continue  # imported before the run was resumed
                    bounds = self._bounds(index, start_part, after_row)
                    yield from self._import_part(fileobj, index, part, bounds, sink)
                results.close()
                files = results.files
        main = next((p.plan for p in parts if p.model == job.res_model), None)

        def finish():
            kept = not options["dry_run"] and not (
                options["on_error"] == "all_or_nothing" and job.error_count
            )
            if not kept:  # rolled back: its records no longer exist
                dropped = files.pop("success_file_id", None)
                if dropped:
                    dropped[0].close()
            self._attach_results(files)
            if options["dry_run"]:
                sink.add([job._log_vals("info", self._dry_run_summary())])
            sink.flush()
            record_ids = " ".join(map(str, main.record_ids)) if main and kept else ""
            job._engine_write(
                {
                    "warning_count": job.warning_count + sink.take_warnings(),
                    "record_ids": record_ids or False,
                }
            )

        return finish

    def _import_part(self, fileobj, index, part, bounds, sink):
        """The batches of one sheet (or of the CSV file). A batch's rows go
        to the result files once the batch is committed, that is when the
        runner asks for the next step: a run that fails keeps result files
        that list exactly the rows it kept (see ``salvage``)."""
        results, plan = self._results, part.plan
        with self._open_sheet(fileobj, part.sheet) as reader:
            results.begin(part, reader)
            size = self.options["batch_size"]
            pending = None
            for rows in chunks(reader, plan.match, size, *bounds):
                if pending is not None:
                    results.add(pending)
                counts = plan.import_batch(rows)
                sink.add(plan.row_logs())
                pending = plan.last_batch
                self.env.invalidate_all()  # flat memory
                yield dict(
                    counts,
                    warning_count=sink.take_warnings(),
                    checkpoint={"part": index, "row": _last_row(rows)},
                )
            if pending is not None:
                results.add(pending)
            if reader.skipped_empty:
                sink.add([plan.empty_rows_log(reader.skipped_empty)])
            sink.add(plan.reader_logs(reader))

    def salvage(self):
        """After a failure, attach the result files of what the run kept:
        the rows of the batches it committed (an import that keeps good
        rows). Called by the runner once the failed batch is rolled back."""
        results = getattr(self, "_results", None)
        if results is None or self.atomic:
            return
        results.close()
        self._attach_results(results.files)

    def _total(self, fileobj, parts):
        if self.rows is None:
            return sum(part.rows for part in parts)
        first, last = self.rows
        with self._open_sheet(fileobj, parts[0].sheet) as reader:
            return sum(1 for number, _cells in reader if first <= number <= last)

    def _bounds(self, index, start_part, after_row):
        """The rows of part ``index`` to read past and the last one to read."""
        skip = after_row if index == start_part else 0
        if self.rows is None or index:
            return skip, None
        first, last = self.rows
        return max(skip, first - 1), last

    def keeps(self, totals):
        return not self.options["dry_run"] and not totals.get("error_count")

    def dropped_totals(self, totals):
        """An all-or-nothing import that was rolled back created and updated
        nothing: its valid rows count as not imported (a dry run keeps its
        counters, read as "would create")."""
        if self.options["dry_run"]:
            return totals
        totals = dict(totals)
        written = totals.pop("created_count", 0) + totals.pop("updated_count", 0)
        totals["not_imported_count"] = written
        return totals

    def failure(self, totals):
        options = self.options
        kept = sum(
            totals.get(name, 0)
            for name in (
                "created_count",
                "updated_count",
                "unchanged_count",
                "skipped_count",
            )
        )
        if totals.get("error_count") and not kept and not options["dry_run"]:
            return self.env._(
                "All %(count)s rows have errors: nothing was imported. Fix the "
                "rows listed in the log or in the failed-rows file and import "
                "again.",
                count=totals["error_count"],
            )
        if (
            totals.get("error_count")
            and options["on_error"] == "all_or_nothing"
            and not options["dry_run"]
        ):
            return self.env._(
                "%(count)s rows have errors, so nothing was imported (the job "
                "imports all rows or none). Fix the rows listed in the log or "
                "in the failed-rows file and import again.",
                count=totals["error_count"],
            )
        return None

    def stopped_message(self, processed_rows):
        message = super().stopped_message(processed_rows)
        if self.atomic:
            message += " " + self.env._("Nothing was kept: the run was all or nothing.")
        return message

    # ------------------------------------------------------------- sheets
    def _open_sheet(self, fileobj, sheet):
        """The reader of one sheet (or of the CSV file), errors made human."""
        fileobj.seek(0)
        try:
            return open_reader(
                fileobj, self.job.input_file_name, dict(self.options, sheet=sheet)
            )
        except ReaderError as exc:
            raise UserError(str(exc)) from exc

    def _parts(self, fileobj):
        """What to import, in order: the one sheet (or CSV file), or with
        ``sheet_models`` every listed sheet, parents before children.

        Columns, keys and rights of every sheet are checked, and the rows
        counted, before anything is written.
        """
        job, options = self.job, self.options
        sheet_models = options["sheet_models"] or {None: job.res_model}
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
            with self._open_sheet(fileobj, name) as reader:
                resource = get_resource(self.import_env, model)
                label = (
                    reader.detected.get("sheet") if options["sheet_models"] else None
                )
                plan = ImportPlan(job, resource, reader, sheet_options, sheet=label)
                parts.append(Part(name, model, plan, count_rows(reader)))
        return dependency_order(self.env, parts)

    # ------------------------------------------------------------ preview
    def preview(self, limit=10):
        """What the wizard shows before a run: the detected file settings, the
        first rows, each column's field (or why it has none) and the warnings.

        Raises UserError with the reason when the file cannot be read.
        """
        job = self.job
        resource = get_resource(self.env, job.res_model)
        with job.input_file_id._data_jobs_open() as fileobj:
            try:
                with open_reader(fileobj, job.input_file_name, self.options) as reader:
                    match = resource.import_columns(
                        reader.headers, self.options["mapping"]
                    )
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
        warnings = [ignored_column(self.env, h, r) for h, r in match.unmapped] + [
            duplicate_column(self.env, h, f) for h, f in match.duplicates
        ]
        return {
            "headers": headers,
            "rows": rows,
            "columns": columns,
            "detected": detected,
            "warnings": warnings,
        }

    # ------------------------------------------------------------- endings
    def _dry_run_summary(self):
        job = self.job
        return self.env._(
            "Dry run: nothing was kept. The file would create %(created)s, update "
            "%(updated)s and skip %(skipped)s records; %(errors)s rows have errors "
            "and %(unchanged)s are unchanged.",
            created=job.created_count,
            updated=job.updated_count,
            skipped=job.skipped_count,
            errors=job.error_count,
            unchanged=job.unchanged_count,
        )

    def _attach_results(self, files):
        job = self.job
        vals = {}
        for field_name, (tmp, name, file_format) in files.items():
            vals[field_name] = job._file_attachment(tmp, name, MIMETYPES[file_format])
            tmp.close()
        if vals:
            job._engine_write({k: v.id for k, v in vals.items()})


def _last_row(rows):
    """The last file row a batch of ``(row_number, cells, lines)`` covers."""
    row_number, _cells, lines = rows[-1]
    return max([row_number, *(number for number, _c in lines)])
