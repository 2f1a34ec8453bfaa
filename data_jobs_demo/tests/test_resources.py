# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo resources: found before the generic one, their lookups by custom
keys, their errors. These tests create what they use (no demo data)."""

from odoo.tests import tagged

from odoo.addons.data_jobs.resources import (
    GenericResource,
    check_resources,
    get_resource,
)
from odoo.addons.data_jobs.resources.import_columns import normalize

from ..resources.product_template import ProductTemplateResource
from ..resources.res_partner import PartnerResource
from .common import DemoCase


@tagged("post_install", "-at_install")
class TestResources(DemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"].with_context(active_test=False)
        cls.parent = cls.Partner.create(
            {"name": "DJT Parent Co", "ref": "DJT-PARENT", "is_company": True}
        )
        cls.vendor = cls.Partner.create(
            {"name": "DJT Vendor", "ref": "DJT-VENDOR", "is_company": True}
        )
        cls.tag = cls.env["res.partner.category"].create({"name": "DJT Tag"})
        root = cls.env["product.category"].create({"name": "DJT Root"})
        cls.category = cls.env["product.category"].create(
            {"name": "DJT Tools", "parent_id": root.id}
        )
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.usd = cls.env.company.currency_id

    def test_custom_resources_win_over_the_generic_one(self):
        self.assertIs(type(get_resource(self.env, "res.partner")), PartnerResource)
        self.assertIs(
            type(get_resource(self.env, "product.template")), ProductTemplateResource
        )
        self.assertIs(type(get_resource(self.env, "product.category")), GenericResource)
        check_resources(self.env)  # what the registry load runs: no error
        template = self.env["data.job.template"].new(
            {"name": "x", "res_model": "product.template"}
        )
        # issue 12 point 5: what a user reads, not the class name
        self.assertEqual(
            template.resource_name,
            "Products by internal reference, with their vendor and price",
        )
        self.assertTrue(template.resource_class.endswith(".ProductTemplateResource"))
        template.res_model = "product.category"
        self.assertEqual(
            template.resource_name,
            "Standard: the model's own fields, as Odoo imports them",
        )

    def test_headers_and_aliases_do_not_hide_other_fields(self):
        """An alias equal to another field's label would take its column."""
        for resource_class in (PartnerResource, ProductTemplateResource):
            resource = resource_class(self.env)
            labels = {}
            for field in resource.records._fields.values():
                if not resource.importable(field):
                    labels.setdefault(normalize(field.string), field.name)
            for column in resource.columns:
                for title in (column.header, *column.aliases):
                    owner = labels.get(normalize(title), column.field)
                    self.assertEqual(owner, column.field, f"{title} is {owner}'s label")

    def test_partner_lookups_by_iso_code_and_parent_reference(self):
        content = self._csv(
            [
                ["Partner Name", "Ref", "ISO Code", "Company Ref", "E-mail", "Tags"],
                [
                    "DJT Child",
                    "DJT-C1",
                    "be",
                    "DJT-PARENT",
                    "c1@djt.example",
                    "DJT Tag",
                ],
                ["DJT British", "DJT-C2", "UK", "", "", ""],
                ["DJT Nowhere", "DJT-C3", "XX", "", "", ""],
                ["DJT Orphan", "DJT-C4", "FR", "NOPE-REF", "", ""],
                ["DJT Bad Code", "DJT-C5", "FRA", "", "", ""],
            ]
        )
        job = self._import("res.partner", "partners.csv", content)
        self.assertCounts(job, created=2, errors=3)
        self.assertFalse(job.warning_count, "every column is known")
        child = self.Partner.search([("ref", "=", "DJT-C1")])
        self.assertEqual(child.country_id, self.env.ref("base.be"))
        self.assertEqual(child.parent_id, self.parent)
        self.assertEqual(child.category_id, self.tag)
        british = self.Partner.search([("ref", "=", "DJT-C2")])
        self.assertEqual(british.country_id, self.env.ref("base.uk"))
        errors = self._errors(job)
        self.assertEqual(
            [error[:3] for error in errors],
            [
                (4, "ISO Code", "XX"),
                (5, "Company Ref", "NOPE-REF"),
                (6, "ISO Code", "FRA"),
            ],
        )
        self.assertIn("No Country matches 'XX'", errors[0][3])
        self.assertIn("No Contact matches 'NOPE-REF'", errors[1][3])
        self.assertIn("not a two-letter ISO country code", errors[2][3])

    def test_other_titles_keep_matching_by_name(self):
        content = self._csv(
            [
                ["Name", "Reference", "Country", "parent_id"],
                ["DJT Named", "DJT-N1", "Belgium", "DJT Parent Co"],
            ]
        )
        job = self._import("res.partner", "partners.csv", content)
        self.assertCounts(job, created=1)
        named = self.Partner.search([("ref", "=", "DJT-N1")])
        self.assertEqual(named.country_id, self.env.ref("base.be"))
        self.assertEqual(named.parent_id, self.parent)

    def test_partner_without_name_is_an_error_on_its_column(self):
        content = self._csv(
            [
                ["Name", "Reference", "Address Type", "Parent Ref"],
                ["", "DJT-EMPTY", "", ""],
                ["", "DJT-INVOICE", "Invoice", "DJT-PARENT"],
            ]
        )
        job = self._import("res.partner", "partners.csv", content)
        self.assertCounts(job, created=1, errors=1)
        row, column, _value, message = self._errors(job)[0]
        self.assertEqual((row, column), (2, "Name"))
        self.assertIn("needs a name", message)
        invoice = self.Partner.search([("ref", "=", "DJT-INVOICE")])
        self.assertEqual((invoice.type, invoice.parent_id), ("invoice", self.parent))

    def test_product_lookups_by_category_path_and_vendor_reference(self):
        usd = self.usd.name
        self.assertNotEqual(usd, "EUR", "the rows below need another currency")
        content = self._csv(
            [
                [
                    "SKU",
                    "Product Name",
                    "Category Path",
                    "Price",
                    "Supplier Ref",
                    "Vendor Price",
                ],
                [
                    "DJT-1",
                    "DJT Hammer",
                    "DJT Root/DJT Tools",
                    "12.5",
                    "DJT-VENDOR",
                    "7.25 EUR",
                ],
                [
                    "DJT-2",
                    "DJT Saw",
                    "DJT Root / DJT Tools",
                    f"20 {usd}",
                    "DJT-VENDOR",
                    "9",
                ],
                ["DJT-3", "DJT Drill", "DJT Root / Nope", "30", "", ""],
                ["DJT-4", "DJT Level", "DJT Root / DJT Tools", "8", "NOPE-V", "3 EUR"],
                ["DJT-5", "DJT Tape", "DJT Root / DJT Tools", "5 EUR", "", ""],
                [
                    "DJT-6",
                    "DJT File",
                    "DJT Root / DJT Tools",
                    "4",
                    "DJT-VENDOR",
                    "2 CHF",
                ],
                ["DJT-7", "DJT Rasp", "DJT Root / DJT Tools", "4", "", f"2 {usd}"],
                [
                    "DJT-8",
                    "DJT Vice",
                    "DJT Root / DJT Tools",
                    "4",
                    "DJT-VENDOR",
                    "cheap",
                ],
            ]
        )
        job = self._import("product.template", "products.csv", content)
        self.assertCounts(job, created=2, errors=6)
        self.assertFalse(job.warning_count, "the vendor columns are read, not ignored")
        products = self.env["product.template"].search(
            [("default_code", "in", ("DJT-1", "DJT-2"))], order="default_code"
        )
        self.assertEqual(products.categ_id, self.category)
        self.assertEqual(products.mapped("list_price"), [12.5, 20.0])
        sellers = [(s.partner_id, s.price, s.currency_id) for s in products.seller_ids]
        self.assertEqual(
            sellers, [(self.vendor, 7.25, self.eur), (self.vendor, 9.0, self.usd)]
        )
        errors = self._errors(job)
        self.assertEqual(
            [error[:3] for error in errors],
            [
                (4, "Category Path", "DJT Root / Nope"),
                (5, "Supplier Ref", "NOPE-V"),
                (6, "Price", "5 EUR"),
                (7, "Vendor Price", "2 CHF"),
                (8, "Vendor Price", f"2 {usd}"),
                (9, "Vendor Price", "cheap"),
            ],
        )
        messages = [error[3] for error in errors]
        self.assertIn("No Product Category matches 'DJT Root / Nope'", messages[0])
        self.assertIn("No Contact matches 'NOPE-V'", messages[1])
        self.assertIn(f"company's currency ({usd}), not EUR", messages[2])
        self.assertIn("CHF is not an active currency", messages[3])
        self.assertIn("needs its vendor", messages[4])
        self.assertIn("not an amount", messages[5])

    def test_vendor_columns_are_lines_shown_by_the_preview(self):
        """A row with only vendor cells adds a vendor to the product above;
        the import preview (and so the wizard) names the vendor columns."""
        content = self._csv(
            [
                ["Internal Reference", "Name", "Vendor Ref", "Vendor Price"],
                ["DJT-20", "DJT Clamp", "DJT-VENDOR", "3.10 EUR"],
                ["", "", "DJT-PARENT", "3.30"],
                ["DJT-21", "DJT Glue", "", ""],
            ]
        )
        job = self._import("product.template", "lines.csv", content)
        self.assertCounts(job, created=2)
        clamp = self.env["product.template"].search([("default_code", "=", "DJT-20")])
        self.assertEqual(
            set(clamp.seller_ids.mapped(lambda s: (s.partner_id, s.currency_id))),
            {(self.vendor, self.eur), (self.parent, self.usd)},
        )
        preview = job._import_preview()
        labels = {c["header"]: (c["path"], c["label"]) for c in preview["columns"]}
        self.assertEqual(
            labels["Vendor Ref"],
            ("seller_ids/partner_id/ref", "Vendors / Vendor / Reference"),
        )
        self.assertEqual(
            labels["Vendor Price"], ("seller_ids/price", "Vendors / Price")
        )

    def test_vendor_price_is_updated_not_duplicated(self):
        rows = [
            ["Internal Reference", "Name", "Vendor Ref", "Vendor Price"],
            ["DJT-10", "DJT Chisel", "DJT-VENDOR", "4.00 EUR"],
        ]
        first = self._import("product.template", "p.csv", self._csv(rows))
        self.assertCounts(first, created=1)
        options = {"upsert_key": ["default_code"]}
        again = self._import("product.template", "p.csv", self._csv(rows), options)
        self.assertCounts(again, unchanged=1)
        rows[1][3] = "4.40 EUR"
        changed = self._import("product.template", "p2.csv", self._csv(rows), options)
        self.assertCounts(changed, updated=1)
        product = self.env["product.template"].search([("default_code", "=", "DJT-10")])
        self.assertEqual(
            [(s.partner_id, s.price, s.currency_id) for s in product.seller_ids],
            [(self.vendor, 4.4, self.eur)],
        )
        rows[1][2:] = ["DJT-PARENT", ""]  # a second vendor, no price yet
        second = self._import("product.template", "p3.csv", self._csv(rows), options)
        self.assertCounts(second, updated=1)
        self.assertEqual(
            set(product.seller_ids.mapped(lambda s: (s.partner_id.ref, s.price))),
            {("DJT-VENDOR", 4.4), ("DJT-PARENT", 0.0)},
        )
