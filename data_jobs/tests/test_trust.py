# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9: what a plain user could reach beyond their rights, one test per
finding, each run as the low-privileged user through the public methods."""

import base64
from datetime import timedelta

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER
from .import_common import ImportCase


@tagged("post_install", "-at_install")
class TestTrust(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.root = cls.env.ref("base.user_root")
        cls.Template = cls.env["data.job.template"]

    def _template(self, user=None, **vals):
        values = {
            "name": "Partners",
            "direction": "export",
            "res_model": "res.partner",
            "domain": self.domain,
            "field_names": ["name", "email"],
        }
        values.update(vals)
        return self.Template.with_user(user or self.user_a).create(values)

    def _scheduled(self, user=None, **vals):
        return self._template(
            user,
            schedule_active=True,
            interval_number=1,
            interval_type="days",
            next_run=fields.Datetime.now() - timedelta(minutes=1),
            **vals,
        )

    # ------------------------------------------------------- 1. ownership
    def test_template_owner_cannot_be_moved_to_the_superuser_or_admin(self):
        template = self._template().with_user(self.user_a)
        for target in (self.root, self.admin, self.user_b):
            with self.subTest(target=target.login), self.assertRaises(AccessError):
                template.write({"user_id": target.id})
        with self.assertRaises(AccessError):
            template.write(
                {
                    "user_id": SUPERUSER_ID,
                    "res_model": "ir.config_parameter",
                    "field_names": ["key", "value"],
                    "schedule_active": True,
                }
            )
        self.assertEqual(template.user_id, self.user_a)

    def test_job_owner_cannot_be_changed_by_its_user(self):
        job = self._export_job()
        for target in (self.root, self.user_b):
            with self.subTest(target=target.login), self.assertRaises(AccessError):
                job.write({"user_id": target.id})
        with self.assertRaises(AccessError):
            self._export_job(user_id=self.user_b.id)

    def test_manager_takes_over_but_gives_only_as_administrator(self):
        template = self._template()
        as_manager = template.with_user(self.manager)
        with self.assertRaises(AccessError):
            as_manager.write({"user_id": self.user_b.id})
        as_manager.write({"user_id": self.manager.id})
        self.assertEqual(template.user_id, self.manager)
        # an administrator may give it to any real user, never to the superuser
        as_admin = template.with_user(self.admin)
        as_admin.write({"user_id": self.user_b.id})
        self.assertEqual(template.user_id, self.user_b)
        with self.assertRaisesRegex(ValidationError, "never as the superuser"):
            as_admin.write({"user_id": SUPERUSER_ID})
        portal = new_test_user(self.env, "dj_trust_portal", "base.group_portal")
        with self.assertRaisesRegex(ValidationError, "active internal user"):
            as_admin.write({"user_id": portal.id})

    def test_server_code_as_superuser_cannot_make_a_superuser_job(self):
        with self.assertRaisesRegex(ValidationError, "never as the superuser"):
            self.env["data.job"].create({"res_model": "res.partner"})

    def test_template_company_stays_among_the_owners(self):
        template = self._template()
        with self.assertRaises(AccessError):
            template.with_user(self.user_a).write({"company_id": self.company_2.id})
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            template.with_user(self.admin).write({"company_id": self.company_2.id})

    def test_schedule_of_an_owner_without_the_rights_does_not_run(self):
        template = self._scheduled()
        self.user_a.groups_id -= self.env.ref("base.group_allow_export")
        self.Template._cron_run_schedules()
        self.assertFalse(template.job_ids)
        self.assertFalse(template.schedule_active)
        self.assertIn(
            "could not start",
            template.message_ids[:1].body,
        )
        self.assertIn("export", template.message_ids[:1].body)

    def test_schedule_of_an_inactive_or_superuser_owner_does_not_run(self):
        inactive = self._scheduled()
        self.user_a.active = False
        legacy = self._scheduled(self.user_b)
        # an owner set before this guard existed (or by SQL): the cron still refuses
        self.env.cr.execute(
            "UPDATE data_job_template SET user_id = %s WHERE id = %s",
            (SUPERUSER_ID, legacy.id),
        )
        legacy.invalidate_recordset()
        self.Template._cron_run_schedules()
        for template in (inactive, legacy):
            self.assertFalse(template.job_ids)
            self.assertFalse(template.schedule_active)
            self.assertIn("could not start", template.message_ids[:1].body)

    def test_schedule_whose_fields_are_refused_is_switched_off(self):
        template = self._scheduled(
            res_model="res.users", domain="[]", field_names=["login", "password"]
        )
        self.Template._cron_run_schedules()
        self.assertFalse(template.job_ids)
        self.assertFalse(template.schedule_active)
        self.assertIn("switched off", template.message_ids[:1].body)

    def test_scheduled_job_runs_as_its_owner(self):
        template = self._scheduled()
        self.Template._cron_run_schedules()
        job = template.job_ids
        self.assertEqual(job.user_id, self.user_a)
        self.assertTrue(job.scheduled)
        # the stored queue job runs as the owner, not as the cron's superuser
        self.assertEqual(self._queue_job(job).user_id, self.user_a)

    def test_a_run_as_the_superuser_is_refused(self):
        job = self._export_job()
        job.action_start()
        with mute_logger(RUNNER_LOGGER):
            list(job.sudo()._iter_run())
        self.assertEqual(job.state, "failed")
        self.assertIn("runs only as its owner", job.error_message)
        self.assertFalse(job.output_file_id)

    # -------------------------------------------------- 2. external ids
    def test_import_cannot_repoint_external_ids(self):
        group = self.env.ref("base.group_system")
        lang = self.env.ref("base.lang_fr", raise_if_not_found=False) or self.env.ref(
            "base.lang_en"
        )
        hidden = self.env["res.partner"].create(
            {"name": "Hidden DJ", "company_id": self.company_2.id}
        )
        self.env["ir.model.data"].create(
            {"module": "dj_test", "name": "hidden", "model": "res.partner"}
            | {"res_id": hidden.id}
        )
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.user_a)
            .search_count([("id", "=", hidden.id)]),
            "the partner must be hidden from the user for this test",
        )
        wanted = {
            "base.group_system": ("res.groups", group.id),
            lang.get_external_id()[lang.id]: ("res.lang", lang.id),
            "dj_test.hidden": ("res.partner", hidden.id),
        }
        rows = [["id", "name"]] + [[x, f"Imp {x}"] for x in wanted]
        rows.append(["dj_test.fresh", "Imp fresh"])
        job = self._import(self._csv(rows))
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.error_count), (1, 3))
        for xmlid, (model, res_id) in wanted.items():
            module, name = xmlid.split(".")
            data = self.env["ir.model.data"].search(
                [("module", "=", module), ("name", "=", name)]
            )
            self.assertEqual((data.model, data.res_id), (model, res_id), xmlid)
        errors = {value: message for _row, _col, value, message in self._errors(job)}
        self.assertIn("another model", errors["base.group_system"])
        self.assertIn("may not change", errors["dj_test.hidden"])
        self.assertEqual(self.env.ref("base.group_system"), group)
        fresh = self.env.ref("dj_test.fresh")
        self.assertEqual(fresh.name, "Imp fresh")

    def test_import_reuses_the_external_id_of_a_deleted_record(self):
        gone = self.env["res.partner"].create({"name": "Imp gone"})
        self.env["ir.model.data"].create(
            {"module": "dj_test", "name": "gone", "model": "res.partner"}
            | {"res_id": gone.id}
        )
        gone.unlink()
        job = self._import(self._csv([["id", "name"], ["dj_test.gone", "Imp back"]]))
        self.assertEqual((job.created_count, job.error_count), (1, 0))
        self.assertEqual(self.env.ref("dj_test.gone").name, "Imp back")

    # ---------------------------------------------------- 3. followers
    def test_followers_get_a_link_never_the_file(self):
        template = self._scheduled()
        template.with_user(self.user_b).message_subscribe(
            partner_ids=self.user_b.partner_id.ids
        )
        self.Template._cron_run_schedules()
        job = self._run(template.job_ids)
        self.assertEqual(job.state, "done")
        self.assertTrue(job.output_file_id)
        message = template.message_ids.filtered(
            lambda m: "Scheduled export" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertFalse(message.attachment_ids)
        self.assertIn(f"/odoo/action-data_jobs.data_job_action/{job.id}", message.body)
        self.assertFalse(
            self.env["ir.attachment"]
            .with_user(self.user_b)
            .search([("checksum", "=", job.sudo().output_file_id.checksum)]),
            "the follower can reach no copy of the file",
        )

    # ----------------------------------- 4. engine-owned fields, rotation
    def test_engine_owned_fields_are_not_writable(self):
        other = self._run(self._started(self.user_b))
        foreign = other.sudo().output_file_id
        job = self._export_job()
        values = {
            "output_file_id": foreign.id,
            "failed_file_id": foreign.id,
            "queue_job_uuid": "forged",
            "total_rows": 999999,
            "error_count": 3,
            "end_date": fields.Datetime.now(),
            "error_message": "forged",
            "record_ids": "1 2 3",
            "scheduled": True,
        }
        for name, value in values.items():
            with self.subTest(field=name), self.assertRaises(AccessError):
                job.write({name: value})
            with self.subTest(field=name, on="create"), self.assertRaises(AccessError):
                self._export_job(**{name: value})
        self.assertFalse(job.output_file_id)
        self.assertEqual(job.total_rows, 0)

    def _started(self, user):
        job = self._export_job(user=user)
        job.action_start()
        return job

    def test_template_of_a_started_job_is_fixed(self):
        template = self._template()
        job = self._started(self.user_a)
        with self.assertRaises(UserError):
            job.write({"template_id": template.id})
        draft = self._export_job()
        other_model = self._template(res_model="res.partner.category", domain="[]")
        with self.assertRaisesRegex(UserError, "is for res.partner.category"):
            draft.write({"template_id": other_model.id})

    def test_rotation_deletes_only_the_templates_scheduled_files(self):
        template = self._scheduled(keep_files=1)
        # a job the user links to the template by hand is not one of its runs
        manual = self._run(
            self.env["data.job"]
            .with_user(self.user_a)
            .create_export(
                "res.partner",
                self.domain,
                ["name"],
                template=template.with_user(self.user_a),
            )
        )
        other_file = self._run(self._started(self.user_b)).sudo().output_file_id
        runs = []
        for _run in range(2):
            template.next_run = fields.Datetime.now() - timedelta(minutes=1)
            self.Template._cron_run_schedules()
            runs.append(self._run(template.job_ids.filtered("scheduled")[:1]))
        self.assertFalse(runs[0].output_file_id, "the older scheduled file rotated out")
        self.assertTrue(runs[1].output_file_id)
        self.assertTrue(manual.output_file_id.exists())
        self.assertTrue(other_file.exists())

    def test_input_file_must_be_readable(self):
        secret = (
            self.env["ir.attachment"]
            .with_user(self.user_b)
            .create({"name": "b.csv", "raw": b"name\nx\n"})
        )
        with self.assertRaises(AccessError):
            self.env["data.job"].with_user(self.user_a).create(
                {
                    "job_type": "import",
                    "res_model": "res.partner",
                    "input_file_id": secret.id,
                }
            )

    def test_cleanup_deletes_only_the_jobs_own_files(self):
        job, mine = self._job_on_file("a.csv", b"name\nImp keep\n")
        job.action_start()
        self._run(job)
        job._engine_write({"end_date": fields.Datetime.now() - timedelta(days=90)})
        self.env["data.job"]._cron_delete_old_jobs()
        self.assertFalse(job.exists())
        self.assertTrue(mine.exists(), "a file the job did not make is not deleted")

    # ---------------------------------------------------------- 5. samples
    def test_sample_needs_the_export_right_and_is_not_stored(self):
        template = self._template()
        attachments = self.env["ir.attachment"].search_count([])
        no_export = new_test_user(self.env, "dj_trust_noexp", "base.group_user")
        no_export.groups_id -= self.env.ref("base.group_allow_export")
        as_plain = template.with_user(no_export)
        with self.assertRaisesRegex(AccessError, "export"):
            as_plain.action_download_sample()
        self.assertTrue(as_plain.action_download_empty()["url"].endswith("/empty"))
        name, content, mimetype = template.with_user(self.user_b)._sample_download(True)
        self.assertEqual(mimetype, "text/csv")
        self.assertIn(b"DJ Partner", content)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    # ----------------------------------------------------- 6. small leaks
    def test_file_names_are_read_with_the_readers_rights(self):
        for name in (
            "input_file_name",
            "output_file_name",
            "failed_file_name",
            "success_file_name",
        ):
            self.assertFalse(self.env["data.job"]._fields[name].compute_sudo, name)

    # ------------------------------------------------- 7. forged state guard
    def test_state_guard_cannot_be_forged_from_the_context(self):
        job = self._export_job()
        forged = job.with_context(data_job_set_state=True)
        with self.assertRaises(AccessError):
            forged.write({"state": "done", "total_rows": 999999})
        self.assertEqual((job.state, job.total_rows), ("draft", 0))
        created = (
            self.env["data.job"]
            .with_user(self.user_a)
            .with_context(default_state="done", default_total_rows=5)
            .create({"res_model": "res.partner"})
        )
        self.assertEqual((created.state, created.total_rows), ("draft", 0))

    def test_import_with_a_file_id(self):
        """The import API keeps working for the owner (the guards above do
        not stop the engine writing what it owns)."""
        content = base64.b64encode(self._csv([["name"], ["Imp ok"]])).decode()
        job = self._run(
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import("res.partner", "ok.csv", content)
        )
        self.assertEqual((job.state, job.created_count), ("done", 1))
        self.assertTrue(job.success_file_id)

    def test_api_takes_a_template_id_the_user_may_read(self):
        """Over RPC the template is an id: it works when the user may read
        the template, and is refused (not a crash) when they may not."""
        template = self._template(extra_options={"order": "name desc"})
        job = (
            self.env["data.job"]
            .with_user(self.user_b)
            .create_export("res.partner", self.domain, ["name"], template=template.id)
        )
        self.assertEqual(
            (job.template_id, job.options.get("order")), (template, "name desc")
        )
        elsewhere = new_test_user(
            self.env,
            "dj_trust_co2",
            "base.group_user,base.group_allow_export",
            company_id=self.company_2.id,
            company_ids=[(6, 0, self.company_2.ids)],
        )
        other = self._template(elsewhere, company_id=self.company_2.id)
        with self.assertRaises(AccessError):
            self.env["data.job"].with_user(self.user_b).create_export(
                "res.partner", self.domain, ["name"], template=other.id
            )
