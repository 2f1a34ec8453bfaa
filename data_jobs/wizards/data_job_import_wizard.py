# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import wizard: upload a file, check what it will do, start the job.

Opened from any list view's cog menu ("Import in background…", see
static/src/import_cog_menu) with the list's model, or from the Data Jobs menu.
The file is read as the job will read it (``data.job._import_preview`` on an
in-memory job): its first rows, the field each column fills and why a column
fills none. The user may send a column to another field or ignore it, and tick
the columns that identify existing records. The buttons read the file again
with the options of the form (they never rely on an onchange having run),
refuse what the job would refuse at once, and start the job through
``data.job.create_import``, the path the API uses.

Templates hook: ``_template_values()`` returns what a saved template stores
(the model and the job options, the column mapping included). A template model
only has to store that dict and open this wizard with it as defaults.
"""

import base64
import binascii

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context

from ..engine.column_messages import duplicate_column, ignored_column
from ..io.options import ENCODINGS, SPECS, OptionError, validate_options
from ..io.readers import import_format
from ..models.data_job_settings_mixin import DELIMITERS
from ..resources import get_resource
from ..resources.header_suggestions import REMEMBERED
from ..resources.import_columns import normalize
from ..resources.shown_fields import is_technical

PREVIEW_ROWS = 10
SAMPLE_VALUES = 3
OWN_IDS = ("id", ".id")  # the record's external id and database id
# selection keys must make distinct external ids: names, not the characters
SEPARATORS = {"none": "", "comma": ",", "dot": ".", "space": " ", "apostrophe": "'"}
THOUSANDS = [
    ("none", "None"),
    ("comma", "Comma (1,234)"),
    ("dot", "Dot (1.234)"),
    ("space", "Space (1 234)"),
    ("apostrophe", "Apostrophe (1'234)"),
]


class DataJobImportWizard(models.TransientModel):
    _name = "data.job.import.wizard"
    _inherit = "data.job.wizard.mixin"
    _description = "Import in Background"
    _direction = "import"

    res_model = fields.Selection(
        help="The records to create or update. Only the models you may change "
        "are listed."
    )
    template_id = fields.Many2one(
        domain="[('res_model', '=', res_model), ('direction', 'in', ('import', "
        "'both'))]",
        help="Read and write the file as this template says: its options, "
        "column mapping and match key fill the form.",
    )
    file = fields.Binary(
        attachment=False,
        help="A CSV, Excel (XLSX) or JSON file (a data_jobs JSON export).",
    )
    file_name = fields.Char()
    file_type = fields.Selection(
        [("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON")],
        compute="_compute_file_type",
    )

    # ------------------------------------------------------- reading options
    encoding = fields.Selection(
        [(e, e) for e in ENCODINGS], help="Empty: detected from the file."
    )
    delimiter = fields.Selection(DELIMITERS, help="Empty: detected from the file.")
    quotechar = fields.Char(
        string="Text Delimiter", default=SPECS["quotechar"]["default"], size=1
    )
    header_row = fields.Integer(
        default=SPECS["header_row"]["default"],
        help="Row of the file that holds the column names.",
    )
    data_start_row = fields.Integer(
        string="First Data Row",
        help="Row of the first record; 0: the row after the column names.",
    )
    sheet = fields.Char(
        help="Excel: the name or number (from 0) of the sheet; empty: the first."
    )
    decimal_separator = fields.Selection(
        [("dot", "Dot (1234.56)"), ("comma", "Comma (1234,56)")],
        required=True,
        default="dot",
    )
    thousands_separator = fields.Selection(THOUSANDS, required=True, default="none")
    date_format = fields.Char(
        help="How dates are written, e.g. %d/%m/%Y; empty: YYYY-MM-DD. Excel "
        "dates need none.",
    )

    # ------------------------------------------------------- writing options
    on_error = fields.Selection(
        [
            ("skip", "Import the valid rows, report the others"),
            ("all_or_nothing", "Import nothing if a row has an error"),
        ],
        string="Rows with Errors",
        required=True,
        default=SPECS["on_error"]["default"],
    )
    create_missing = fields.Boolean(
        string="Create New Records",
        default=SPECS["create_missing"]["default"],
        help="Create a record for each row that matches none.",
    )
    update_existing = fields.Boolean(
        string="Update Existing Records",
        default=SPECS["update_existing"]["default"],
        help="Write the row's values on the record it matches.",
    )
    create_related = fields.Boolean(
        string="Create Missing Related Records",
        default=SPECS["create_related"]["default"],
        help="A name that matches no related record (a country, a tag, ...) "
        "creates it instead of being an error.",
    )
    tracking = fields.Boolean(
        string="Track Changes",
        default=SPECS["tracking"]["default"],
        help="Log the changes in the records' chatter (slower).",
    )
    batch_size = fields.Integer(
        default=SPECS["batch_size"]["default"],
        help="Rows written together; a failing batch is retried row by row.",
    )
    key_summary = fields.Char(
        string="Existing Records Matched On", compute="_compute_messages"
    )

    # --------------------------------------------------------------- preview
    line_ids = fields.One2many(
        "data.job.import.wizard.column",
        "wizard_id",
        string="Columns",
        compute="_compute_preview",
        store=True,
        readonly=False,
        compute_sudo=False,
    )
    preview_rows = fields.Json(
        compute="_compute_preview", store=True, compute_sudo=False
    )
    preview_info = fields.Char(
        string="Detected", compute="_compute_preview", store=True, compute_sudo=False
    )
    preview_error = fields.Text(
        compute="_compute_preview", store=True, compute_sudo=False
    )
    preview_model = fields.Char(
        compute="_compute_preview",
        store=True,
        compute_sudo=False,
        help="The model the columns were matched against.",
    )
    preview_html = fields.Html(string="First Rows", compute="_compute_preview_html")
    field_choices = fields.Json(
        compute="_compute_field_choices",
        help="[[path, label]] of the fields a column may fill, for the view.",
    )
    error_html = fields.Html(string="Errors", compute="_compute_messages")
    warning_html = fields.Html(string="Warnings", compute="_compute_messages")

    # ---------------------------------------------------------------- values
    @api.model
    def _model_allowed(self, records):
        """Models the user may create or change records of."""
        return records.has_access("create") or records.has_access("write")

    @api.model
    def default_get(self, fields_list):
        """The model comes from ``default_res_model`` or, opened as a contextual
        action, ``active_model``; one the user cannot import into is dropped."""
        values = super().default_get(fields_list)
        if "res_model" in fields_list:
            model = values.get("res_model") or self.env.context.get("active_model")
            allowed = {m for m, _label in self._selection_res_model()}
            values["res_model"] = model if model in allowed else False
        return values

    @api.depends("file_name")
    def _compute_file_type(self):
        for wizard in self:
            wizard.file_type = import_format(wizard.file_name)

    @api.depends("res_model")
    def _compute_field_choices(self):
        """The fields the mapping dropdown offers: the importable ones but
        the technical ones (chatter, activities...: see shown_fields), which
        a column still fills when its header names them."""
        for wizard in self:
            choices = []
            if wizard.res_model:
                records = self.env[wizard.res_model]
                for path, label in wizard._resource().importable_fields():
                    field = records._fields.get(path.split("/")[0])
                    if field is None or not is_technical(records, field):
                        choices.append([path, label])
            wizard.field_choices = choices

    def _resource(self):
        return get_resource(self.env, self.res_model)

    # --------------------------------------------------------------- preview
    def _file_content(self):
        """The uploaded file's base64 content (never its size: ``bin_size``)."""
        return self.with_context(bin_size=False).file or False

    def _reading_options(self):
        """The options that decide how the file is read (not how it is
        written); those of the other file type are left out."""
        csv = self.file_type == "csv"
        return {
            "encoding": (self.encoding or None) if csv else None,
            "delimiter": (self.delimiter or None) if csv else None,
            "quotechar": (self.quotechar or None) if csv else None,
            "header_row": self.header_row or None,
            "data_start_row": self.data_start_row or None,
            "sheet": (self.sheet or "").strip() or None
            if self.file_type == "xlsx"
            else None,
        }

    def _read_preview(self):
        """``data.job._import_preview`` of the uploaded file with the reading
        options, on an in-memory job (nothing is stored). Raises UserError."""
        self.ensure_one()
        try:
            raw = base64.b64decode(self._file_content() or b"", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise UserError(
                self.env._("The file could not be read: upload it again.")
            ) from exc
        reading = self._reading_options()
        if self.template_id.mapping:
            reading["mapping"] = self.template_id.mapping
        try:
            options = validate_options(reading, "import")
        except OptionError as exc:
            raise UserError(str(exc)) from exc
        attachment = self.env["ir.attachment"].new(
            {"name": self.file_name or "import.csv", "raw": raw}
        )
        job = self.env["data.job"].new(
            {
                "job_type": "import",
                "res_model": self.res_model,
                "file_format": self.file_type,
                "options": options,
                "input_file_id": attachment,
            }
        )
        return job._import_preview(limit=PREVIEW_ROWS)

    def _detected_info(self, detected):
        if "sheet" in detected:
            return self.env._(
                "Sheet %(sheet)s (the workbook has: %(sheets)s)",
                sheet=detected["sheet"],
                sheets=", ".join(detected.get("sheets") or []),
            )
        labels = dict(self._fields["delimiter"]._description_selection(self.env))
        delimiter = labels.get(detected.get("delimiter"))
        return self.env._(
            "Encoding %(encoding)s, columns separated by %(delimiter)s",
            encoding=detected.get("encoding"),
            delimiter=delimiter or repr(detected.get("delimiter")),
        )

    @api.depends(
        "file",
        "file_name",
        "res_model",
        "template_id",
        "encoding",
        "delimiter",
        "quotechar",
        "header_row",
        "data_start_row",
        "sheet",
    )
    def _compute_preview(self):
        """Read the first rows and match the columns. A column the user sent
        to another field, ignored or ticked as key keeps that choice as long
        as the file has a column of that name and the model is the same;
        lines written without a preview (RPC, a template) are all choices."""
        for wizard in self:
            kept = {}
            if not wizard.preview_model:  # lines given as such (RPC, template)
                kept = {
                    line.header: (line.field_path or False, line.is_key)
                    for line in wizard.line_ids
                }
            elif wizard.preview_model == wizard.res_model:
                kept = {
                    line.header: (line.field_path or False, line.is_key)
                    for line in wizard.line_ids
                    if (line.field_path or False) != (line.detected_path or False)
                    or line.is_key
                }
            wizard.preview_model = wizard.res_model
            wizard.preview_rows = wizard.preview_info = wizard.preview_error = False
            commands = [Command.clear()]
            if wizard.res_model and wizard.file:
                try:
                    preview = wizard._read_preview()
                except UserError as exc:
                    wizard.preview_error = exc.args[0]
                else:
                    wizard.preview_rows = preview["rows"]
                    wizard.preview_info = wizard._detected_info(preview["detected"])
                    commands += wizard._line_commands(preview, kept)
            wizard.line_ids = commands

    def _suggestions(self, preview):
        """``{index: (path, kind)}``: what Odoo's import dialog proposes for
        the columns data_jobs' exact matching leaves unmapped (``similar``),
        and the mapping remembered from the user's last import of a column
        (``remembered``, as Odoo prefers it to an exact match; a custom
        resource's own column titles still win). Shown in the mapping before
        the job starts, never applied behind the user's back."""
        resource = self._resource()
        mapped = self.template_id.mapping or {}
        aliases = {normalize(title) for title in resource.import_aliases()}
        options = {
            "decimal_separator": SEPARATORS[self.decimal_separator or "dot"],
            "thousands_separator": SEPARATORS[self.thousands_separator or "none"],
            "date_format": (self.date_format or "").strip(),
        }
        found = resource.suggest_columns(preview["headers"], preview["rows"], options)
        columns = {c["index"]: c for c in preview["columns"]}
        taken = set()
        for current in preview["columns"]:
            if current["path"]:
                column = resource._column_for(
                    current["index"], current["header"], current["path"]
                )[0]
                taken.add(column.target if column else current["path"])
        result = {}
        for index, (column, distance) in sorted(found.items()):
            current = columns.get(index)
            if not current or current["ignored"] or current["header"] in mapped:
                continue
            target = column.target
            if not current["path"]:
                if target in taken:
                    continue
                kind = "remembered" if distance == REMEMBERED else "similar"
            elif (
                distance == REMEMBERED
                and column.path != current["path"]
                and normalize(current["header"]) not in aliases
            ):
                kind = "remembered"
            else:
                continue
            taken.add(target)
            result[index] = (column.path, kind)
        return result

    def _line_commands(self, preview, kept):
        commands = []
        suggestions = self._suggestions(preview)
        for column in preview["columns"]:
            index, header = column["index"], column["header"]
            samples = [
                str(row[index])
                for row in preview["rows"]
                if index < len(row) and row[index] not in (None, "")
            ]
            detected = column["path"] or False
            suggestion = False
            if index in suggestions:
                detected, suggestion = suggestions[index]
            template_key = set(self.template_id.upsert_key or [])
            default_key = bool(detected) and (
                detected in template_key or detected.split("/")[0] in template_key
            )
            path, is_key = kept.get(header, (detected, default_key))
            reason = column["reason"] or (
                self.env._("the column has no name") if not header else False
            )
            if suggestion:
                reason = False
            commands.append(
                Command.create(
                    {
                        "sequence": index,
                        "header": header,
                        "sample": " | ".join(samples[:SAMPLE_VALUES]),
                        "detected_path": detected,
                        "detected_reason": reason,
                        "suggestion": suggestion,
                        "field_path": path if header else False,
                        "is_key": is_key,
                    }
                )
            )
        return commands

    @api.depends("preview_rows", "line_ids.field_path", "line_ids.field_label")
    def _compute_preview_html(self):
        for wizard in self:
            lines = wizard.line_ids.sorted("sequence")
            if not lines:
                wizard.preview_html = False
                continue
            head = Markup("").join(
                Markup(
                    '<th class="text-nowrap">%s<br/><small class="%s">%s</small></th>'
                )
                % (
                    line.header or "",
                    "text-primary" if line.field_path else "text-muted fst-italic",
                    line.field_label or self.env._("not imported"),
                )
                for line in lines
            )
            body = Markup("").join(
                Markup("<tr>%s</tr>")
                % Markup("").join(
                    Markup('<td class="%s">%s</td>')
                    % (
                        "" if line.field_path else "text-muted",
                        _cell(row, line.sequence),
                    )
                    for line in lines
                )
                for row in wizard.preview_rows or []
            )
            wizard.preview_html = Markup(
                '<table class="table table-sm table-bordered o_data_jobs_preview">'
                "<thead><tr>%s</tr></thead><tbody>%s</tbody></table>"
            ) % (head, body)

    # -------------------------------------------------------------- checks
    def _mapping(self):
        """``{column: field path or False}`` for every named column: the job
        does what the wizard showed, not a new guess."""
        return {
            line.header: line.field_path.strip() if line.field_path else False
            for line in self.line_ids.sorted("sequence")
            if line.header
        }

    def _upsert_key(self):
        """The upsert key from the ticked columns: ``None`` (the file's id
        column when it has one), ``["id"]``, ``[".id"]`` or field names."""
        keys = []
        for line in self.line_ids.filtered("is_key").sorted("sequence"):
            if not line.field_path:
                raise UserError(
                    self.env._(
                        "Column '%(column)s' is ticked to match existing records "
                        "but is not imported: choose its field or untick it.",
                        column=line.header,
                    )
                )
            path = line.field_path.strip()
            name = path if path in OWN_IDS else path.split("/")[0]
            if name not in keys:
                keys.append(name)
        own = [k for k in keys if k in OWN_IDS]
        if own and len(keys) > 1:
            raise UserError(
                self.env._(
                    "Records are matched either on their ID or on fields, not "
                    "both: untick the other columns."
                )
            )
        return keys or None

    def _check_messages(self):
        """``(errors, warnings)``: errors stop the buttons, warnings are shown."""
        self.ensure_one()
        errors, warnings = [], []
        if not self.res_model:
            return [self.env._("Choose the model to import into.")], []
        if not self.file:
            return [self.env._("Upload the file to import.")], []
        if self.preview_error:
            return [self.preview_error], []
        resource = self._resource()
        headers = [line.header or "" for line in self.line_ids.sorted("sequence")]
        try:
            match = resource.import_columns(headers, self._mapping())
        except UserError as exc:
            return [exc.args[0]], []
        if not match.columns:
            errors.append(
                self.env._("No column is imported: choose a field for at least one.")
            )
        try:
            key = self._upsert_key()
        except UserError as exc:
            errors.append(exc.args[0])
            key = None
        if not (self.create_missing or self.update_existing):
            errors.append(
                self.env._(
                    "Neither creating nor updating records is allowed: the import "
                    "would do nothing."
                )
            )
        if self.create_missing:
            missing = resource.unfilled_required(match)
            if missing:
                names = ", ".join(
                    f"'{f._description_string(self.env)}'" for f in missing
                )
                errors.append(
                    self.env._(
                        "No column fills the required field(s) %(fields)s, so no "
                        "record could be created: map a column to them or untick "
                        "'Create New Records'.",
                        fields=names,
                    )
                )
        for line in self.line_ids.sorted("sequence"):
            if not line.field_path and not line.detected_path and line.header:
                reason = line.detected_reason or self.env._("no field was chosen")
                warnings.append(ignored_column(self.env, line.header, reason))
        for header, first in match.duplicates:
            warnings.append(duplicate_column(self.env, header, first))
        if (
            self.update_existing
            and not key
            and not any(match.column_for(own) for own in OWN_IDS)
        ):
            warnings.append(
                self.env._(
                    "No column identifies existing records: every row creates a "
                    "new record. Tick 'Match' on a column (e.g. the email or a "
                    "reference) to update the records it matches."
                )
            )
        return errors, warnings

    @api.depends(
        "res_model",
        "file",
        "preview_error",
        "create_missing",
        "update_existing",
        "line_ids.field_path",
        "line_ids.is_key",
        "line_ids.header",
    )
    def _compute_messages(self):
        for wizard in self:
            errors, warnings = wizard._check_messages()
            ready = wizard.res_model and wizard.file and not wizard.preview_error
            wizard.error_html = _html_list(errors) if ready else False
            wizard.warning_html = _html_list(warnings)
            wizard.key_summary = wizard._key_summary()

    def _key_summary(self):
        try:
            key = self._upsert_key()
        except UserError:
            return False
        lines = self.line_ids.sorted("sequence")
        if key:
            columns = lines.filtered("is_key")
        else:
            columns = lines.filtered(lambda line: line.field_path in OWN_IDS)[:1]
        if not columns:
            return self.env._("nothing: every row is a new record")
        return ", ".join(f"{c.header} ({c.field_label})" for c in columns)

    # ------------------------------------------------------------- buttons
    def _import_options(self):
        """The job options the form asks for (defaults left out), with the
        mapping of every column."""
        self.ensure_one()
        options = dict(
            self._reading_options(),
            decimal_separator=SEPARATORS[self.decimal_separator],
            thousands_separator=SEPARATORS[self.thousands_separator],
            date_format=(self.date_format or "").strip() or None,
            on_error=self.on_error,
            create_missing=self.create_missing,
            update_existing=self.update_existing,
            create_related=self.create_related,
            tracking=self.tracking,
            batch_size=self.batch_size or None,
            upsert_key=self._upsert_key(),
        )
        options = {
            name: value
            for name, value in options.items()
            if value is not None and value != SPECS[name]["default"]
        }
        options["mapping"] = self._mapping()
        return options

    @api.onchange("template_id")
    def _onchange_template_id(self):
        """Fill the form from the template (the buttons read the form)."""
        template = self.template_id
        if not template:
            return
        self.res_model = template.res_model
        for name in ("encoding", "delimiter", "sheet", "date_format", "on_error"):
            if template[name]:
                self[name] = template[name]
        for name in ("header_row", "data_start_row"):
            if template[name]:
                self[name] = template[name]
        self.create_missing = template.create_missing
        self.update_existing = template.update_existing
        separators = {v: k for k, v in SEPARATORS.items()}
        if template.decimal_separator in separators:
            self.decimal_separator = separators[template.decimal_separator]
        if (template.thousands_separator or "") in separators:
            self.thousands_separator = separators[template.thousands_separator or ""]

    def _template_values(self):
        """What a saved template of this import stores and gives back: the
        model and the job options, column mapping included (not the file nor
        dry run, which belong to one run). The buttons start the job from it."""
        self.ensure_one()
        return {
            "res_model": self.res_model,
            "file_format": self.file_type,
            "options": self._import_options(),
        }

    def _refresh(self):
        """Read the file again with the form's options, as the job will."""
        self.ensure_one()
        self._compute_preview()

    def _start(self, dry_run):
        self.ensure_one()
        self._refresh()
        errors, _warnings = self._check_messages()
        if errors:
            raise UserError("\n".join(errors))
        values = self._template_values()
        options = dict(values["options"])
        if dry_run:
            options["dry_run"] = True
        # the wizard's default_* keys are not meant for the job and its logs
        job = (
            self.env["data.job"]
            .with_context(**clean_context(self.env.context))
            .create_import(
                values["res_model"],
                self.file_name or "import.csv",
                self._file_content(),
                options,
                template=self.template_id or None,
            )
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "data_jobs.data_job_action"
        )
        action.update(
            {
                "res_id": job.id,
                "views": [(False, "form")],
                "view_mode": "form",
                "target": "current",
                # not the wizard's id: the web client would put it in the URL
                # as a record of the list the wizard was opened from
                "context": {"active_id": False, "active_ids": False},
            }
        )
        return action

    def action_dry_run(self):
        """Run the import without keeping anything: what it would do and
        which rows fail."""
        return self._start(dry_run=True)

    def action_start(self):
        """Queue the import job and open it."""
        return self._start(dry_run=False)

    def action_refresh_preview(self):
        """Read the file again and show the wizard with the new preview."""
        self._refresh()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import in Background"),
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
            "context": self.env.context,
        }


class DataJobImportWizardColumn(models.TransientModel):
    _name = "data.job.import.wizard.column"
    _description = "Import in Background: Column"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "data.job.import.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="Position", help="Column index, from 0.")
    header = fields.Char(string="Column")
    sample = fields.Char(string="Values", help="The first values of the column.")
    detected_path = fields.Char(help="The field the column's name matched.")
    detected_reason = fields.Char(help="Why the column's name matched no field.")
    suggestion = fields.Selection(
        [("similar", "Similar Name"), ("remembered", "Remembered")],
        help="How the proposed field was found when the column's name is not "
        "exactly a field's: a similar name, as Odoo's import proposes, or the "
        "field this column was imported into last time.",
    )
    field_path = fields.Char(
        string="Field",
        help="The field the column fills (country_id, state_id/id, ...); empty: "
        "the column is not imported.",
    )
    field_label = fields.Char(compute="_compute_field_label")
    is_key = fields.Boolean(
        string="Match",
        help="Find the existing record to update by this column (with the other "
        "ticked ones); an ID column is used when none is ticked.",
    )
    note = fields.Char(compute="_compute_field_label")

    @api.depends(
        "field_path", "detected_path", "detected_reason", "header", "suggestion"
    )
    def _compute_field_label(self):
        resources = {}
        for line in self:
            model = line.wizard_id.res_model
            line.field_label = line.note = False
            if not line.field_path:
                line.note = (
                    self.env._("Not imported: %(reason)s", reason=line.detected_reason)
                    if line.detected_reason and not line.detected_path
                    else self.env._("Ignored")
                )
                continue
            if not model:
                continue
            if model not in resources:
                resources[model] = get_resource(self.env, model)
            resource = resources[model]
            header = line.header or "column"
            try:
                match = resource.import_columns([header], {header: line.field_path})
            except UserError as exc:
                line.note = exc.args[0]
                continue
            if match.columns:
                line.field_label = resource.column_label(match.columns[0])
            if line.detected_path and line.field_path != line.detected_path:
                line.note = self.env._("Changed")
            elif line.suggestion == "similar":
                line.note = self.env._("Proposed: a similar name, check it")
            elif line.suggestion == "remembered":
                line.note = self.env._("Proposed: as in your last import")


def _cell(row, index):
    value = row[index] if index < len(row) else None
    return "" if value is None else str(value)


def _html_list(messages):
    if not messages:
        return False
    return Markup("<ul class='mb-0'>%s</ul>") % Markup("").join(
        Markup("<li>%s</li>") % message for message in messages
    )
