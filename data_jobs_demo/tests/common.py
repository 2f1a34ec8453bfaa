# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
import unittest

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import file_open

from odoo.addons.data_jobs.tests.common import JobRunMixin

SAMPLES = "data_jobs_demo/static/samples/"


class DemoCase(JobRunMixin, TransactionCase):
    """A user who may import partners and products, and helpers to run jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user = new_test_user(
            cls.env,
            "djd_importer",
            "data_jobs.group_data_job_user,base.group_partner_manager,"
            "base.group_allow_export,"
            "product.group_product_manager",
            name="Demo Importer",
        )

    def _import(self, model, file_name, content, options=None):
        """An import through the API, as the demo user, run here."""
        job = (
            self.env["data.job"]
            .with_user(self.user)
            .create_import(
                model, file_name, base64.b64encode(content).decode(), options or {}
            )
        )
        return self._run(job)

    @classmethod
    def _import_with(cls, template, file_name, content):
        job = template.with_user(cls.user).create_import_job(
            file_name, base64.b64encode(content).decode()
        )
        return cls._run(job)

    def _csv(self, rows, delimiter=","):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode()

    def _counts(self, job):
        return {
            "created": job.created_count,
            "updated": job.updated_count,
            "unchanged": job.unchanged_count,
            "errors": job.error_count,
        }

    def _errors(self, job):
        logs = job.sudo().log_ids.filtered(lambda log: log.level == "error")
        return [
            (log.row_number, log.column, log.value, log.message)
            for log in logs.sorted(lambda log: (log.row_number, log.id))
        ]

    def assertCounts(self, job, **expected):
        self.assertEqual(job.state, "done", job.error_message)
        counts = dict.fromkeys(("created", "updated", "unchanged", "errors"), 0)
        counts.update(expected)
        self.assertEqual(self._counts(job), counts, self._errors(job))


class DemoDataCase(DemoCase):
    """Tests of the samples and templates: they rely on this addon's demo
    data (the partners, tags and categories the samples name)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(
            "data_jobs_demo.data_job_template_demo_partners", raise_if_not_found=False
        ):
            raise unittest.SkipTest("data_jobs_demo was installed without demo data")

    @classmethod
    def _sample(cls, name):
        with file_open(SAMPLES + name, "rb") as sample:
            return sample.read()

    @classmethod
    def _template(cls, name):
        return cls.env.ref(f"data_jobs_demo.data_job_template_demo_{name}")

    @classmethod
    def _import_sample(cls, template, name):
        """Import a sample file with a demo template, as the demo user."""
        return cls._import_with(cls._template(template), name, cls._sample(name))
