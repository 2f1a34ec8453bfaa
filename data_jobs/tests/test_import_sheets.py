# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One workbook, one sheet per model, imported parents first."""

import base64
import io

import openpyxl

from odoo.tests import tagged

from .import_common import ImportCase

SHEET_MODELS = {
    "Banks": "res.partner.bank",
    "Partners": "res.partner",
    "Tags": "res.partner.category",
}


@tagged("post_install", "-at_install")
class TestImportSheets(ImportCase):
    def _workbook(self, sheets):
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            worksheet = workbook.create_sheet(title)
            for row in rows:
                worksheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _import_book(self, sheets, options=None):
        job = (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner",
                "book.xlsx",
                base64.b64encode(self._workbook(sheets)).decode(),
                dict({"sheet_models": SHEET_MODELS}, **(options or {})),
            )
        )
        return self._run(job)

    def test_sheets_import_in_dependency_order(self):
        job = self._import_book(
            {
                "Banks": [
                    ["id", "acc_number", "partner_id/id"],
                    ["bank_a", "BE71096123456769", "imp_partner_a"],
                ],
                "Partners": [
                    ["id", "name", "category_id/id"],
                    ["imp_partner_a", "Imp Sheet Partner", "imp_tag_vip"],
                    ["imp_partner_b", "Imp Sheet Partner B", "imp_tag_missing"],
                ],
                "Tags": [["id", "name"], ["imp_tag_vip", "Imp VIP"]],
            }
        )
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.error_count), (3, 1))
        self.assertEqual(job.total_rows, 4)
        partner = self.env.ref("__import__.imp_partner_a")
        self.assertEqual(partner.category_id, self.env.ref("__import__.imp_tag_vip"))
        self.assertEqual(partner.bank_ids.acc_number, "BE71096123456769")
        error = job.sudo().log_ids.filtered(lambda log: log.level == "error")
        self.assertEqual((error.sheet, error.row_number), ("Partners", 3))
        self.assertEqual(job._imported_ids(), partner.ids)
        failed = openpyxl.load_workbook(io.BytesIO(job.sudo().failed_file_id.raw))
        self.assertEqual(failed.sheetnames, ["Tags", "Partners", "Banks"])
        rows = list(failed["Partners"].values)
        self.assertEqual(rows[0], ("id", "name", "category_id/id", "import_error"))
        self.assertEqual(
            rows[1][:3], ("imp_partner_b", "Imp Sheet Partner B", "imp_tag_missing")
        )

    def test_a_cycle_is_refused_before_anything_is_written(self):
        job = self._import_book(
            {
                "Partners": [["id", "name", "category_id/id"], ["p1", "Imp P1", "t1"]],
                "Tags": [["id", "name", "partner_ids/id"], ["t1", "Imp T1", "p1"]],
            },
            {
                "sheet_models": {
                    "Partners": "res.partner",
                    "Tags": "res.partner.category",
                }
            },
        )
        self.assertEqual(job.state, "failed")
        self.assertIn("cycle (Partners -> Tags -> Partners)", job.error_message)
        self.assertFalse(self._partners())
        self.assertFalse(job.processed_rows)

    def test_unknown_sheet_or_model_is_refused(self):
        job = self._import_book(
            {"Partners": [["name"], ["Imp X"]]},
            {"sheet_models": {"Partners": "res.partner", "Nope": "res.partner"}},
        )
        self.assertIn("'Nope' not found", job.error_message)
        job = self._import_book(
            {"Partners": [["name"], ["Imp X"]]},
            {"sheet_models": {"Partners": "no.such.model"}},
        )
        self.assertIn("'no.such.model', which does not exist", job.error_message)

    def test_two_sheets_of_one_model(self):
        """Two sheets into the same model import one after the other (it
        failed with "(IndexError)" before)."""
        job = self._import_book(
            {
                "Customers": [["id", "name"], ["imp_two_a", "Imp Two A"]],
                "Suppliers": [["id", "name"], ["imp_two_b", "Imp Two B"]],
            },
            {"sheet_models": {"Customers": "res.partner", "Suppliers": "res.partner"}},
        )
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.created_count, 2)
        self.assertEqual(
            self._partners("Imp Two").mapped("name"), ["Imp Two A", "Imp Two B"]
        )
