# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DataJobCase


@tagged("post_install", "-at_install")
class TestDataJobStates(DataJobCase):
    def test_create_defaults(self):
        job = self._export_job()
        self.assertEqual(job.state, "draft")
        self.assertRegex(job.name, r"^DJ/\d{5}$")
        self.assertEqual(job.user_id, self.user_a)
        self.assertEqual(job.company_id, self.company)
        self.assertEqual(job.sudo().model_id.model, "res.partner")
        self.assertEqual(job.model_name, "Contact")

    def test_start_enqueues_run_with_owner(self):
        job = self._export_job()
        job.action_start()
        self.assertEqual(job.state, "queued")
        queue_job = self._queue_job(job)
        self.assertEqual(len(queue_job), 1)
        self.assertEqual(
            (queue_job.method_name, queue_job.args, queue_job.kwargs), ("_run", [], {})
        )
        self.assertEqual(queue_job.user_id, self.user_a)

    def test_start_twice_refused(self):
        job = self._export_job()
        job.action_start()
        with self.assertRaisesRegex(UserError, "is Queued: it can be started only"):
            job.action_start()

    def test_illegal_transitions(self):
        job = self._export_job()
        with self.assertRaisesRegex(UserError, "reset to draft only when it is Failed"):
            job.action_reset_to_draft()
        with self.assertRaisesRegex(UserError, "retried only when it is Failed"):
            job.action_retry()
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done")
        for action in (
            job.action_start,
            job.action_cancel,
            job.action_retry,
            job.action_reset_to_draft,
        ):
            with self.assertRaises(UserError):
                action()
        self.assertEqual(job.state, "done")

    def test_state_not_writable_directly(self):
        job = self._export_job()
        with self.assertRaisesRegex(
            UserError, "state changes only through its buttons"
        ):
            job.write({"state": "done"})
        with self.assertRaisesRegex(
            UserError, "state changes only through its buttons"
        ):
            self.env["data.job"].with_user(self.user_a).create(
                {"res_model": "res.partner", "state": "done"}
            )

    def test_settings_locked_while_queued(self):
        job = self._export_job()
        job.action_start()
        with self.assertRaisesRegex(UserError, "cancel it before changing"):
            job.domain = "[]"
        with self.assertRaisesRegex(UserError, "cancel it before deleting"):
            job.unlink()

    def test_cancel_draft_and_queued(self):
        draft = self._export_job()
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")
        self.assertTrue(draft.end_date)
        queued = self._export_job()
        queued.action_start()
        queue_job = self._queue_job(queued)
        self.assertEqual(queue_job.state, "pending")
        queued.action_cancel()
        self.assertEqual(queued.state, "cancelled")
        self.assertEqual(queue_job.state, "cancelled")
        self.assertIn("Cancelled by Alice Jobs.", queued.log_ids.mapped("message"))

    def test_reset_and_retry_after_failure(self):
        job = self._export_job(options={"order": "no_such_field desc"})
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertTrue(job.log_ids)
        first_uuid = job.queue_job_uuid
        job.action_reset_to_draft()
        self.assertEqual(job.state, "draft")
        self.assertFalse(job.log_ids)
        self.assertFalse(job.error_message)
        self.assertEqual(job.total_rows, 0)
        job.options = {"order": "name desc"}
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done")
        self.assertNotEqual(job.queue_job_uuid, first_uuid)
        self.assertEqual(self._csv_rows(job)[1][0], "DJ Partner 06")

    def test_retry_requeues_failed(self):
        job = self._export_job(options={"order": "no_such_field"})
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "failed")
        job.action_retry()
        self.assertEqual(job.state, "queued")
        self.assertFalse(job.error_message)
        self.assertEqual(self._queue_job(job).state, "pending")

    def test_bad_options_and_domain_refused(self):
        with self.assertRaisesRegex(ValidationError, "Unknown option 'delimeter'"):
            self._export_job(options={"delimeter": ";"})
        with self.assertRaisesRegex(ValidationError, "Option 'batch_size' must be"):
            self._export_job(options={"batch_size": "big"})
        with self.assertRaisesRegex(ValidationError, "not a valid domain"):
            self._export_job(domain="[('name', '=', ")
        with self.assertRaisesRegex(ValidationError, "cannot be used on res.partner"):
            self._export_job(domain="[('no_such_field', '=', 1)]")
        with self.assertRaisesRegex(ValidationError, "no model named 'no.such.model'"):
            self._export_job(res_model="no.such.model")

    def test_import_needs_a_file(self):
        job = (
            self.env["data.job"]
            .with_user(self.user_a)
            .create({"job_type": "import", "res_model": "res.partner"})
        )
        with self.assertRaisesRegex(UserError, "has no file to import"):
            job.action_start()
        self.assertEqual(job.state, "draft")
