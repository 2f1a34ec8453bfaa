# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures and helpers of the export parity and round-trip tests: partners
with child contacts, tags and banks, products with variants and vendors, sale
and purchase orders with lines; a data_jobs export job read back from its
file, Odoo's ``export_data`` for the same records and field paths, and cells
made comparable (a CSV cell is text, an XLSX cell typed, Odoo's ``.id``
text)."""

import datetime
import re

from odoo import Command

from .export_files import json_table, read_export

PURCHASE_GROUPS = "purchase.group_purchase_user"
SALE_GROUPS = "sales_team.group_sale_salesman_all_leads"
ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")


def canon(value):
    """A cell in a form every source gives alike: blank for empty, numbers
    as floats (CSV "3.00", XLSX 3, Odoo "3" for an id), dates as ISO text."""
    if value is None or value == "":
        return ""
    if isinstance(value, dict):  # a JSON reference
        return value["display_name"]
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return round(float(value), 6)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return value.replace("T", " ")  # JSON's ISO datetimes
    if isinstance(value, str):
        try:
            return round(float(value), 6)
        except ValueError:
            return value
    return value


def canon_rows(rows):
    return [[canon(cell) for cell in row] for row in rows]


class ExportParityMixin:
    """Needs ``DataJobCase``: its users and job runner."""

    @classmethod
    def _parity_fixtures(cls):
        env = cls.env
        cls.parity_user = cls.user_a
        cls.parity_user.groups_id = [
            Command.link(env.ref(xmlid).id)
            for xmlid in (SALE_GROUPS, PURCHASE_GROUPS, "product.group_product_variant")
        ]
        parent_tag = env["res.partner.category"].create({"name": "DJP Sector"})
        cls.tags = env["res.partner.category"].create(
            [
                {"name": "DJP Retail", "parent_id": parent_tag.id},
                {"name": "DJP Wholesale"},
            ]
        )
        bank = env["res.bank"].create({"name": "DJP Bank", "bic": "DJPBBEBB"})
        cls.company_partner = env["res.partner"].create(
            {
                "name": "DJP Company",
                "is_company": True,
                "email": "company@djp.example",
                "category_id": [Command.set(cls.tags.ids)],
                "child_ids": [
                    Command.create(
                        {
                            "name": f"DJP Contact {letter}",
                            "email": f"{letter.lower()}@djp.example",
                            "category_id": [Command.set(cls.tags[:1].ids)]
                            if letter == "B"
                            else [],
                        }
                    )
                    for letter in "ABC"
                ],
                "bank_ids": [
                    Command.create(
                        {"acc_number": "BE71 0961 2345 6769", "bank_id": bank.id}
                    ),
                    Command.create({"acc_number": "BE68 5390 0754 7034"}),
                ],
            }
        )
        cls.single_partner = env["res.partner"].create(
            {"name": "DJP Alone", "category_id": [Command.set(cls.tags[1:].ids)]}
        )
        cls.parity_partners = cls.company_partner | cls.single_partner
        attribute = env["product.attribute"].create(
            {
                "name": "DJP Size",
                "value_ids": [Command.create({"name": n}) for n in ("S", "M")],
            }
        )
        cls.templates = env["product.template"].create(
            [
                {
                    "name": "DJP Shirt",
                    "list_price": 19.5,
                    "default_code": "DJP-SHIRT",
                    "attribute_line_ids": [
                        Command.create(
                            {
                                "attribute_id": attribute.id,
                                "value_ids": [Command.set(attribute.value_ids.ids)],
                            }
                        )
                    ],
                    "seller_ids": [
                        Command.create({"partner_id": partner.id, "price": price})
                        for partner, price in (
                            (cls.company_partner, 7.25),
                            (cls.single_partner, 8.0),
                        )
                    ],
                },
                {"name": "DJP Mug", "list_price": 1234.57, "default_code": "DJP-MUG"},
            ]
        )
        cls.products = cls.templates.product_variant_ids
        tax = env["account.tax"].create({"name": "DJP VAT 21", "amount": 21.0})
        tax_2 = env["account.tax"].create({"name": "DJP Eco 1", "amount": 1.0})
        cls.sale_orders = env["sale.order"].create(
            [
                {
                    "partner_id": cls.company_partner.id,
                    "client_order_ref": "DJP-REF-1",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "discount": discount,
                                "tax_id": [Command.set(taxes.ids)],
                            }
                        )
                        for product, qty, price, discount, taxes in (
                            (cls.products[0], 2.0, 10.5, 0.0, tax | tax_2),
                            (cls.products[1], 1.0, 1234.57, 10.0, tax),
                            (cls.products[2], 5.0, 3.0, 0.0, tax.browse()),
                        )
                    ],
                },
                {"partner_id": cls.single_partner.id, "client_order_ref": "DJP-REF-2"},
            ]
        )
        cls.purchase_orders = env["purchase.order"].create(
            [
                {
                    "partner_id": cls.company_partner.id,
                    "partner_ref": "DJP-PO-1",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": qty,
                                "price_unit": price,
                                "name": f"DJP line {qty}",
                            }
                        )
                        for product, qty, price in (
                            (cls.products[0], 3.0, 7.25),
                            (cls.products[2], 12.0, 0.5),
                        )
                    ],
                }
            ]
        )

    # -------------------------------------------------------------- exports
    def _dj_export(self, records, fields, file_format="csv", **options):
        """``(header, rows)`` of a data_jobs export job of ``records``."""
        job = self._export_job(
            user=self.parity_user,
            res_model=records._name,
            domain="[]",
            file_format=file_format,
            field_names=fields,
            options={"ids": records.ids, **options},
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        return read_export(job)

    def _odoo_export(self, records, fields, import_compatible=False):
        """Odoo's ``export_data`` of the same records, in the model's order
        (as the export of a list view), as the job's user."""
        ordered = (
            records.with_user(self.parity_user)
            .with_context(active_test=False)
            .search([("id", "in", records.ids)])
        )
        return ordered.with_context(import_compat=import_compatible).export_data(
            fields
        )["datas"]

    def assertSameCells(self, records, fields, import_compatible=False):
        """data_jobs' CSV, XLSX and JSON exports have the cells of Odoo's
        ``export_data`` for the same paths (the names of an import-compatible
        export are Odoo's paths already: relational ones end with ``/id``);
        JSON records, which keep their lines nested, laid out as a table."""
        odoo = canon_rows(self._odoo_export(records, fields, import_compatible))
        for file_format in ("csv", "xlsx", "json"):
            header, rows = self._dj_export(
                records, fields, file_format, import_compatible=import_compatible
            )
            if file_format == "json":
                rows = json_table(header, rows)
            if import_compatible:
                self.assertEqual(header, fields)
            self.assertEqual(
                canon_rows(rows),
                odoo,
                f"{records._name} {fields} {file_format}"
                f"{' import-compatible' if import_compatible else ''}",
            )
        return odoo
