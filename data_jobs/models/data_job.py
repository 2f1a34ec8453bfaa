# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One import or export: its settings, its life cycle and its results.

The work itself is done by plain objects in ``engine/``: the runner's batch
loop and the export and import engines, built once per run. This model owns
the fields, the state machine, the buttons and the API, and ``_end``: the one
path every end of a job takes (done, failed, cancelled, failed by the
watchdog). ``_set_state`` is the only writer of ``state``.

What the engine and the runner own (state, counters, dates, result files,
queue links) is written only through ``_engine_write``, whose context carries
``ENGINE_WRITE``: an object, so no client can send it (queue_job's
``EDIT_SENTINEL`` pattern); every other write of those fields is refused.
"""

import base64
import binascii
import logging
import os
import tempfile

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import ENGINES
from ..engine.export_engine import ExportEngine
from ..engine.import_engine import ImportEngine
from ..engine.runner import Runner
from ..io.convert import storable_text
from ..io.limits import file_size_error
from ..io.options import OptionError, check_file_name, validate_options, with_defaults
from ..io.readers import READERS, import_format
from ..resources import check_resources
from .data_job_live_mixin import COUNTERS

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
FINISHED_STATES = ("done", "failed", "cancelled")
# What the list and the badges show: a state, or "done" split in two
DISPLAY_STATES = [*STATES[:4], ("done_errors", "Done with errors"), *STATES[4:]]

# action -> (states it may start from, state it leads to)
TRANSITIONS = {
    "start": (("draft",), "queued"),
    "run": (("queued",), "running"),
    "finish": (("running",), "done"),
    "fail": (("queued", "running"), "failed"),
    "cancel": (("draft", "queued", "running"), "cancelled"),
    "reset": (("failed", "cancelled"), "draft"),
    "retry": (("failed",), "queued"),
}

# The key of the engine's context; its value must be this very object.
ENGINE_WRITE = object()
ENGINE_CONTEXT_KEY = "data_job_engine_write"

# Written by the engine and the runner only (see ``_engine_write``).
ENGINE_FIELDS = frozenset(
    {
        "state",
        *COUNTERS,
        "progress",
        "display_state",
        "model_id",
        "model_name",
        "start_date",
        "end_date",
        "error_message",
        "output_file_id",
        "failed_file_id",
        "success_file_id",
        "record_ids",
        "queue_job_uuid",
        "queue_job_id",
        "scheduled",
        "checkpoint",
    }
)
# Settings a user may change only while the job is not queued or running.
LOCKED_WHILE_BUSY = frozenset(
    {
        "res_model",
        "job_type",
        "domain",
        "field_names",
        "file_format",
        "options",
        "input_file_id",
        "template_id",
    }
)
MAX_LOG_MESSAGE = 4000  # characters of a log line's or a job's message
MAX_LOG_TEXT = 2000  # characters of a logged column name or value
FILE_FIELDS = ("input_file_id", "output_file_id", "failed_file_id", "success_file_id")


class DataJob(models.Model):
    _name = "data.job"
    _description = "Data Job"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "data.job.owner.mixin",
        "data.job.settings.mixin",
        "data.job.live.mixin",
        "data.job.options.mixin",
    ]
    _order = "id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    job_type = fields.Selection(
        [("import", "Import"), ("export", "Export")],
        string="Type",
        required=True,
        default="export",
        tracking=True,
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    model_id = fields.Many2one(
        "ir.model",
        string="Model Record",
        compute="_compute_model_id",
        compute_sudo=True,
        store=True,
        ondelete="cascade",
        index=True,
        groups="base.group_system",  # ir.model is readable by administrators only
    )
    model_name = fields.Char(
        string="Model",
        compute="_compute_model_id",
        compute_sudo=True,
        store=True,
        help="The model's name as users read it, e.g. Contact.",
    )
    options = fields.Json(help="Batch size, delimiter, encoding, ...")
    options_text = fields.Text(
        string="Options (JSON)",
        compute="_compute_options_text",
        inverse="_inverse_options_text",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
        index=True,
    )
    queue_job_uuid = fields.Char(string="Queue Job UUID", readonly=True, copy=False)
    queue_job_id = fields.Many2one(
        "queue.job",
        string="Queue Job",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups="queue_job.group_queue_job_manager",
    )
    start_date = fields.Datetime(readonly=True, copy=False)
    end_date = fields.Datetime(readonly=True, copy=False)
    duration = fields.Float(
        string="Duration (s)",
        digits=(16, 1),
        compute="_compute_duration",
        help="Seconds between start and end (or now, while running).",
    )
    total_rows = fields.Integer(readonly=True, copy=False)
    processed_rows = fields.Integer(readonly=True, copy=False)
    created_count = fields.Integer(string="Created", readonly=True, copy=False)
    updated_count = fields.Integer(string="Updated", readonly=True, copy=False)
    unchanged_count = fields.Integer(
        string="Unchanged",
        readonly=True,
        copy=False,
        help="Rows whose values were already those of the record: not written.",
    )
    skipped_count = fields.Integer(string="Skipped", readonly=True, copy=False)
    error_count = fields.Integer(string="Errors", readonly=True, copy=False)
    warning_count = fields.Integer(string="Warnings", readonly=True, copy=False)
    not_imported_count = fields.Integer(
        string="Valid Rows Not Imported",
        readonly=True,
        copy=False,
        help="Rows without errors that an all-or-nothing import did not keep, "
        "because other rows had errors (or the run was cancelled).",
    )
    display_state = fields.Selection(
        DISPLAY_STATES,
        string="Status",
        compute="_compute_display_state",
        store=True,
        help="The state, where a finished job in which rows failed says "
        "'Done with errors'.",
    )
    # Read-only marker for the form, the list and the systray; the option
    # itself is edited through opt_dry_run (data.job.options.mixin).
    dry_run = fields.Boolean(
        string="Is a Dry Run",
        compute="_compute_dry_run",
        help="An import that checks the file and counts what it would do, then "
        "keeps nothing.",
    )
    progress = fields.Float(
        compute="_compute_progress", store=True, aggregator="avg", copy=False
    )
    error_message = fields.Text(readonly=True, copy=False)
    log_ids = fields.One2many("data.job.log", "job_id", string="Logs", copy=False)
    log_count = fields.Integer(compute="_compute_log_count")
    input_file_id = fields.Many2one(
        "ir.attachment", string="Input File", copy=False, ondelete="set null"
    )
    # compute_sudo=False: a file's name is read with the reader's own rights
    input_file_name = fields.Char(
        related="input_file_id.name", string="Input Name", compute_sudo=False
    )
    output_file_id = fields.Many2one(
        "ir.attachment",
        string="Output File",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    output_file_name = fields.Char(
        related="output_file_id.name", string="Output Name", compute_sudo=False
    )
    failed_file_id = fields.Many2one(
        "ir.attachment",
        string="Failed Rows",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The rows that were not imported, with an import_error column: fix "
        "them and import this file again.",
    )
    failed_file_name = fields.Char(
        related="failed_file_id.name", string="Failed Name", compute_sudo=False
    )
    success_file_id = fields.Many2one(
        "ir.attachment",
        string="Imported Rows",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="Row number, record id, external id and action of each imported row.",
    )
    success_file_name = fields.Char(
        related="success_file_id.name", string="Imported Name", compute_sudo=False
    )
    record_ids = fields.Text(
        string="Imported Records",
        readonly=True,
        copy=False,
        help="Ids of the records the import created or updated, space-separated "
        "(compact: a list of 500k ids would cost the run its flat memory).",
    )
    notes = fields.Html()
    template_id = fields.Many2one(
        "data.job.template",
        string="Template",
        ondelete="set null",
        index="btree_not_null",
        copy=True,
    )
    checkpoint = fields.Json(
        readonly=True,
        copy=False,
        help="Where a run that stopped half-way goes on: the sheet and the last "
        "file row its committed batches cover (imports that keep good rows).",
    )
    scheduled = fields.Boolean(
        readonly=True,
        copy=False,
        help="Created by its template's schedule: the template's followers are "
        "told when it ends and its file counts for the template's file rotation.",
    )

    def _register_hook(self):
        """A custom resource that does not fit its model fails here, at load,
        with its message (rather than in the middle of a user's job)."""
        super()._register_hook()
        check_resources(self.env)

    # ------------------------------------------------------------------ computes
    @api.depends("res_model")
    def _compute_model_id(self):
        for job in self:
            model = (
                self.env["ir.model"]._get(job.res_model)
                if (job.res_model and job.res_model in self.env)
                else self.env["ir.model"]
            )
            job.model_id = model
            job.model_name = model.name or job.res_model

    @api.depends("state", "error_count")
    def _compute_display_state(self):
        for job in self:
            errors = job.state == "done" and job.error_count
            job.display_state = "done_errors" if errors else job.state

    @api.depends("options", "job_type")
    def _compute_dry_run(self):
        for job in self:
            job.dry_run = job.job_type == "import" and bool(
                isinstance(job.options, dict) and job.options.get("dry_run")
            )

    @api.depends("options")
    def _compute_options_text(self):
        for job in self:
            job.options_text = self._json_text(job.options, indent=2)

    def _options_direction(self):
        return self.job_type

    def _inverse_options_text(self):
        for job in self:
            job.options = self._json_value(
                job.options_text, self.env._("Options"), default={}
            )

    @api.depends("start_date", "end_date", "state")
    def _compute_duration(self):
        now = fields.Datetime.now()
        for job in self:
            end = job.end_date or (now if job.state == "running" else False)
            job.duration = (
                (end - job.start_date).total_seconds()
                if job.start_date and end
                else 0.0
            )

    @api.depends("processed_rows", "total_rows", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100.0
            elif job.total_rows:
                job.progress = min(100.0, 100.0 * job.processed_rows / job.total_rows)
            else:
                job.progress = 0.0

    def _compute_log_count(self):
        counts = dict(
            self.env["data.job.log"]._read_group(
                [("job_id", "in", self.ids)], ["job_id"], ["__count"]
            )
        )
        for job in self:
            job.log_count = counts.get(job, 0)

    # --------------------------------------------------------------- constraints
    @api.constrains("res_model")
    def _check_res_model(self):
        for job in self:
            if job.res_model not in self.env:
                raise ValidationError(
                    self.env._(
                        "There is no model named '%(model)s'. Use a technical name "
                        "such as res.partner.",
                        model=job.res_model,
                    )
                )

    @api.constrains("options", "job_type")
    def _check_options(self):
        for job in self:
            try:
                validate_options(job.options, job.job_type)
            except OptionError as exc:
                raise ValidationError(str(exc)) from exc

    @api.constrains("job_type")
    def _check_job_type_domain(self):
        self._check_domain()

    def _exports(self):
        return self.filtered(lambda job: job.job_type == "export")

    # ---------------------------------------------------------------------- crud
    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_engine_write():
            for vals in vals_list:
                self._check_user_values(vals)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("data.job") or "/"
        # defaults sent in the context (default_state=...) are values too
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[8:] in ENGINE_FIELDS)
        }
        # the whole context is replaced on purpose: the keys left out must go
        jobs = self.with_context(context)  # pylint: disable=context-overridden
        return super(DataJob, jobs).create(vals_list)

    def write(self, vals):
        if not self._is_engine_write():
            self._check_user_values(vals)
            if "template_id" in vals and self.filtered(lambda j: j.state != "draft"):
                raise UserError(
                    self.env._(
                        "The template of a job that has started cannot be changed."
                    )
                )
            locked = LOCKED_WHILE_BUSY & set(vals)
            busy = self.filtered(lambda j: j.state in ("queued", "running"))
            if locked and busy:
                raise UserError(
                    self.env._(
                        "%(job)s is %(state)s: cancel it before changing "
                        "its settings.",
                        job=busy[0].name,
                        state=busy[0]._state_label(),
                    )
                )
        return super().write(vals)

    def _is_engine_write(self):
        return self.env.context.get(ENGINE_CONTEXT_KEY) is ENGINE_WRITE

    def _engine_write(self, vals):
        """Write what the engine and the runner own (state, counters, result
        files, queue links): the only path to those fields. The owner hears
        of it on the bus (``_send_progress``), with the transaction."""
        result = self.with_context(**{ENGINE_CONTEXT_KEY: ENGINE_WRITE}).write(vals)
        self._send_progress(vals)
        return result

    def _check_user_values(self, vals):
        """Refuse, in values a user sends, what only the engine writes, and
        links to records the user may not use."""
        owned = sorted(ENGINE_FIELDS & set(vals))
        if "state" in owned:
            raise AccessError(
                self.env._(
                    "A job's state changes only through its buttons "
                    "(Start, Cancel, Retry, Reset to Draft)."
                )
            )
        if owned:
            raise AccessError(
                self.env._(
                    "%(fields)s of a data job is set by Data Jobs itself and cannot "
                    "be written.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in owned
                    ),
                )
            )
        if vals.get("template_id"):
            template = self.env["data.job.template"].browse(vals["template_id"])
            template.check_access("read")
            models_ = (
                {vals["res_model"]}
                if vals.get("res_model")
                else set(self.mapped("res_model"))
            )
            if models_ and models_ != {template.res_model}:
                raise UserError(
                    self.env._(
                        "The template %(template)s is for %(model)s.",
                        template=template.display_name,
                        model=template.res_model,
                    )
                )
        if vals.get("input_file_id"):
            # the file is read as the job's owner: it must be one they may read
            # (ir.attachment's own check: the record it is attached to, or its
            # creator for a file attached to nothing)
            self.env["ir.attachment"].browse(vals["input_file_id"]).check("read")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_busy(self):
        busy = self.filtered(lambda j: j.state in ("queued", "running"))
        if busy:
            raise UserError(
                self.env._(
                    "%(job)s is %(state)s: cancel it before deleting it.",
                    job=busy[0].name,
                    state=busy[0]._state_label(),
                )
            )

    # -------------------------------------------------------------- transitions
    def _state_label(self, state=None):
        return dict(self._fields["state"]._description_selection(self.env))[
            state or self.state
        ]

    def _display_state_label(self):
        """The state as users read it: "Done with errors" where rows failed."""
        self.ensure_one()
        selection = self._fields["display_state"]._description_selection(self.env)
        return dict(selection)[self.display_state or self.state]

    def _counters_summary(self):
        """What an import's counters say, truthfully: what a dry run would
        do, what an all-or-nothing run that was rolled back did not keep."""
        self.ensure_one()
        if self.job_type != "import" or not self.processed_rows:
            return ""
        values = {
            "created": self.created_count,
            "updated": self.updated_count,
            "unchanged": self.unchanged_count,
            "skipped": self.skipped_count,
            "errors": self.error_count,
            "not_imported": self.not_imported_count,
        }
        if self.dry_run:
            return self.env._(
                "Dry run, nothing was kept: would create %(created)s, would update "
                "%(updated)s, %(unchanged)s unchanged, would skip %(skipped)s, "
                "%(errors)s with errors.",
                **values,
            )
        if self.not_imported_count:
            return self.env._(
                "%(created)s created, %(not_imported)s valid rows not imported, "
                "%(errors)s with errors.",
                **values,
            )
        return self.env._(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(skipped)s skipped, %(errors)s with errors.",
            **values,
        )

    def _check_transition(self, action):
        allowed, _target = TRANSITIONS[action]
        for job in self:
            if job.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(job)s is %(state)s: it can be %(action)s only when it "
                        "is %(allowed)s.",
                        job=job.name,
                        state=job._state_label(),
                        action=self._action_label(action),
                        allowed=self.env._(" or ").join(
                            job._state_label(s) for s in allowed
                        ),
                    )
                )

    def _action_label(self, action):
        return {
            "start": self.env._("started"),
            "run": self.env._("run"),
            "finish": self.env._("finished"),
            "fail": self.env._("failed"),
            "cancel": self.env._("cancelled"),
            "reset": self.env._("reset to draft"),
            "retry": self.env._("retried"),
        }[action]

    def _set_state(self, action, **vals):
        """Apply ``action`` (a key of TRANSITIONS): the only writer of state."""
        self._check_transition(action)
        vals["state"] = TRANSITIONS[action][1]
        return self._engine_write(vals)

    def _reset_results(self):
        """Forget a previous run: counters, messages, logs and output file."""
        files = self._own_files(FILE_FIELDS[1:])
        self.log_ids.sudo().unlink()  # logs are read-only for users; the job owns them
        vals = dict.fromkeys(COUNTERS, 0)
        vals.update(
            error_message=False,
            start_date=False,
            end_date=False,
            output_file_id=False,
            failed_file_id=False,
            success_file_id=False,
            record_ids=False,
            queue_job_uuid=False,
            checkpoint=False,
        )
        self._engine_write(vals)
        files.unlink()

    def _own_files(self, field_names=FILE_FIELDS):
        """The attachments in ``field_names`` that belong to these jobs (the
        files the framework made for them, or their uploaded input): the only
        ones the framework deletes."""
        files = self.env["ir.attachment"]
        for name in field_names:
            files |= self[name]
        return files.filtered(
            lambda a: a.res_model == self._name and a.res_id in self.ids
        )

    def action_start(self):
        """Queue the job: it will run in the background as its owner."""
        self._check_transition("start")
        for job in self:
            job._check_ready()
            job._set_state("start")
            job._enqueue()
        return True

    def action_retry(self):
        """Queue a failed job again: an import that keeps good rows goes on
        after its last committed row; any other job starts from the top."""
        self._check_transition("retry")
        for job in self:
            if job._resumes():
                job._engine_write({"error_message": False, "end_date": False})
                job._log(
                    "info",
                    self.env._(
                        "Retried by %(user)s: the import goes on after row "
                        "%(row)s; the rows up to there are kept.",
                        user=self.env.user.name,
                        row=job.checkpoint.get("row"),
                    ),
                )
            else:
                job._reset_results()
            job._check_ready()
            job._set_state("retry")
            job._enqueue()
        return True

    def _resumes(self):
        """Whether a new run of this job goes on from its checkpoint."""
        self.ensure_one()
        if not self.checkpoint:
            return False
        kept = (
            self.created_count
            + self.updated_count
            + self.unchanged_count
            + self.skipped_count
        )
        if not kept:  # every committed row failed: nothing to go on from
            return False
        engine = ENGINES.get(self.job_type)
        try:
            return bool(engine) and engine(self).resumable
        except (UserError, ValidationError, OptionError):
            return False

    def action_cancel(self):
        """Cancel: a queued job leaves the queue, a running one stops at its
        next batch."""
        self._check_transition("cancel")
        for job in self:
            was = job.state
            # a running job records its own end when it stops at the next batch
            end = job.end_date if was == "running" else fields.Datetime.now()
            job._set_state("cancel", end_date=end)
            if was == "queued":
                job._cancel_queue_job()
            who = self.env.user.name
            if was == "running":
                job._log(
                    "info",
                    self.env._(
                        "Cancellation requested by %(user)s: the job stops after the "
                        "current batch.",
                        user=who,
                    ),
                )
            else:
                job._log("info", self.env._("Cancelled by %(user)s.", user=who))
        return True

    def action_reset_to_draft(self):
        """Back to draft from failed or cancelled, forgetting the last run."""
        self._check_transition("reset")
        for job in self:
            job._reset_results()
            job._set_state("reset")
        return True

    def _check_ready(self):
        """Refuse to queue a job that cannot run, with the reason."""
        self.ensure_one()
        if self.job_type == "export":
            if not self.user_id.has_group("base.group_allow_export"):
                raise UserError(
                    self.env._(
                        "%(user)s may not export data: Odoo's 'Access to export "
                        "feature' right is needed, as for Odoo's own export.",
                        user=self.user_id.name,
                    )
                )
            self._get_domain()
        elif not self.input_file_id:
            raise UserError(
                self.env._(
                    "%(job)s has no file to import: attach one first.", job=self.name
                )
            )
        else:
            self._check_not_duplicate()

    # -------------------------------------------------------------------- queue
    def _enqueue(self):
        """Store the queue job that will call ``_run`` as the job's owner."""
        self.ensure_one()
        job = (
            self.with_user(self.user_id)
            .with_company(self.company_id)
            .with_context(lang=self.user_id.lang, tz=self.user_id.tz)
            .with_delay(
                description=self.env._(
                    "%(type)s %(model)s (%(job)s)",
                    type=dict(self._fields["job_type"].selection)[self.job_type],
                    model=self.res_model,
                    job=self.name,
                ),
            )
            ._run()
        )
        queue_job = (
            self.env["queue.job"]
            .sudo()
            .search(  # users cannot read queue.job
                [("uuid", "=", job.uuid)], limit=1
            )
        )
        self._engine_write({"queue_job_uuid": job.uuid})
        # sudo: queue_job_id is readable by queue managers only
        self.sudo()._engine_write({"queue_job_id": queue_job.id})

    def _queue_job(self):
        """The queue.job record of this job (sudo: users cannot read the queue)."""
        self.ensure_one()
        if not self.queue_job_uuid:
            return self.env["queue.job"].sudo()
        return (
            self.env["queue.job"]
            .sudo()
            .search([("uuid", "=", self.queue_job_uuid)], limit=1)
        )

    def _cancel_queue_job(self):
        queue_job = self._queue_job()
        if queue_job and queue_job.state in (
            "wait_dependencies",
            "pending",
            "enqueued",
        ):
            queue_job.button_cancelled()

    # ---------------------------------------------------------------- API
    @api.model
    @api.returns("self", lambda job: job.id)
    def create_export(
        self, model, domain, fields=None, file_format="csv", options=None, template=None
    ):
        """Create and start an export job (its id over JSON-RPC/XML-RPC).

        ``domain`` is a list (or its text), ``fields`` a list of field paths
        such as ``["name", "country_id/name"]`` (empty: exportable fields).
        Unknown or forbidden fields, a bad filter or sort order are refused
        here, before anything is queued, with a message naming the problem.
        A template's options apply unless ``options`` say otherwise.
        """
        template = self._template(template)
        job = self.create(
            {
                "job_type": "export",
                "res_model": model,
                "domain": domain
                if isinstance(domain, str)
                else repr(list(domain or [])),
                "field_names": list(fields or []),
                "file_format": file_format,
                "options": self._with_template_options(template, "export", options),
                "template_id": template.id if template else False,
            }
        )
        # the engine the run will build, built now as the owner: it refuses
        # what the run would refuse (fields, filter, sort order)
        ExportEngine(job.with_user(job.user_id))
        job.action_start()
        return job

    @api.model
    @api.returns("self", lambda job: job.id)
    def create_import(
        self, model, file_name, file_content, options=None, template=None
    ):
        """Create and start an import job (its id over JSON-RPC/XML-RPC).

        ``file_content`` is the file's bytes, base64-encoded. A template's
        options apply unless ``options`` say otherwise.
        """
        template = self._template(template)
        try:
            file_name = check_file_name(file_name)
        except OptionError as exc:
            raise UserError(str(exc)) from exc
        extension = os.path.splitext(file_name or "")[1].lower()
        if extension not in READERS:
            raise UserError(
                self.env._(
                    "%(name)s cannot be imported: use a CSV, XLSX or JSON file.",
                    name=file_name,
                )
            )
        job_options = self._with_template_options(template, "import", options)
        try:
            limit = with_defaults(job_options, "import")["max_file_size"]
        except OptionError:  # refused below, with the others, by create()
            limit = with_defaults({}, "import")["max_file_size"]
        size_error = file_size_error(len(file_content or "") * 3 // 4, limit)
        if size_error:
            raise UserError(size_error)
        job = self.create(
            {
                "job_type": "import",
                "res_model": model,
                "file_format": import_format(file_name),
                "options": job_options,
                "template_id": template.id if template else False,
            }
        )
        job._attach_input(file_name, file_content)
        job.action_start()
        return job

    @api.model
    def _with_template_options(self, template, direction, options):
        """The job options: the template's, then those given (which win), so
        a template's options reach every job it starts, whatever starts it."""
        if not template:
            return dict(options or {})
        return dict(template._options(direction), **(options or {}))

    @api.model
    def _template(self, template):
        """The template given to the API: a record, or its id over RPC."""
        if isinstance(template, int) and not isinstance(template, bool):
            template = self.env["data.job.template"].browse(template)
        if template:
            template.check_access("read")
        return template or None

    def _attach_input(self, file_name, file_content):
        """Attach the uploaded file (base64), decoded piece by piece into the
        filestore: a large upload is never held decoded in memory as well."""
        self.ensure_one()
        if isinstance(file_content, str):
            file_content = file_content.encode("ascii", "replace")
        step = 4 * (1 << 18)  # base64 characters per piece: 1 MB decoded
        with tempfile.TemporaryFile(prefix="data_job_upload_") as tmp:
            try:
                for start in range(0, len(file_content or b""), step):
                    piece = file_content[start : start + step]
                    tmp.write(base64.b64decode(piece, validate=True))
            except (binascii.Error, ValueError, TypeError) as exc:
                raise UserError(
                    self.env._("The file content must be base64-encoded bytes.")
                ) from exc
            attachment = self._file_attachment(tmp, file_name)
        self.input_file_id = attachment
        return attachment

    def _file_attachment(self, fileobj, name, mimetype=None):
        """An attachment of this job with the content of ``fileobj``: every
        file of a job is made here, attached to it, so that the framework's
        clean-ups (``_own_files``) recognise it as the job's own."""
        self.ensure_one()
        vals = {"name": name, "res_model": self._name, "res_id": self.id}
        if mimetype:
            vals["mimetype"] = mimetype
        return self.env["ir.attachment"]._data_jobs_create_from_file(fileobj, vals)

    def _check_not_duplicate(self):
        """Refuse a second import of the same file into the same model while
        the owner's first one is still waiting or running (a double click).

        Only the owner's own jobs count: another user's jobs are neither
        searched nor named."""
        checksum = self.input_file_id.checksum
        if not checksum:
            return
        other = self.search(
            [
                ("id", "!=", self.id),
                ("user_id", "=", self.user_id.id),
                ("job_type", "=", "import"),
                ("res_model", "=", self.res_model),
                ("state", "in", ("queued", "running")),
                ("input_file_id.checksum", "=", checksum),
            ],
            limit=1,
        )
        if other:
            raise UserError(
                self.env._(
                    "You are already importing this file into %(model)s with "
                    "%(job)s (%(state)s). Wait for it to finish or cancel it first.",
                    model=self.model_name or self.res_model,
                    job=other.name,
                    state=other._state_label(),
                )
            )

    def _import_preview(self, limit=10):
        """What the import wizard shows before a run (see ImportEngine.preview)."""
        self.ensure_one()
        return ImportEngine(self).preview(limit)

    # ---------------------------------------------------------------- runs
    def _run(self):
        """Run data job"""
        self.ensure_one()
        for _counts in Runner(self).steps():
            pass
        return f"{self.name}: {self.state}"

    def _iter_run(self):
        """Run the job, yielding the counters of each finished batch."""
        return Runner(self).steps()

    def _autocommits(self):
        """True when the job runs in its own queue-job transaction (queue_job
        sets ``job_uuid``; our job function allows commits): it commits after
        each batch. Called directly (tests, no-delay mode), the job shares its
        caller's transaction and never commits it."""
        return bool(self.env.context.get("job_uuid"))

    def _commit(self):
        if self._autocommits():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _counters(self):
        return {name: self[name] for name in COUNTERS}

    def _add_counts(self, counts, checkpoint=None):
        """Add a batch's counters (and record its checkpoint)."""
        vals = {name: self[name] + value for name, value in counts.items() if value}
        if checkpoint is not None:
            vals["checkpoint"] = checkpoint
        if vals:
            self._engine_write(vals)

    def _set_counters(self, totals, absolute=False):
        """Write ``totals`` as the counters (all of them when ``absolute``)."""
        names = COUNTERS if absolute else [n for n in COUNTERS if n in totals]
        self._engine_write({name: totals.get(name, 0) for name in names})

    def _forget_progress(self):
        """A run that starts again from the top: its counters start at 0."""
        self._engine_write(dict(dict.fromkeys(COUNTERS, 0), checkpoint=False))

    # ------------------------------------------------------------- endings
    def _end(self, action, message=None):
        """Every end of a run goes here, once: done (``finish``), failed
        (``fail``, ``message`` is the reason), or stopped after a cancel
        (``None``: the state is already cancelled; ``message`` says what was
        kept). The end date, the log line, the owner's chatter message and
        pop-up, the template of a scheduled run, then the commit."""
        now = fields.Datetime.now()
        if action == "fail":
            message = storable_text(message, MAX_LOG_MESSAGE)
            self._set_state("fail", end_date=now, error_message=message)
            self._log("error", message)
        elif action:
            self._set_state(action, end_date=now)
        else:
            self._engine_write({"end_date": now})
            if message:
                self._log("info", message)
        self._notify_owner()
        if self.scheduled and self.template_id:
            # sudo: the owner may only read the template; posting a link on it
            # and rotating the files of its own scheduled jobs is the
            # template's housekeeping (see _after_job: no file is shared).
            self.template_id.sudo()._after_job(self.sudo())
        self._commit()

    def _retry_advice(self):
        """What Retry will do for this job, said to the user."""
        if self._resumes():
            return self.env._(
                "Use Retry to go on after row %(row)s: the rows up to there were "
                "kept and are not imported again.",
                row=self.checkpoint.get("row"),
            )
        return self.env._("Use Retry to run it again.")

    def _fail_interrupted(self):
        advice = self._retry_advice()
        self._end(
            "fail",
            self.env._(
                "The previous run of %(job)s was interrupted (server restart or "
                "worker crash) after %(count)s rows. %(advice)s",
                job=self.name,
                count=self.processed_rows,
                advice=advice,
            ),
        )

    def _notify_owner(self):
        """Tell the owner the job ended: a chatter message (with a link to the
        job and the file attached) and a pop-up whose buttons open the job or
        download its file (the ``data_jobs.job_ended`` bus notification, shown
        by static/src/job_notification)."""
        body = self.env._(
            "%(job)s ended: %(state)s.",
            job=self.name,
            state=self._display_state_label(),
        )
        summary = self._counters_summary()
        if summary:
            body += " " + summary
        if self.state == "failed":
            body += " " + self.error_message
        files = self.output_file_id | self.failed_file_id
        if files:
            body += " " + self.env._(
                "File: %(name)s", name=", ".join(files.mapped("name"))
            )
        url = f"/odoo/action-data_jobs.data_job_action/{self.id}"
        link = Markup('<a href="%s">%s</a>') % (url, self.name)
        self.sudo().message_post(  # posted by OdooBot so the owner is notified
            body=Markup(escape(body).replace(escape(self.name), link, 1)),
            author_id=self.env.ref("base.partner_root").id,
            partner_ids=self.user_id.partner_id.ids,
            attachment_ids=files.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.user_id._bus_send(
            "data_jobs.job_ended",
            {
                "job_id": self.id,
                "state": self.state,
                "title": self.env._("Data job %(job)s", job=self.name),
                "message": body,
                "type": {
                    "failed": "danger",
                    "cancelled": "warning",
                    "done_errors": "warning",
                }.get(self.display_state, "success"),
                "sticky": self.state == "failed",
                "url": url,
                "download_url": f"/web/content/{files[:1].id}?download=true"
                if files
                else False,
            },
        )

    # --------------------------------------------------------------------- logs
    def _log(
        self, level, message, row_number=0, column=False, value=False, row_data=None
    ):
        """Add one log line about this job."""
        self.ensure_one()
        return self._log_many(
            [self._log_vals(level, message, row_number, column, value, row_data)]
        )

    def _log_vals(
        self,
        level,
        message,
        row_number=0,
        column=False,
        value=False,
        row_data=None,
        sheet=False,
    ):
        # whatever a file lets through (a NUL, a 10 MB cell) must not make
        # the log line itself impossible to store
        return {
            "job_id": self.id,
            "sheet": storable_text(sheet, MAX_LOG_TEXT) if sheet else False,
            "level": level,
            "message": storable_text(message, MAX_LOG_MESSAGE),
            "row_number": row_number or 0,
            "column": storable_text(column, MAX_LOG_TEXT) if column else False,
            "value": False
            if value in (False, None)
            else storable_text(value, MAX_LOG_TEXT),
            "row_data": row_data
            and {
                storable_text(key, MAX_LOG_TEXT): storable_text(cell, MAX_LOG_TEXT)
                if isinstance(cell, str)
                else cell
                for key, cell in row_data.items()
            },
        }

    def _log_many(self, vals_list):
        """Create log lines in one go: the single path job messages take.

        sudo: users may read the logs of their jobs but not create any (the
        log is the engine's account of a run); these lines come from it."""
        return self.env["data.job.log"].sudo().create(vals_list)

    # ----------------------------------------------------------------- buttons
    def _open_action(self):
        """The job's form, e.g. after a wizard or a template created it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_logs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Logs of %(job)s", job=self.name),
            "res_model": "data.job.log",
            "view_mode": "list,form",
            "domain": [("job_id", "=", self.id)],
            "context": {"default_job_id": self.id, "search_default_group_level": 0},
        }

    def _download_action(self, attachment):
        self.ensure_one()
        if not attachment:
            raise UserError(self.env._("%(job)s has no such file.", job=self.name))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_download_output(self):
        return self._download_action(self.output_file_id)

    def action_download_input(self):
        return self._download_action(self.input_file_id)

    def action_download_failed(self):
        return self._download_action(self.failed_file_id)

    def action_download_success(self):
        return self._download_action(self.success_file_id)

    def _imported_ids(self):
        return [int(i) for i in (self.record_ids or "").split()]

    def action_open_records(self):
        """The records this import created or updated, in their own views."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Records of %(job)s", job=self.name),
            "res_model": self.res_model,
            "view_mode": "list,form",
            "domain": [("id", "in", self._imported_ids())],
            "context": {"active_test": False},
        }

    # ------------------------------------------------------------------- crons
    @api.model
    def _cron_fail_lost_jobs(self):
        """Fail jobs whose queue job died or vanished, so none stays running."""
        jobs = self.search([("state", "in", ("queued", "running"))])
        dead_states = ("done", "failed", "cancelled")
        for job in jobs:
            queue_job = job._queue_job()
            if queue_job and queue_job.state not in dead_states:
                continue
            if queue_job:
                reason = self.env._(
                    "Its background task ended as '%(state)s' without finishing the "
                    "job (the worker may have crashed or been stopped).",
                    state=queue_job.state,
                )
            else:
                reason = self.env._(
                    "Its background task no longer exists (deleted, or the queue was "
                    "purged)."
                )
            message = self.env._(
                "%(job)s stopped unexpectedly after %(count)s rows. %(reason)s "
                "%(advice)s",
                job=job.name,
                count=job.processed_rows,
                reason=reason,
                advice=job._retry_advice(),
            )
            _logger.warning("%s", message)
            job._end("fail", message)
        return True

    @api.model
    def _cron_delete_old_jobs(self):
        """Delete finished jobs (and their files) past the retention period."""
        # sudo: system parameters are readable by administrators only
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("data_jobs.retention_days", "30")
            or 0
        )
        if days <= 0:
            return True
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=days)
        old = self.search(
            [
                ("state", "in", FINISHED_STATES),
                "|",
                ("end_date", "<", limit),
                "&",
                ("end_date", "=", False),
                ("write_date", "<", limit),
            ]
        )
        files = old._own_files()
        count = len(old)
        old.unlink()
        files.exists().unlink()
        _logger.info("Deleted %s data jobs finished more than %s days ago", count, days)
        return True
