# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what with data jobs (issue 9): one table, role x operation, that
the test walks cell by cell and that data_jobs/readme/CONFIGURE.md shows, so
the documentation cannot drift from the code.

The jobs, logs, files and templates the operations work on belong to the
data-job user, in the main company; the manager owns one job and one template.
"yes": the operation succeeds. "no": it raises a UserError (AccessError and
ValidationError are ones) or, for a search, does not find the record. Each
cell runs in a savepoint that is rolled back, so no cell sees another's work.

After changing MATRIX, put the table that test_readme_shows_the_matrix prints
in place of the one in CONFIGURE.md and run ``python tools/render_readme.py``.
"""

import base64
from collections import namedtuple
from contextlib import closing
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RUNNER_LOGGER, DataJobCase

# role key -> column title in the readme
ROLES = (
    ("user", "User"),
    ("manager", "Manager"),
    ("other_company", "Other company"),
    ("no_export", "No export right"),
    ("portal", "Portal"),
    ("public", "Public"),
)
OWNERS = "user manager"
INTERNAL = "user manager other_company no_export"
READERS = "user manager no_export"  # templates: every data-job user of the company
NOBODY = ""

Row = namedtuple("Row", "subject operation allowed op")


def _rows(subject, *rows):
    """Rows of one subject; ``op`` names a ``_op_*`` method of the test and
    its arguments, colon-separated: ``"job_write:state"`` is
    ``_op_job_write(env, "state")``."""
    return [
        Row(subject, operation, frozenset(allowed.split()), tuple(op.split(":")))
        for operation, allowed, op in rows
    ]


def _engine(field):
    return (f"write an engine-owned field: `{field}`", NOBODY, f"job_write:{field}")


MATRIX = (
    *_rows(
        "Jobs",
        ("see them (search, read)", OWNERS, "job_see"),
        (
            "create an export: `create_export`",
            "user manager other_company",
            "job_create_export",
        ),
        ("create an import: `create_import`", INTERNAL, "job_create_import"),
        ("create a job for another user (`user_id`)", NOBODY, "job_create_for_other"),
        (
            "create a job in a company not one's own (`company_id`)",
            NOBODY,
            "job_create_other_company",
        ),
        (
            "create a job with an engine-owned field: `state`",
            NOBODY,
            "job_create_engine:state",
        ),
        (
            "create a job with an engine-owned field: `total_rows`",
            NOBODY,
            "job_create_engine:total_rows",
        ),
        (
            "create a job with an engine-owned field: `output_file_id`",
            NOBODY,
            "job_create_engine:output_file_id",
        ),
        (
            "change the settings of a draft job (format, notes)",
            OWNERS,
            "job_write_settings",
        ),
        ("start a draft job: `action_start`", OWNERS, "job_start"),
        ("cancel a draft job: `action_cancel`", OWNERS, "job_cancel"),
        ("retry a failed job: `action_retry`", OWNERS, "job_retry"),
        ("reset a failed job: `action_reset_to_draft`", OWNERS, "job_reset"),
        (
            "download an export's file: `action_download_output`",
            OWNERS,
            "job_download:export:action_download_output",
        ),
        (
            "download an import's file: `action_download_input`",
            OWNERS,
            "job_download:import:action_download_input",
        ),
        (
            "download an import's failed rows: `action_download_failed`",
            OWNERS,
            "job_download:import:action_download_failed",
        ),
        (
            "download an import's imported rows: `action_download_success`",
            OWNERS,
            "job_download:import:action_download_success",
        ),
        ("open the logs: `action_view_logs`", OWNERS, "job_view_logs"),
        (
            "open the imported records: `action_open_records`",
            OWNERS,
            "job_open_records",
        ),
        _engine("state"),
        (
            "write `state` with the old context key `data_job_set_state`",
            NOBODY,
            "job_write_state_with_key",
        ),
        _engine("total_rows"),
        _engine("error_message"),
        _engine("output_file_id"),
        _engine("queue_job_uuid"),
        _engine("scheduled"),
        (
            "take over someone else's job (`user_id` = oneself)",
            "manager",
            "job_take_over",
        ),
        ("give a job to another user (`user_id`)", NOBODY, "job_give_away"),
        ("move a job to another company (`company_id`)", NOBODY, "job_move_company"),
        (
            "link a template of its model to a draft job (`template_id`)",
            OWNERS,
            "job_link_template:draft:manager",
        ),
        ("link a template to a finished job", NOBODY, "job_link_template:done:manager"),
        (
            "link a template of another model",
            NOBODY,
            "job_link_template:draft:other_model",
        ),
        (
            "link a template of another company",
            NOBODY,
            "job_link_template:draft:other_company",
        ),
        (
            "attach a file of one's own to import (`input_file_id`)",
            OWNERS,
            "job_attach_own_file",
        ),
        (
            "attach a file one cannot read (`input_file_id`)",
            NOBODY,
            "job_attach_unreadable_file",
        ),
        ("delete a draft job (`unlink`)", OWNERS, "job_delete"),
    ),
    *_rows(
        "Job logs",
        ("see them (search, read)", OWNERS, "log_see"),
        ("create one", NOBODY, "log_create"),
        ("change one", NOBODY, "log_write"),
        ("delete one", NOBODY, "log_delete"),
    ),
    *_rows(
        "Job files",
        ("read the file of a done export", OWNERS, "file_read:export:output_file_id"),
        ("read the file of an import", OWNERS, "file_read:import:input_file_id"),
    ),
    *_rows(
        "Templates",
        ("see them (search, read)", READERS, "template_see"),
        ("create one", INTERNAL, "template_create"),
        (
            "create one for another user (`user_id`)",
            NOBODY,
            "template_create_for_other",
        ),
        ("change the settings of the user's template", OWNERS, "template_write:user"),
        (
            "change the settings of the manager's template",
            "manager",
            "template_write:manager",
        ),
        (
            "take over someone else's template (`user_id` = oneself)",
            "manager",
            "template_take_over",
        ),
        ("give a template to another user (`user_id`)", NOBODY, "template_give_away"),
        (
            "move a template to another company (`company_id`)",
            NOBODY,
            "template_move_company",
        ),
        ("delete one (`unlink`)", OWNERS, "template_delete"),
        ("export with it: `create_export_job`", OWNERS, "template_create_export_job"),
        ("import with it: `create_import_job`", READERS, "template_create_import_job"),
        (
            "export with it: `action_start_export`",
            OWNERS,
            "template_action:action_start_export",
        ),
        (
            "open the import wizard: `action_import_file`",
            READERS,
            "template_action:action_import_file",
        ),
        (
            "list its jobs: `action_view_jobs`",
            READERS,
            "template_action:action_view_jobs",
        ),
        (
            "download the empty file: `action_download_empty`",
            READERS,
            "template_download:action_download_empty:empty",
        ),
        (
            "download a sample: `action_download_sample`",
            OWNERS,
            "template_download:action_download_sample:sample",
        ),
    ),
    *_rows(
        "Wizards",
        (
            "export: create, `action_export`",
            "user manager other_company",
            "wizard_export",
        ),
        ("import: create, `action_start`", INTERNAL, "wizard_import"),
    ),
)

PUBLIC_METHODS = {
    "data.job": (
        "create_export create_import action_start action_cancel action_retry "
        "action_reset_to_draft action_download_output action_download_input "
        "action_download_failed action_download_success action_view_logs "
        "action_open_records"
    ).split(),
    "data.job.template": (
        "create_export_job create_import_job action_start_export action_import_file "
        "action_view_jobs action_download_empty action_download_sample"
    ).split(),
}
README = Path(__file__).resolve().parents[1] / "readme" / "CONFIGURE.md"
README_HEADING = "### What each role can do"
IMPORT_CSV = b"source,substitution\nmx_hello,Hello from the matrix\nmx_blank,\n"


def markdown_table():
    """The matrix as the readme shows it: a pipe table, columns padded."""
    rows, last = [], None
    for row in MATRIX:
        rows.append(
            [row.subject if row.subject != last else "", row.operation]
            + ["yes" if key in row.allowed else "no" for key, _title in ROLES]
        )
        last = row.subject
    header = ["Object", "Operation"] + [title for _key, title in ROLES]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return "| " + " | ".join(padded) + " |"

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


class NotVisible(Exception):
    """A search as the role does not find the record."""


@tagged("post_install", "-at_install")
class TestAccessMatrix(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        export_right = cls.env.ref("base.group_allow_export")
        cls.roles = {
            "user": new_test_user(
                cls.env,
                "dj_mx_user",
                "base.group_user,base.group_allow_export",
                name="Uma User",
            ),
            "manager": new_test_user(
                cls.env,
                "dj_mx_manager",
                "data_jobs.group_data_job_manager,base.group_allow_export",
                name="Max Manager",
            ),
            "other_company": new_test_user(
                cls.env,
                "dj_mx_other_company",
                "base.group_user,base.group_allow_export",
                name="Olga Othercompany",
                company_id=cls.company_2.id,
                company_ids=[Command.set(cls.company_2.ids)],
            ),
            "no_export": new_test_user(
                cls.env, "dj_mx_no_export", "base.group_user", name="Nils Noexport"
            ),
            "portal": new_test_user(
                cls.env, "dj_mx_portal", "base.group_portal", name="Paula Portal"
            ),
            "public": cls.env.ref("base.public_user"),
        }
        # new_test_user sets exactly the groups given (not base.default_user's,
        # which include the export right); make sure nothing implies it either
        no_export = cls.roles["no_export"]
        if no_export.has_group("base.group_allow_export"):
            no_export.groups_id -= export_right
        cls.another_user = cls.user_b  # an active internal user of the company
        cls._make_jobs()
        cls._make_templates()

    @classmethod
    def _make_jobs(cls):
        user, manager = cls.roles["user"], cls.roles["manager"]
        jobs = cls.env["data.job"].with_user(user)
        export = {
            "job_type": "export",
            "res_model": "res.partner",
            "domain": cls.domain,
            "field_names": ["name"],
            "file_format": "csv",
        }
        cls.job_draft = jobs.create(export)
        cls.job_manager = cls.env["data.job"].with_user(manager).create(export)
        cls.job_done = cls._run(
            jobs.create_export("res.partner", cls.domain, ["name", "email"], "csv")
        )
        # a field behind a group the user lacks: the run fails
        cls.job_failed = jobs.create(
            dict(export, field_names=["name", "message_ids/mail_ids"])
        )
        cls.job_failed.action_start()
        with mute_logger(RUNNER_LOGGER):
            cls._run(cls.job_failed)
            # internal users may create canned responses (not contacts)
            cls.job_import = cls._run(
                jobs.create_import(
                    "mail.canned.response",
                    "responses.csv",
                    base64.b64encode(IMPORT_CSV).decode(),
                )
            )
        cls.job_import_draft = jobs.create(
            {"job_type": "import", "res_model": "mail.canned.response"}
        )
        cls.private_file = (
            cls.env["ir.attachment"]
            .with_user(cls.another_user)
            .create({"name": "private.csv", "raw": IMPORT_CSV})
        )

    @classmethod
    def _make_templates(cls):
        user, manager = cls.roles["user"], cls.roles["manager"]
        templates = cls.env["data.job.template"]
        cls.template = templates.with_user(user).create(
            {
                "name": "Uma's canned responses",
                "res_model": "mail.canned.response",
                "direction": "both",
                "field_names": ["source", "substitution"],
            }
        )
        export = {
            "res_model": "res.partner",
            "direction": "export",
            "domain": cls.domain,
            "field_names": ["name"],
        }
        cls.template_manager = templates.with_user(manager).create(
            dict(export, name="Max's partners")
        )
        cls.template_other_company = templates.with_user(
            cls.roles["other_company"]
        ).create(dict(export, name="Olga's partners"))
        cls.templates = {
            "user": cls.template,
            "manager": cls.template_manager,
            "other_model": cls.template,
            "other_company": cls.template_other_company,
        }

    # ------------------------------------------------------------ the tests
    def test_fixtures(self):
        """The roles and objects are what the matrix says they are."""
        roles = self.roles
        for key in ("user", "manager", "other_company", "no_export"):
            self.assertTrue(roles[key].has_group("data_jobs.group_data_job_user"))
            self.assertFalse(roles[key].share)
        self.assertTrue(roles["manager"].has_group("data_jobs.group_data_job_manager"))
        self.assertFalse(roles["manager"].has_group("base.group_system"))
        self.assertFalse(roles["user"].has_group("data_jobs.group_data_job_manager"))
        for key in ("user", "manager", "other_company"):
            self.assertTrue(roles[key].has_group("base.group_allow_export"))
        self.assertFalse(roles["no_export"].has_group("base.group_allow_export"))
        self.assertEqual(roles["other_company"].company_ids, self.company_2)
        self.assertEqual(roles["user"].company_ids, self.company)
        for key in ("portal", "public"):
            self.assertTrue(roles[key].share)
            self.assertFalse(roles[key].has_group("data_jobs.group_data_job_user"))
        self.assertTrue(roles["public"]._is_public())
        self.assertEqual(
            (self.job_draft.state, self.job_done.state, self.job_failed.state),
            ("draft", "done", "failed"),
        )
        self.assertEqual(self.job_import.state, "done", self.job_import.error_message)
        self.assertTrue(self.job_done.output_file_id)
        self.assertTrue(self.job_failed.log_ids)
        for field in ("input_file_id", "failed_file_id", "success_file_id"):
            self.assertTrue(self.job_import[field], field)
        self.assertTrue(self.job_import.record_ids)
        self.assertEqual(self.job_draft.user_id, roles["user"])
        self.assertEqual(self.template.user_id, roles["user"])
        self.assertEqual(self.template_other_company.company_id, self.company_2)

    def test_access_matrix(self):
        for row in MATRIX:
            for role, _title in ROLES:
                expected = "allowed" if role in row.allowed else "refused"
                with self.subTest(role=role, subject=row.subject, op=row.operation):
                    outcome, detail = self._cell(row, role)
                    self.assertEqual(
                        outcome,
                        expected,
                        f"{role}: {row.subject}: {row.operation}: expected "
                        f"{expected}, got {outcome} {detail}",
                    )

    def test_matrix_covers_every_public_method(self):
        labels = " ".join(row.operation for row in MATRIX)
        for model, methods in PUBLIC_METHODS.items():
            for method in methods:
                self.assertTrue(hasattr(self.env[model], method), method)
                self.assertIn(f"`{method}`", labels, f"{model}.{method}")
        for row in MATRIX:
            self.assertTrue(hasattr(self, f"_op_{row.op[0]}"), row.op)

    def test_readme_shows_the_matrix(self):
        """CONFIGURE.md shows the very table this test walks."""
        text = README.read_text("utf-8")
        self.assertIn(README_HEADING, text)
        after = text.split(README_HEADING, 1)[1].splitlines()
        start = next((i for i, line in enumerate(after) if line.startswith("|")), 0)
        table = []
        for line in after[start:]:
            if not line.startswith("|"):
                break
            table.append(line)
        expected = markdown_table()
        self.assertEqual(
            "\n".join(table),
            expected,
            f"The table under '{README_HEADING}' in {README} is not the matrix "
            f"of {Path(__file__).name}: replace it with\n\n{expected}\n",
        )

    # ------------------------------------------------------------- one cell
    def _cell(self, row, role):
        """("allowed" | "refused", why) of ``row``'s operation as ``role``, its
        work rolled back whatever happens."""
        env = self.env(user=self.roles[role])
        method, *args = row.op
        with closing(self.env.cr.savepoint()):  # closing: always rolled back
            self.env.cr.clear()  # nothing cached: every access is checked
            try:
                getattr(self, f"_op_{method}")(env, *args)
                env.flush_all()
            except NotVisible as exc:
                return "refused", f"(not found: {exc})"
            except UserError as exc:
                return "refused", f"({type(exc).__name__}: {exc.args[0]})"
        return "allowed", ""

    def _visible(self, env, records):
        """``records`` as the role finds and reads them (NotVisible if not)."""
        found = env[records._name].search([("id", "in", records.ids)])
        if set(found.ids) != set(records.ids):
            raise NotVisible(f"{records._name} {records.ids}")
        found.read(["display_name"])
        return found

    def _owned_by(self, env, records):
        for record in records.sudo():
            self.assertEqual(record.user_id, env.user, f"owner of {record}")

    def _other_company(self, env):
        return self.company if env.company == self.company_2 else self.company_2

    def _export_values(self, **values):
        return dict(
            job_type="export",
            res_model="res.partner",
            domain=self.domain,
            field_names=["name"],
            **values,
        )

    def _import_content(self):
        return base64.b64encode(IMPORT_CSV).decode()

    # -------------------------------------------------------------- jobs
    def _op_job_see(self, env):
        self._visible(env, self.job_draft).read(["name", "state", "user_id"])

    def _op_job_create_export(self, env):
        job = env["data.job"].create_export("res.partner", self.domain, ["name"])
        self._owned_by(env, job)

    def _op_job_create_import(self, env):
        job = env["data.job"].create_import(
            "mail.canned.response", "responses.csv", self._import_content()
        )
        self._owned_by(env, job)

    def _op_job_create_for_other(self, env):
        env["data.job"].create(self._export_values(user_id=self.another_user.id))

    def _op_job_create_other_company(self, env):
        company = self._other_company(env)
        env["data.job"].create(self._export_values(company_id=company.id))

    def _op_job_create_engine(self, env, field):
        values = {
            "state": "done",
            "total_rows": 42,
            "output_file_id": self.job_done.output_file_id.id,
        }
        env["data.job"].create(self._export_values(**{field: values[field]}))

    def _op_job_write_settings(self, env):
        self.job_draft.with_env(env).write(
            {"file_format": "xlsx", "notes": "<p>Checked</p>"}
        )

    def _op_job_start(self, env):
        self.job_draft.with_env(env).action_start()

    def _op_job_cancel(self, env):
        self.job_draft.with_env(env).action_cancel()

    def _op_job_retry(self, env):
        self.job_failed.with_env(env).action_retry()

    def _op_job_reset(self, env):
        self.job_failed.with_env(env).action_reset_to_draft()

    def _op_job_download(self, env, job, method):
        job = self.job_done if job == "export" else self.job_import
        action = getattr(job.with_env(env), method)()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def _op_job_view_logs(self, env):
        action = self.job_failed.with_env(env).action_view_logs()
        self.assertEqual(action["res_model"], "data.job.log")

    def _op_job_open_records(self, env):
        action = self.job_import.with_env(env).action_open_records()
        self.assertEqual(action["res_model"], "mail.canned.response")

    def _op_job_write(self, env, field):
        values = {
            "state": "done",
            "total_rows": 42,
            "error_message": "Forged",
            "output_file_id": self.job_done.output_file_id.id,
            "queue_job_uuid": "forged-uuid",
            "scheduled": True,
        }
        self.job_draft.with_env(env).write({field: values[field]})

    def _op_job_write_state_with_key(self, env):
        job = self.job_draft.with_env(env).with_context(data_job_set_state=True)
        job.write({"state": "done"})

    def _op_job_take_over(self, env):
        mine = env.user == self.roles["user"]
        job = (self.job_manager if mine else self.job_draft).with_env(env)
        job.write({"user_id": env.uid})
        self._owned_by(env, job)

    def _op_job_give_away(self, env):
        self.job_draft.with_env(env).write({"user_id": self.another_user.id})

    def _op_job_move_company(self, env):
        self.job_draft.with_env(env).write({"company_id": self.company_2.id})

    def _op_job_link_template(self, env, job, template):
        job = self.job_draft if job == "draft" else self.job_done
        job.with_env(env).write({"template_id": self.templates[template].id})

    def _op_job_attach_own_file(self, env):
        attachment = env["ir.attachment"].create(
            {"name": "mine.csv", "raw": IMPORT_CSV}
        )
        self.job_import_draft.with_env(env).write({"input_file_id": attachment.id})

    def _op_job_attach_unreadable_file(self, env):
        job = self.job_import_draft.with_env(env)
        job.write({"input_file_id": self.private_file.id})

    def _op_job_delete(self, env):
        self.job_draft.with_env(env).unlink()

    # -------------------------------------------------------- logs, files
    def _logs(self):
        return self.job_failed.sudo().log_ids

    def _op_log_see(self, env):
        self._visible(env, self._logs()).read(["message", "level"])

    def _op_log_create(self, env):
        env["data.job.log"].create(
            {"job_id": self.job_failed.id, "level": "info", "message": "Forged"}
        )

    def _op_log_write(self, env):
        self._logs()[:1].with_env(env).write({"message": "Changed"})

    def _op_log_delete(self, env):
        self._logs()[:1].with_env(env).unlink()

    def _op_file_read(self, env, job, field):
        job = self.job_done if job == "export" else self.job_import
        attachment = job.sudo()[field].with_env(env)
        self.assertTrue(attachment.read(["raw"])[0]["raw"])

    # ------------------------------------------------------------ templates
    def _template_values(self, **values):
        return dict(
            name="Mine",
            res_model="res.partner",
            direction="export",
            field_names=["name"],
            **values,
        )

    def _op_template_see(self, env):
        self._visible(env, self.template).read(["name", "user_id"])

    def _op_template_create(self, env):
        template = env["data.job.template"].create(self._template_values())
        self._owned_by(env, template)
        self.assertEqual(template.sudo().company_id, env.company)

    def _op_template_create_for_other(self, env):
        env["data.job.template"].create(
            self._template_values(user_id=self.another_user.id)
        )

    def _op_template_write(self, env, owner):
        template = self.templates[owner].with_env(env)
        template.write({"name": "Renamed", "file_format": "xlsx"})

    def _op_template_take_over(self, env):
        mine = env.user == self.roles["user"]
        template = self.template_manager if mine else self.template
        template.with_env(env).write({"user_id": env.uid})
        self._owned_by(env, template)

    def _op_template_give_away(self, env):
        self.template.with_env(env).write({"user_id": self.another_user.id})

    def _op_template_move_company(self, env):
        self.template.with_env(env).write({"company_id": self.company_2.id})

    def _op_template_delete(self, env):
        self.template.with_env(env).unlink()

    def _op_template_create_export_job(self, env):
        self._owned_by(env, self.template.with_env(env).create_export_job())

    def _op_template_create_import_job(self, env):
        job = self.template.with_env(env).create_import_job(
            "responses.csv", self._import_content()
        )
        self._owned_by(env, job)

    def _op_template_action(self, env, method):
        action = getattr(self.template.with_env(env), method)()
        self.assertTrue(action.get("type"))

    def _op_template_download(self, env, method, route):
        action = getattr(self.template.with_env(env), method)()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "data.job.template"),
                    ("res_id", "=", self.template.id),
                ]
            ),
            "the file is built on request: no attachment is stored on the template",
        )
        self.assertRegex(
            action["url"], rf"^/data_jobs/template/{self.template.id}/{route}\b"
        )

    # -------------------------------------------------------------- wizards
    def _op_wizard_export(self, env):
        wizard = env["data.job.export.wizard"].create(
            {"res_model": "res.partner", "domain": self.domain, "file_format": "csv"}
        )
        wizard.action_export()
        job = env["data.job"].sudo().search([], limit=1)  # the newest
        self.assertEqual((job.job_type, job.user_id), ("export", env.user))

    def _op_wizard_import(self, env):
        wizard = env["data.job.import.wizard"].create(
            {
                "res_model": "mail.canned.response",
                "file": base64.b64encode(IMPORT_CSV),
                "file_name": "responses.csv",
            }
        )
        action = wizard.action_start()
        self._owned_by(env, env["data.job"].sudo().browse(action["res_id"]))
