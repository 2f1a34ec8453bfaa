# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""JSON import (issue 11): what data_jobs' JSON export writes, as one
document or as JSON Lines, imports back through the same resources, mapping
and policies as CSV and XLSX, and gives the same records.

Each round trip exports with a real export job, deletes the records, imports
the file with a real import job and compares the new records field by field
with those exported; the upsert variant imports onto the records themselves
and must change nothing.
"""

import base64
import json

from odoo.tests import Form, new_test_user, tagged

from .import_common import ImportCase

PARTNER_FIELDS = [
    "name",
    "email",
    "phone",
    "is_company",
    "country_id",
    "category_id",
    "comment",
    "partner_latitude",
    "ref",
    "lang",
]
ORDER_FIELDS = ["partner_id", "client_order_ref", "date_order", "validity_date"]
LINE_FIELDS = ["product_id", "product_uom_qty", "price_unit", "discount", "name"]


@tagged("post_install", "-at_install")
class TestJsonRoundTrip(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(
            cls.env,
            "dj_json_seller",
            "data_jobs.group_data_job_user,base.group_allow_export,"
            "base.group_partner_manager,sales_team.group_sale_manager",
            name="Sam Seller",
        )
        Tag = cls.env["res.partner.category"]
        cls.tags = Tag.create([{"name": "JSON Tag A"}, {"name": "JSON Tag B"}])
        cls.partners = cls.env["res.partner"].create(
            [
                {
                    "name": "Json Company",
                    "email": "co@json.example",
                    "phone": "+32 2 000 00 00",
                    "is_company": True,
                    "country_id": cls.env.ref("base.be").id,
                    "category_id": [(6, 0, cls.tags.ids)],
                    "comment": "<p>Good <b>customer</b></p>",
                    "partner_latitude": 50.8466,
                    "ref": "JSON-C1",
                    "child_ids": [
                        (0, 0, {"name": "Json Child Ann", "email": "ann@json.example"}),
                        (0, 0, {"name": "Json Child Bob", "email": "bob@json.example"}),
                    ],
                },
                {
                    "name": "Json Person, Jr.",
                    "category_id": [(6, 0, cls.tags[:1].ids)],
                    "country_id": cls.env.ref("base.fr").id,
                },
            ]
        )
        cls.products = cls.env["product.product"].create(
            [
                {"name": "Json Widget", "list_price": 10.0, "sale_ok": True},
                {"name": "Json Gadget", "list_price": 99.5, "sale_ok": True},
            ]
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.partners[0].id,
                "client_order_ref": "JSON-REF-1",
                "validity_date": "2030-01-31",
                "order_line": [
                    (0, 0, {"product_id": p.id, "product_uom_qty": q, "discount": d})
                    for p, q, d in ((cls.products[0], 2, 0), (cls.products[1], 1.5, 10))
                ],
            }
        )

    # ------------------------------------------------------------ helpers
    def _export(self, model, domain, field_names, json_lines):
        job = self._export_job(
            user=self.seller,
            res_model=model,
            domain=str(domain),
            field_names=field_names,
            file_format="json",
            options={"json_lines": json_lines},
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        attachment = job.sudo().output_file_id
        self.assertTrue(attachment.name.endswith(".jsonl" if json_lines else ".json"))
        return attachment.name, attachment.raw

    def _import_file(self, model, name, raw, options=None):
        job = (
            self.env["data.job"]
            .with_user(self.seller)
            .create_import(model, name, base64.b64encode(raw).decode(), options or {})
        )
        self.assertEqual(job.file_format, "json")
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertFalse(self._errors(job))
        return job

    def _snapshot(self, records, field_names, lines=None):
        """Comparable values: relational ones by id, lines sorted."""
        result = []
        for record in records:
            values = {}
            for name in field_names:
                value = record[name]
                field = record._fields[name]
                if field.type == "many2one":
                    value = value.id
                elif field.type in ("many2many", "one2many"):
                    value = sorted(value.ids)
                values[name] = value
            for line_field, sub_fields in (lines or {}).items():
                values[line_field] = sorted(
                    json.dumps(v, sort_keys=True, default=str)
                    for v in self._snapshot(record[line_field], sub_fields)
                )
            result.append(values)
        return result

    # ------------------------------------------------------------ partners
    def _partner_round_trip(self, json_lines):
        domain = [("id", "in", self.partners.ids)]
        name, raw = self._export("res.partner", domain, PARTNER_FIELDS, json_lines)
        before = self._snapshot(self.partners.sorted("name"), PARTNER_FIELDS)
        self.partners.child_ids.unlink()
        self.partners.unlink()
        job = self._import_file("res.partner", name, raw)
        self.assertEqual((job.created_count, job.updated_count), (2, 0))
        created = self.Partner.search([("name", "in", [b["name"] for b in before])])
        self.assertEqual(self._snapshot(created.sorted("name"), PARTNER_FIELDS), before)

    def test_partner_document(self):
        self._partner_round_trip(json_lines=False)

    def test_partner_json_lines(self):
        self._partner_round_trip(json_lines=True)

    def test_partner_upsert_changes_nothing(self):
        """With the record's own external id, re-importing the export onto
        the same records updates them to what they are: no new record, no
        value changed (and an all-or-nothing dry run of it too)."""
        domain = [("id", "in", self.partners.ids)]
        fields_ = ["id", *PARTNER_FIELDS]
        before = self._snapshot(self.partners, PARTNER_FIELDS)
        count = self.Partner.search_count([])
        for json_lines in (False, True):
            name, raw = self._export("res.partner", domain, fields_, json_lines)
            for options in ({}, {"dry_run": True, "on_error": "all_or_nothing"}):
                job = self._import_file("res.partner", name, raw, options)
                self.assertEqual(job.created_count, 0)
                self.assertEqual(job.updated_count + job.unchanged_count, 2)
        self.assertEqual(self.Partner.search_count([]), count)
        self.assertEqual(self._snapshot(self.partners, PARTNER_FIELDS), before)

    def test_partner_with_child_contacts(self):
        """Contacts as lines of their company: the export gives each contact
        its own nested line, which imports back as the company's contacts."""
        domain = [("id", "=", self.partners[0].id)]
        paths = [*PARTNER_FIELDS, "child_ids/name", "child_ids/email"]
        lines = {"child_ids": ["name", "email"]}
        for json_lines in (False, True):
            company = self.Partner.search(domain)
            name, raw = self._export("res.partner", domain, paths, json_lines)
            before = self._snapshot(company, PARTNER_FIELDS, lines)
            company.child_ids.unlink()
            company.unlink()
            self._import_file("res.partner", name, raw)
            created = self.Partner.search([("name", "=", "Json Company")])
            self.assertEqual(self._snapshot(created, PARTNER_FIELDS, lines), before)
            domain = [("id", "=", created.id)]

    # ------------------------------------------------------------ orders
    def _order_round_trip(self, paths, lines, json_lines):
        domain = [("id", "=", self.order.id)]
        name, raw = self._export("sale.order", domain, paths, json_lines)
        before = self._snapshot(self.order, ORDER_FIELDS, lines)
        self.order.unlink()
        job = self._import_file("sale.order", name, raw)
        self.assertEqual(job.created_count, 1)
        created = self.env["sale.order"].search(
            [("client_order_ref", "=", "JSON-REF-1")]
        )
        self.assertEqual(self._snapshot(created, ORDER_FIELDS, lines), before)

    def test_sale_order_document(self):
        self._order_round_trip(ORDER_FIELDS, None, json_lines=False)

    def test_sale_order_json_lines(self):
        self._order_round_trip(ORDER_FIELDS, None, json_lines=True)

    def test_sale_order_with_lines(self):
        """Order lines: the export nests each line's quantity and description
        under its order, and the import creates the same lines again."""
        paths = [*ORDER_FIELDS, *(f"order_line/{f}" for f in LINE_FIELDS)]
        self._order_round_trip(paths, {"order_line": LINE_FIELDS}, json_lines=True)

    def test_nested_lines_import_as_odoo_loads_them(self):
        """Lines nested in their record (one object per line), as programs
        write JSON, import as Odoo's ``load()`` imports the same header +
        lines rows."""
        partner = self.partners[0]
        document = {
            "records": [
                {
                    "partner_id": {"id": partner.id, "display_name": "x"},
                    "client_order_ref": "JSON-NESTED",
                    "order_line": [
                        {
                            "product_id": {"id": product.id},
                            "product_uom_qty": qty,
                            "price_unit": price,
                        }
                        for product, qty, price in (
                            (self.products[0], 3, 7.25),
                            (self.products[1], 1, 99.5),
                        )
                    ],
                }
            ]
        }
        raw = json.dumps(document).encode()
        job = self._import_file("sale.order", "orders.json", raw)
        self.assertEqual(job.created_count, 1)
        ours = self.env["sale.order"].search([("client_order_ref", "=", "JSON-NESTED")])
        header = [
            "partner_id/.id",
            "client_order_ref",
            "order_line/product_id/.id",
            "order_line/product_uom_qty",
            "order_line/price_unit",
        ]
        rows = [
            [str(partner.id), "JSON-ODOO", str(self.products[0].id), "3", "7.25"],
            ["", "", str(self.products[1].id), "1", "99.5"],
        ]
        result = self.env["sale.order"].with_user(self.seller).load(header, rows)
        self.assertFalse(result["messages"])
        theirs = self.env["sale.order"].browse(result["ids"])
        lines = {"order_line": ["product_id", "product_uom_qty", "price_unit"]}
        fields_ = ["partner_id", "amount_total"]
        self.assertEqual(
            self._snapshot(ours, fields_, lines), self._snapshot(theirs, fields_, lines)
        )
        self.assertEqual(len(ours.order_line), 2)

    def test_bad_record_is_a_row_error_and_the_others_are_kept(self):
        """JSON Lines: a line that is not JSON is one row error, with where it
        is and why; the good lines are imported (the default policy)."""
        raw = (
            b'{"name": "Json Good 1"}\n{"name": "Json Bad",\n{"name": "Json Good 2"}\n'
        )
        job = (
            self.env["data.job"]
            .with_user(self.seller)
            .create_import("res.partner", "p.jsonl", base64.b64encode(raw).decode())
        )
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.created_count, 2)
        [(row, _column, _value, message)] = self._errors(job)
        self.assertEqual(row, 3)
        self.assertIn("Record 2 (line 2 of the file) is not valid JSON", message)
        # the failed-rows file is CSV, with the flattened columns
        failed = job.sudo().failed_file_id
        self.assertTrue(failed.name.endswith(".csv"), failed.name)
        header, *rows = self._result_rows(failed)
        self.assertEqual(header, ["name", "import_error"])
        self.assertEqual(len(rows), 1)
        self.assertIn("not valid JSON", rows[0][1])

    def test_through_the_stored_queue_job(self):
        """The job as queue_job runs it (stored arguments, the user's
        context), on a JSON Lines file with lines nested in their record."""
        records = [
            {
                "name": "Json Queued Co",
                "category_id": [{"id": tag.id} for tag in self.tags],
                "child_ids": [{"name": "Json Queued Ann"}, {"name": "Json Queued Bob"}],
            },
        ]
        raw = "\n".join(json.dumps(r) for r in records).encode()
        job = (
            self.env["data.job"]
            .with_user(self.seller)
            .create_import("res.partner", "q.jsonl", base64.b64encode(raw).decode(), {})
        )
        queue_job = self._queue_job(job)
        self.assertEqual(queue_job.user_id, self.seller)
        self._perform_queue_job(job)
        self.assertEqual(job.state, "done", job.error_message)
        company = self.Partner.search([("name", "=", "Json Queued Co")])
        self.assertEqual(company.category_id, self.tags)
        self.assertEqual(
            sorted(company.child_ids.mapped("name")),
            ["Json Queued Ann", "Json Queued Bob"],
        )

    def test_import_wizard_reads_json(self):
        """The wizard takes a JSON export: its type, its columns, a job of
        format json."""
        domain = [("id", "in", self.partners.ids)]
        name, raw = self._export("res.partner", domain, ["name", "email"], False)
        wizards = self.env["data.job.import.wizard"].with_user(self.seller)
        form = Form(
            wizards.with_context(
                default_res_model="res.partner", default_file_name=name
            )
        )
        form.file = base64.b64encode(raw)
        self.assertEqual(form.file_type, "json")
        self.assertFalse(form.preview_error)
        headers = [form.line_ids.edit(i).header for i in range(len(form.line_ids))]
        self.assertEqual(headers, ["name", "email"])
        wizard = form.save()
        before = self.env["data.job"].search([]).ids
        wizard.action_dry_run()
        job = self.env["data.job"].search([("id", "not in", before)])
        self.assertEqual((job.file_format, job.input_file_name), ("json", name))
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.created_count + job.updated_count, 2)

    def test_broken_document_fails_the_job_before_importing(self):
        raw = b'{"records": [{"name": "Json Never"}, {"name": "x",]}'
        job = (
            self.env["data.job"]
            .with_user(self.seller)
            .create_import("res.partner", "p.json", base64.b64encode(raw).decode())
        )
        self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("not valid JSON at line 1, column", job.error_message)
        self.assertFalse(self.Partner.search([("name", "=", "Json Never")]))
