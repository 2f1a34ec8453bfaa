# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every sample file imports with the counts readme/DESCRIPTION.md promises."""

import base64
import io

import openpyxl

from odoo.tests import Form, tagged

from .common import DemoDataCase


@tagged("post_install", "-at_install")
class TestSamples(DemoDataCase):
    def _partner(self, ref):
        return self.env["res.partner"].search([("ref", "=", ref)])

    def _product(self, code):
        return self.env["product.template"].search([("default_code", "=", code)])

    def test_partners_cp1251_semicolon(self):
        job = self._import_sample("partners_cp1251", "partners_cp1251_semicolon.csv")
        self.assertCounts(job, created=6)
        self.assertFalse(job.warning_count)
        balkan = self.env.ref("data_jobs_demo.res_partner_demo_balkan_trade")
        maria = self._partner("BALKAN-TRADE-01")
        self.assertEqual(maria.name, "Мария Петрова")
        self.assertEqual(maria.parent_id, balkan)
        self.assertEqual(maria.country_id, self.env.ref("base.bg"), "'bg' is BG")
        kyiv = self._partner("KYIV-TEX")
        self.assertEqual(kyiv.name, "ТОВ «Київський текстиль»")
        self.assertEqual(kyiv.country_id, self.env.ref("base.ua"))
        self.assertEqual(
            self._partner("SEV-VETER").category_id.mapped("name"),
            ["Distributor", "Key Account"],
        )
        # The same file through a template that states no encoding nor
        # delimiter: both are detected, and nothing has changed.
        again = self._import_sample("partners", "partners_cp1251_semicolon.csv")
        self.assertCounts(again, unchanged=6)

    def test_products_utf8_bom(self):
        mug = self.env.ref("data_jobs_demo.product_template_demo_mug")
        job = self._import_sample("products", "products_utf8_bom.csv")
        self.assertCounts(job, created=4, updated=1)
        self.assertFalse(job.warning_count)
        kitchen = self.env.ref("data_jobs_demo.product_category_demo_kitchen")
        pan = self._product("DJD-PAN-01")
        self.assertEqual(pan.name, "Crêpe pan Ø 24 cm", "no BOM in the first header")
        self.assertEqual(pan.categ_id, kitchen, "'All/Saleable/Kitchen' is a path")
        self.assertEqual(pan.list_price, 34.5)
        self.assertEqual(
            [(s.partner_id.ref, s.price, s.currency_id.name) for s in pan.seller_ids],
            [("V-NORDWIND", 14.9, "EUR")],
        )
        teapot = self._product("DJD-TEAPOT-01")
        self.assertEqual(teapot.seller_ids.currency_id, self.env.company.currency_id)
        self.assertEqual(
            self._product("DJD-KNIFE-01").product_tag_ids.mapped("name"),
            ["New", "Bestseller"],
        )
        self.assertFalse(self._product("DJD-APRON-01").seller_ids)
        self.assertEqual(
            [(s.partner_id.ref, s.price) for s in mug.seller_ids],
            [("V-NORDWIND", 3.5)],
            "the vendor's line is updated, not doubled",
        )
        self.assertEqual(len(mug.product_tag_ids), 2)
        again = self._import_sample("products", "products_utf8_bom.csv")
        self.assertCounts(again, unchanged=5)

    def test_products_utf8_bom_through_the_import_wizard(self):
        """The wizard shows the vendor columns as the resource reads them,
        and its job imports them."""
        wizards = self.env["data.job.import.wizard"].with_user(self.user)
        form = Form(
            wizards.with_context(
                default_res_model="product.template",
                default_file_name="products_utf8_bom.csv",
            )
        )
        form.file = base64.b64encode(self._sample("products_utf8_bom.csv"))
        self.assertFalse(form.error_html)
        lines = [form.line_ids.edit(i) for i in range(len(form.line_ids))]
        self.assertEqual(
            [(line.header, line.field_path, line.field_label) for line in lines],
            [
                ("Internal Reference", "default_code", "Internal Reference"),
                ("Name", "name", "Name"),
                (
                    "Category",
                    "categ_id/complete_name",
                    "Product Category / Complete Name",
                ),
                ("Tags", "product_tag_ids", "Tags"),
                ("Sales Price", "list_price", "Sales Price"),
                (
                    "Vendor Ref",
                    "seller_ids/partner_id/ref",
                    "Vendors / Vendor / Reference",
                ),
                ("Vendor Price", "seller_ids/price", "Vendors / Price"),
            ],
        )
        with form.line_ids.edit(0) as line:
            line.is_key = True
        action = form.save().action_start()
        job = self.env["data.job"].browse(action["res_id"])
        self._run(job)
        self.assertCounts(job, created=4, updated=1)
        mug = self.env.ref("data_jobs_demo.product_template_demo_mug")
        self.assertEqual(mug.seller_ids.price, 3.5)

    def test_catalogue_two_sheets_in_dependency_order(self):
        job = self._import_sample("catalogue_import", "catalogue_two_sheets.xlsx")
        self.assertCounts(job, created=6)  # 2 categories, then 4 products
        self.assertEqual(job.total_rows, 6)
        garden = self.env.ref("__import__.djd_cat_garden")
        self.assertEqual(garden.complete_name, "All / Saleable / Garden")
        hose = self.env.ref("__import__.djd_prod_hose")
        self.assertEqual(hose.categ_id, garden)
        self.assertEqual(hose.default_code, "DJD-HOSE-25")
        self.assertEqual(
            [(s.partner_id.ref, s.price, s.currency_id.name) for s in hose.seller_ids],
            [("V-OAKIRON", 18.0, "USD")],
        )
        lantern = self.env.ref("__import__.djd_prod_lantern")
        self.assertEqual(lantern.categ_id.name, "Lighting")
        self.assertEqual(lantern.product_tag_ids.mapped("name"), ["Eco", "New"])
        # The workbook lists Products first; the categories were imported first.
        imported = openpyxl.load_workbook(
            io.BytesIO(job.sudo().success_file_id.raw), read_only=True
        )
        self.assertEqual(imported.sheetnames, ["Categories", "Products"])
        again = self._import_sample("catalogue_import", "catalogue_two_sheets.xlsx")
        self.assertCounts(again, unchanged=6)

    def test_partners_with_errors(self):
        job = self._import_sample("partners", "partners_with_errors.csv")
        self.assertCounts(job, created=2, updated=1, errors=6)
        self.assertEqual(job.total_rows, 9)
        errors = self._errors(job)
        self.assertEqual(
            [error[:3] for error in errors],
            [
                (4, "Country Code", "XX"),
                (5, "Name", False),
                (6, "Is a Company", "perhaps"),
                (7, "Reference", "HELIOS"),
                (8, "Parent Ref", "NOPE-REF"),
                (9, "Tags", "Unknown Tag"),
            ],
        )
        expected = [
            "No Country matches 'XX'",
            "needs a name",
            "not a yes/no value",
            "already on row 2",
            "No Contact matches 'NOPE-REF'",
            "No Partner Tags matches 'Unknown Tag'",
        ]
        for (_row, _column, _value, message), text in zip(
            errors, expected, strict=True
        ):
            self.assertIn(text, message)
        self.assertEqual(self._partner("HELIOS").country_id, self.env.ref("base.gr"))
        self.assertEqual(
            self._partner("BALKAN-TRADE-03").parent_id,
            self.env.ref("data_jobs_demo.res_partner_demo_balkan_trade"),
        )
        self.assertEqual(
            self.env.ref("data_jobs_demo.res_partner_demo_balkan_trade").email,
            "sales@balkan-trade.example",
        )
        failed = job.sudo().failed_file_id.raw.decode("utf-8-sig").splitlines()
        self.assertEqual(len(failed), 7, "the header and the 6 rows to fix")
        self.assertTrue(failed[0].endswith(",import_error"))
