# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The export engine: records read in batches, streamed to a file writer.

Records are read as the job's owner (record rules, field groups and company
rules apply), one batch at a time with only the needed columns,
and the cache is dropped after each batch so memory stays flat. Records come
in the job's order or the model's ``_order`` (as Odoo's export), each with all
its lines in one batch. The filter,
the field paths, the columns and the sort order are resolved once, when the
engine is built; an export that stopped half-way starts its file again.
"""

import tempfile

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..resources import get_resource
from .base import Engine
from .domain_words import DomainWords

MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json",
}


class ExportEngine(Engine):
    job_type = "export"

    def __init__(self, job):
        super().__init__(job)
        options = self.options
        context = {
            "active_test": False
            if options["ids"]
            else self.env.context.get("active_test", True),
            "prefetch_fields": False,
        }
        if options["lang"]:
            # values (selection labels, translated names) and headers are read
            # in the requested language, as Odoo's export in that language
            context["lang"] = self._check_lang(options["lang"])
        self.records = self.env[job.res_model].with_context(**context)
        self.resource = get_resource(self.records.env, job.res_model)
        self.paths = self._paths()
        self.columns = self.resource.export_columns(
            self.paths, options["import_compatible"]
        )
        self.filter = job._get_domain()
        self.domain = self._domain()
        self._check_order()

    # ----------------------------------------------------------- settings
    def _paths(self):
        job, options = self.job, self.options
        paths = list(job.field_names or []) or self.resource.default_export_fields()
        if options["import_compatible"] and "id" not in paths:
            paths.insert(0, "id")
        if not paths:
            raise UserError(
                self.env._("%(model)s has no field to export.", model=job.res_model)
            )
        return paths

    def _domain(self):
        ids = self.options["ids"]
        if not ids:
            return self.filter
        if not self.filter:
            return [("id", "in", ids)]
        return ["&", ("id", "in", ids), *self.filter]

    def _check_lang(self, lang):
        """The code of an active language, or a clear error."""
        code = self.env["res.lang"]._get_code(lang)
        if not code:
            installed = ", ".join(
                code for code, _name in self.env["res.lang"].get_installed()
            )
            raise UserError(
                self.env._(
                    "The export cannot be read in the language '%(lang)s': it is "
                    "not an active language of this database (active: "
                    "%(installed)s).",
                    lang=lang,
                    installed=installed,
                )
            )
        return code

    def _order(self):
        """The job's order, or the model's ``_order`` as Odoo's export; with
        ``id`` as the last key, so the order is total and no batch can skip or
        repeat a record that ties with another."""
        order = self.options["order"] or self.records._order or "id"
        keys = [
            term.split()[0].strip('"').lower()
            for term in order.split(",")
            if term.strip()
        ]
        return order if "id" in keys else f"{order}, id"

    def _check_order(self):
        order = self.options["order"]
        if not order:
            return
        records = self.records
        try:
            records._order_to_sql(order, records._search([]))
        except (UserError, ValueError, AccessError) as exc:
            raise UserError(
                self.env._(
                    "%(model)s cannot be sorted by '%(order)s': %(error)s",
                    model=self.job.res_model,
                    order=order,
                    error=exc.args[0] if exc.args else exc,
                )
            ) from exc

    # ---------------------------------------------------------------- run
    def batches(self, checkpoint=None):
        """One step per batch of records; the file is attached at the end."""
        job, options, resource = self.job, self.options, self.resource
        total = self.records.search_count(self.domain, limit=options["limit"])
        yield {"total_rows": total}
        writer_options = dict(options)
        if options["import_compatible"]:
            writer_options["header"] = "name"
        with tempfile.TemporaryFile(prefix="data_job_") as tmp:
            writer = resource.make_writer(
                job.file_format, tmp, self.columns, writer_options, self._meta(total)
            )
            for batch in self._record_batches():
                batch.fetch(resource.fields_to_fetch(self.paths))
                # a record's lines come with it: a batch holds whole records
                writer.write_records(
                    resource.export_records(
                        batch, self.paths, options["import_compatible"]
                    )
                )
                count = len(batch)
                self.env.invalidate_all()  # flat memory: forget the batch
                yield {"processed_rows": count}
            writer.close()
            attachment = job._file_attachment(
                tmp, self._file_name(), MIMETYPES[job.file_format]
            )
        job._engine_write({"output_file_id": attachment.id})

    def _record_batches(self):
        """Batches of records in the export's order (see ``_order``); only
        their ids are held, the records are read one batch at a time."""
        options, records = self.options, self.records
        size = options["batch_size"]
        ids = records.search(
            self.domain, order=self._order(), limit=options["limit"]
        ).ids
        for start in range(0, len(ids), size):
            yield records.browse(ids[start : start + size])

    def _file_name(self):
        job = self.job
        now = fields.Datetime.context_timestamp(job, fields.Datetime.now())
        extension = (
            "jsonl"
            if job.file_format == "json" and self.options["json_lines"]
            else job.file_format
        )
        return f"{job.res_model.replace('.', '_')}_{now:%Y-%m-%d_%H%M}.{extension}"

    def _meta(self, total):
        """Title and summary shown by the PDF and JSON writers."""
        job, options = self.job, self.options
        model_label = self.env["ir.model"]._get(job.res_model).name
        now = fields.Datetime.context_timestamp(job, fields.Datetime.now())
        generated = now.strftime("%Y-%m-%d %H:%M")
        title = options["pdf_title"] or self.env._(
            "%(model)s — %(job)s", model=model_label, job=job.name
        )
        return {
            "title": title,
            "summary": [
                (self.env._("Model"), f"{model_label} ({job.res_model})"),
                (
                    self.env._("Filter"),
                    DomainWords(self.env).summary(job.res_model, self.filter),
                ),
                *self._selection_summary(),
                (self.env._("Records"), f"{total:,}"),
                (
                    self.env._("Generated"),
                    self.env._(
                        "%(date)s by %(user)s", date=generated, user=job.user_id.name
                    ),
                ),
                (self.env._("Company"), job.company_id.name),
            ],
            "page_label": self.env._("Page %(page)s of %(total)s"),
            "model": job.res_model,
            "domain": repr(self.domain),
            "fields": [c.name for c in self.columns],
            "count": total,
            "generated_at": fields.Datetime.now().isoformat(),
        }

    def _selection_summary(self):
        ids = self.options["ids"]
        if not ids:
            return []
        count = f"{len(ids):,}"
        return [
            (
                self.env._("Selection"),
                self.env._("%(count)s selected records", count=count),
            )
        ]
