# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Imports through a real stored queue job, which commits between batches."""

import base64

from odoo.tests import tagged

from .import_common import ImportCase


@tagged("post_install", "-at_install")
class TestImportQueue(ImportCase):
    def _queued(self, rows, options):
        return (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner",
                "queued.csv",
                base64.b64encode(self._csv(rows)).decode(),
                options,
            )
        )

    def test_skip_mode_through_queue_job(self):
        job = self._queued(
            [["name", "country_id"], ["Imp Q1", "Belgium"], ["Imp Q2", "Nowhere"]],
            {"batch_size": 1},
        )
        queue_job = self._queue_job(job)
        self.assertEqual(queue_job.user_id, self.user_a)
        self._perform_queue_job(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.error_count), (1, 1))
        self.assertEqual(self._partners().create_uid, self.user_a)
        self.assertEqual(self._queue_job(job).state, "done")

    def test_all_or_nothing_through_queue_job(self):
        """Progress goes through its own cursor; the data is rolled back."""
        job = self._queued(
            [["name", "country_id"], ["Imp Q1", "Belgium"], ["Imp Q2", "Nowhere"]],
            {"batch_size": 1, "on_error": "all_or_nothing"},
        )
        self._perform_queue_job(job)
        self.assertEqual(job.state, "failed")
        # rolled back: Created says 0, the valid row counts as not imported
        counts = (job.created_count, job.not_imported_count, job.error_count)
        self.assertEqual(counts, (0, 1, 1))
        self.assertEqual(job.processed_rows, 2)
        self.assertFalse(self._partners())
        self.assertEqual(len(self._errors(job)), 2)  # the row and the job's reason

    def test_dry_run_through_queue_job(self):
        job = self._queued(
            [["name"], ["Imp Dry 1"], ["Imp Dry 2"]],
            {"batch_size": 1, "dry_run": True},
        )
        self._perform_queue_job(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.created_count, 2)
        self.assertFalse(self._partners())
