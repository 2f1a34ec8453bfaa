# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Templates: jobs made from them, sample files, scheduled exports."""

import base64
import csv
import io
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .import_common import ImportCase


@tagged("post_install", "-at_install")
class TestTemplates(ImportCase):
    def _template(self, **vals):
        values = {
            "name": "Partners by reference",
            "res_model": "res.partner",
            "domain": self.domain,
            "field_names": ["ref", "name", "email", "country_id/code"],
            "header": "name",
            "delimiter": ";",
            "upsert_key": ["ref"],
        }
        values.update(vals)
        return self.env["data.job.template"].with_user(self.user_a).create(values)

    def test_export_then_import_with_the_same_template_changes_nothing(self):
        for partner in self.partners:
            partner.ref = f"T{partner.id}"
        template = self._template()
        export = self._run(template.create_export_job())
        self.assertEqual(export.template_id, template)
        rows = self._csv_rows(export, delimiter=";")
        self.assertEqual(rows[0], ["ref", "name", "email", "country_id/code"])
        self.assertEqual(rows[1][3], "BE")
        content = export.sudo().output_file_id.raw
        again = self._run(
            template.create_import_job(
                "partners.csv", base64.b64encode(content).decode()
            )
        )
        self.assertEqual(again.state, "done", again.error_message)
        self.assertEqual(again.options["upsert_key"], ["ref"])
        self.assertEqual(again.options["delimiter"], ";")
        counts = (again.created_count, again.updated_count, again.error_count)
        self.assertEqual(counts, (0, 0, 0), self._errors(again))
        self.assertEqual(again.unchanged_count, 7)
        self.assertEqual(template.job_count, 2)

    def test_empty_and_sample_files_have_the_headers(self):
        template = self._template(delimiter=",")
        name, content, _fmt = template._sample_file(with_rows=False)
        self.assertEqual(name, "res_partner_template.csv")
        self.assertEqual(
            content.decode("utf-8-sig").splitlines(), ["ref,name,email,country_id/code"]
        )
        _name, content, _fmt = template._sample_file(with_rows=True)
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        self.assertEqual(len(rows), 4)
        self.assertTrue(rows[1][1].startswith("DJ Partner"))
        action = template.action_download_sample()
        self.assertEqual(action["url"], f"/data_jobs/template/{template.id}/sample")

    def test_bad_settings_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "Unknown option 'batchsize'"):
            self._template(extra_options={"batchsize": 5})
        with self.assertRaisesRegex(ValidationError, "no model named"):
            self._template(res_model="no.model")
        with self.assertRaisesRegex(ValidationError, "not valid JSON"):
            self._template(field_names_text="[name")

    def test_schedule_creates_due_jobs_and_keeps_the_last_files(self):
        template = self._template(
            direction="export",
            schedule_active=True,
            interval_number=1,
            interval_type="hours",
            keep_files=2,
            next_run=fields.Datetime.now() - timedelta(minutes=1),
        )
        template.message_subscribe(partner_ids=self.user_b.partner_id.ids)
        Template = self.env["data.job.template"]
        files = []
        for _run in range(3):
            Template._cron_run_schedules()
            job = template.job_ids.sorted("id")[-1]
            self.assertEqual(job.state, "queued")
            self.assertEqual(job.user_id, self.user_a, "runs as the template owner")
            self._run(job)
            files.append(job.sudo().output_file_id)
            self.assertGreater(template.next_run, fields.Datetime.now())
            Template._cron_run_schedules()  # not due again: nothing new
            template.next_run = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(len(template.job_ids), 3)
        self.assertFalse(files[0].exists(), "the oldest file was rotated out")
        self.assertTrue(files[1].exists() and files[2].exists())
        messages = template.message_ids.filtered(
            lambda m: "Scheduled export" in (m.body or "")
        )
        self.assertEqual(len(messages), 3)
        self.assertIn(self.user_b.partner_id, template.message_partner_ids)

    def test_wizards_save_and_offer_templates(self):
        export = (
            self.env["data.job.export.wizard"]
            .with_user(self.user_a)
            .create(
                {
                    "res_model": "res.partner",
                    "domain": self.domain,
                    "file_format": "csv",
                    "delimiter": ";",
                    "line_ids": [
                        Command.create({"path": "name", "res_model": "res.partner"}),
                        Command.create({"path": "ref", "res_model": "res.partner"}),
                    ],
                }
            )
        )
        action = export.action_save_template()
        template = self.env["data.job.template"].browse(action["res_id"])
        self.assertEqual(template.direction, "export")
        self.assertEqual(template.field_names, ["name", "ref"])
        self.assertEqual((template.delimiter, template.domain), (";", self.domain))
        form = Form(
            self.env["data.job.export.wizard"]
            .with_user(self.user_a)
            .with_context(default_res_model="res.partner")
        )
        form.template_id = template
        self.assertEqual(form.delimiter, ";")
        self.assertEqual(len(form.line_ids), 2)
        wizard = form.save()
        wizard.action_export()
        job = template.job_ids
        self.assertEqual(len(job), 1)
        self.assertEqual(job.field_names, ["name", "ref"])
        self.assertEqual(job.options.get("delimiter"), ";")
