# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Header matching as Odoo's import dialog proposes it (issue 11, point 10):
the wizard proposes what ``parse_preview`` proposes (fuzzy and remembered
matches included), an API job applies exact matches only and names Odoo's
proposal in its warning."""

import base64

from odoo.tests import Form, tagged

from .parity.differences import known
from .parity_import_common import ParityImportCase

PRODUCTS = "External_id_3rd_party_application_products.csv"
CATEGORIES = "External_id_3rd_party_application_product_categories.csv"


@tagged("post_install", "-at_install")
class TestParityImportHeaders(ParityImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a.groups_id |= cls.env.ref("base.group_system")

    def _wizard(self, model, content, file_name="file.csv"):
        wizards = self.env["data.job.import.wizard"].with_user(self.user_a)
        form = Form(
            wizards.with_context(default_res_model=model, default_file_name=file_name)
        )
        form.file = base64.b64encode(content)
        return form.save()

    def _proposed(self, wizard):
        return {
            line.header: line.field_path for line in wizard.line_ids if line.field_path
        }

    def test_wizard_proposes_what_odoo_proposes(self):
        """Odoo's own samples: the wizard's mapping is parse_preview's
        (``Sale Price`` fuzzily to ``list_price``; it mapped nothing of the
        kind before), and the column says the field was proposed."""
        for model, name in (
            ("product.template", PRODUCTS),
            ("product.category", CATEGORIES),
        ):
            with self.subTest(name):
                content = self.sample(name)
                odoo = self.odoo_preview(model, content, self.user_a)
                wizard = self._wizard(model, content, name)
                if name == PRODUCTS:  # one more proposal than Odoo's
                    known("header_category_external_id")
                    self.assertNotIn("Category/External ID", odoo)
                    odoo["Category/External ID"] = "categ_id/id"
                self.assertEqual(self._proposed(wizard), odoo)
        wizard = self._wizard("product.template", self.sample(PRODUCTS), PRODUCTS)
        line = wizard.line_ids.filtered(lambda line: line.header == "Sale Price")
        self.assertEqual((line.field_path, line.suggestion), ("list_price", "similar"))
        self.assertIn("similar", line.note)

    def test_api_job_applies_exact_matches_and_suggests(self):
        """Without a mapping, only exact headers are imported; the warning
        names Odoo's proposal for the others."""
        known("api_exact_headers_only")
        job = self.ours(
            "product.template", self.sample(PRODUCTS), self.user_a, PRODUCTS
        )
        self.assertEqual(job.state, "done", job.error_message)
        warnings = job.sudo().log_ids.filtered(lambda log: log.level == "warning")
        text = " ".join(warnings.mapped("message"))
        self.assertIn("'Sale Price' (no field is named so; did you mean", text)
        self.assertIn("Sales Price (list_price)?", text)
        # 'Stockable Product' and 'Consumable' are no 18.0 product types:
        # those rows fail on their own, the 'Service' row is imported
        known("sample_products_xmlid")
        errors = self._errors(job)
        self.assertEqual(len(errors), 4)
        self.assertEqual({e[1] for e in errors}, {"Product Type"})
        fuel = self.env["product.template"].search([("default_code", "=", "FL")])
        self.assertEqual((fuel.name, fuel.standard_price), ("Fuel", 0.25))
        self.assertEqual(fuel.list_price, 1.0)  # the default: column not applied

    def test_job_with_odoo_mapping_gives_odoo_records(self):
        """The sample imported with Odoo's proposed mapping by
        ``execute_import`` and by a job: the same products. Its Product Type
        values ('Stockable Product') no longer exist in 18.0, so both leave
        that column out."""
        content = self.sample(PRODUCTS)
        mapping = self.odoo_preview("product.template", content, self.user_a)
        self.assertEqual(mapping.pop("Product Type"), "type")
        fields = ["name", "default_code", "list_price", "standard_price"]
        savepoint = self.env.cr.savepoint()
        odoo = self.odoo_import("product.template", content, self.user_a, mapping)
        self.assertOdooOk(odoo)
        theirs = self.snapshot(
            self.env["product.template"].browse(odoo["ids"]).sorted("default_code"),
            fields,
        )
        xmlids = sorted(
            self.env["product.template"].browse(odoo["ids"]).get_external_id().values()
        )
        savepoint.close(rollback=True)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        headers = content.decode().splitlines()[0].split(",")
        job = self.ours(
            "product.template",
            content,
            self.user_a,
            PRODUCTS,
            {"mapping": {h: mapping.get(h, False) for h in headers}},
        )
        self.assertJobOk(job)
        mine = self.env["product.template"].browse(job.sudo()._imported_ids())
        self.assertEqual(self.snapshot(mine.sorted("default_code"), fields), theirs)
        self.assertEqual(sorted(mine.get_external_id().values()), xmlids)
        self.assertEqual(len(theirs), 5)

    def test_remembered_mapping_is_proposed(self):
        """A column imported before into a field (base_import.mapping, which
        Odoo's dialog writes) is proposed again by the wizard, as by Odoo;
        an API job only names it."""
        self.env["base_import.mapping"].create(
            {
                "res_model": "res.partner",
                "column_name": "telefono",
                "field_name": "phone",
            }
        )
        content = self._csv([["name", "telefono"], ["Imp Remembered", "+32 2 555"]])
        odoo = self.odoo_preview("res.partner", content, self.user_a)
        self.assertEqual(odoo, {"name": "name", "telefono": "phone"})
        wizard = self._wizard("res.partner", content)
        self.assertEqual(self._proposed(wizard), odoo)
        self.assertEqual(
            wizard.line_ids.filtered(lambda line: line.header == "telefono").suggestion,
            "remembered",
        )
        job = self._import(content)
        self.assertIn(
            "did you mean Phone (phone)?",
            " ".join(job.sudo().log_ids.mapped("message")),
        )
        self.assertFalse(self._partners("Imp Remembered").phone)

    def test_better_proposal_imports_the_categories(self):
        """With the categories sample imported first, the wizard's proposal
        (Odoo's plus categ_id/id) puts each product in its category."""
        job = self.ours(
            "product.category", self.sample(CATEGORIES), self.user_a, CATEGORIES
        )
        self.assertJobOk(job)
        wizard = self._wizard("product.template", self.sample(PRODUCTS), PRODUCTS)
        wizard.line_ids.filtered(
            lambda line: line.header == "Product Type"
        ).field_path = False
        action = wizard.action_start()
        job = self.env["data.job"].browse(action["res_id"])
        self._run(job)
        self.assertJobOk(job)
        self.assertEqual(job.created_count, 5)
        chair = self.env["product.template"].search([("default_code", "=", "CHR")])
        self.assertEqual(chair.categ_id, self.env.ref("__import__.a5"))
        self.assertEqual(chair.list_price, 89.0)
