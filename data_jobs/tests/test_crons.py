# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DataJobCase

MODEL_LOGGER = "odoo.addons.data_jobs.models.data_job"


@tagged("post_install", "-at_install")
class TestCrons(DataJobCase):
    def _running_job(self):
        job = self._export_job(options={"batch_size": 2})
        job.action_start()
        steps = job.with_user(self.user_a)._iter_run()
        next(steps)
        steps.close()  # left running, as after a worker crash
        self.assertEqual(job.state, "running")
        return job

    def test_watchdog_fails_job_whose_queue_job_died(self):
        job = self._running_job()
        self._queue_job(job).write({"state": "failed"})
        with mute_logger(MODEL_LOGGER):
            self.env["data.job"]._cron_fail_lost_jobs()
        self.assertEqual(job.state, "failed")
        self.assertIn("stopped unexpectedly", job.error_message)
        self.assertIn("'failed'", job.error_message)
        self.assertIn(job.error_message, job.log_ids.mapped("message"))

    def test_watchdog_fails_job_whose_queue_job_is_gone(self):
        job = self._running_job()
        queued = self._export_job()
        queued.action_start()
        (self._queue_job(job) | self._queue_job(queued)).unlink()
        with mute_logger(MODEL_LOGGER):
            self.env["data.job"]._cron_fail_lost_jobs()
        self.assertEqual((job.state, queued.state), ("failed", "failed"))
        self.assertIn("no longer exists", job.error_message)

    def test_watchdog_leaves_live_jobs(self):
        job = self._running_job()
        self._queue_job(job).write({"state": "started"})
        queued = self._export_job()
        queued.action_start()
        self.env["data.job"]._cron_fail_lost_jobs()
        self.assertEqual((job.state, queued.state), ("running", "queued"))

    def test_cron_records_exist(self):
        for xmlid in (
            "data_jobs.data_job_cron_fail_lost",
            "data_jobs.data_job_cron_delete_old",
        ):
            cron = self.env.ref(xmlid)
            self.assertTrue(cron.active)
            self.assertEqual(cron.model_id.model, "data.job")

    def _finished_job(self, days_ago):
        job = self._export_job()
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done")
        job._engine_write(
            {"end_date": fields.Datetime.now() - timedelta(days=days_ago)}
        )
        return job

    def test_vacuum_deletes_old_jobs_and_files(self):
        old = self._finished_job(40)
        recent = self._finished_job(5)
        running = self._running_job()
        old_file = old.sudo().output_file_id
        old_logs = old.log_ids
        self.assertTrue(old_file)
        self.env["data.job"]._cron_delete_old_jobs()
        self.assertFalse(old.exists())
        self.assertFalse(old_file.exists())
        self.assertFalse(old_logs.exists())
        self.assertTrue(recent.exists() and recent.sudo().output_file_id.exists())
        self.assertTrue(running.exists())

    def test_vacuum_retention_is_configurable(self):
        job = self._finished_job(40)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("data_jobs.retention_days", "0")
        self.env["data.job"]._cron_delete_old_jobs()
        self.assertTrue(job.exists(), "0 days keeps every job")
        params.set_param("data_jobs.retention_days", "60")
        self.env["data.job"]._cron_delete_old_jobs()
        self.assertTrue(job.exists())
        params.set_param("data_jobs.retention_days", "30")
        self.env["data.job"]._cron_delete_old_jobs()
        self.assertFalse(job.exists())
