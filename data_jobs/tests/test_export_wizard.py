# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The export wizard as the list views' cog menu opens it, and the checks it
shares with ``create_export``."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import USER_GROUPS, DataJobCase


@tagged("post_install", "-at_install")
class TestExportWizard(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a.groups_id += cls.env.ref("base.group_allow_export")

    def _form(self, user=None, **context):
        wizards = self.env["data.job.export.wizard"].with_user(user or self.user_a)
        return Form(wizards.with_context(**context))

    def _export(self, form):
        """Save the wizard, press its button; the job and the action."""
        wizard = form.save()
        before = self.env["data.job"].search([]).ids
        action = wizard.action_export()
        job = self.env["data.job"].search([("id", "not in", before)])
        self.assertEqual(len(job), 1)
        return job, action

    def _jobs(self):
        return self.env["data.job"].search_count([])

    def test_list_context_makes_the_job(self):
        """What the cog menu sends (model, domain, selection, visible columns)
        ends up in the job, with the options chosen in the form."""
        selected = self.partners[1:4]
        form = self._form(
            default_res_model="res.partner",
            default_domain=self.domain,
            default_record_ids=selected.ids,
            default_field_names=["name", "country_id", "category_id/name"],
        )
        self.assertEqual(form.res_model, "res.partner")
        self.assertEqual(form.domain, self.domain)
        self.assertEqual(form.selected_count, 3)
        self.assertTrue(form.only_selected)
        self.assertEqual(form.file_format, "xlsx")
        form.file_format = "csv"
        form.delimiter = ";"
        form.order_field = "name"
        form.order_direction = "desc"
        wizard = form.save()
        self.assertEqual(
            wizard.line_ids.mapped("label"), ["Name", "Country", "Tags / Name"]
        )
        job, action = self._export(form)
        self.assertEqual(job.user_id, self.user_a)
        self.assertEqual(job.state, "queued")
        self.assertEqual(
            (job.job_type, job.res_model, job.domain, job.file_format),
            ("export", "res.partner", self.domain, "csv"),
        )
        self.assertEqual(job.field_names, ["name", "country_id", "category_id/name"])
        self.assertEqual(
            job.options,
            {
                "delimiter": ";",
                "encoding": "utf-8",  # CSV options are always explicit
                "order": "name desc",
                "ids": selected.ids,
            },
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertEqual(
            action["params"]["links"][0],
            {
                "label": job.name,
                "url": f"/odoo/action-data_jobs.data_job_action/{job.id}",
            },
        )
        self._run(job)
        rows = self._csv_rows(job, ";")
        self.assertEqual(rows[0], ["Name", "Country", "Tags / Name"])
        self.assertEqual(
            [r[0] for r in rows[1:]],
            ["DJ Partner 03", "DJ Partner 02", "DJ Partner 01"],
        )

    def test_whole_filter_when_selection_is_not_kept(self):
        form = self._form(
            default_res_model="res.partner",
            default_domain=f"[('is_company', '=', True)] + {self.domain}",
            default_record_ids=self.partners[:2].ids,
            default_field_names=["name"],
        )
        form.only_selected = False
        form.file_format = "json"
        form.json_lines = True
        job, _action = self._export(form)
        self.assertEqual(job.options, {"json_lines": True})
        self._run(job)
        self.assertEqual(job.total_rows, 4)
        self.assertTrue(job.output_file_id.name.endswith(".jsonl"))

    def test_options_follow_the_format(self):
        form = self._form(default_res_model="res.partner", default_domain=self.domain)
        form.file_format = "csv"
        form.delimiter = "|"  # a CSV option: not sent for a PDF
        form.file_format = "pdf"
        form.pdf_title = "Partners"
        form.pdf_orientation = "landscape"
        form.limit = 5
        job, _action = self._export(form)
        self.assertEqual(
            job.options,
            {"pdf_title": "Partners", "pdf_orientation": "landscape", "limit": 5},
        )
        form = self._form(default_res_model="res.partner", default_domain=self.domain)
        form.import_compatible = True
        job, _action = self._export(form)
        self.assertEqual(job.file_format, "xlsx")
        self.assertEqual(job.options, {"import_compatible": True})
        # neutralising formulas is a CSV option (an XLSX text is never one)
        form = self._form(default_res_model="res.partner", default_domain=self.domain)
        form.file_format = "csv"
        form.escape_formulas = False
        job, _action = self._export(form)
        self.assertEqual(job.options["escape_formulas"], False)

    def test_saved_export_list_loads_its_fields(self):
        saved = self.env["ir.exports"].create(
            {
                "name": "DJ contacts",
                "resource": "res.partner",
                "export_fields": [
                    Command.create({"name": name})
                    for name in ("name", "country_id/code", "email")
                ],
            }
        )
        form = self._form(
            default_res_model="res.partner",
            default_domain=self.domain,
            default_field_names=["display_name"],
        )
        form.export_list_id = saved
        self.assertEqual(
            [form.line_ids.edit(i).path for i in range(len(form.line_ids))],
            ["name", "country_id.code", "email"],
        )
        with form.line_ids.new() as line:
            line.path = "category_id.name"
        wizard = form.save()
        self.assertEqual(
            wizard.line_ids.mapped("label"),
            ["Name", "Country / Country Code", "Email", "Tags / Name"],
        )
        # the field selector of every line, new ones too, offers the model's fields
        self.assertEqual(set(wizard.line_ids.mapped("res_model")), {"res.partner"})
        job, _action = self._export(form)
        self.assertEqual(
            job.field_names, ["name", "country_id/code", "email", "category_id/name"]
        )

    def test_database_id_paths_stay_database_ids(self):
        """``country_id/.id`` and ``.id`` keep their meaning through the
        wizard's lines (the old line turned ``x/.id`` into ``x/id``, the
        external id, and ``.id`` into ``id``)."""
        paths = [".id", "name", "country_id/.id", "category_id/id"]
        form = self._form(
            default_res_model="res.partner",
            default_domain=self.domain,
            default_field_names=paths,
        )
        wizard = form.save()
        self.assertEqual(wizard.line_ids.mapped("export_path"), paths)
        self.assertEqual(
            wizard.line_ids.mapped("label"),
            ["ID", "Name", "Country / ID", "Tags / External ID"],
        )
        job, _action = self._export(form)
        self.assertEqual(job.field_names, paths)

    def test_export_needs_the_export_right(self):
        """Without Odoo's "Access to export feature" the wizard offers no
        saved lists (unreadable) and its export is refused, as Odoo's is."""
        self.user_b.groups_id -= self.env.ref("base.group_allow_export")
        form = self._form(user=self.user_b, default_res_model="res.partner")
        self.assertNotIn("export_list_id", form._view["fields"])
        form.file_format = "csv"
        with self.assertRaisesRegex(UserError, "may not export data"):
            self._export(form)

    def test_opened_from_the_menu(self):
        """No context: the user picks a model among those they can read; no
        field chosen means every exportable field."""
        wizards = self.env["data.job.export.wizard"].with_user(self.user_a)
        models = dict(wizards._fields["res_model"]._description_selection(wizards.env))
        self.assertEqual(models["res.partner"], "Contact")
        self.assertNotIn("ir.config_parameter", models)  # not readable
        self.assertNotIn("data.job.export.wizard", models)  # transient
        form = self._form()
        self.assertFalse(form.show_all_models)
        form.menu_model = "res.partner"
        self.assertEqual(form.res_model, "res.partner")
        form.domain = self.domain
        form.file_format = "csv"
        job, _action = self._export(form)
        self.assertFalse(job.field_names)
        self._run(job)
        self.assertIn("Email", self._csv_rows(job)[0])

    def test_models_offered_are_those_of_the_menus(self):
        """Issue 12 point 5: Data Jobs › Export… offers the models of the
        menus the user can open (not "Action Window Close" nor "Base Import
        Mapping"); Show All Models offers every model the user may read."""
        wizards = self.env["data.job.export.wizard"].with_user(self.user_a)
        everything = dict(wizards._selection_res_model())
        offered = dict(wizards._selection_menu_model())
        self.assertIn("base_import.mapping", everything)
        self.assertEqual(offered.get("res.partner"), "Contact")
        self.assertIn("data.job", offered)
        for model in ("ir.actions.act_window_close", "base_import.mapping"):
            self.assertNotIn(model, offered)
        self.assertLess(len(offered), len(everything) / 2)
        self.assertLessEqual(set(offered), set(everything))
        form = self._form()
        form.show_all_models = True
        form.res_model = "base_import.mapping"
        form.show_all_models = False
        self.assertEqual(form.menu_model, False, "a model of no menu of this user")
        self.assertEqual(form.res_model, "base_import.mapping")

    def test_order_and_limit_from_the_form(self):
        """Sort By is a field and a direction; the limit takes the first
        records in that order, 0 takes them all."""
        form = self._form(
            default_res_model="res.partner",
            default_domain=self.domain,
            default_field_names=["name"],
        )
        form.file_format = "csv"
        form.order_field = "name"
        form.order_direction = "desc"
        form.limit = 2
        job, _action = self._export(form)
        self.assertEqual((job.options["order"], job.options["limit"]), ("name desc", 2))
        self._run(job)
        names = [row[0] for row in self._csv_rows(job)[1:]]
        self.assertEqual(names[:2], ["DJ Partner 06", "DJ Partner 05"])
        self.assertEqual(len(names), 2)

    def test_list_sort_order_reaches_the_job(self):
        """The cog menu sends the list's first sort key (listOrder in
        list_controller_patch.js): the rows come in the list's order."""
        form = self._form(
            default_res_model="res.partner",
            default_domain=self.domain,
            default_field_names=["name"],
            default_order_field="name",
            default_order_direction="desc",
        )
        form.file_format = "csv"
        job, _action = self._export(form)
        self.assertEqual(job.options["order"], "name desc")
        self._run(job)
        names = [row[0] for row in self._csv_rows(job)[1:]]
        self.assertEqual(names, sorted(names, reverse=True))

    def test_model_that_cannot_be_exported(self):
        for model in ("ir.config_parameter", "data.job.export.wizard"):
            with self.assertRefused(UserError, f"records of {model} cannot be exp"):
                self._form(default_res_model=model)

    def test_bad_domain_refused(self):
        count = self._jobs()
        for domain, message in (
            ("[('no_such_field', '=', 1)]", "Invalid field res.partner.no_such_field"),
            ("[('name', '=', ", "is not a valid domain"),
        ):
            form = self._form(
                default_res_model="res.partner", default_field_names=["name"]
            )
            form.domain = domain
            with self.assertRefused(ValidationError, message):
                self._export(form)
        self.assertEqual(self._jobs(), count)

    def test_unknown_field_refused(self):
        form = self._form(
            default_res_model="res.partner",
            default_domain=self.domain,
            default_field_names=["name", "country_id/no_such"],
        )
        wizard = form.save()
        problem = "res.country has no field 'no_such' (in 'country_id/no_such')."
        self.assertEqual(wizard.line_ids.mapped("error"), [False, problem])
        self.assertEqual(wizard.line_ids.mapped("label"), ["Name", problem])
        count = self._jobs()
        with self.assertRefused(
            UserError, r"res.country has no field 'no_such' \(in 'country_id/no_such'\)"
        ):
            wizard.action_export()
        self.assertEqual(self._jobs(), count)

    def test_bad_sort_order_refused(self):
        form = self._form(default_res_model="res.partner", default_domain=self.domain)
        form.order_field = "no_such_field"
        form.order_direction = "desc"
        with self.assertRefused(UserError, "cannot be sorted by 'no_such_field"):
            self._export(form)

    def test_field_behind_groups_refused(self):
        """A message's mails are for settings managers: refused before queueing."""
        form = self._form(
            default_res_model="res.partner",
            default_field_names=["name", "message_ids/mail_ids"],
        )
        with self.assertRefused(
            UserError, "not allowed to export the field 'mail_ids' of mail.message"
        ):
            self._export(form)

    def test_record_rule_limits_the_export(self):
        """A user whose group sees only the DJ partners that are companies
        exports only those, even with all of them in the filter and selection."""
        group = self.env["res.groups"].create({"name": "DJ companies only"})
        self.env["ir.rule"].create(
            {
                "name": "DJ: companies only",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "groups": [Command.link(group.id)],
                "domain_force": "['|', ('is_company', '=', True), "
                "('name', 'not like', 'DJ Partner')]",
            }
        )
        user = new_test_user(
            self.env,
            "dj_companies",
            USER_GROUPS,
            name="Carl Companies",
        )
        user.groups_id += group
        form = self._form(
            user=user,
            default_res_model="res.partner",
            default_domain=self.domain,
            default_record_ids=self.partners.ids,
            default_field_names=["name"],
        )
        form.file_format = "csv"
        job, _action = self._export(form)
        self._run(job)
        self.assertEqual(
            [r[0] for r in self._csv_rows(job)[1:]],
            ["DJ Partner 00", "DJ Partner 02", "DJ Partner 04", "DJ Partner 06"],
        )


@tagged("post_install", "-at_install")
class TestCreateExportChecks(DataJobCase):
    """The API refuses what the run would fail on, before queueing anything."""

    def _create_export(self, *args):
        return self.env["data.job"].with_user(self.user_a).create_export(*args)

    def test_unknown_field_refused(self):
        with self.assertRefused(
            UserError, r"res.partner has no field 'no_such' \(in 'no_such'\)"
        ):
            self._create_export("res.partner", [], ["name", "no_such"])
        self.assertFalse(
            self.env["data.job"].search([("user_id", "=", self.user_a.id)])
        )

    def test_bad_domain_refused(self):
        with self.assertRefused(
            ValidationError, "cannot be used on res.partner.*no_such_field"
        ):
            self._create_export("res.partner", [("no_such_field", "=", 1)], ["name"])

    def test_field_behind_groups_refused(self):
        with self.assertRefused(
            UserError, "not allowed to export the field 'mail_ids' of mail.message"
        ):
            self._create_export("res.partner", [], ["message_ids/mail_ids"])

    def test_bad_order_refused(self):
        with self.assertRefused(UserError, "cannot be sorted by 'nope desc'"):
            self._create_export(
                "res.partner", [], ["name"], "csv", {"order": "nope desc"}
            )
