# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Relational cells found by the target's own name search, as Odoo's import
(issue 11, point 2): products by internal reference and as ``[CODE] Name``,
checked next to ``execute_import`` on Odoo's own purchase order sample."""

from odoo.tests import new_test_user, tagged

from .parity.differences import known
from .parity_import_common import ParityImportCase

LINES = "order_line/product_id,name,product_qty,price_unit,product_uom"


@tagged("post_install", "-at_install")
class TestParityImportLookups(ParityImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = new_test_user(
            cls.env,
            "dj_parity_buyer",
            "data_jobs.group_data_job_user,purchase.group_purchase_manager",
            name="Parity Buyer",
        )
        cls.vendors = cls.env["res.partner"].create(
            [{"name": "ASUSTeK"}, {"name": "Camptocamp"}]
        )
        cls.products = cls.env["product.product"].create(
            [
                {"name": f"Parity {code}", "default_code": code, "purchase_ok": True}
                for code in ("ADPT", "CARD", "C-Case", "CD", "CPUa8")
            ]
        )

    def _orders(self, ids):
        return self.env["purchase.order"].browse(ids).sorted("name")

    def test_odoo_purchase_sample_imports_as_with_odoo(self):
        """``o2m_purchase_order_lines.csv`` names its products by internal
        reference: Odoo imports 2 orders with 5 lines; so must we (0 before)."""
        content = self.sample("o2m_purchase_order_lines.csv")
        odoo = self.odoo_import("purchase.order", content, self.buyer)
        self.assertOdooOk(odoo)
        theirs = self._orders(odoo["ids"])
        self.assertEqual(len(theirs), 2)
        # the same names again would only be ambiguous for the vendor: ours
        # go to a second pair of orders, compared field by field
        job = self.ours("purchase.order", content, self.buyer, "po.csv")
        self.assertJobOk(job)
        self.assertEqual(job.created_count, 2)
        mine = self.env["purchase.order"].search(
            [("name", "in", theirs.mapped("name")), ("id", "not in", theirs.ids)]
        )
        # (no date_order: neither import maps 'Order Date', whose 18.0 label
        # is 'Order Deadline', so both orders take the time of their creation)
        fields = ["name", "partner_id", LINES]
        self.assertEqual(
            self.snapshot(mine.sorted("name"), fields),
            self.snapshot(theirs, fields),
        )
        self.assertEqual(len(mine.order_line), 5)

    def test_product_by_code_and_display_name(self):
        """``DW1`` (internal reference) and ``[DW1] Diff Widget`` (display
        name) find the product, as Odoo's import does."""
        widget = self.env["product.product"].create(
            {"name": "Diff Widget", "default_code": "DW1"}
        )
        header = ["partner_id", "order_line/product_id", "order_line/product_qty"]
        rows = [
            ["ASUSTeK", "DW1", "1"],
            ["", "[DW1] Diff Widget", "2"],
            ["", "Diff Widget", "3"],
        ]
        result = self.env["purchase.order"].with_user(self.buyer).load(header, rows)
        self.assertFalse(result["messages"])
        job = self.ours("purchase.order", self._csv([header, *rows]), self.buyer)
        self.assertJobOk(job)
        mine = self.env["purchase.order"].browse(job.sudo()._imported_ids())
        theirs = self.env["purchase.order"].browse(result["ids"])
        self.assertEqual(mine.order_line.product_id, widget)
        self.assertEqual(
            mine.order_line.mapped("product_qty"),
            theirs.order_line.mapped("product_qty"),
        )

    def test_shared_reference_is_a_row_error(self):
        """Two products with the same reference: Odoo takes the first one
        (a known difference), data_jobs refuses the row and names both."""
        known("product_reference_shared")
        self.env["product.product"].create(
            [{"name": "Twin A", "default_code": "TWIN"}, {"name": "Twin B"}]
        ).filtered(lambda p: not p.default_code).default_code = "TWIN"
        header = ["partner_id", "order_line/product_id", "order_line/product_qty"]
        job = self.ours(
            "purchase.order",
            self._csv([header, ["ASUSTeK", "TWIN", "1"]]),
            self.buyer,
        )
        self.assertEqual(job.created_count, 0)
        [(row, column, value, message)] = self._row_errors(job)
        self.assertEqual((row, column, value), (2, "order_line/product_id", "TWIN"))
        self.assertIn("matches 2", message)
        self.assertIn("Twin A", message)
