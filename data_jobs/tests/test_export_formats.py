# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each format through a real export job, read back with its own reader."""

import io
import json

import openpyxl
from PyPDF2 import PdfReader

from odoo.tests import tagged

from .common import DataJobCase


@tagged("post_install", "-at_install")
class TestExportFormats(DataJobCase):
    def _export(self, file_format, fields, **options):
        job = self._export_job(
            file_format=file_format, field_names=fields, options=options
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        return job, job.sudo().output_file_id.raw

    def test_xlsx_typed_cells(self):
        self.partners[0].partner_latitude = 50.8503
        job, raw = self._export(
            "xlsx",
            ["name", "is_company", "partner_latitude", "country_id", "category_id"],
        )
        self.assertTrue(job.output_file_id.name.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0], ("Name", "Is a Company", "Geo Latitude", "Country", "Tags")
        )
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(rows[1], ("DJ Partner 00", True, 50.8503, "Belgium", "DJ Tag"))
        self.assertIs(rows[2][1], False)

    def test_xlsx_texts_as_export_data_gives_them(self):
        """Issue 12 point 3: phone numbers and texts that look like formulas
        come out of an XLSX export exactly as Odoo's export_data reads them
        (no "'" prefix: a string cell is never evaluated), formula
        neutralising on by default or not."""
        self.partners[0].phone = "+1 555-555-5556"
        self.partners[1].phone = "+32 2 123 45 67"
        self.partners[2].write({"phone": "-12", "email": '=HYPERLINK("http://x")'})
        partners = self.partners[:3].with_user(self.user_a)
        expected = partners.export_data(["name", "phone", "email"])["datas"]
        for options in ({}, {"escape_formulas": True}):
            _job, raw = self._export("xlsx", ["name", "phone", "email"], **options)
            sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
            rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
            self.assertEqual(rows[:3], expected)
            self.assertEqual(rows[0][1], "+1 555-555-5556")

    def test_json_references_and_metadata(self):
        job, raw = self._export("json", ["name", "country_id", "category_id"])
        data = json.loads(raw)
        self.assertEqual(data["metadata"]["model"], "res.partner")
        self.assertEqual(data["metadata"]["count"], 7)
        first = data["records"][0]
        self.assertEqual(first["name"], "DJ Partner 00")
        self.assertEqual(
            first["country_id"], {"id": self.country.id, "display_name": "Belgium"}
        )
        self.assertEqual(
            first["category_id"], [{"id": self.tag.id, "display_name": "DJ Tag"}]
        )

    def test_pdf_report(self):
        job, raw = self._export("pdf", ["name", "email", "country_id/name"])
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
        self.assertIn(job.name, text)
        self.assertIn("DJ Partner 06", text)
        self.assertIn("Page 1 of 1", text)

    def test_import_compatible_csv(self):
        job, _raw = self._export(
            "csv", ["name", "country_id", "category_id"], import_compatible=True
        )
        header, first = self._csv_rows(job)[:2]
        self.assertEqual(header, ["id", "name", "country_id/id", "category_id/id"])
        self.assertTrue(first[0].startswith("__export__.res_partner_"))
        self.assertEqual(first[1:3], ["DJ Partner 00", "base.be"])
        tag_xmlid = self.env["ir.model.data"].search(
            [("model", "=", "res.partner.category"), ("res_id", "=", self.tag.id)]
        )
        self.assertEqual(first[3], tag_xmlid.complete_name)

    def test_formulas_neutralised_by_default(self):
        self.partners[0].email = '=HYPERLINK("http://x")'
        job, _raw = self._export("csv", ["email"])
        self.assertEqual(self._csv_rows(job)[1][0], '\'=HYPERLINK("http://x")')
        job, _raw = self._export("csv", ["email"], escape_formulas=False)
        self.assertEqual(self._csv_rows(job)[1][0], '=HYPERLINK("http://x")')
