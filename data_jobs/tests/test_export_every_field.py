# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every stored field of a few models, exported one at a time and all together.

Each export, run as a plain data-job user, must end ``done`` or be refused at
``create_export`` (before anything is queued) with a message saying why: a
binary field, a field of a group the user is not in, a relation to records
the user may not read, properties. A job that fails half-way or never ends is
a defect of the engine. Every job is bounded by SIGALRM.

A table holds the lines Odoo's ``export_data`` gives for the same columns
(x2many paths expand into extra lines); JSON one object per record.

To stay fast (3 records per model), a single field is exported in one format
(in turn) and once import-compatible, except the first field of each type,
which goes through every format; all the fields together go through every
format, in both modes.
"""

import datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER, USER_GROUPS, DataJobCase
from .export_files import FORMATS, read_export
from .time_limit import time_limit

JOB_SECONDS = 30
SALE_GROUPS = USER_GROUPS + ",sales_team.group_sale_salesman_all_leads"


@tagged("post_install", "-at_install")
class TestExportEveryField(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, "dj_every", USER_GROUPS, name="Eve Every")
        cls.types_seen = set()
        cls._partners()
        cls.jobs = cls.env["data.job"].create(
            [
                {
                    "job_type": "export",
                    "res_model": "res.partner",
                    "field_names": ["name", "country_id/code"],
                    "options": {"delimiter": ";", "ids": [1, 2]},
                    "notes": "<p>Monthly</p>",
                    "user_id": cls.user.id,
                }
                for _index in range(3)
            ]
        )

    @classmethod
    def _partners(cls):
        Partner = cls.env["res.partner"]
        cls.company_partner = Partner.create(
            {
                "name": "DJ Every Company",
                "is_company": True,
                "ref": "DJE-1",
                "company_registry": "0123.456.789",
                "website": "https://every.dj.example",
                "street": "Rue de la Loi 16",
                "street2": "Box 3",
                "zip": "1000",
                "city": "Brussels",
                "country_id": cls.country.id,
                "email": "company@every.dj.example",
                "phone": "+32 2 000 00 00",
                "mobile": "+32 470 00 00 00",
                "comment": "<p>Good <b>customer</b> &amp; friend</p>",
                "lang": "en_US",
                "tz": "Europe/Brussels",
                "color": 4,
                "partner_latitude": 50.8466,
                "partner_longitude": 4.3528,
                "category_id": [Command.set(cls.tag.ids)],
                "user_id": cls.user_a.id,
                "industry_id": cls.env["res.partner.industry"]
                .create({"name": "DJ Industry"})
                .id,
                "barcode": "DJ-EVERY-1",
                "company_id": cls.company.id,
                "bank_ids": [Command.create({"acc_number": "BE71 0961 2345 6769"})],
            }
        )
        cls.every_partners = cls.company_partner | Partner.create(
            [
                {
                    "name": "DJ Every Contact",
                    "parent_id": cls.company_partner.id,
                    "type": "invoice",
                    "function": "Accountant",
                    "title": cls.env["res.partner.title"]
                    .create({"name": "DJ Title"})
                    .id,
                    "email": "contact@every.dj.example",
                },
                {"name": "DJ Every Person", "employee": True, "comment": "<p>x</p>"},
            ]
        )

    # ---------------------------------------------------------------- helpers
    def _run_export(self, user, model, domain, fields, file_format, import_compatible):
        """``(state, message, job)``; state "refused" when create_export
        refused the fields (nothing queued)."""
        options = {"import_compatible": True} if import_compatible else None
        mode = " import-compatible" if import_compatible else ""
        shown = fields if len(fields) < 4 else f"{len(fields)} fields"
        with time_limit(
            JOB_SECONDS, f"exporting {model} {shown} as {file_format}{mode}"
        ):
            try:
                with self.env.cr.savepoint():
                    job = (
                        self.env["data.job"]
                        .with_user(user)
                        .create_export(model, domain, fields, file_format, options)
                    )
            except UserError as exc:
                return "refused", exc.args[0], None
            # a job's own cursor starts with an empty cache: values read by
            # the superuser (the fixtures) must not hide an access error
            self.env.invalidate_all()
            with mute_logger(RUNNER_LOGGER):
                self._run(job)
        return job.state, job.error_message, job

    def _problem(self, outcome, count):
        """What is wrong with an outcome, or None. ``count`` records: one
        object each in JSON; in a table, as many lines as Odoo's
        ``export_data`` gives for the same columns (x2many lines)."""
        state, message, job = outcome
        if state == "refused":
            if not message or "Unexpected error" in message:
                return f"refused without a human message: {message!r}"
            return None
        if state != "done":
            return f"ended {state}: {message}"
        header, rows = read_export(job)
        if job.file_format == "pdf":
            return None if rows else "an empty PDF"
        import_compatible = (job.options or {}).get("import_compatible")
        if job.file_format in ("csv", "xlsx"):
            names = header if import_compatible else job.field_names
            records = self.env[job.res_model].search(job._get_domain())
            count = len(
                records.with_context(import_compat=bool(import_compatible)).export_data(
                    names
                )["datas"]
            )
        if len(rows) != count:
            return f"{len(rows)} rows for {count} records"
        width = len(job.field_names) + bool(
            import_compatible and "id" not in job.field_names
        )
        if header is not None and len(header) != width:
            return f"columns {header} for fields {job.field_names}"
        return None

    def _check_model(self, model, domain, user=None):
        """Export every stored field of ``model`` over ``domain`` (3 records)."""
        user = user or self.user
        records = self.env[model].with_user(user).search(domain)
        self.assertEqual(len(records), 3, f"{model}: the fixture has 3 records")
        names = [name for name, field in records._fields.items() if field.store]
        problems, exported = [], {False: [], True: []}
        for index, name in enumerate(names):
            field_type = records._fields[name].type
            formats = [FORMATS[index % len(FORMATS)]]
            if field_type not in self.types_seen:
                self.types_seen.add(field_type)
                formats = FORMATS
            runs = [(file_format, False) for file_format in formats] + [("csv", True)]
            for file_format, import_compatible in runs:
                outcome = self._run_export(
                    user, model, domain, [name], file_format, import_compatible
                )
                problem = self._problem(outcome, 3)
                if problem:
                    mode = " import-compatible" if import_compatible else ""
                    problems.append(
                        f"{model}.{name} ({field_type}), {file_format}{mode}: {problem}"
                    )
                elif outcome[0] == "done" and name not in exported[import_compatible]:
                    exported[import_compatible].append(name)
        for import_compatible, fields in exported.items():
            for file_format in FORMATS:
                outcome = self._run_export(
                    user, model, domain, fields, file_format, import_compatible
                )
                if outcome[0] != "done" or self._problem(outcome, 3):
                    mode = " import-compatible" if import_compatible else ""
                    problems.append(
                        f"{model}, all {len(fields)} exportable fields, {file_format}"
                        f"{mode}: {self._problem(outcome, 3)}"
                    )
        if len(exported[False]) < len(names):
            state, message, _job = self._run_export(
                user, model, domain, names, "csv", False
            )
            if state != "refused" or "Unexpected error" in message:
                problems.append(f"{model}, every stored field: {state} {message}")
        self.assertFalse(problems, "\n".join(problems))
        return exported

    # ------------------------------------------------------------------ tests
    def test_res_partner(self):
        exported = self._check_model("res.partner", [("name", "=like", "DJ Every %")])
        for name in ("id", "name", "comment", "partner_latitude", "child_ids"):
            self.assertIn(name, exported[False])

    def test_res_users(self):
        exported = self._check_model(
            "res.users", [("login", "in", ["dj_user_a", "dj_user_b", "dj_manager"])]
        )
        self.assertIn("groups_id", exported[False])

    def test_product_template(self):
        if "product.template" not in self.env:
            self.skipTest("product is not installed")
        category = self.env["product.category"].create({"name": "DJ Every Category"})
        attribute = self.env["product.attribute"].create(
            {
                "name": "DJ Size",
                "value_ids": [
                    Command.create({"name": "S"}),
                    Command.create({"name": "L"}),
                ],
            }
        )
        self.env["product.template"].create(
            [
                {
                    "name": "DJ Every Chair",
                    "default_code": "DJ-CHAIR",
                    "categ_id": category.id,
                    "list_price": 12.5,
                    "weight": 1.25,
                    "volume": 0.5,
                    "sequence": 3,
                    "color": 2,
                    "description": "<p>Soft &amp; <i>light</i></p>",
                    "description_sale": "A chair.\nTwo lines.",
                    "description_purchase": "Buy in tens",
                    "product_tag_ids": [Command.create({"name": "DJ Every Tag"})],
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": self.company_partner.id,
                                "price": 7.0,
                                "min_qty": 2,
                                "date_start": datetime.date(2026, 1, 1),
                            }
                        )
                    ],
                    "attribute_line_ids": [
                        Command.create(
                            {
                                "attribute_id": attribute.id,
                                "value_ids": [Command.set(attribute.value_ids.ids)],
                            }
                        )
                    ],
                },
                {"name": "DJ Every Service", "type": "service", "sale_ok": False},
                {"name": "DJ Every Desk", "categ_id": category.id, "active": True},
            ]
        )
        exported = self._check_model(
            "product.template", [("name", "=like", "DJ Every %")]
        )
        self.assertIn("attribute_line_ids", exported[False])
        # vendor lines hold dates
        self.env["product.supplierinfo"].create(
            [
                {
                    "partner_id": self.company_partner.id,
                    "product_tmpl_id": template.id,
                    "date_end": datetime.date(2026, 12, 31),
                }
                for template in self.env["product.template"].search(
                    [("name", "in", ["DJ Every Service", "DJ Every Desk"])]
                )
            ]
        )
        self._check_model(
            "product.supplierinfo", [("partner_id", "=", self.company_partner.id)]
        )

    def test_sale_order(self):
        if "sale.order" not in self.env:
            self.skipTest("sale is not installed")
        seller = new_test_user(self.env, "dj_every_seller", SALE_GROUPS)
        product = self.env["product.product"].create(
            {"name": "DJ Every Sold", "list_price": 10.0}
        )
        self.env["sale.order"].create(
            [
                {
                    "partner_id": self.company_partner.id,
                    "user_id": seller.id,
                    "note": "<p>Thanks</p>",
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": n})
                    ],
                }
                for n in (1, 2, 3)
            ]
        )
        self._check_model(
            "sale.order", [("partner_id", "=", self.company_partner.id)], seller
        )

    def test_data_job(self):
        """The addon's own model: json fields (field_names, options)."""
        exported = self._check_model("data.job", [("id", "in", self.jobs.ids)])
        self.assertIn("options", exported[False])

    def test_every_field_type_is_covered(self):
        """The models above (each of whose stored fields is exported) hold a
        field of every type a stored field can have here (monetary only once
        account is installed; reference and many2one_reference fields belong
        to technical models only)."""
        models = ["res.partner", "res.users", "data.job"]
        models += [
            m
            for m in ("product.template", "product.supplierinfo", "sale.order")
            if m in self.env
        ]
        types = {
            field.type
            for model in models
            for field in self.env[model]._fields.values()
            if field.store
        }
        expected = {
            "binary",
            "boolean",
            "char",
            "datetime",
            "float",
            "html",
            "integer",
            "json",
            "many2many",
            "many2one",
            "one2many",
            "selection",
            "text",
        }
        if "product.template" in self.env:
            expected |= {"date", "properties"}  # vendor lines' dates
        if "account.move" in self.env:
            expected.add("monetary")
        self.assertLessEqual(expected, types)
