# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The export engine: records read in batches, streamed to a file writer.

Records are read as the job's owner (record rules, field groups and company
rules apply), one id-ordered batch at a time with only the needed columns,
and the cache is dropped after each batch so memory stays flat.
"""

# data.job is split by concern (fields and states, the run loop, each engine)
# so that each file stays small and says what it holds.
# pylint: disable=consider-merging-classes-inherited

import tempfile

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..io.options import with_defaults
from ..resources import get_resource

MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json",
}


class DataJob(models.Model):
    _inherit = "data.job"

    @api.model
    @api.returns("self", lambda job: job.id)
    def create_export(
        self, model, domain, fields=None, file_format="csv", options=None
    ):
        """Create and start an export job (its id over JSON-RPC/XML-RPC).

        ``domain`` is a list (or its text), ``fields`` a list of field paths
        such as ``["name", "country_id/name"]`` (empty: exportable fields).
        """
        job = self.create(
            {
                "job_type": "export",
                "res_model": model,
                "domain": domain
                if isinstance(domain, str)
                else repr(list(domain or [])),
                "field_names": list(fields or []),
                "file_format": file_format,
                "options": options or {},
            }
        )
        job.action_start()
        return job

    def _export_paths(self, resource, options):
        paths = list(self.field_names or []) or resource.default_export_fields()
        if options["import_compatible"] and "id" not in paths:
            paths.insert(0, "id")
        if not paths:
            raise UserError(
                self.env._("%(model)s has no field to export.", model=self.res_model)
            )
        return paths

    def _export_domain(self, options):
        domain = self._get_domain()
        if options["ids"]:
            domain = (
                ["&", ("id", "in", options["ids"]), *domain]
                if domain
                else [("id", "in", options["ids"])]
            )
        return domain

    def _export_batches(self):
        """Export engine: one step per batch of records."""
        options = with_defaults(self.options, "export")
        records = self.env[self.res_model].with_context(
            active_test=False
            if options["ids"]
            else self.env.context.get("active_test", True),
            prefetch_fields=False,
        )
        resource = get_resource(records.env, self.res_model)
        paths = self._export_paths(resource, options)
        columns = resource.export_columns(paths, options["import_compatible"])
        domain = self._export_domain(options)
        total = records.search_count(domain, limit=options["limit"])
        yield {"total_rows": total}
        writer_options = dict(options)
        if options["import_compatible"]:
            writer_options["header"] = "name"
        with tempfile.TemporaryFile(prefix="data_job_") as tmp:
            writer = resource.make_writer(
                self.file_format,
                tmp,
                columns,
                writer_options,
                self._export_meta(columns, domain, total, options),
            )
            for batch in self._export_record_batches(records, domain, options):
                batch.fetch([p.split("/")[0] for p in paths if p != "id"])
                writer.write_rows(
                    resource.export_rows(batch, paths, options["import_compatible"])
                )
                count = len(batch)
                self.env.invalidate_all()  # flat memory: forget the batch
                yield {"processed_rows": count}
            writer.close()
            attachment = self.env["ir.attachment"]._data_jobs_create_from_file(
                tmp,
                {
                    "name": self._export_file_name(options),
                    "mimetype": MIMETYPES[self.file_format],
                    "res_model": self._name,
                    "res_id": self.id,
                },
            )
        self.with_context(data_job_set_state=True).output_file_id = attachment

    def _export_record_batches(self, records, domain, options):
        """Batches of records: an id cursor, or the ordered ids when sorted."""
        size, limit, order = options["batch_size"], options["limit"], options["order"]
        if order:
            ids = records.search(domain, order=order, limit=limit).ids
            for start in range(0, len(ids), size):
                yield records.browse(ids[start : start + size])
            return
        last_id, left = 0, limit
        while left is None or left > 0:
            step = size if left is None else min(size, left)
            batch = records.search(
                [("id", ">", last_id), *domain], order="id", limit=step
            )
            if not batch:
                return
            yield batch
            last_id = batch.ids[-1]
            left = None if left is None else left - len(batch)

    def _export_file_name(self, options):
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        extension = (
            "jsonl"
            if self.file_format == "json" and options["json_lines"]
            else self.file_format
        )
        return f"{self.res_model.replace('.', '_')}_{now:%Y-%m-%d_%H%M}.{extension}"

    def _export_meta(self, columns, domain, total, options):
        """Title and summary shown by the PDF and JSON writers."""
        model_label = self.env["ir.model"]._get(self.res_model).name
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        generated = now.strftime("%Y-%m-%d %H:%M")
        title = options["pdf_title"] or self.env._(
            "%(model)s — %(job)s", model=model_label, job=self.name
        )
        return {
            "title": title,
            "summary": [
                (self.env._("Model"), f"{model_label} ({self.res_model})"),
                (self.env._("Filter"), self._domain_summary(domain)),
                (self.env._("Records"), f"{total:,}"),
                (
                    self.env._("Generated"),
                    self.env._(
                        "%(date)s by %(user)s", date=generated, user=self.user_id.name
                    ),
                ),
                (self.env._("Company"), self.company_id.name),
            ],
            "page_label": self.env._("Page %(page)s of %(total)s"),
            "model": self.res_model,
            "domain": repr(domain),
            "fields": [c.name for c in columns],
            "count": total,
            "generated_at": fields.Datetime.now().isoformat(),
        }

    def _domain_summary(self, domain):
        """The filter in words a user reads ("Is a Company is set")."""
        if not domain:
            return self.env._("All records")
        return repr(domain)
