# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.api import call_kw
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER as RUNNER
from .common import DataJobCase


@tagged("post_install", "-at_install")
class TestDataJobRun(DataJobCase):
    def test_csv_export_done(self):
        job = self._export_job(options={"delimiter": ";", "batch_size": 3})
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.total_rows, job.processed_rows), (7, 7))
        self.assertEqual(job.progress, 100.0)
        self.assertTrue(job.start_date and job.end_date)
        rows = self._csv_rows(job, ";")
        self.assertEqual(
            rows[0], ["Name", "Email", "Country / Country Name", "Tags / Name"]
        )
        self.assertEqual(
            rows[1], ["DJ Partner 00", "p0@dj.example", "Belgium", "DJ Tag"]
        )
        self.assertEqual(len(rows), 8)
        attachment = job.sudo().output_file_id
        self.assertEqual(
            (attachment.res_model, attachment.res_id), ("data.job", job.id)
        )
        self.assertRegex(attachment.name, r"^res_partner_\d{4}-\d\d-\d\d_\d{4}\.csv$")
        self.assertEqual(attachment.mimetype, "text/csv")
        self.assertEqual(attachment.file_size, len(attachment.raw))
        message = job.message_ids[0]
        self.assertIn("ended: Done", message.body)
        self.assertIn(self.user_a.partner_id, message.partner_ids)

    def test_domain_and_limit_are_applied(self):
        job = self._export_job(
            domain="[('name', '=like', 'DJ Partner %'), " "('is_company', '=', True)]",
            options={"limit": 3, "order": "name desc"},
        )
        job.action_start()
        self._run(job)
        names = [r[0] for r in self._csv_rows(job)[1:]]
        self.assertEqual(names, ["DJ Partner 06", "DJ Partner 04", "DJ Partner 02"])

    def test_unencodable_value_fails_with_message(self):
        self.partners[3].name = "DJ Partner 03 漢"
        job = self._export_job(
            field_names=["name"], options={"encoding": "cp1251", "batch_size": 2}
        )
        job.action_start()
        with mute_logger(RUNNER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("DJ Partner 03 漢", job.error_message)
        self.assertFalse(job.output_file_id)
        error = job.log_ids.filtered(lambda log: log.level == "error")
        self.assertEqual(error.message, job.error_message)
        self.assertTrue(job.end_date)

    def test_database_error_fails_with_message(self):
        job = self._export_job(options={"order": "no_such_field desc"})
        job.action_start()
        with mute_logger(RUNNER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("no_such_field", job.error_message)
        self.assertNotIn("Traceback", job.error_message)
        self.assertEqual(
            job.log_ids.filtered(lambda log: log.level == "error").message,
            job.error_message,
        )
        self.assertIn("ended: Failed", job.message_ids[0].body)

    def test_bad_field_path_fails_with_message(self):
        job = self._export_job(field_names=["name", "country_id/no_such"])
        job.action_start()
        with mute_logger(RUNNER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertEqual(
            job.error_message,
            "res.country has no field 'no_such' (in 'country_id/no_such').",
        )

    def test_cancel_running_stops_at_next_batch(self):
        job = self._export_job(options={"batch_size": 2})
        job.action_start()
        steps = job.with_user(self.user_a)._iter_run()
        self.assertEqual(next(steps), {"total_rows": 7})
        self.assertEqual(next(steps), {"processed_rows": 2})
        self.assertEqual(job.state, "running")
        job.with_user(self.user_a).action_cancel()
        self.assertEqual(job.state, "cancelled")
        self.assertEqual(list(steps), [])
        self.assertEqual(job.state, "cancelled")
        self.assertEqual(job.processed_rows, 2)
        self.assertFalse(job.output_file_id)
        self.assertTrue(job.end_date)
        messages = job.log_ids.mapped("message")
        self.assertIn("Stopped after 2 rows as requested.", messages)

    def test_interrupted_run_fails(self):
        job = self._export_job(options={"batch_size": 2})
        job.action_start()
        steps = job.with_user(self.user_a)._iter_run()
        next(steps), next(steps)
        steps.close()  # the worker died here: the job is still running
        self.assertEqual(job.state, "running")
        self._run(job)  # queue_job starts the same job again
        self.assertEqual(job.state, "failed")
        self.assertIn("was interrupted", job.error_message)
        self.assertIn("after 2 rows", job.error_message)

    def test_create_export_api(self):
        job = (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_export(
                "res.partner", [("name", "=like", "DJ Partner %")], ["name"], "csv"
            )
        )
        self.assertEqual(job.state, "queued")
        self.assertEqual(job.user_id, self.user_a)
        self._run(job)
        self.assertEqual(len(self._csv_rows(job)), 8)

    def test_create_export_over_rpc_returns_an_id(self):
        job_id = call_kw(
            self.env["data.job"].with_user(self.user_a),
            "create_export",
            ["res.partner", [("id", "=", self.partners[0].id)], ["name"], "json"],
            {},
        )
        self.assertIsInstance(job_id, int)
        job = self.env["data.job"].browse(job_id)
        self.assertEqual((job.file_format, job.state), ("json", "queued"))

    def test_unreadable_input_fails_clearly(self):
        job, _attachment = self._job_on_file("partners.pdf", b"%PDF-1.4")
        job.action_start()
        with mute_logger(RUNNER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertEqual(
            job.error_message, "Unsupported file type '.pdf': use CSV, XLSX or JSON."
        )
