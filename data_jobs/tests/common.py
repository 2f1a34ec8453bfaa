# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io
from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.queue_job.job import Job

from ..resources import registry

RUNNER_LOGGER = "odoo.addons.data_jobs.engine.runner"
# internal users get Odoo's export right by default (base.default_user)
USER_GROUPS = "data_jobs.group_data_job_user,base.group_allow_export"


class JobRunMixin:
    """Run data jobs in a test: the engine directly, or the stored queue job
    as queue_job's runner does. Other addons' tests (data_jobs_demo) use it."""

    @classmethod
    def _run(cls, job):
        """Run a queued job's engine in this transaction, as the job's owner."""
        list(job.with_user(job.user_id)._iter_run())
        return job

    def _csv_rows(self, job, delimiter=","):
        text = job.sudo().output_file_id.raw.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))

    def _perform_queue_job(self, job):
        """Run the stored queue job with the steps of queue_job's runner
        (load, start, perform as the stored user, done) but no final commit.

        The registry's test mode gives the job (which allows commits) a test
        cursor on this transaction, so its per-batch commits become savepoints.
        """
        self.env.flush_all()  # the job reads its record from its own cursor
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        queue_job = Job.load(self.env, job.queue_job_uuid)
        queue_job.set_started()
        queue_job.store()
        queue_job.perform()
        self.env.flush_all()
        queue_job.set_done()
        queue_job.store()
        self.env.invalidate_all()
        return queue_job


class DataJobCase(JobRunMixin, TransactionCase):
    """Users in two companies, partners to export, and helpers to run jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # These tests are about the generic resource: leave out the resources
        # other installed addons (data_jobs_demo) register for these models.
        cls.classPatch(
            registry,
            "_CUSTOM",
            {
                model: [e for e in entries if e[0] in (None, "data_jobs")]
                for model, entries in registry._CUSTOM.items()
            },
        )
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Second Company"})
        cls.user_a = new_test_user(cls.env, "dj_user_a", USER_GROUPS, name="Alice Jobs")
        cls.user_b = new_test_user(cls.env, "dj_user_b", USER_GROUPS, name="Bob Jobs")
        cls.manager = new_test_user(
            cls.env,
            "dj_manager",
            "data_jobs.group_data_job_manager,base.group_allow_export",
            name="Maria Manager",
        )
        cls.tag = cls.env["res.partner.category"].create({"name": "DJ Tag"})
        cls.country = cls.env.ref("base.be")
        cls.partners = cls.env["res.partner"].create(
            [
                {
                    "name": f"DJ Partner {i:02d}",
                    "email": f"p{i}@dj.example",
                    "country_id": cls.country.id,
                    "category_id": [(4, cls.tag.id)],
                    "is_company": i % 2 == 0,
                }
                for i in range(7)
            ]
        )
        cls.domain = "[('name', '=like', 'DJ Partner %')]"

    def _export_job(self, user=None, **vals):
        values = {
            "job_type": "export",
            "res_model": "res.partner",
            "domain": self.domain,
            "field_names": ["name", "email", "country_id/name", "category_id/name"],
            "file_format": "csv",
        }
        values.update(vals)
        return self.env["data.job"].with_user(user or self.user_a).create(values)

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, but the refused work is rolled back (as
        the request's transaction would be) so tests can check nothing stays."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def _job_on_file(self, name, raw, user=None):
        """A draft import job of res.partner whose input file is an
        attachment ``user`` uploaded on its own (not made by the job)."""
        user = user or self.user_a
        attachment = (
            self.env["ir.attachment"].with_user(user).create({"name": name, "raw": raw})
        )
        job = (
            self.env["data.job"]
            .with_user(user)
            .create(
                {
                    "job_type": "import",
                    "res_model": "res.partner",
                    "input_file_id": attachment.id,
                }
            )
        )
        return job, attachment

    def _queue_job(self, job):
        return self.env["queue.job"].search([("uuid", "=", job.queue_job_uuid)])
