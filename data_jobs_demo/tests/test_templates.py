# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo templates: exports that re-import unchanged, the scheduled
catalogue and its PDF layout."""

import io
from datetime import timedelta

import openpyxl
from PyPDF2 import PdfReader
from reportlab.lib.rl_accel import fp_str

from odoo import fields
from odoo.tests import tagged

from odoo.addons.data_jobs.io.values import Column
from odoo.addons.data_jobs.resources import get_resource

from ..resources.catalogue_pdf import GREEN, CataloguePdfWriter
from .common import DemoDataCase


@tagged("post_install", "-at_install")
class TestTemplates(DemoDataCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The exports then hold what the samples bring: Cyrillic names,
        # parents by reference, vendors with prices in two currencies.
        cls._import_sample("partners_cp1251", "partners_cp1251_semicolon.csv")
        cls._import_sample("products", "products_utf8_bom.csv")

    def _round_trip(self, template):
        export = self._run(template.with_user(self.user).create_export_job())
        self.assertEqual(export.state, "done", export.error_message)
        output = export.sudo().output_file_id
        again = self._import_with(template, output.name, output.raw)
        self.assertCounts(again, unchanged=export.processed_rows)
        return export, again

    def test_partner_template_exports_and_reimports_unchanged(self):
        template = self._template("partners")
        export, _again = self._round_trip(template)
        expected = self.env["res.partner"].search_count([("ref", "!=", False)])
        self.assertEqual(export.processed_rows, expected)
        self.assertGreaterEqual(expected, 9, "3 demo partners and 6 from the sample")
        lines = export.sudo().output_file_id.raw.decode("utf-8-sig").splitlines()
        self.assertEqual(
            lines[0],
            "Name,Reference,Is a Company,Parent Ref,Street,Zip,City,Country Code,"
            "Phone,Email,Tax ID,Tags",
        )
        maria = next(line for line in lines if line.startswith("Мария Петрова"))
        self.assertIn(",BALKAN-TRADE-01,False,BALKAN-TRADE,", maria)
        # a phone number is a value, not a formula: written without a quote
        self.assertIn(",BG,+359 32 600 700,", maria)

    def test_product_template_exports_and_reimports_unchanged(self):
        template = self._template("products")
        export, _again = self._round_trip(template)
        book = openpyxl.load_workbook(io.BytesIO(export.sudo().output_file_id.raw))
        rows = list(book.active.values)
        self.assertEqual(
            rows[0],
            (
                "Internal Reference",
                "Name",
                "Category",
                "Tags",
                "Sales Price",
                "Vendor Ref",
                "Vendor Price",
            ),
        )
        pan = next(row for row in rows if row[0] == "DJD-PAN-01")
        self.assertEqual(
            pan[2:],
            ("All / Saleable / Kitchen", "Eco", 34.5, "V-NORDWIND", "14.90 EUR"),
        )

    def test_catalogue_schedule_is_off_until_switched_on(self):
        template = self._template("catalogue_pdf")
        self.assertFalse(template.schedule_active)
        self.assertEqual(
            (template.interval_number, template.interval_type), (1, "weeks")
        )
        template.next_run = fields.Datetime.now() - timedelta(minutes=1)
        self.env["data.job.template"]._cron_run_schedules()
        self.assertFalse(template.job_ids, "an inactive schedule runs nothing")
        template.schedule_active = True
        self.env["data.job.template"]._cron_run_schedules()
        self.assertEqual(len(template.job_ids), 1)
        self.assertEqual(template.job_ids.file_format, "pdf")

    def test_catalogue_pdf_has_its_own_layout(self):
        resource = get_resource(self.env, "product.template")
        writer = resource.make_writer(
            "pdf", io.BytesIO(), [Column("name", "Name")], {}, {}
        )
        self.assertIsInstance(writer, CataloguePdfWriter)

        job = self._template("catalogue_pdf").with_user(self.user).create_export_job()
        self.assertEqual(job.state, "queued")
        self._perform_queue_job(job)  # the stored queue job, as the runner does
        self.assertEqual(job.state, "done", job.error_message)
        self.assertTrue(job.output_file_id.name.endswith(".pdf"))
        pages = PdfReader(io.BytesIO(job.sudo().output_file_id.raw)).pages
        text = "".join(page.extract_text() for page in pages)
        for expected in (
            "Product catalogue",
            self.env.company.name,
            "Crêpe pan Ø 24 cm",
            "All / Saleable / Kitchen",
            "Stoneware Mug",
            f"Page 1 of {len(pages)}",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("V-NORDWIND", text, "no vendor in a customer catalogue")
        content = pages[0].get_contents().get_data()
        green = fp_str(GREEN.red, GREEN.green, GREEN.blue).encode()
        self.assertIn(green + b" rg", content, "the green title band and header")
