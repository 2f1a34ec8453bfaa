# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run the same file through Odoo's own import dialog code
(``base_import.import``: ``parse_preview`` for the proposed mapping, then
``execute_import``) and through a data_jobs import job, in one test."""

import base64
from pathlib import Path

from odoo.tools.misc import file_path

from .import_common import ImportCase

ODOO_SAMPLES = Path(file_path("base_import/static/csv"))


class ParityImportCase(ImportCase):
    """Odoo's import next to ours: the oracle is Odoo's own code path."""

    ODOO_OPTIONS = {
        "quoting": '"',
        "separator": ",",
        "has_headers": True,
        "encoding": "utf-8",
        "date_format": "",  # the dialog detects it from the first rows
        "datetime_format": "",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "advanced": True,
    }

    def sample(self, name):
        return (ODOO_SAMPLES / name).read_bytes()

    def odoo_wizard(self, model, content, user, file_name="file.csv"):
        return (
            self.env["base_import.import"]
            .with_user(user)
            .create(
                {
                    "res_model": model,
                    "file": content,
                    "file_name": file_name,
                    "file_type": "text/csv",
                }
            )
        )

    def odoo_preview(self, model, content, user, **options):
        """Odoo's proposed mapping: ``{header: "field/path"}`` (unmatched
        headers left out), as the import dialog shows it."""
        wizard = self.odoo_wizard(model, content, user)
        preview = wizard.parse_preview(dict(self.ODOO_OPTIONS, **options))
        self.assertNotIn("error", preview, preview.get("error"))
        headers = preview["headers"]
        return {
            headers[int(index)]: "/".join(path)
            for index, path in preview["matches"].items()
        }

    def odoo_import(self, model, content, user, mapping=None, **options):
        """``execute_import`` with ``mapping`` ({header: path}) or Odoo's own
        proposal; returns the result (ids, messages)."""
        wizard = self.odoo_wizard(model, content, user)
        preview = wizard.parse_preview(dict(self.ODOO_OPTIONS, **options))
        self.assertNotIn("error", preview, preview.get("error"))
        # the dialog sends back the options parse_preview detected (dates)
        opts = dict(preview["options"])
        headers = preview["headers"]
        if mapping is None:
            mapping = self.odoo_preview(model, content, user, **options)
        fields = [mapping.get(header, False) for header in headers]
        return wizard.execute_import(fields, headers, opts)

    def ours(self, model, content, user, file_name="file.csv", options=None):
        job = (
            self.env["data.job"]
            .with_user(user)
            .create_import(
                model, file_name, base64.b64encode(content).decode(), options or {}
            )
        )
        return self._run(job)

    def assertOdooOk(self, result):
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertFalse(errors, errors)
        self.assertTrue(result["ids"])

    def assertJobOk(self, job):
        self.assertEqual(job.state, "done", job.error_message)
        self.assertFalse(self._errors(job), self._errors(job))

    def snapshot(self, records, fields):
        """The records' values in comparable form (ids of relations, lines
        as sorted tuples of their own values)."""
        result = []
        for record in records:
            values = {}
            for name in fields:
                name, _slash, sub = name.partition("/")
                value = record[name]
                field = record._fields[name]
                if field.type == "one2many":
                    value = sorted(
                        tuple(self.snapshot(line, sub.split(","))[0].items())
                        for line in value
                    )
                elif field.relational:
                    value = tuple(value.ids)
                values[name] = value
            result.append(values)
        return result
