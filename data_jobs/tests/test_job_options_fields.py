# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The job form's Options tab: labelled fields that read and write the
options JSON (issue 12 point 5), which stays what the API and engines use."""

from odoo.tests import Form, tagged

from .common import DataJobCase


@tagged("post_install", "-at_install")
class TestJobOptionsFields(DataJobCase):
    def test_fields_show_the_options_and_their_defaults(self):
        job = self._export_job(options={"delimiter": ";", "limit": 5})
        self.assertEqual(job.state, "draft")
        self.assertEqual((job.opt_delimiter, job.opt_limit), (";", 5))
        self.assertTrue(job.opt_escape_formulas, "the default when not stated")
        self.assertEqual((job.opt_batch_size, job.opt_header), (1000, "label"))
        self.assertFalse(job.opt_encoding)

    def test_form_writes_the_options_json(self):
        job = self._export_job(options={"ids": self.partners[:2].ids})
        with Form(job.with_user(self.user_a)) as form:
            form.opt_delimiter = "|"
            form.opt_escape_formulas = False
            form.opt_limit = 1
            form.opt_order = "name desc"
        self.assertEqual(
            job.options,
            {
                "ids": self.partners[:2].ids,  # no field of its own: kept
                "delimiter": "|",
                "escape_formulas": False,
                "limit": 1,
                "order": "name desc",
            },
        )
        with Form(job.with_user(self.user_a)) as form:
            form.opt_escape_formulas = True  # back to the default: not written
            form.opt_limit = 0  # 0 = all records
        self.assertEqual(
            job.options,
            {"ids": self.partners[:2].ids, "delimiter": "|", "order": "name desc"},
        )
        job.action_start()
        self._run(job)
        rows = self._csv_rows(job, "|")
        self.assertEqual([r[0] for r in rows[1:]], ["DJ Partner 01", "DJ Partner 00"])

    def test_import_options_and_the_other_direction(self):
        job, _attachment = self._job_on_file("p.csv", b"name\nX\n")
        self.assertEqual(job.job_type, "import")
        with Form(job.with_user(self.user_a)) as form:
            form.opt_header_row = 1  # the default
            form.opt_dry_run = True
            form.opt_on_error = "all_or_nothing"
            form.opt_thousands_separator = " "
        self.assertEqual(
            job.options,
            {"dry_run": True, "on_error": "all_or_nothing", "thousands_separator": " "},
        )
        # an export option never lands on an import job
        job.with_user(self.user_a).opt_escape_formulas = False
        self.assertNotIn("escape_formulas", job.options)
