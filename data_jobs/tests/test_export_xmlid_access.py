# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""External ids are only made for records the exporting user may read.

An import-compatible export names related records by external id and creates
the missing ones through sudo (users cannot write ir.model.data). A parent
partner hidden from the user (a record rule, another company) must not get
one: the job fails with an access message and ir.model.data is unchanged.
(Odoo 18's own ``export_data(['parent_id/id'])`` writes the hidden parent's
``__export__`` id with raw SQL; its import-compatible export of the parent's
name, ``parent_id``, raises the access error. We refuse both.)
"""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER, DataJobCase
from .export_files import read_export
from .time_limit import time_limit


@tagged("post_install", "-at_install")
class TestExportXmlidAccess(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parent = cls.env["res.partner"].create(
            {"name": "DJ Hidden Parent", "is_company": True}
        )
        cls.child = cls.env["res.partner"].create(
            {"name": "DJ Child", "parent_id": cls.parent.id}
        )

    def _hide_parent_by_rule(self):
        self.env["ir.rule"].create(
            {
                "name": "DJ test: the parent is hidden",
                "model_id": self.env["ir.model"]._get("res.partner").id,
                "domain_force": "[('name', '!=', 'DJ Hidden Parent')]",
            }
        )
        self.env.invalidate_all()
        self.assertFalse(self.parent.with_user(self.user_a).has_access("read"))
        self.assertTrue(self.child.with_user(self.user_a).has_access("read"))

    def _xmlids(self, records):
        return self.env["ir.model.data"].search(
            [("model", "=", "res.partner"), ("res_id", "in", records.ids)]
        )

    def _export(self, fields, **options):
        job = self._export_job(
            domain="[]", field_names=fields, options={"ids": self.child.ids, **options}
        )
        job.action_start()
        with mute_logger(RUNNER_LOGGER), time_limit(30, "the export job"):
            self._run(job)
        return job

    def _assert_refused(self, job):
        self.assertEqual(job.state, "failed")
        self.assertRegex(
            job.error_message,
            r"^The export names Contact records by their external ids, and some "
            r"of them are hidden from you",
        )
        self.assertNotIn("Unexpected error", job.error_message)
        self.assertFalse(self._xmlids(self.parent | self.child))
        self.assertFalse(job.output_file_id)

    def test_import_compatible_parent_hidden_by_a_record_rule(self):
        self._hide_parent_by_rule()
        self._assert_refused(
            self._export(["name", "parent_id"], import_compatible=True)
        )

    def test_external_id_of_a_hidden_parent_in_normal_mode(self):
        self._hide_parent_by_rule()
        self._assert_refused(self._export(["name", "parent_id/id"]))

    def test_parent_of_another_company(self):
        self.parent.company_id = self.company_2
        self.child.company_id = False  # the write above gave it to the children
        self.env.invalidate_all()
        self.assertTrue(self.child.with_user(self.user_a).has_access("read"))
        self.assertFalse(self.parent.with_user(self.user_a).has_access("read"))
        self._assert_refused(
            self._export(["name", "parent_id"], import_compatible=True)
        )

    def test_hidden_parent_database_id_needs_no_external_id(self):
        """``parent_id/.id`` reads the child's own field, as Odoo's export."""
        self._hide_parent_by_rule()
        job = self._export(["name", "parent_id/.id"])
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(read_export(job)[1], [["DJ Child", str(self.parent.id)]])
        self.assertFalse(self._xmlids(self.parent | self.child))

    def test_readable_parent_gets_its_external_id(self):
        job = self._export(["name", "parent_id"], import_compatible=True)
        self.assertEqual(job.state, "done", job.error_message)
        header, rows = read_export(job)
        self.assertEqual(header, ["id", "name", "parent_id/id"])
        self.assertEqual(
            rows,
            [
                [
                    self._xmlids(self.child).complete_name,
                    "DJ Child",
                    self._xmlids(self.parent).complete_name,
                ]
            ],
        )
