# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where data_jobs deliberately imports otherwise than Odoo: each case runs
both and must give the values ``KNOWN_DIFFERENCES`` lists for it."""

from odoo.tests import tagged

from .common import ParityCase


@tagged("post_install", "-at_install")
class TestImportImprovements(ParityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gadget = cls.env["product.product"].create(
            {"name": "Parity Gadget", "list_price": 5.0}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Parity Customer"})

    def _names(self, result):
        records, errors = result
        return {"names": sorted(r["name"] for r in records), "errors": len(errors)}

    def test_error_isolation_keeps_good_rows(self):
        header = ["name", "color"]
        rows = [
            ["Parity Good 1", "1"],
            ["Parity Bad", "not a number"],
            ["Parity Good 2", "2"],
        ]
        fields = ["name"]
        odoo = self.odoo_import("res.partner", header, rows, fields)
        ours = self.dj_import("res.partner", header, rows, fields)
        self.compare("error_isolation", self._names(odoo), self._names(ours))

    def test_empty_cell_keeps_the_default_on_create(self):
        """An empty unit price on a new order line: Odoo writes 0, data_jobs
        leaves it out, so the product's price applies."""
        header = [
            "partner_id",
            "order_line/product_id",
            "order_line/price_unit",
        ]
        rows = [["Parity Customer", "Parity Gadget", ""]]
        lines = {"order_line": ["price_unit"]}
        odoo = self.odoo_import("sale.order", header, rows, [], lines)
        ours = self.dj_import("sale.order", header, rows, [], lines)
        self.assertFalse(odoo[1] or ours[1])

        def price(result):
            return result[0][0]["order_line"][0]

        self.compare("empty_cell_default", price(odoo), price(ours))

    def test_ambiguous_name_is_refused(self):
        Tag = self.env["res.partner.category"]
        Tag.create([{"name": "Parity Twin"}, {"name": "Parity Twin"}])
        header = ["name", "category_id"]
        rows = [["Parity Ambiguous", "Parity Twin"]]
        odoo = self.odoo_import("res.partner", header, rows, ["name"])
        ours = self.dj_import("res.partner", header, rows, ["name"])
        self.compare("ambiguous_name", self._names(odoo), self._names(ours))

    def test_cells_are_trimmed(self):
        header = ["name", "street", "country_id"]
        rows = [["  Parity Trim  ", " Rue 1 ", " Belgium "]]
        fields = ["name", "street", "country_id"]
        odoo = self.odoo_import("res.partner", header, rows, fields)
        ours = self.dj_import("res.partner", header, rows, fields)
        self.assertFalse(ours[1])

        def values(result):
            records, errors = result
            rows = [[r["name"], r["street"], bool(r["country_id"])] for r in records]
            return rows or ERROR_TEXT(errors)

        self.compare("trimming", values(odoo), values(ours))

    def test_decimal_comma_is_not_read_as_thousands(self):
        header = ["name", "partner_latitude"]
        rows = [["Parity Comma", "12,5"]]
        fields = ["partner_latitude"]
        odoo = self.odoo_import("res.partner", header, rows, fields)
        ours = self.dj_import("res.partner", header, rows, fields)

        def value(result):
            records, errors = result
            return records[0]["partner_latitude"] if records else ERROR_TEXT(errors)

        self.compare("decimal_comma", value(odoo), value(ours))

    def test_ambiguous_date_is_not_guessed(self):
        """05/03/2024 for a user in Brussels whose language writes dates
        month first (en_US): Odoo's dialog guesses May 3."""
        header = ["partner_id", "validity_date"]
        rows = [["Parity Customer", "05/03/2024"]]
        fields = ["validity_date"]
        odoo = self.odoo_import("sale.order", header, rows, fields)
        ours = self.dj_import("sale.order", header, rows, fields)

        def value(result):
            records, errors = result
            return str(records[0]["validity_date"]) if records else ERROR_TEXT(errors)

        self.compare("ambiguous_date", value(odoo), value(ours))


def ERROR_TEXT(errors):  # noqa: N802 - reads as a value in the table
    return "row error" if errors else "nothing"
