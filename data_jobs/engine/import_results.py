# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where an import's results go: log lines and the two result files."""

import os
import tempfile

from odoo.exceptions import UserError

from ..io.values import Column
from ..io.writers import WriterError, make_writer

RESULT_FORMATS = {".xlsx": "xlsx"}  # anything else gets CSV results


class LogSink:
    """Where the engine's log lines go: written per batch, or kept until the
    end of an all-or-nothing run (whose data may be rolled back)."""

    def __init__(self, job, buffered):
        self.job = job
        self.buffered = buffered
        self.pending = []
        self.warnings = 0

    def add(self, vals_list):
        self.warnings += sum(1 for v in vals_list if v["level"] == "warning")
        if self.buffered:
            self.pending.extend(vals_list)
        elif vals_list:
            self.job._log_many(vals_list)

    def take_warnings(self):
        count, self.warnings = self.warnings, 0
        return count

    def flush(self):
        if self.pending:
            self.job._log_many(self.pending)
            self.pending = []


class ResultFiles:
    """The failed-rows file (the input's columns plus ``import_error``, in the
    input's format; one sheet per imported sheet) and the success file (row,
    record id, external id, action)."""

    def __init__(self, job, options):
        self.job = job
        self.options = options
        stem, extension = os.path.splitext(job.input_file_name or "import.csv")
        self.stem = stem
        self.format = RESULT_FORMATS.get(extension.lower(), "csv")
        self.failed = self.success = None
        self.plan = None
        self.files = {}

    def begin(self, part, reader):
        """Start the results of one sheet (or of the CSV file)."""
        self.plan = part.plan
        failed_columns = [*reader.headers, "import_error"]
        success_columns = ["row", "id", "external_id", "action"]
        if self.failed is None:
            # formulas are neutralised (reading the file back restores them);
            # UTF-8, whatever the input was: a byte the reader repaired may
            # have no place in the input's own encoding
            writer_options = {"header": "name"}
            if self.format == "csv":
                writer_options.update(
                    delimiter=reader.detected.get("delimiter", ","),
                    encoding="utf-8",
                    quotechar=self.options["quotechar"],
                )
            self.failed = self._open(
                failed_columns, f"{self.stem}_failed.{self.format}", writer_options
            )
            if not self.options["dry_run"]:
                self.success = self._open(
                    success_columns,
                    f"{self.stem}_imported.{self.format}",
                    writer_options,
                )
        if self.format == "xlsx":
            title = reader.detected.get("sheet") or "Data"
            self.failed["writer"].start_sheet(title, _columns(failed_columns))
            if self.success is not None:
                self.success["writer"].start_sheet(title, _columns(success_columns))

    def _open(self, names, file_name, writer_options):
        tmp = tempfile.TemporaryFile(prefix="data_job_result_")
        writer = make_writer(self.format, tmp, _columns(names), writer_options)
        return {"tmp": tmp, "writer": writer, "name": file_name, "rows": 0}

    def add(self, batch):
        width = len(self.plan.headers)
        failed = []
        for row in batch:
            if row.errors:
                failed.append([*row.cells[:width], "; ".join(e[2] for e in row.errors)])
                failed.extend([*cells[:width], None] for _n, cells in row.lines[1:])
        self._write(self.failed, failed)
        if self.success is not None:
            done = [r for r in batch if r.action in ("created", "updated")]
            resource = self.plan.resource
            xmlids = resource.external_ids(
                resource.records.browse([r.record_id for r in done])
            )
            self._write(
                self.success,
                [
                    [
                        r.row_number,
                        r.record_id,
                        r.own_xmlid or xmlids.get(r.record_id),
                        r.action,
                    ]
                    for r in done
                ],
            )

    def _write(self, target, rows):
        if rows:
            try:
                target["writer"].write_rows(rows)
            except WriterError as exc:
                raise UserError(str(exc)) from exc
            target["rows"] += len(rows)

    def close(self):
        """Finish both files; those with rows wait in ``files`` to be attached
        (whoever attaches one closes its temporary file)."""
        targets = {"failed_file_id": self.failed, "success_file_id": self.success}
        for field_name, target in targets.items():
            if target is None or target.get("closed"):
                continue
            target["writer"].close()
            target["closed"] = True
            if target["rows"]:
                self.files[field_name] = (target["tmp"], target["name"], self.format)
            else:
                target["tmp"].close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if exc_info[0] is not None:
            # finished as they are: a failed run's files may still be attached
            # (ImportEngine.salvage); the others close with their objects
            self.close()


def _columns(names):
    return [Column(name=n or f"column_{i + 1}", label=n) for i, n in enumerate(names)]
