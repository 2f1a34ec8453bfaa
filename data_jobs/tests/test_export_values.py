# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Values of field types the every-field export found wrong, and the fields
refused before anything runs, with the reason."""

import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DataJobCase
from .export_files import FORMATS, read_export
from .time_limit import time_limit


@tagged("post_install", "-at_install")
class TestExportValues(DataJobCase):
    def _export(self, file_format, fields, model="res.partner", **vals):
        job = self._export_job(
            res_model=model, file_format=file_format, field_names=fields, **vals
        )
        job.action_start()
        with time_limit(30, f"exporting {fields} as {file_format}"):
            self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        return read_export(job)

    def test_unset_numbers_are_zero_as_in_odoo_export(self):
        """A number never written is NULL in the database and None in the
        ORM cache; its value, and Odoo's export of it, is 0."""
        partner = self.partners[0]
        self.env.cr.execute(
            "UPDATE res_partner SET color = NULL, partner_latitude = NULL "
            "WHERE id = %s",
            [partner.id],
        )
        partner.invalidate_recordset()
        self.assertEqual((partner.color, partner.partner_latitude), (0, 0.0))
        fields = ["color", "partner_latitude"]
        odoo = partner.with_context(import_compat=False).export_data(fields)
        self.assertEqual(odoo["datas"], [[0, 0.0]])
        options = {"ids": partner.ids}
        for file_format in FORMATS:
            _header, rows = self._export(file_format, fields, options=options)
            if file_format == "csv":
                self.assertEqual(rows, [["0", "0.0000000"]])  # the field's digits
            elif file_format == "xlsx":
                self.assertEqual(rows, [[0, 0]])
            elif file_format == "json":
                self.assertEqual(rows, [{"color": 0, "partner_latitude": 0.0}])
            else:
                self.assertIn("0.0000000", rows)

    def test_json_fields_are_json_text(self):
        job = self._export_job(options={"delimiter": ";"})
        fields = ["field_names", "options"]
        domain = f"[('id', '=', {job.id})]"
        for file_format in ("csv", "xlsx", "json"):
            _header, rows = self._export(
                file_format, fields, model="data.job", domain=domain
            )
            row = list(rows[0].values()) if file_format == "json" else rows[0]
            self.assertEqual(
                [json.loads(cell) for cell in row], [job.field_names, job.options]
            )
            self.assertEqual(row[1], '{"delimiter": ";"}')

    def test_fields_refused_before_anything_is_queued(self):
        refusals = [
            ("res.partner", ["image_128"], "'image_128' is a binary field"),
            (
                "res.users",
                ["login", "log_ids"],
                "You are not allowed to read Users Log records, so 'log_ids' "
                "cannot be exported",
            ),
            (
                "res.users",
                ["action_id/name"],
                "You are not allowed to read Actions records",
            ),
            (
                "res.users",
                ["signature"],
                "its name says it may hold a secret",
            ),
            ("res.partner", ["comment/id"], "'comment' in 'comment/id' is not"),
        ]
        if "product.template" in self.env:
            refusals.append(
                (
                    "product.template",
                    ["name", "product_properties"],
                    "'product_properties' holds properties, a set of fields of their "
                    "own that each record's Product Category defines",
                )
            )
        queue_jobs = self.env["queue.job"].search_count([])
        for model, fields, message in refusals:
            with self.subTest(model=model, fields=fields):
                with self.assertRaisesRegex(UserError, message):
                    self.env["data.job"].with_user(self.user_a).create_export(
                        model, [], fields
                    )
        self.assertEqual(self.env["queue.job"].search_count([]), queue_jobs)

    def test_external_ids_of_a_database_view_are_refused(self):
        """res.device is an SQL view: its rows cannot have external ids."""
        Job = self.env["data.job"].with_user(self.user_a)
        with self.assertRaisesRegex(
            UserError,
            r"Devices records are not stored in a table of their own.*"
            r"'device_ids/\.id'",
        ):
            Job.create_export(
                "res.users",
                [],
                ["login", "device_ids"],
                options={"import_compatible": True},
            )
        with self.assertRaisesRegex(UserError, "not stored in a table of their own"):
            Job.create_export("res.users", [], ["device_ids/id"])
        # the database ids can be exported
        user_domain = f"[('id', '=', {self.user_a.id})]"
        _header, rows = self._export(
            "csv", ["login", "device_ids/.id"], model="res.users", domain=user_domain
        )
        self.assertEqual(rows, [["dj_user_a", ""]])

    def test_unreadable_relations_are_left_out_of_the_default_fields(self):
        """A user's home action (ir.actions.actions, which users may not read)
        made the default export of users fail half-way."""
        self.user_b.action_id = self.env.ref("base.action_res_users").id
        self.env.invalidate_all()  # a job's own cursor starts with an empty cache
        job = self._export_job(
            res_model="res.users",
            field_names=[],
            domain=f"[('id', '=', {self.user_b.id})]",
        )
        job.action_start()
        with time_limit(30, "the default export of res.users"):
            self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        header, rows = read_export(job)
        self.assertIn("Login", header)
        self.assertNotIn("Home Action", header)
        self.assertEqual(rows[0][header.index("Login")], "dj_user_b")
