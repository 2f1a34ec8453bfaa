# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER, USER_GROUPS, DataJobCase


@tagged("post_install", "-at_install")
class TestSecurity(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_a = cls._make_done_job(cls.user_a)

    @classmethod
    def _make_done_job(cls, user):
        job = (
            cls.env["data.job"]
            .with_user(user)
            .create(
                {
                    "job_type": "export",
                    "res_model": "res.partner",
                    "domain": cls.domain,
                    "field_names": ["name"],
                }
            )
        )
        job.action_start()
        list(job._iter_run())
        assert job.state == "done", job.error_message
        return job.with_user(cls.env.user)

    def test_other_user_cannot_read_job_logs_or_file(self):
        self.job_a._log("warning", "only for Alice")
        as_b = self.job_a.with_user(self.user_b)
        with self.assertRaises(AccessError):
            as_b.read(["name"])
        self.assertFalse(
            self.env["data.job"]
            .with_user(self.user_b)
            .search([("id", "=", self.job_a.id)])
        )
        logs = (
            self.env["data.job.log"]
            .with_user(self.user_b)
            .search([("job_id", "=", self.job_a.id)])
        )
        self.assertFalse(logs)
        attachment = self.job_a.output_file_id.with_user(self.user_b)
        with self.assertRaises(AccessError):
            attachment.read(["raw"])
        with self.assertRaises(AccessError):
            as_b.action_cancel()

    def test_owner_reads_own_job_logs_and_file(self):
        as_a = self.job_a.with_user(self.user_a)
        self.assertEqual(as_a.read(["name"])[0]["name"], self.job_a.name)
        self.assertTrue(as_a.output_file_id.read(["raw"])[0]["raw"])
        self.job_a._log("warning", "for Alice")
        self.assertTrue(
            self.env["data.job.log"]
            .with_user(self.user_a)
            .search([("job_id", "=", self.job_a.id)])
        )

    def test_manager_reads_every_job(self):
        as_manager = self.job_a.with_user(self.manager)
        self.assertEqual(as_manager.read(["name"])[0]["name"], self.job_a.name)
        self.assertTrue(as_manager.output_file_id.read(["raw"])[0]["raw"])
        self.assertIn(
            self.job_a, self.env["data.job"].with_user(self.manager).search([])
        )

    def test_user_cannot_create_job_for_someone_else(self):
        with self.assertRaises(AccessError):
            self.env["data.job"].with_user(self.user_b).create(
                {"res_model": "res.partner", "user_id": self.manager.id}
            )

    def test_logs_are_read_only_for_users(self):
        log = self.job_a._log("info", "kept")
        with self.assertRaises(AccessError):
            log.with_user(self.user_a).write({"message": "changed"})
        with self.assertRaises(AccessError):
            log.with_user(self.user_a).unlink()

    def test_company_rule(self):
        user_c1 = new_test_user(
            self.env,
            "dj_c1",
            "data_jobs.group_data_job_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        user_c2 = new_test_user(
            self.env,
            "dj_c2",
            USER_GROUPS,
            company_id=self.company_2.id,
            company_ids=[(6, 0, self.company_2.ids)],
        )
        job_c2 = (
            self.env["data.job"].with_user(user_c2).create({"res_model": "res.partner"})
        )
        self.assertEqual(job_c2.company_id, self.company_2)
        self.assertNotIn(
            job_c2,
            self.env["data.job"].with_user(user_c1).search([]),
            "a manager sees only the jobs of companies they can access",
        )
        with self.assertRaises(AccessError):
            job_c2.with_user(user_c1).read(["name"])

    def test_export_applies_record_rules(self):
        """A user only exports what they can see: company rules on partners."""
        user_c2 = new_test_user(
            self.env,
            "dj_c2_export",
            USER_GROUPS,
            company_id=self.company_2.id,
            company_ids=[(6, 0, self.company_2.ids)],
        )
        self.partners[:2].company_id = self.company
        self.partners[2:].company_id = self.company_2
        job = self._export_job(user=user_c2, field_names=["name"])
        job.action_start()
        self._run(job)
        names = {row[0] for row in self._csv_rows(job)[1:]}
        self.assertEqual(names, set(self.partners[2:].mapped("name")))

    def test_export_of_unreadable_model_refused(self):
        with self.assertRaisesRegex(AccessError, "System Parameter"):
            self.env["data.job"].with_user(self.user_a).create(
                {
                    "job_type": "export",
                    "res_model": "ir.config_parameter",
                    "field_names": ["key"],
                }
            )

    def test_field_behind_group_refused(self):
        """A message's mails are restricted to settings managers."""
        job = self._export_job(field_names=["name", "message_ids/mail_ids"])
        job.action_start()
        with mute_logger(RUNNER_LOGGER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertEqual(
            job.error_message,
            "You are not allowed to export the field " "'mail_ids' of mail.message.",
        )

    def test_default_fields_skip_sensitive_and_restricted(self):
        job = (
            self.env["data.job"]
            .with_user(self.user_a)
            .create(
                {
                    "job_type": "export",
                    "res_model": "res.users",
                    "domain": "[('id', '=', %d)]" % self.user_b.id,
                }
            )
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        # the user's line, then a line per other group, company, … (x2many
        # default fields expand into lines, as Odoo's export)
        header, row, *_lines = self._csv_rows(job)
        self.assertIn("Login", header)
        self.assertIn("dj_user_b", row)
        self.assertFalse([h for h in header if "Password" in h or "Key" in h], header)


@tagged("post_install", "-at_install")
class TestExportRight(DataJobCase):
    def test_export_needs_odoos_export_right(self):
        """Without Odoo's 'Access to export feature', no export job starts."""
        self.user_b.groups_id -= self.env.ref("base.group_allow_export")
        with self.assertRaisesRegex(UserError, "may not export data"):
            self._export_job(user=self.user_b).with_user(self.user_b).action_start()
        job = self._export_job()
        job.action_start()
        self.assertEqual(job.state, "queued")
