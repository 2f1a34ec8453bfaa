# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import wizard as the list views' cog menu opens it: the preview, the
mapping the user edits, and the job its buttons create."""

import base64

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .import_common import ImportCase

ROWS = [
    ["name", "email", "Country", "Remarks"],
    ["Imp Alpha", "alpha@imp.example", "Belgium", "première"],
    ["Imp Beta", "beta@imp.example", "France", "deuxième"],
    ["Imp Gamma", "", "Belgium", "troisième"],
]


@tagged("post_install", "-at_install")
class TestImportWizard(ImportCase):
    def _form(self, content, file_name="partners.csv", user=None, **context):
        """The wizard as the cog menu opens it, the file uploaded (the binary
        widget sets the file name with the file: a default stands for it)."""
        context.setdefault("default_res_model", "res.partner")
        context["default_file_name"] = file_name
        wizards = self.env["data.job.import.wizard"].with_user(user or self.user_a)
        form = Form(wizards.with_context(**context))
        form.file = base64.b64encode(content)
        return form

    def _line_forms(self, form):
        return [form.line_ids.edit(i) for i in range(len(form.line_ids))]

    def _lines(self, form):
        return [
            (line.header, line.detected_path or False, line.field_path or False)
            for line in self._line_forms(form)
        ]

    def _new_job(self, wizard, button):
        before = self.env["data.job"].search([]).ids
        action = getattr(wizard, button)()
        job = self.env["data.job"].search([("id", "not in", before)])
        self.assertEqual(len(job), 1)
        self.assertEqual(
            (action["res_model"], action["res_id"], action["views"]),
            ("data.job", job.id, [(False, "form")]),
        )
        return job

    def test_preview_shows_detected_mapping(self):
        """The preview reads the file as the job will: detected settings, the
        field each column fills, first values, why a column fills none."""
        form = self._form(self._csv(ROWS, delimiter=";", encoding="cp1252"))
        self.assertEqual(form.res_model, "res.partner")
        self.assertFalse(form.preview_error)
        self.assertEqual(
            self._lines(form),
            [
                ("name", "name", "name"),
                ("email", "email", "email"),
                ("Country", "country_id", "country_id"),
                ("Remarks", False, False),
            ],
        )
        self.assertIn("cp1252", form.preview_info)
        self.assertIn("Semicolon", form.preview_info)
        self.assertEqual(
            form.line_ids.edit(0).sample, "Imp Alpha | Imp Beta | Imp Gamma"
        )
        self.assertEqual(
            [line.field_label for line in self._line_forms(form)],
            ["Name", "Email", "Country", False],
        )
        self.assertIn("Remarks", form.warning_html)
        self.assertIn("no field is named so", form.warning_html)
        self.assertFalse(form.error_html)
        self.assertIn("Imp Beta", form.preview_html)
        self.assertIn("not imported", form.preview_html)
        self.assertTrue(
            any(path == "country_id/id" for path, _label in form.field_choices)
        )

    def test_edited_mapping_dry_run(self):
        """Ignoring a column and sending another to a field end up in the
        job's mapping; Dry run asks the job to keep nothing."""
        form = self._form(self._csv(ROWS))
        with form.line_ids.edit(1) as line:
            line.field_path = False
        with form.line_ids.edit(3) as line:
            line.field_path = "comment"
        self.assertEqual(form.line_ids.edit(3).field_label, "Notes")
        self.assertNotIn("Remarks", form.warning_html or "")
        form.on_error = "all_or_nothing"
        form.decimal_separator = "comma"
        form.thousands_separator = "space"
        form.date_format = "%d/%m/%Y"
        wizard = form.save()
        job = self._new_job(wizard, "action_dry_run")
        self.assertEqual(job.user_id, self.user_a)
        self.assertEqual(job.state, "queued")
        self.assertEqual(
            (job.job_type, job.res_model, job.file_format, job.input_file_name),
            ("import", "res.partner", "csv", "partners.csv"),
        )
        self.assertEqual(
            job.options,
            {
                "dry_run": True,
                "on_error": "all_or_nothing",
                "decimal_separator": ",",
                "thousands_separator": " ",
                "date_format": "%d/%m/%Y",
                "mapping": {
                    "name": "name",
                    "email": False,
                    "Country": "country_id",
                    "Remarks": "comment",
                },
            },
        )
        self._run(job)
        self.assertEqual(job.state, "done")
        self.assertEqual(job.created_count, 3)
        self.assertFalse(self._partners())  # a dry run keeps nothing

    def test_start_imports_what_the_mapping_says(self):
        """Start queues the job; running it imports the columns as mapped."""
        form = self._form(self._csv(ROWS))
        with form.line_ids.edit(1) as line:
            line.field_path = False
        with form.line_ids.edit(3) as line:
            line.field_path = "comment"
        job = self._new_job(form.save(), "action_start")
        self.assertEqual(job.state, "queued")
        self.assertTrue(job.queue_job_uuid)
        self.assertNotIn("dry_run", job.options)
        list(job.with_user(job.user_id)._iter_run())
        self.assertEqual(job.state, "done")
        self.assertEqual((job.created_count, job.error_count), (3, 0))
        partners = self._partners()
        self.assertEqual(
            partners.mapped("name"), ["Imp Alpha", "Imp Beta", "Imp Gamma"]
        )
        self.assertFalse(any(partners.mapped("email")))  # the column was ignored
        self.assertEqual(partners[1].country_id, self.env.ref("base.fr"))
        self.assertIn("deuxième", partners[1].comment)
        self.assertEqual(partners.create_uid, self.user_a)

    def test_match_column_updates(self):
        """A column ticked 'Match' becomes the upsert key."""
        existing = self.Partner.create({"name": "Imp Old", "email": "beta@imp.example"})
        form = self._form(self._csv(ROWS[:3]))
        self.assertIn("every row creates a new record", form.warning_html)
        with form.line_ids.edit(1) as line:
            line.is_key = True
        self.assertNotIn("every row creates", form.warning_html or "")
        self.assertEqual(form.key_summary, "email (Email)")
        job = self._new_job(form.save(), "action_start")
        self.assertEqual(job.options["upsert_key"], ["email"])
        self._run(job)
        self.assertEqual((job.created_count, job.updated_count), (1, 1))
        self.assertEqual(existing.name, "Imp Beta")

    def test_external_id_key(self):
        rows = [["id", "name"], ["imp_wiz.p1", "Imp One"]]
        form = self._form(self._csv(rows))
        self.assertEqual(self._lines(form)[0], ("id", "id", "id"))
        self.assertEqual(form.key_summary, "id (External ID)")
        with form.line_ids.edit(0) as line:
            line.is_key = True
        with form.line_ids.edit(1) as line:
            line.is_key = True
        self.assertIn("not both", form.error_html)
        with form.line_ids.edit(1) as line:
            line.is_key = False
        self.assertFalse(form.error_html)
        job = self._new_job(form.save(), "action_start")
        self.assertEqual(job.options["upsert_key"], ["id"])

    def test_unreadable_file(self):
        """A file that cannot be read says why, and no job is created."""
        form = self._form(b"this is not a workbook", file_name="broken.xlsx")
        self.assertIn("cannot be read as an Excel workbook", form.preview_error)
        self.assertFalse(form.line_ids)
        wizard = form.save()
        jobs = self.env["data.job"].search_count([])
        with self.assertRaisesRegex(UserError, "cannot be read as an Excel workbook"):
            wizard.action_start()
        with self.assertRaisesRegex(UserError, "Unsupported file type '.pdf'"):
            self._form(
                self._csv(ROWS), file_name="partners.pdf"
            ).save().action_dry_run()
        self.assertEqual(self.env["data.job"].search_count([]), jobs)

    def test_same_file_twice(self):
        """A double click must not import the file twice: the second Start
        is refused while the first job waits, and creates no job."""
        content = self._csv(ROWS)
        self._new_job(self._form(content).save(), "action_start")
        wizard = self._form(content).save()
        jobs = self.env["data.job"].search_count([])
        # the savepoint stands for the request's rollback of the refused call
        with (
            self.assertRaisesRegex(UserError, "already importing this file"),
            self.env.cr.savepoint(),
        ):
            wizard.action_start()
        self.assertEqual(self.env["data.job"].search_count([]), jobs)

    def test_required_column_missing(self):
        """A file that could not create records is refused before it runs."""
        form = self._form(
            self._csv([["color"], ["3"]]), default_res_model="res.partner.category"
        )
        self.assertIn("'Name'", form.error_html)
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "required field"):
            wizard.action_start()
        wizard.create_missing = False
        self.assertFalse(wizard.error_html)

    def test_reading_options_and_xlsx(self):
        """Header row and sheet options re-read the file; XLSX sheets listed."""
        content = self._xlsx(
            [["Partners export"], ["name", "email"], ["Imp Xl", "xl@imp.example"]],
            sheet="Data",
        )
        form = self._form(content, file_name="partners.xlsx")
        self.assertEqual(form.file_type, "xlsx")
        self.assertIn("Data", form.preview_info)
        self.assertEqual(self._lines(form), [("Partners export", False, False)])
        form.header_row = 2
        self.assertEqual(
            self._lines(form), [("name", "name", "name"), ("email", "email", "email")]
        )
        form.sheet = "Nope"
        self.assertIn("not found", form.preview_error)
        form.sheet = "Data"
        job = self._new_job(form.save(), "action_start")
        self.assertEqual(job.file_format, "xlsx")
        self.assertEqual(job.options["header_row"], 2)
        self._run(job)
        self.assertEqual(self._partners().email, "xl@imp.example")

    def test_choices_kept_when_reading_again(self):
        """Changing a reading option keeps the columns the user changed."""
        form = self._form(
            self._csv(ROWS), default_res_model=False, active_model="res.partner"
        )
        self.assertEqual(form.res_model, "res.partner")
        with form.line_ids.edit(3) as line:
            line.field_path = "comment"
        form.encoding = "utf-8"
        self.assertEqual(self._lines(form)[3], ("Remarks", False, "comment"))
        form.res_model = "res.partner.category"
        self.assertEqual(self._lines(form)[3], ("Remarks", False, False))

    def test_buttons_do_not_need_onchange(self):
        """A wizard written through RPC (no onchange) reads its file when a
        button is pressed: the lines given are kept as the user's choices."""
        wizard = (
            self.env["data.job.import.wizard"]
            .with_user(self.user_a)
            .create(
                {
                    "res_model": "res.partner",
                    "file": base64.b64encode(self._csv(ROWS)),
                    "file_name": "partners.csv",
                    "line_ids": [
                        Command.create({"header": "Remarks", "field_path": "comment"}),
                        Command.create({"header": "email", "field_path": False}),
                    ],
                }
            )
        )
        job = self._new_job(wizard, "action_start")
        self.assertEqual(
            job.options["mapping"],
            {
                "name": "name",
                "email": False,
                "Country": "country_id",
                "Remarks": "comment",
            },
        )
        self.assertEqual(wizard.line_ids.mapped("header"), ROWS[0])
        self.assertEqual(len(wizard.line_ids.filtered("sample")), 4)

    def test_model_from_context(self):
        wizards = self.env["data.job.import.wizard"].with_user(self.user_a)
        form = Form(wizards.with_context(active_model="res.partner"))
        self.assertEqual(form.res_model, "res.partner")
        # user_a may not create users: the model is not offered
        form = Form(wizards.with_context(default_res_model="res.users"))
        self.assertFalse(form.res_model)
        models_ = dict(wizards._selection_res_model())
        self.assertIn("res.partner", models_)
        self.assertNotIn("res.users", models_)


@tagged("post_install", "-at_install")
class TestImportWizardTemplate(ImportCase):
    def test_template_fills_the_wizard_and_the_job(self):
        existing = self.Partner.create({"name": "Imp Tpl Old", "ref": "TPL1"})
        template = (
            self.env["data.job.template"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "Supplier file",
                    "direction": "import",
                    "res_model": "res.partner",
                    "delimiter": ";",
                    "mapping": {"Code": "ref", "Supplier": "name"},
                    "upsert_key": ["ref"],
                    "on_error": "all_or_nothing",
                }
            )
        )
        action = template.action_import_file()
        context = dict(action["context"], default_file_name="suppliers.csv")
        wizard_env = self.env(user=self.user_a, context=context)
        form = Form(wizard_env["data.job.import.wizard"])
        self.assertEqual(form.delimiter, ";")
        self.assertEqual(form.on_error, "all_or_nothing")
        form.file = base64.b64encode(
            self._csv(
                [
                    ["Code", "Supplier"],
                    ["TPL1", "Imp Tpl Renamed"],
                    ["TPL2", "Imp Tpl New"],
                ],
                delimiter=";",
            )
        )
        wizard = form.save()
        paths = {
            line.header: (line.field_path, line.is_key) for line in wizard.line_ids
        }
        self.assertEqual(paths, {"Code": ("ref", True), "Supplier": ("name", False)})
        job = self.env["data.job"].browse(wizard.action_start()["res_id"])
        self.assertEqual(job.template_id, template)
        self.assertEqual(job.options["upsert_key"], ["ref"])
        self._run(job)
        self.assertEqual((job.created_count, job.updated_count), (1, 1))
        self.assertEqual(existing.name, "Imp Tpl Renamed")
