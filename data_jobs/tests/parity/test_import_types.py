# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every field type through Odoo's import dialog, ``load()`` and data_jobs,
from the same CSV and XLSX files: the records must come out the same."""

import base64
import io

from PIL import Image

from odoo.tests import tagged

from .common import ParityCase


def _png():
    """A small PNG as base64 text, as binary fields are imported."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


PARTNER_FIELDS = [
    "name",
    "street",
    "comment",
    "color",
    "partner_latitude",
    "is_company",
    "type",
    "country_id",
    "category_id",
    "lang",
]


@tagged("post_install", "-at_install")
class TestImportTypes(ParityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tag = cls.env["res.partner.category"]
        cls.vip = Tag.create({"name": "Parity VIP"})
        cls.retail = Tag.create({"name": "Parity Retail"})
        cls.env["ir.model.data"].create(
            {
                "module": "parity",
                "name": "tag_vip",
                "model": "res.partner.category",
                "res_id": cls.vip.id,
            }
        )
        cls.widget = cls.env["product.product"].create(
            {"name": "Parity Widget", "list_price": 10.0, "default_code": "PW1"}
        )
        cls.gadget = cls.env["product.product"].create(
            {"name": "Parity Gadget", "list_price": 5.0}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Parity Customer"})
        cls.vendor = cls.env["res.partner"].create({"name": "Parity Vendor"})

    def _both(self, case, model, header, rows, fields, lines=None, **kw):
        for file_type in ("csv", "xlsx"):
            with self.subTest(file_type=file_type):
                self.import_parity(
                    f"{case}.{file_type}",
                    model,
                    header,
                    rows,
                    fields,
                    lines,
                    file_type=file_type,
                    **kw,
                )

    # ----------------------------------------------------------- scalars
    def test_scalars(self):
        """char, text/html, integer, float, boolean, selection by value."""
        header = [
            "name",
            "street",
            "comment",
            "color",
            "partner_latitude",
            "is_company",
            "type",
        ]
        rows = [
            [
                "Parity Scalars 1",
                "Rue 1",
                "<p>Hello <b>you</b></p>",
                "3",
                "50.85",
                "1",
                "contact",
            ],
            ["Parity Scalars 2", "", "", "0", "-4.5", "0", "invoice"],
            ["Parity Scalars 3", "Quai, 3", "plain", "11", "0", "true", "delivery"],
        ]
        self._both("scalars", "res.partner", header, rows, PARTNER_FIELDS)

    def test_selection_by_label(self):
        header = ["name", "type"]
        rows = [["Parity Label", "Invoice Address"], ["Parity Label 2", "Contact"]]
        self._both("selection_label", "res.partner", header, rows, ["name", "type"])

    def test_selection_by_label_in_the_users_language(self):
        """The label as the user reads it: French here (the language is
        activated and the label translated in the test, no translation
        files loaded)."""
        self.env["res.lang"]._activate_lang("fr_FR")
        selection = self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "res.partner"),
                ("field_id.name", "=", "type"),
                ("value", "=", "invoice"),
            ]
        )
        selection.with_context(lang="fr_FR").name = "Adresse de facturation"
        # Odoo's converter caches the translations of a label per cursor
        self.env.cr.cache.pop("ir.fields.converter", None)
        self.user.lang = "fr_FR"
        header = ["name", "type"]
        rows = [["Parity Libellé", "Adresse de facturation"]]
        self._both("selection_label_fr", "res.partner", header, rows, ["name", "type"])

    # ----------------------------------------------------------- relations
    def test_many2one_and_many2many(self):
        """By name, by external id, by database id."""
        header = ["name", "country_id", "category_id"]
        rows = [
            ["Parity Rel 1", "Belgium", "Parity VIP"],
            ["Parity Rel 2", "France", "Parity VIP,Parity Retail"],
        ]
        self._both("relations_by_name", "res.partner", header, rows, PARTNER_FIELDS)
        header = ["name", "country_id/id", "category_id/id"]
        rows = [["Parity Rel 3", "base.be", "parity.tag_vip"]]
        self._both("relations_by_xmlid", "res.partner", header, rows, PARTNER_FIELDS)
        header = ["name", "country_id/.id", "category_id/.id"]
        be = self.env.ref("base.be")
        rows = [["Parity Rel 4", str(be.id), f"{self.vip.id},{self.retail.id}"]]
        self._both("relations_by_db_id", "res.partner", header, rows, PARTNER_FIELDS)

    def test_own_external_id(self):
        header = ["id", "name"]
        rows = [["parity.partner_x", "Parity Own Id"]]
        self._both("own_xmlid", "res.partner", header, rows, ["name"])

    # ----------------------------------------------------------- lines
    def test_partner_child_contacts_and_banks(self):
        header = ["name", "child_ids/name", "child_ids/email", "bank_ids/acc_number"]
        rows = [
            ["Parity Co", "Parity Ann", "ann@parity.example", "BE71 0961 2345 6769"],
            ["", "Parity Bob", "bob@parity.example", "BE56 0000 0000 0088"],
            ["Parity Co 2", "Parity Cid", "", ""],
        ]
        lines = {"child_ids": ["name", "email"], "bank_ids": ["acc_number"]}
        self._both("partner_lines", "res.partner", header, rows, ["name"], lines)

    def test_sale_order_with_lines(self):
        header = [
            "partner_id",
            "client_order_ref",
            "validity_date",
            "order_line/product_id",
            "order_line/product_uom_qty",
            "order_line/price_unit",
            "order_line/discount",
        ]
        rows = [
            [
                "Parity Customer",
                "PAR-1",
                "2030-03-05",
                "Parity Gadget",
                "2",
                "7.5",
                "10",
            ],
            ["", "", "", "Parity Gadget", "1.5", "5", ""],
        ]
        lines = {
            "order_line": ["product_id", "product_uom_qty", "price_unit", "discount"]
        }
        fields = ["partner_id", "client_order_ref", "validity_date"]
        self._both("sale_lines", "sale.order", header, rows, fields, lines)

    def test_purchase_order_with_lines(self):
        header = [
            "partner_id",
            "partner_ref",
            "date_order",
            "order_line/product_id",
            "order_line/product_qty",
            "order_line/price_unit",
        ]
        rows = [
            [
                "Parity Vendor",
                "VREF-1",
                "2030-03-05 10:30:00",
                "Parity Gadget",
                "4",
                "3.25",
            ],
            ["", "", "", "Parity Widget", "1", "10"],
        ]
        lines = {"order_line": ["product_id", "product_qty", "price_unit"]}
        fields = ["partner_id", "partner_ref", "date_order"]
        self._both("purchase_lines", "purchase.order", header, rows, fields, lines)

    def test_product_by_internal_reference(self):
        header = ["partner_id", "order_line/product_id", "order_line/product_uom_qty"]
        rows = [["Parity Customer", "PW1", "2"], ["", "[PW1] Parity Widget", "1"]]
        lines = {"order_line": ["product_id", "product_uom_qty"]}
        self._both("product_by_code", "sale.order", header, rows, ["partner_id"], lines)

    # ----------------------------------------------------------- products
    def test_products_and_translated_name(self):
        """product.template (a translated name, a selection, floats) and
        product.product (its code and barcode)."""
        header = ["name", "list_price", "type", "sale_ok", "description_sale"]
        rows = [
            ["Parity Chair", "12.5", "consu", "1", "A chair"],
            ["Parity Service", "0", "service", "0", ""],
        ]
        fields = ["name", "list_price", "type", "sale_ok", "description_sale"]
        self._both("product_template", "product.template", header, rows, fields)
        header = ["name", "default_code", "barcode", "standard_price"]
        rows = [["Parity Variant", "PV-1", "5400000000017", "3.5"]]
        self._both("product_product", "product.product", header, rows, header)

    # ----------------------------------------------------------- dates
    def test_dates_and_datetimes_in_the_users_timezone(self):
        header = ["partner_id", "validity_date", "date_order"]
        rows = [["Parity Customer", "2030-03-05", "2030-03-05 10:30:00"]]
        self._both("dates", "sale.order", header, rows, header)

    # ----------------------------------------------------------- binary
    def test_binary_from_base64(self):
        """A file's content as base64 text, as load() takes it."""
        header = ["name", "image_1920"]
        rows = [["Parity Image", _png()]]
        self._both("binary", "res.partner", header, rows, ["name", "image_1920"])

    # ----------------------------------------------------------- reference
    def test_reference_as_model_comma_id(self):
        """A reference field (a menu's action) as ``model,id``, as Odoo's
        import and import-compatible export write it."""
        self.user.groups_id |= self.env.ref("base.group_system")
        action = self.env.ref("base.action_partner_form")
        header = ["name", "action"]
        rows = [["Parity Menu", f"ir.actions.act_window,{action.id}"]]
        self._both("reference", "ir.ui.menu", header, rows, ["name", "action"])

    def test_bad_binary_and_reference_are_row_errors(self):
        """Not base64, or a reference to a missing record: the row is
        refused with its column, value and reason (Odoo's import writes the
        text as it is)."""
        self.user.groups_id |= self.env.ref("base.group_system")
        content = self._file(
            ["name", "action"],
            [["Parity Bad Menu", "ir.actions.act_window,999999"]],
            "csv",
        )
        job = (
            self.env["data.job"]
            .with_user(self.user)
            .create_import(
                "ir.ui.menu", "menus.csv", base64.b64encode(content).decode(), {}
            )
        )
        self._run(job)
        [(row, column, value, message)] = self._row_errors(job)
        self.assertEqual((row, column), (2, "action"))
        self.assertEqual(value, "ir.actions.act_window,999999")
        self.assertIn("has the id 999999", message)
        content = self._file(["name", "image_1920"], [["Parity Bad", "@@@"]], "csv")
        job = (
            self.env["data.job"]
            .with_user(self.user)
            .create_import(
                "res.partner", "bad.csv", base64.b64encode(content).decode(), {}
            )
        )
        self._run(job)
        [(row, column, value, message)] = self._row_errors(job)
        self.assertEqual((row, column, value), (2, "image_1920", "@@@"))
        self.assertIn("is not base64", message)

    # ----------------------------------------------------------- monetary
    def test_monetary_with_currency(self):
        """A monetary amount is read as a number in its record's currency
        (the company's for a partner's payable limit)."""
        header = ["name", "debit_limit"]
        rows = [["Parity Money 1", "1234.56"], ["Parity Money 2", "0.1"]]
        fields = ["name", "debit_limit", "currency_id"]
        self._both("monetary", "res.partner", header, rows, fields)

    def test_company_without_its_partner_column(self):
        """res.company.partner_id is required but create() makes it: Odoo
        imports a file without the column, and so does data_jobs (it refused
        the file before)."""
        header = ["name", "po_double_validation_amount"]
        rows = [["Parity Money Co", "1234.56"]]
        self.user.groups_id |= self.env.ref("base.group_system")
        fields = ["name", "po_double_validation_amount", "currency_id"]
        self._both("company_monetary", "res.company", header, rows, fields)
