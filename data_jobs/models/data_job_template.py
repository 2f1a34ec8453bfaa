# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A reusable profile for jobs of one model, and its optional export schedule.

The template only fills a job's settings (``_job_values``); the job does the
work, so a template-made job runs, fails and is reported like any other.
"""

import io

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine.export_engine import MIMETYPES
from ..io.options import ENCODINGS, SPECS, OptionError, validate_options
from ..io.values import Column
from ..io.writers import make_writer
from ..resources import get_resource
from ..resources.registry import resource_label
from .data_job_settings_mixin import DELIMITERS

# template field -> job option it sets (when set)
OPTION_FIELDS = {
    "encoding": "encoding",
    "delimiter": "delimiter",
    "header_row": "header_row",
    "data_start_row": "data_start_row",
    "sheet": "sheet",
    "decimal_separator": "decimal_separator",
    "thousands_separator": "thousands_separator",
    "date_format": "date_format",
    "on_error": "on_error",
    "create_missing": "create_missing",
    "update_existing": "update_existing",
    "header": "header",
    "import_compatible": "import_compatible",
}
IMPORT_ONLY = {
    "header_row",
    "data_start_row",
    "sheet",
    "decimal_separator",
    "thousands_separator",
    "date_format",
    "on_error",
    "create_missing",
    "update_existing",
}
EXPORT_ONLY = {"header", "import_compatible"}
SAMPLE_ROWS = 3
JSON_FIELDS = ("field_names", "mapping", "upsert_key", "extra_options")


class DataJobTemplate(models.Model):
    _name = "data.job.template"
    _description = "Data Job Template"
    _inherit = ["mail.thread", "data.job.owner.mixin", "data.job.settings.mixin"]
    _order = "res_model, name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    direction = fields.Selection(
        [("both", "Import and export"), ("import", "Import"), ("export", "Export")],
        required=True,
        default="both",
    )
    model_name = fields.Char(string="Model", compute="_compute_model_name")
    resource_name = fields.Char(
        string="Resource",
        compute="_compute_model_name",
        help="The resource that maps this model: a custom one from an addon, "
        "or the generic one built from the model's fields.",
    )
    resource_class = fields.Char(
        compute="_compute_model_name",
        help="The Python class of the resource, for developers.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
        help="Scheduled exports run as this user, with their access rights.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # export
    header = fields.Selection([("label", "Labels"), ("name", "Technical names")])
    import_compatible = fields.Boolean()
    # reading
    encoding = fields.Selection([(e, e) for e in ENCODINGS])
    delimiter = fields.Selection(DELIMITERS)
    header_row = fields.Integer(default=1)
    data_start_row = fields.Integer(help="Empty: the row after the header.")
    sheet = fields.Char(help="Sheet name or number (XLSX); empty: the first.")
    decimal_separator = fields.Selection([(".", "Point (.)"), (",", "Comma (,)")])
    thousands_separator = fields.Char(size=1)
    date_format = fields.Char(help="e.g. %d/%m/%Y; empty: ISO dates.")
    # writing
    mapping = fields.Json(help='{"File column": "field/path", "Other": false}')
    upsert_key = fields.Json(help='["ref"], ["name", "company_id"] or ["id"].')
    create_missing = fields.Boolean(default=True)
    update_existing = fields.Boolean(default=True)
    on_error = fields.Selection(
        [("skip", "Skip bad rows"), ("all_or_nothing", "All or nothing")],
        default="skip",
    )
    extra_options = fields.Json(help="Any other job option, e.g. {'batch_size': 500}.")
    # schedule
    schedule_active = fields.Boolean(string="Scheduled", tracking=True)
    interval_number = fields.Integer(string="Every", default=1)
    interval_type = fields.Selection(
        [
            ("hours", "Hours"),
            ("days", "Days"),
            ("weeks", "Weeks"),
            ("months", "Months"),
        ],
        default="days",
    )
    next_run = fields.Datetime(default=fields.Datetime.now, copy=False)
    keep_files = fields.Integer(
        default=5, help="Files of scheduled runs kept; older ones are deleted."
    )
    send_email = fields.Boolean(
        string="E-mail the File",
        help="Followers are told by e-mail of each scheduled run (otherwise by an "
        "internal note). They receive a link to the job, never the file: only the "
        "owner, as whom the export runs, receives the file.",
    )
    field_names_text = fields.Text(
        string="Fields (JSON)",
        compute="_compute_json_texts",
        inverse="_inverse_json_texts",
    )
    mapping_text = fields.Text(
        string="Mapping (JSON)",
        compute="_compute_json_texts",
        inverse="_inverse_json_texts",
    )
    upsert_key_text = fields.Text(
        string="Upsert Key (JSON)",
        compute="_compute_json_texts",
        inverse="_inverse_json_texts",
    )
    extra_options_text = fields.Text(
        string="Other Options (JSON)",
        compute="_compute_json_texts",
        inverse="_inverse_json_texts",
    )
    job_ids = fields.One2many("data.job", "template_id", string="Jobs")
    job_count = fields.Integer(compute="_compute_job_count")

    @api.depends("res_model")
    def _compute_model_name(self):
        for template in self:
            if template.res_model in self.env:
                model = self.env[template.res_model]
                template.model_name = model._description
                template.resource_name = resource_label(self.env, template.res_model)
                resource_class = type(get_resource(self.env, template.res_model))
                template.resource_class = (
                    f"{resource_class.__module__}.{resource_class.__qualname__}"
                )
            else:
                template.model_name = template.resource_name = False
                template.resource_class = False

    @api.depends(*JSON_FIELDS)
    def _compute_json_texts(self):
        for template in self:
            for name in JSON_FIELDS:
                template[f"{name}_text"] = self._json_text(template[name])

    def _inverse_json_texts(self):
        for template in self:
            for name in JSON_FIELDS:
                text_field = template._fields[f"{name}_text"]
                template[name] = self._json_value(
                    template[text_field.name], text_field.string
                )

    def _compute_job_count(self):
        counts = dict(
            self.env["data.job"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.job_count = counts.get(template, 0)

    @api.constrains("res_model", "domain", "field_names", "extra_options", "mapping")
    def _check_settings(self):
        for template in self:
            if template.res_model not in self.env:
                raise ValidationError(
                    self.env._(
                        "There is no model named '%(model)s'.", model=template.res_model
                    )
                )
            directions = template._directions()
            known = set().union(*(_known(d) for d in directions))
            unknown = set(template.extra_options or {}) - known
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Unknown option '%(option)s' for %(directions)s jobs.",
                        option=sorted(unknown)[0],
                        directions=" / ".join(directions),
                    )
                )
            for direction in directions:
                try:
                    validate_options(template._options(direction), direction)
                except OptionError as exc:
                    raise ValidationError(str(exc)) from exc

    @api.constrains("direction")
    def _check_direction_domain(self):
        self._check_domain()

    def _exports(self):
        return self.filtered(lambda template: template.direction != "import")

    @api.constrains("interval_number", "keep_files")
    def _check_schedule(self):
        for template in self:
            if template.schedule_active and template.interval_number < 1:
                raise ValidationError(self.env._("A schedule runs every 1 or more."))
            if template.keep_files < 0:
                raise ValidationError(self.env._("Files to keep cannot be negative."))

    # ----------------------------------------------------------------- jobs
    def _directions(self):
        return ("import", "export") if self.direction == "both" else (self.direction,)

    def _options(self, direction):
        """The job options this template sets for ``direction``."""
        skip = EXPORT_ONLY if direction == "import" else IMPORT_ONLY
        options = {}
        for field_name, option in OPTION_FIELDS.items():
            value = self[field_name]
            if field_name in skip:
                continue
            if self._fields[field_name].type == "boolean" or value not in (False, ""):
                options[option] = value
        if direction == "import":
            if self.mapping:
                options["mapping"] = self.mapping
            if self.upsert_key:
                options["upsert_key"] = self.upsert_key
        known = _known(direction)
        options.update(
            {k: v for k, v in (self.extra_options or {}).items() if k in known}
        )
        return options

    @api.model
    def _values_from_options(self, direction, options):
        """Template fields for a job's ``options`` (the inverse of
        ``_options``); what belongs to one run (ids, dry run) is left out."""
        fields_by_option = {option: name for name, option in OPTION_FIELDS.items()}
        skip = EXPORT_ONLY if direction == "import" else IMPORT_ONLY
        vals, extra = {}, {}
        for option, value in (options or {}).items():
            name = fields_by_option.get(option)
            if option in ("ids", "dry_run"):
                continue
            if name and name not in skip:
                vals[name] = value
            elif option in ("mapping", "upsert_key"):
                vals[option] = value
            else:
                extra[option] = value
        vals["extra_options"] = extra or False
        return vals

    @api.model
    def _create_from_wizard(self, direction, values):
        """A template from a wizard's ``_template_values()``, opened to name it."""
        model_label = self.env[values["res_model"]]._description
        vals = dict(
            self._values_from_options(direction, values.get("options")),
            name=self.env._(
                "%(model)s %(direction)s",
                model=model_label,
                direction=dict(self._fields["direction"].selection)[direction].lower(),
            ),
            direction=direction,
            res_model=values["res_model"],
            file_format=values.get("file_format") or "csv",
        )
        if direction == "export":
            vals.update(domain=values.get("domain") or "[]")
            vals.update(field_names=values.get("field_names") or False)
        template = self.create(vals)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": template.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _job_values(self, direction):
        self.ensure_one()
        if direction not in self._directions():
            raise UserError(
                self.env._(
                    "%(template)s is a template for %(direction)s jobs only.",
                    template=self.name,
                    direction=self.direction,
                )
            )
        values = {
            "job_type": direction,
            "res_model": self.res_model,
            "file_format": self.file_format,
            "options": self._options(direction),
            "template_id": self.id,
        }
        if direction == "export":
            values.update(domain=self.domain or "[]", field_names=self.field_names)
        return values

    def create_export_job(self):
        """Create and start an export with this template (returns the job)."""
        values = self._job_values("export")
        return self.env["data.job"].create_export(
            values["res_model"],
            values["domain"],
            values["field_names"],
            values["file_format"],
            values["options"],
            template=self,
        )

    def create_import_job(self, file_name, file_content, options=None):
        """Create and start an import of ``file_content`` (base64) with this
        template; ``options`` override the template's."""
        values = self._job_values("import")
        return self.env["data.job"].create_import(
            values["res_model"],
            file_name,
            file_content,
            dict(values["options"], **(options or {})),
            template=self,
        )

    def action_start_export(self):
        job = self.create_export_job()
        return job._open_action()

    def action_import_file(self):
        """The import wizard, preset with this template."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "data_jobs.data_job_import_wizard_action"
        )
        action["context"] = {
            "default_res_model": self.res_model,
            "default_template_id": self.id,
        }
        return action

    def action_view_jobs(self):
        self.ensure_one()
        self.check_access("read")  # the action names no field: check explicitly
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "data_jobs.data_job_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"default_template_id": self.id}
        return action

    # ----------------------------------------------------------- sample file
    def _sample_columns(self):
        """The columns a file for this template has, as the job would name them."""
        resource = get_resource(self.env, self.res_model)
        if self.mapping and self.direction != "export":
            headers = [h for h, path in self.mapping.items() if path]
            return [Column(name=h, label=h) for h in headers], None, resource
        paths = list(self.field_names or []) or resource.default_export_fields()
        columns = resource.export_columns(paths, self.import_compatible)
        return columns, paths, resource

    def _sample_file(self, with_rows):
        """An empty file with the template's headers, or with a few records."""
        self.ensure_one()
        columns, paths, resource = self._sample_columns()
        file_format = self.file_format if self.file_format in ("csv", "xlsx") else "csv"
        options = {
            k: v
            for k, v in self._options("export").items()
            if k in ("encoding", "delimiter", "header")
        }
        if self.import_compatible:
            options["header"] = "name"
        buffer = io.BytesIO()
        writer = make_writer(file_format, buffer, columns, options)
        if with_rows and paths:
            domain = self._get_domain()
            records = self.env[self.res_model].search(domain, limit=SAMPLE_ROWS)
            writer.write_rows(
                resource.export_rows(records, paths, self.import_compatible)
            )
        writer.close()
        suffix = "sample" if with_rows else "template"
        name = f"{self.res_model.replace('.', '_')}_{suffix}.{file_format}"
        return name, buffer.getvalue(), file_format

    def _sample_download(self, with_rows):
        """``(name, content, mimetype)`` of the empty or sample file, built
        now with the current user's rights; nothing is stored.

        A sample holds records, so it needs what an export needs: Odoo's
        export right and read access to the model."""
        self.ensure_one()
        self.check_access("read")
        if with_rows:
            if not self.env.user.has_group("base.group_allow_export"):
                raise AccessError(
                    self.env._(
                        "A sample holds records: Odoo's 'Access to export feature' "
                        "right is needed to download it, as for an export."
                    )
                )
            self.env[self.res_model].check_access("read")
        name, content, file_format = self._sample_file(with_rows)
        return name, content, MIMETYPES[file_format]

    def _download(self, with_rows):
        # checked here so that a refusal shows as a message, not as an HTTP error
        self._sample_download(with_rows)
        kind = "sample" if with_rows else "empty"
        return {
            "type": "ir.actions.act_url",
            "url": f"/data_jobs/template/{self.id}/{kind}",
            "target": "self",
        }

    def action_download_empty(self):
        """An empty file with the columns of this template."""
        return self._download(with_rows=False)

    def action_download_sample(self):
        """A file with the columns and a few records (needs the export right)."""
        return self._download(with_rows=True)

    # -------------------------------------------------------------- schedule
    @api.model
    def _cron_run_schedules(self):
        """Create the export jobs that are due, as each template's owner."""
        now = fields.Datetime.now()
        due = self.search(
            [
                ("schedule_active", "=", True),
                ("next_run", "<=", now),
                ("direction", "in", ("export", "both")),
            ]
        )
        for template in due:
            refusal = template._schedule_owner_refusal()
            if refusal:
                template.schedule_active = False
                template.message_post(
                    body=self.env._(
                        "The scheduled export could not start: %(error)s The "
                        "schedule was switched off.",
                        error=refusal,
                    )
                )
                continue
            owner = template.with_user(template.user_id).with_company(
                template.company_id
            )
            try:
                with self.env.cr.savepoint():
                    job = owner.create_export_job()
                    job._engine_write({"scheduled": True})
            except (UserError, ValidationError) as exc:
                # settings the owner may not use would be refused at every run
                template.schedule_active = False
                template.message_post(
                    body=self.env._(
                        "The scheduled export could not start: %(error)s The "
                        "schedule was switched off.",
                        error=exc.args[0],
                    )
                )
            template.next_run = template._next_run_after(now)
        return True

    def _schedule_owner_refusal(self):
        """Why the owner cannot run this schedule, or None.

        The schedule runs as its owner, so the owner must be a real user who
        still holds what an export needs; the ownership guard already keeps
        the superuser out, this also catches users who lost their rights."""
        self.ensure_one()
        owner = self.user_id
        if owner._is_superuser() or owner._is_public():
            return self.env._(
                "%(user)s is not a real user: exports never run as the superuser.",
                user=owner.name,
            )
        if not owner.active or owner.share:
            return self.env._(
                "its owner %(user)s is no longer an active internal user.",
                user=owner.name,
            )
        if not owner.has_group("data_jobs.group_data_job_user"):
            return self.env._(
                "its owner %(user)s may no longer run data jobs.", user=owner.name
            )
        if not owner.has_group("base.group_allow_export"):
            return self.env._(
                "its owner %(user)s no longer has Odoo's 'Access to export feature' "
                "right.",
                user=owner.name,
            )
        if self.company_id not in owner.company_ids:
            return self.env._(
                "its owner %(user)s no longer belongs to %(company)s.",
                user=owner.name,
                company=self.company_id.name,
            )
        if self.res_model not in self.env or not self.env[self.res_model].with_user(
            owner
        ).has_access("read"):
            return self.env._(
                "its owner %(user)s may not read %(model)s.",
                user=owner.name,
                model=self.res_model,
            )
        return None

    def _next_run_after(self, now):
        step = relativedelta(**{self.interval_type: self.interval_number})
        run = self.next_run or now
        while run <= now:
            run += step
        return run

    def _after_job(self, job):
        """A scheduled export ended: tell the followers, keep the last files.

        Followers get a link to the job, which they may or may not be allowed
        to open; never the file, which holds what only the owner may read."""
        self.ensure_one()
        if job.job_type != "export" or not job.scheduled:
            return
        url = f"/odoo/action-data_jobs.data_job_action/{job.id}"
        text = self.env._(
            "Scheduled export %(job)s: %(state)s.",
            job=job.name,
            state=job._state_label(),
        )
        link = Markup('<a href="%s">%s</a>') % (url, job.name)
        body = Markup(escape(text).replace(escape(job.name), link, 1))
        self.message_post(
            body=body,
            subtype_xmlid="mail.mt_comment" if self.send_email else "mail.mt_note",
        )
        self._rotate_files()

    def _rotate_files(self):
        """Keep the files of the last ``keep_files`` scheduled exports of this
        template; delete only files the framework made for those jobs."""
        if not self.keep_files:
            return
        # sudo: the scheduled jobs of this template are its owner's, and the
        # rotation runs at the end of one of them; only their own files go.
        jobs = (
            self.env["data.job"]
            .sudo()
            .search(
                [
                    ("template_id", "=", self.id),
                    ("scheduled", "=", True),
                    ("job_type", "=", "export"),
                    ("output_file_id", "!=", False),
                ],
                order="id desc",
            )
        )
        old = jobs[self.keep_files :]
        files = old._own_files(["output_file_id"])
        old._engine_write({"output_file_id": False})
        files.unlink()


def _known(direction):
    return {name for name, spec in SPECS.items() if direction in spec["dirs"]}
