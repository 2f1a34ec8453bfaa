# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The same file through data_jobs and through Odoo's own ``load()``, in the
same test: the records must come out the same (issue 11)."""

from odoo.tests import tagged

from .import_common import ImportCase


@tagged("post_install", "-at_install")
class TestImportParity(ImportCase):
    def test_stored_computed_fields_users_may_set_are_imported(self):
        """``company_registry`` is computed, stored and not readonly: Odoo's
        import keeps the file's value, and so must ours (it was dropped as
        "computed", the job still ending done)."""
        header = ["name", "company_registry"]
        ours = [["Imp Parity Ours", "REG-0001"]]
        odoo = [["Imp Parity Odoo", "REG-0001"]]
        job = self._import(self._csv([header, *ours]))
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.warning_count), (1, 0))
        result = self.env["res.partner"].with_user(self.user_a).load(header, odoo)
        self.assertFalse(result["messages"])
        mine = self._partners("Imp Parity Ours")
        theirs = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(mine.company_registry, theirs.company_registry)
        self.assertEqual(mine.company_registry, "REG-0001")

    def test_fields_odoo_computes_alone_stay_refused(self):
        """A computed field that is readonly (``commercial_company_name``) is
        no column to fill: the job says so, as Odoo's import offers none."""
        header = ["name", "commercial_company_name"]
        job = self._import(self._csv([header, ["Imp Parity Ro", "X"]]))
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.warning_count, 1)
        self.assertIn("computed", job.sudo().log_ids.mapped("message")[0])
