# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""x2many paths expand into extra lines, cell for cell as Odoo's export.

Each test exports the same records and field paths with data_jobs (a real
job, CSV and XLSX read back from the file) and with Odoo's ``export_data``,
in normal and import-compatible mode, and compares the cells (issue 11,
point 4). Before the fix, data_jobs wrote one line per record and joined the
lines' values into one cell ("DJP Contact A,DJP Contact B,…"; in XLSX the
numbers of lines became the text "10.5,1234.57").

Deliberate differences are entries of the one table,
``parity/differences.py``, and each is checked by ``test_known_differences``
(any other difference fails a test).
"""

import json

from odoo.tests import tagged

from .common import DataJobCase
from .export_files import read_export
from .parity.differences import known
from .parity_export import ExportParityMixin, canon, canon_rows


@tagged("post_install", "-at_install")
class TestParityExportLines(ExportParityMixin, DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._parity_fixtures()

    # ------------------------------------------------------------ partners
    def test_partner_lines_normal_mode(self):
        odoo = self.assertSameCells(
            self.parity_partners,
            [
                "name",
                "child_ids/name",
                "child_ids/email",
                "child_ids/category_id/name",
                "category_id",
                "bank_ids/acc_number",
                "bank_ids/bank_id/name",
                "email",
            ],
        )
        # the lines are Odoo's: 3 contacts, then the second tag, then the
        # second bank of the company (partners in their _order: "DJP Alone" first)
        self.assertEqual(len(odoo), 6)
        self.assertEqual(odoo[0][:3], ["DJP Alone", "", ""])
        self.assertEqual(
            [row[1] for row in odoo[1:4]],
            ["DJP Contact A", "DJP Contact B", "DJP Contact C"],
        )

    def test_partner_lines_import_compatible(self):
        self.assertSameCells(
            self.parity_partners,
            [
                "id",
                "name",
                "child_ids/id",
                "child_ids/name",
                "category_id/id",
                "bank_ids/id",
                "bank_ids/acc_number",
            ],
            import_compatible=True,
        )

    def test_partner_lines_database_ids(self):
        self.assertSameCells(
            self.parity_partners, [".id", "name", "child_ids/.id", "category_id/.id"]
        )

    def test_partner_paths_through_relations(self):
        """Lines after a many2one (a contact's parent's contacts), a bare
        x2many beside its sub-paths (its lines' names), lines of lines, and
        an import-compatible many2many by name (one cell of display names)."""
        contact = self.company_partner.child_ids[:1]
        self.assertSameCells(
            contact, ["name", "parent_id/child_ids/name", "parent_id/name"]
        )
        self.assertSameCells(
            self.parity_partners,
            ["name", "child_ids", "child_ids/email", "category_id/parent_id/name"],
        )
        self.assertSameCells(
            self.parity_partners,
            ["id", "category_id/name", "child_ids/id", "child_ids/category_id/id"],
            import_compatible=True,
        )

    # ------------------------------------------------------------- products
    def test_product_template_lines(self):
        fields = [
            "name",
            "list_price",
            "categ_id",
            "product_variant_ids/default_code",
            "attribute_line_ids/attribute_id/name",
            "attribute_line_ids/value_ids/name",
            "seller_ids/partner_id",
            "seller_ids/price",
        ]
        self.assertSameCells(self.templates, fields)
        self.assertSameCells(
            self.templates,
            [
                "id",
                "name",
                "product_variant_ids/id",
                "attribute_line_ids/id",
                "attribute_line_ids/value_ids/id",
                "seller_ids/id",
                "seller_ids/price",
            ],
            import_compatible=True,
        )

    def test_product_product(self):
        self.assertSameCells(
            self.products,
            ["name", "default_code", "product_template_attribute_value_ids/name"],
        )

    # ---------------------------------------------------------------- orders
    def test_sale_order_lines(self):
        self.assertSameCells(
            self.sale_orders,
            [
                "name",
                "partner_id",
                "client_order_ref",
                "order_line/product_id",
                "order_line/name",
                "order_line/product_uom_qty",
                "order_line/price_unit",
                "order_line/discount",
                "order_line/tax_id/name",
                "amount_total",
            ],
        )
        self.assertSameCells(
            self.sale_orders,
            [
                "id",
                "name",
                "partner_id/id",
                "order_line/id",
                "order_line/product_id/id",
                "order_line/product_uom_qty",
                "order_line/price_unit",
                "order_line/tax_id/id",
            ],
            import_compatible=True,
        )

    def test_purchase_order_lines(self):
        self.assertSameCells(
            self.purchase_orders,
            [
                "name",
                "partner_id",
                "order_line/product_id",
                "order_line/name",
                "order_line/product_qty",
                "order_line/price_unit",
                "order_line/date_planned",
            ],
        )
        self.assertSameCells(
            self.purchase_orders,
            [
                "id",
                "partner_id/id",
                "order_line/id",
                "order_line/product_id/id",
                "order_line/product_qty",
                "order_line/price_unit",
            ],
            import_compatible=True,
        )

    def test_xlsx_numbers_of_lines_stay_numbers(self):
        order = self.sale_orders[:1]
        _header, rows = self._dj_export(
            order, ["name", "order_line/price_unit"], "xlsx"
        )
        self.assertEqual([row[1] for row in rows], [10.5, 1234.57, 3.0])
        self.assertEqual([row[0] for row in rows], [order.name, None, None])

    def test_json_keeps_lines_nested_in_their_record(self):
        order = self.sale_orders[:1]
        fields = [
            "name",
            "order_line/product_id",
            "order_line/price_unit",
            "order_line/tax_id/name",
        ]
        for json_lines in (False, True):
            job = self._export_job(
                user=self.parity_user,
                res_model="sale.order",
                domain="[]",
                file_format="json",
                field_names=fields,
                options={"ids": order.ids, "json_lines": json_lines},
            )
            job.action_start()
            self._run(job)
            self.assertEqual(job.state, "done", job.error_message)
            if json_lines:
                lines = job.sudo().output_file_id.raw.decode().splitlines()
                records = [json.loads(line) for line in lines[1:]]
            else:
                records = read_export(job)[1]
            self.assertEqual(len(records), 1)  # one object per record
            lines = order.order_line
            self.assertEqual(
                records[0],
                {
                    "name": order.name,
                    "order_line": [
                        {
                            "product_id": {
                                "id": line.product_id.id,
                                "display_name": line.product_id.display_name,
                            },
                            "price_unit": line.price_unit,
                            "tax_id": [{"name": tax.name} for tax in line.tax_id],
                        }
                        for line in lines
                    ],
                },
            )
        self.assertEqual(job.processed_rows, 1)  # progress counts records

    def test_lines_stay_with_their_record_across_batches(self):
        """Batches of one record: each record's lines come with it."""
        fields = ["name", "child_ids/name", "bank_ids/acc_number"]
        odoo = canon_rows(self._odoo_export(self.parity_partners, fields))
        _header, rows = self._dj_export(self.parity_partners, fields, batch_size=1)
        self.assertEqual(canon_rows(rows), odoo)

    # ---------------------------------------------------- known differences
    def _differing_column(self, records, fields, column, import_compatible):
        odoo = self._odoo_export(records, fields, import_compatible)
        _header, rows = self._dj_export(
            records, fields, "xlsx", import_compatible=import_compatible
        )
        index = fields.index(column)
        return [row[index] for row in odoo], [row[index] for row in rows]

    def test_known_differences(self):
        checked = set()
        partner = self.single_partner | self.company_partner
        tags = self.company_partner.category_id

        odoo, ours = self._differing_column(
            self.company_partner,
            ["id", "category_id/id", "category_id/name"],
            "category_id/name",
            True,
        )
        self.assertEqual(odoo[0], "")
        self.assertEqual(ours[0], ",".join(tags.mapped("display_name")))
        checked.add("m2m_ids_and_names_import_compatible")

        odoo, ours = self._differing_column(
            self.company_partner, ["id", "category_id/.id"], "category_id/.id", True
        )
        self.assertEqual(odoo[0], ",".join(tags.mapped("display_name")))
        self.assertEqual(ours[0], ",".join(map(str, tags.ids)))
        checked.add("m2m_database_ids_import_compatible")

        odoo, ours = self._differing_column(
            partner, [".id", "child_ids/.id"], "child_ids/.id", False
        )
        self.assertTrue(all(isinstance(v, str) for v in odoo if v))
        self.assertEqual([canon(v) for v in odoo], [canon(v) for v in ours])
        self.assertTrue(all(isinstance(v, int) for v in ours if v is not None))
        checked.add("database_id_is_a_number")

        odoo = self._odoo_export(self.company_partner, ["id", "child_ids"], True)
        header, rows = self._dj_export(
            self.company_partner, ["id", "child_ids"], import_compatible=True
        )
        self.assertEqual(header, ["id", "child_ids/id"])
        self.assertEqual(
            [row[1] for row in odoo],
            self.company_partner.child_ids.mapped("display_name"),
        )
        xmlids = self._odoo_export(self.company_partner, ["id", "child_ids/id"], True)
        self.assertEqual(rows, [[a or "", b] for a, b in xmlids])
        checked.add("bare_relation_import_compatible")

        self.assertEqual(
            checked,
            {
                "m2m_ids_and_names_import_compatible",
                "m2m_database_ids_import_compatible",
                "database_id_is_a_number",
                "bare_relation_import_compatible",
            },
        )
        for case in checked:
            known(case)
