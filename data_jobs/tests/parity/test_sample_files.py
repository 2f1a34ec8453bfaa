# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own sample import files (``base_import/static/csv``): each one
through Odoo's import dialog with its proposed mapping, and through data_jobs
with that same mapping given explicitly. Same records, same values, or the
documented difference."""

import base64
import csv
import io
from pathlib import Path

from odoo.tests import Form, tagged

import odoo.addons.base_import as base_import

from .common import ODOO_OPTIONS, ParityCase
from .differences import known

SAMPLES = Path(base_import.__file__).parent / "static" / "csv"


@tagged("post_install", "-at_install")
class TestSampleFiles(ParityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user.groups_id |= cls.env.ref("product.group_product_variant")
        # what the purchase samples name (Odoo's demo data, not installed here)
        cls.env["res.partner"].create([{"name": "ASUSTeK"}, {"name": "Camptocamp"}])
        cls.env["product.product"].create(
            [
                {"name": name, "default_code": code, "purchase_ok": True}
                for code, name in (
                    ("ADPT", "USB Adapter"),
                    ("CARD", "Graphics Card"),
                    ("C-Case", "Computer Case"),
                    ("CD", "Blank CD"),
                    ("CPUa8", "Processor Core i5"),
                )
            ]
        )

    def _sample(self, name):
        raw = (SAMPLES / name).read_bytes()
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        return raw, rows[0], rows[1:]

    def _proposal(self, model, raw):
        """Odoo's proposed mapping of the file: ``[path or False]`` per column."""
        wizard = self._as_user()["base_import.import"].create(
            {
                "res_model": model,
                "file": raw,
                "file_name": "sample.csv",
                "file_type": "text/csv",
            }
        )
        preview = wizard.parse_preview(dict(ODOO_OPTIONS))
        self.assertNotIn("error", preview, preview.get("error"))
        matches = preview["matches"] or {}
        return [
            "/".join(matches.get(i, [])) or False
            for i in range(len(preview["headers"]))
        ]

    def _fields_and_lines(self, model, paths):
        """What to compare: the mapped fields of the records (relations as
        ids) and the mapped fields of their lines."""
        Model = self.env[model]
        fields, lines = [], {}
        for path in filter(None, paths):
            first, _sep, rest = path.partition("/")
            if first in ("id", ".id"):
                continue
            field = Model._fields[first]
            if field.type == "one2many":
                sub = rest.partition("/")[0]
                if sub not in ("id", ".id"):
                    lines.setdefault(first, []).append(sub)
            elif first not in fields:
                fields.append(first)
        return fields, lines

    def _result(self, result):
        """Which records were made, and whether rows failed; when both made
        the same records, their values are compared too."""
        records, errors = result
        names = sorted(str(r.get("name") or r.get("partner_id")) for r in records)
        return {"created": names, "errors": bool(errors)}

    def _sample_parity(self, case, name, model, mapping=True):
        raw, header, rows = self._sample(name)
        paths = self._proposal(model, raw)
        fields, lines = self._fields_and_lines(model, paths)
        odoo = self.odoo_import(model, header, rows, fields, lines)
        options = {}
        if mapping:
            options["mapping"] = dict(zip(header, paths, strict=True))
        ours = self.dj_import(model, header, rows, fields, lines, options=options)
        self.compare(case, self._result(odoo), self._result(ours))
        if self._result(odoo)["created"] == self._result(ours)["created"]:
            self.assertEqual(ours[0], odoo[0], f"{case}: the records' values")
        return odoo, ours

    def test_product_categories(self):
        odoo, _ours = self._sample_parity(
            "sample_categories",
            "External_id_3rd_party_application_product_categories.csv",
            "product.category",
        )
        self.assertEqual(len(odoo[0]), 5)

    def test_products_by_external_id(self):
        self._sample_parity(
            "sample_products_xmlid",
            "External_id_3rd_party_application_products.csv",
            "product.template",
        )

    def test_products_by_external_id_with_data_jobs_matching(self):
        """Without a mapping given (issue 11, point 10): the import wizard
        proposes Odoo's mapping (plus categ_id/id, a known difference), and
        the file imported with its proposal reaches Odoo's outcome; an API
        job applies exact headers only, by design, and its warning carries
        Odoo's suggestions ("did you mean Sales Price (list_price)?")."""
        model = "product.template"
        name = "External_id_3rd_party_application_products.csv"
        raw, header, rows = self._sample(name)
        paths = self._proposal(model, raw)
        fields, lines = self._fields_and_lines(model, paths)
        wizards = self.env["data.job.import.wizard"].with_user(self.user)
        form = Form(
            wizards.with_context(default_res_model=model, default_file_name=name)
        )
        form.file = base64.b64encode(raw)
        wizard = form.save()
        proposed = {line.header: line.field_path for line in wizard.line_ids}
        odoo_proposed = dict(zip(header, paths, strict=True))
        self.assertFalse(odoo_proposed["Category/External ID"])
        self.assertEqual(proposed.pop("Category/External ID"), "categ_id/id")
        known("header_category_external_id")
        odoo_proposed.pop("Category/External ID")
        self.assertEqual({h: p or False for h, p in proposed.items()}, odoo_proposed)
        # the wizard's proposal (without the category column, whose
        # categories this database lacks) gives Odoo's outcome
        odoo = self.odoo_import(model, header, rows, fields, lines)
        mapping = dict(proposed, **{"Category/External ID": False})
        ours = self.dj_import(
            model, header, rows, fields, lines, options={"mapping": mapping}
        )
        self.compare("sample_products_xmlid", self._result(odoo), self._result(ours))

        known("api_exact_headers_only")
        job = (
            self.env["data.job"]
            .with_user(self.user)
            .create_import(model, name, base64.b64encode(raw).decode(), {})
        )
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        warnings = job.sudo().log_ids.filtered(lambda log: log.level == "warning")
        text = " ".join(warnings.mapped("message"))
        self.assertIn("'Sale Price' (no field is named so; did you mean", text)
        self.assertIn("Sales Price (list_price)?", text)
        fuel = self.env["product.template"].search([("default_code", "=", "FL")])
        self.assertEqual(fuel.list_price, 1.0)  # the default: not applied

    def test_products_by_name(self):
        self._sample_parity("sample_products", "Name_products.csv", "product.template")

    def test_customers_with_tags(self):
        self._sample_parity("sample_tags", "m2m_customers_tags.csv", "res.partner")

    def test_customers_and_contacts(self):
        self._sample_parity(
            "sample_contacts", "o2m_customers_contacts.csv", "res.partner"
        )

    def test_purchase_order_lines(self):
        """Products named by internal reference (ADPT, CARD): Odoo imports 2
        orders."""
        odoo, _ours = self._sample_parity(
            "sample_purchase_lines", "o2m_purchase_order_lines.csv", "purchase.order"
        )
        self.assertEqual(len(odoo[0]), 2)

    def test_purchase_order_functional_error(self):
        self._sample_parity(
            "sample_purchase_error",
            "purchase.order_functional_error_line_cant_adpat.csv",
            "purchase.order",
        )

    def test_every_sample_file_is_covered(self):
        source = Path(__file__).read_text("utf-8")
        for path in SAMPLES.glob("*.csv"):
            self.assertIn(f'"{path.name}"', source, f"{path.name} has no test")
