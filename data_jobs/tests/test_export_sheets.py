# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX exports past a sheet's row limit, and one stopped half-way."""

import io

import openpyxl

from odoo.tests import tagged

from .common import DataJobCase


@tagged("post_install", "-at_install")
class TestExportSheets(DataJobCase):
    def test_rows_overflow_to_new_sheets(self):
        """7 partners with 3 rows a sheet: 3 sheets, each with its header,
        every row once and in order."""
        job = self._export_job(
            file_format="xlsx",
            field_names=["name", "email"],
            options={"max_sheet_rows": 3, "batch_size": 2},
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.total_rows, job.processed_rows), (7, 7))
        book = openpyxl.load_workbook(
            io.BytesIO(job.sudo().output_file_id.raw), read_only=True
        )
        sheets = book.worksheets
        self.assertEqual(len(sheets), 3)
        self.assertEqual(
            [s.title for s in sheets[1:]],
            [f"{sheets[0].title} (2)", f"{sheets[0].title} (3)"],
        )
        data = []
        for sheet in sheets:
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(rows[0], ("Name", "Email"))
            self.assertLessEqual(len(rows) - 1, 3)
            data.extend(rows[1:])
        self.assertEqual(data, [(p.name, p.email) for p in self.partners])

    def test_cancel_mid_export_leaves_no_file(self):
        """Cancelled after its first batch, an XLSX export stops at the next
        one: cancelled, 2 of 7 rows done, no file (the half-written workbook
        is dropped with its temporary file), and the owner told so."""
        job = self._export_job(
            file_format="xlsx", options={"batch_size": 2, "max_sheet_rows": 3}
        )
        job.action_start()
        steps = job.with_user(self.user_a)._iter_run()
        self.assertEqual(next(steps), {"total_rows": 7})
        self.assertEqual(next(steps), {"processed_rows": 2})
        job.with_user(self.user_a).action_cancel()
        self.assertEqual(list(steps), [])
        self.assertEqual(job.state, "cancelled")
        self.assertEqual((job.total_rows, job.processed_rows), (7, 2))
        self.assertFalse(job.output_file_id)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "data.job"), ("res_id", "=", job.id)]
            )
        )
        self.assertIn("ended: Cancelled", job.message_ids[0].body)
