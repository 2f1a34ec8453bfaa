# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER, DataJobCase


@tagged("post_install", "-at_install")
class TestQueueIntegration(DataJobCase):
    def test_stored_queue_job(self):
        """Enqueued on root.data_jobs, as the owner, with the job as record."""
        job = self._export_job()
        job.action_start()
        queue_job = self._queue_job(job)
        self.assertEqual(len(queue_job), 1)
        self.assertEqual(queue_job.channel, "root.data_jobs")
        self.assertEqual(queue_job.user_id, self.user_a)
        self.assertEqual(queue_job.company_id, self.company)
        self.assertEqual(queue_job.method_name, "_run")
        self.assertEqual(queue_job.model_name, "data.job")
        self.assertEqual(queue_job.records, job)
        self.assertEqual(queue_job.state, "pending")
        self.assertEqual(job.sudo().queue_job_id, queue_job)
        self.assertIn(job.name, queue_job.name)

    def test_runs_to_done_through_queue_job(self):
        job = self._export_job(options={"batch_size": 3})
        job.action_start()
        self._perform_queue_job(job)
        queue_job = self._queue_job(job)
        self.assertEqual(queue_job.state, "done")
        self.assertEqual(queue_job.result, f"{job.name}: done")
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.processed_rows, 7)
        attachment = job.sudo().output_file_id
        self.assertEqual(attachment.create_uid, self.user_a, "the job ran as its owner")
        self.assertEqual(len(self._csv_rows(job)), 8)

    def test_job_started_by_manager_runs_as_owner(self):
        job = self._export_job()
        job.with_user(self.manager).action_start()
        self.assertEqual(self._queue_job(job).user_id, self.user_a)

    def test_failure_through_queue_job(self):
        """A failing export ends failed with its message; the queue job is done."""
        job = self._export_job(options={"order": "no_such_field"})
        job.action_start()
        with mute_logger(RUNNER_LOGGER):
            self._perform_queue_job(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("no_such_field", job.error_message)
        self.assertEqual(self._queue_job(job).state, "done")
