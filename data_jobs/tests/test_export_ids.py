# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ``id`` family of export paths, in every format.

What each path gives (as Odoo's ``export_data`` does, in every mode):

- ``id``: the external id, ``__export__.<table>_<id>_<hash>`` created when the
  record has none (Odoo's export gives and creates the same);
- ``.id`` and ``id/.id``: the database id (an integer; Odoo gives its text);
- ``country_id/id`` / ``country_id/.id``: the related record's external id /
  database id; after an x2many (``category_id/.id``) one per line, as Odoo's
  (a number, where Odoo gives its text, as for ``.id``).

Before the fix an ``id`` or ``id/.id`` column never ended: the engine waited
for the id field to enter the ORM cache, which it never does. Each job here
is bounded by SIGALRM, so a regression fails instead of hanging the suite.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DataJobCase
from .export_files import FORMATS, json_table, read_export
from .time_limit import time_limit

JOB_SECONDS = 30


@tagged("post_install", "-at_install")
class TestExportIds(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.three = cls.partners[:3]

    def _export(self, file_format, fields, **options):
        job = self._export_job(
            file_format=file_format,
            field_names=fields,
            options={"ids": self.three.ids, **options},
        )
        job.action_start()
        with time_limit(JOB_SECONDS, f"exporting {fields} as {file_format}"):
            self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        return read_export(job)

    def _odoo_export(self, fields, import_compatible=False):
        return (
            self.three.with_user(self.user_a)
            .with_context(import_compat=import_compatible)
            .export_data(fields)["datas"]
        )

    def _xmlid_count(self, records):
        return self.env["ir.model.data"].search_count(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        )

    def _assert_rows(self, file_format, result, names, expected):
        """``expected``: rows of typed values, as XLSX and JSON hold them."""
        header, rows = result
        if file_format == "csv":
            as_text = [["" if v is None else str(v) for v in row] for row in expected]
            self.assertEqual(rows, as_text)
        elif file_format == "xlsx":
            self.assertEqual(rows, expected)
        elif file_format == "json":
            self.assertEqual(header, names)
            # records keep their lines nested: as a table, the same cells
            self.assertEqual(json_table(header, rows), expected)
        else:
            for row in expected:
                for value in row:
                    shown = f"{value:,}" if isinstance(value, int) else str(value)
                    self.assertIn(shown, rows)

    def test_id_column_is_the_external_id_as_in_odoo_export(self):
        odoo = self._odoo_export(["id", ".id", "name"])
        self.assertTrue(
            all(row[0].startswith("__export__.res_partner_") for row in odoo)
        )
        expected = [[xmlid, int(db_id), name] for xmlid, db_id, name in odoo]
        for file_format in FORMATS:
            result = self._export(file_format, ["id", ".id", "name"])
            if file_format in ("csv", "xlsx"):
                self.assertEqual(result[0], ["External ID", "ID", "Name"])
            self._assert_rows(file_format, result, ["id", ".id", "name"], expected)
        self.assertEqual(self._xmlid_count(self.three), 3)  # Odoo's, reused

    def test_id_slash_dot_id_is_the_database_id(self):
        odoo = self._odoo_export([".id", "name"])
        self.assertEqual([int(row[0]) for row in odoo], self.three.ids)
        expected = [[int(db_id), name] for db_id, name in odoo]
        for file_format in FORMATS:
            result = self._export(file_format, ["id/.id", "name"])
            self._assert_rows(file_format, result, [".id", "name"], expected)
        # a database id needs no external id: none was created
        self.assertEqual(self._xmlid_count(self.three), 0)

    def test_id_columns_of_an_import_compatible_export(self):
        for file_format in FORMATS:
            result = self._export(
                file_format, ["id/.id", "name"], import_compatible=True
            )
            if file_format in ("csv", "xlsx"):
                self.assertEqual(result[0], ["id", ".id", "name"])
            xmlids = self.env["ir.model.data"].search(
                [("model", "=", "res.partner"), ("res_id", "in", self.three.ids)]
            )
            by_id = {x.res_id: x.complete_name for x in xmlids}
            expected = [[by_id[p.id], p.id, p.name] for p in self.three]
            self._assert_rows(file_format, result, ["id", ".id", "name"], expected)
        self.assertEqual(self._xmlid_count(self.three), 3)  # made once, then reused

    def test_related_external_and_database_ids(self):
        fields = [
            "country_id/id",
            "country_id/.id",
            "category_id/id",
            "category_id/.id",
        ]
        odoo = self._odoo_export(fields)  # one tag each: Odoo adds no line
        self.assertEqual(odoo[0][:2], ["base.be", str(self.country.id)])
        expected = [[a, int(b), c, int(d)] for a, b, c, d in odoo]
        for file_format in FORMATS:
            result = self._export(file_format, fields)
            if file_format == "csv":
                self.assertEqual(
                    result[0],
                    [
                        "Country / External ID",
                        "Country / ID",
                        "Tags / External ID",
                        "Tags / ID",
                    ],
                )
            self._assert_rows(file_format, result, fields, expected)

    def test_ids_only_end_a_path(self):
        queue_jobs = self.env["queue.job"].search_count([])
        for fields, pattern in (
            (["name/id"], "'name' in 'name/id' is not a relational field"),
            (["name/.id"], "is not a relational field"),
            (["id/name"], "'id' in 'id/name' is not a relational field"),
            ([".id/name"], "no field '.id'"),
        ):
            with self.assertRaisesRegex(UserError, pattern):
                self.env["data.job"].with_user(self.user_a).create_export(
                    "res.partner", [], fields
                )
        self.assertEqual(self.env["queue.job"].search_count([]), queue_jobs)
