# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An import-compatible export re-imports as it came out (issue 11, "Must
show"): exported by data_jobs, then imported back by Odoo's own import
(``base_import.import.execute_import``) and by data_jobs, it changes no value
and creates no record, for partners with their contacts, tags and banks,
product templates with vendors, product variants, sale and purchase orders
with their lines.

Before issue 11 point 4 the lines of a one2many were joined in one cell and
the file did not re-import (a contact named "A,B,C" was created)."""

import base64

from odoo.tests import tagged

from .common import DataJobCase
from .parity_export import ExportParityMixin

ODOO_CSV_OPTIONS = {
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "has_headers": True,
    "date_format": "%Y-%m-%d",
    "datetime_format": "%Y-%m-%d %H:%M:%S",
    "float_thousand_separator": "",
    "float_decimal_separator": ".",
}

# model: the paths exported (import-compatible: relational ones get /id)
CASES = {
    "res.partner": [
        "name",
        "email",
        "is_company",
        "category_id",
        "child_ids/id",
        "child_ids/name",
        "child_ids/email",
        "bank_ids/id",
        "bank_ids/acc_number",
    ],
    "product.template": [
        "name",
        "list_price",
        "sale_ok",
        "categ_id",
        "seller_ids/id",
        "seller_ids/partner_id",
        "seller_ids/price",
    ],
    "product.product": ["name", "default_code", "weight", "product_tmpl_id"],
    "sale.order": [
        "partner_id",
        "client_order_ref",
        "order_line/id",
        "order_line/product_id",
        "order_line/name",
        "order_line/product_uom_qty",
        "order_line/price_unit",
        "order_line/discount",
        "order_line/tax_id",
    ],
    "purchase.order": [
        "partner_id",
        "partner_ref",
        "order_line/id",
        "order_line/product_id",
        "order_line/name",
        "order_line/product_qty",
        "order_line/price_unit",
        "order_line/date_planned",
    ],
}
# model: {model whose records (all of them) are compared: the fields}
COMPARED = {
    "res.partner": {
        "res.partner": ["name", "email", "is_company", "category_id", "parent_id"],
        "res.partner.bank": ["acc_number", "partner_id", "bank_id"],
    },
    "product.template": {
        "product.template": ["name", "list_price", "sale_ok", "categ_id"],
        "product.supplierinfo": ["partner_id", "price", "product_tmpl_id"],
    },
    "product.product": {"product.product": ["name", "default_code", "weight"]},
    "sale.order": {
        "sale.order": ["partner_id", "client_order_ref", "amount_total"],
        "sale.order.line": [
            "order_id",
            "product_id",
            "name",
            "product_uom_qty",
            "price_unit",
            "discount",
            "tax_id",
            "sequence",
        ],
    },
    "purchase.order": {
        "purchase.order": ["partner_id", "partner_ref", "amount_total"],
        "purchase.order.line": [
            "order_id",
            "product_id",
            "name",
            "product_qty",
            "price_unit",
            "date_planned",
        ],
    },
}


@tagged("post_install", "-at_install")
class TestRoundTrip(ExportParityMixin, DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._parity_fixtures()
        cls.parity_user.groups_id |= cls.env.ref("base.group_partner_manager")
        cls.parity_user.groups_id |= cls.env.ref("product.group_product_manager")

    def _records(self, model):
        return {
            "res.partner": self.parity_partners,
            "product.template": self.templates,
            "product.product": self.products,
            "sale.order": self.sale_orders,
            "purchase.order": self.purchase_orders,
        }[model]

    def _state(self, model):
        """Every record of the compared models and the compared values."""
        state = {}
        for name, fields in COMPARED[model].items():
            records = self.env[name].with_context(active_test=False).search([])
            state[name] = {row["id"]: row for row in records.read(fields, load=None)}
        return state

    def _export(self, model):
        """The import-compatible CSV data_jobs exports, and its header."""
        records = self._records(model)
        job = self._export_job(
            user=self.parity_user,
            res_model=model,
            domain="[]",
            field_names=CASES[model],
            options={"ids": records.ids, "import_compatible": True},
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        raw = job.sudo().output_file_id.raw
        header = raw.decode("utf-8-sig").splitlines()[0].split(",")
        self.assertEqual(header[0], "id")
        return raw, header

    def _odoo_round_trip(self, model):
        raw, header = self._export(model)
        before = self._state(model)
        self.env.invalidate_all()
        importer = (
            self.env["base_import.import"]
            .with_user(self.parity_user)
            .create(
                {
                    "res_model": model,
                    "file": raw,
                    "file_name": "export.csv",
                    "file_type": "text/csv",
                }
            )
        )
        result = importer.execute_import(header, header, dict(ODOO_CSV_OPTIONS))
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(sorted(result["ids"]), sorted(self._records(model).ids))
        self.env.invalidate_all()
        self.assertEqual(self._state(model), before)

    def _data_jobs_round_trip(self, model):
        raw, _header = self._export(model)
        before = self._state(model)
        self.env.invalidate_all()
        job = (
            self.env["data.job"]
            .with_user(self.parity_user)
            .create_import(model, "export.csv", base64.b64encode(raw).decode(), {})
        )
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        errors = job.sudo().log_ids.filtered(lambda log: log.level == "error")
        self.assertFalse(errors.mapped("message"))
        self.assertEqual(job.created_count, 0)
        self.env.invalidate_all()
        self.assertEqual(self._state(model), before)

    # ------------------------------------------------------ through Odoo
    def test_partner_through_odoo(self):
        self._odoo_round_trip("res.partner")

    def test_product_template_through_odoo(self):
        self._odoo_round_trip("product.template")

    def test_product_product_through_odoo(self):
        self._odoo_round_trip("product.product")

    def test_sale_order_through_odoo(self):
        self._odoo_round_trip("sale.order")

    def test_purchase_order_through_odoo(self):
        self._odoo_round_trip("purchase.order")

    # --------------------------------------------------- through data_jobs
    def test_partner_through_data_jobs(self):
        self._data_jobs_round_trip("res.partner")

    def test_product_template_through_data_jobs(self):
        self._data_jobs_round_trip("product.template")

    def test_product_product_through_data_jobs(self):
        self._data_jobs_round_trip("product.product")

    def test_sale_order_through_data_jobs(self):
        self._data_jobs_round_trip("sale.order")

    def test_purchase_order_through_data_jobs(self):
        self._data_jobs_round_trip("purchase.order")
