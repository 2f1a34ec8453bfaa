# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The same records and field paths exported by Odoo (``export_data``
written by Odoo's own CSV and XLSX export writers) and by a data_jobs export
job, both files read back the same way and compared cell by cell, in normal
and import-compatible mode."""

import csv
import io
from types import SimpleNamespace
from unittest.mock import patch

import openpyxl

from odoo.tests import tagged

from odoo.addons.web.controllers import export as web_export

from .common import ParityCase

PARTNER_PATHS = [
    "name",
    "street",
    "color",
    "partner_latitude",
    "is_company",
    "type",
    "country_id",
    "comment",
]
COMPATIBLE_PATHS = ["id", "name", "type", "country_id/id", "category_id/id"]
ORDER_PATHS = ["partner_id", "client_order_ref", "validity_date", "date_order"]


@tagged("post_install", "-at_install")
class TestExportCells(ParityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tag = cls.env["res.partner.category"]
        tags = Tag.create([{"name": "Parity Ex A"}, {"name": "Parity Ex B"}])
        cls.partners = cls.env["res.partner"].create(
            [
                {
                    "name": "Parity Export 1",
                    "street": "Rue du Lac 5",
                    "color": 4,
                    "partner_latitude": 50.8466,
                    "is_company": True,
                    "type": "contact",
                    "country_id": cls.env.ref("base.be").id,
                    "category_id": [(6, 0, tags.ids)],
                    "comment": "<p>Hello</p>",
                },
                {"name": "Parity Export 2", "type": "invoice"},
            ]
        )
        cls.formula = cls.env["res.partner"].create(
            {"name": "Parity Formula", "street": "=1+2"}
        )
        cls.product = cls.env["product.product"].create({"name": "Parity Ex Widget"})
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.partners[0].id,
                "client_order_ref": "PAR-EX",
                "validity_date": "2030-03-05",
                "date_order": "2030-03-05 09:30:00",
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": q})
                    for q in (1, 2)
                ],
            }
        )

    # ------------------------------------------------------------ Odoo
    def _odoo_file(self, records, paths, file_format, import_compatible):
        """Odoo's export of ``records``: ``export_data`` then Odoo's own
        writer of the format (the XLSX one reads ``request.env``: given the
        user's environment)."""
        env = self._as_user()
        records = env[records._name].browse(records.ids)
        # as the web client's export: export_data alone is import-compatible
        # (``import_compat`` defaults to True in _export_rows)
        records = records.with_context(import_compat=import_compatible)
        rows = records.export_data(paths)["datas"]
        headers = list(paths)
        if file_format == "csv":
            return web_export.CSVExport().from_data(paths, headers, rows).encode()
        # the field descriptions the web client sends with an export
        described = [
            {
                "name": p,
                "type": records._fields[p].type if p in records._fields else "char",
            }
            for p in paths
        ]
        fake_request = SimpleNamespace(env=env)
        with patch.object(web_export, "request", fake_request):
            with web_export.ExportXlsxWriter(described, headers, len(rows)) as writer:
                for row_index, row in enumerate(rows):
                    for cell_index, cell_value in enumerate(row):
                        writer.write_cell(row_index + 1, cell_index, cell_value)
            return writer.value

    # ------------------------------------------------------------ ours
    def _dj_file(self, records, paths, file_format, import_compatible):
        job = self._export_job(
            user=self.user,
            res_model=records._name,
            domain=str([("id", "in", records.ids)]),
            field_names=paths,
            file_format=file_format,
            options={"import_compatible": import_compatible, "header": "name"},
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        return job.sudo().output_file_id.raw

    # ------------------------------------------------------------ cells
    def _cells(self, raw, file_format):
        """Data rows as text, as a user sees them: a formula as ``formula:``."""
        if file_format == "csv":
            return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[1:]
        sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
        rows = []
        for row in list(sheet.iter_rows())[1:]:
            cells = []
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    value = f"formula:{value}"
                elif isinstance(value, float) and value.is_integer():
                    value = int(value)
                cells.append("" if value is None else str(value))
            rows.append(cells)
        return rows

    def _parity(self, case, records, paths, import_compatible=False):
        records = records.sorted("id")
        for file_format in ("csv", "xlsx"):
            with self.subTest(file_format=file_format):
                odoo = self._cells(
                    self._odoo_file(records, paths, file_format, import_compatible),
                    file_format,
                )
                ours = self._cells(
                    self._dj_file(records, paths, file_format, import_compatible),
                    file_format,
                )
                self.assertEqual(len(ours), len(odoo), f"{case}: rows")
                for index, path in enumerate(paths):
                    self.compare(
                        f"{case}.{file_format}.{path}",
                        [row[index] for row in odoo],
                        [row[index] for row in ours],
                    )

    # ------------------------------------------------------------ cases
    def test_partner_normal_mode(self):
        self._parity("export_partner", self.partners, PARTNER_PATHS)

    def test_many2many_names_in_normal_mode(self):
        """A bare many2many in normal mode: one line per tag, as Odoo's
        export dialog writes it (its display names on extra lines)."""
        self._parity("export_tags", self.partners, ["name", "category_id"])

    def test_partner_import_compatible(self):
        self._parity("export_partner_compatible", self.partners, COMPATIBLE_PATHS, True)

    def test_order_dates_in_the_users_timezone(self):
        self._parity("export_order", self.order, ORDER_PATHS)

    def test_order_lines_are_extra_rows(self):
        paths = [*ORDER_PATHS, "order_line/product_id", "order_line/product_uom_qty"]
        self._parity("export_order_lines", self.order, paths)

    def test_formula_is_never_live(self):
        self._parity("export_formula", self.formula, ["name", "street"])
