# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The export wizard: what a user fills in to start an export job.

Opened from any list view's cog menu ("Export in background…", see
static/src/export_cog_menu) with the list's model, filter, selected records
and visible columns in its context, or from the Data Jobs menu. It creates the
job through ``data.job.create_export``, the path the API uses, so both check
the same things.

Templates hook: ``_template_values()`` returns what a saved template stores
(model, filter, field paths, format, options) and ``action_export`` starts the
job from it. A "Save as template" button only has to turn that dict into a
``data.job.template``, and a template can open this wizard with it as
defaults. The records selected in a list are not part of it: they belong to
one run.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context

from ..io.options import ENCODINGS, SPECS
from ..models.data_job_settings_mixin import DELIMITERS, FILE_FORMATS
from ..resources import get_resource

FORMATS_WITH_HEADER = ("csv", "xlsx")


def to_selector_path(path):
    """``country_id/name`` (an export path) as the field selector writes it;
    a database id stays one: ``country_id/.id`` is ``country_id..id``."""
    return path.strip().replace("/", ".")


def to_export_path(selector_path):
    """The export path of a selector path (``to_selector_path`` reversed):
    ``country_id..id`` and ``.id`` are database ids, not external ids."""
    path = (selector_path or "").strip()
    if path == ".id":
        return path
    if path.endswith("..id"):
        return path[: -len("..id")].replace(".", "/") + "/.id"
    return path.replace(".", "/")


class DataJobExportWizard(models.TransientModel):
    _name = "data.job.export.wizard"
    _inherit = "data.job.wizard.mixin"
    _description = "Export in Background"
    _direction = "export"

    res_model = fields.Selection(
        help="The records to export. Only the models you may read are listed."
    )
    template_id = fields.Many2one(
        domain="[('res_model', '=', res_model), ('direction', 'in', ('export', "
        "'both'))]",
        help="Fill the filter, fields, format and options from a template.",
    )
    domain = fields.Text(
        string="Filter",
        compute="_compute_domain",
        store=True,
        readonly=False,
        help="Which records to export; empty: all of them.",
    )
    record_ids = fields.Json(
        string="Selected Records",
        help="Ids of the records selected in the list the wizard was opened from.",
    )
    selected_count = fields.Integer(compute="_compute_selected_count")
    only_selected = fields.Boolean(
        string="Only the Selected Records",
        default=True,
        help="Export the records selected in the list; untick to export every "
        "record of the filter.",
    )
    export_list_id = fields.Many2one(
        "ir.exports",
        string="Saved Field List",
        domain="[('resource', '=', res_model)]",
        groups="base.group_allow_export",
        help="Load the fields of a list saved in Odoo's own export dialog.",
    )
    line_ids = fields.One2many(
        "data.job.export.wizard.line",
        "wizard_id",
        string="Fields",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        help="Columns of the file, in this order. Empty: every exportable field.",
    )
    file_format = fields.Selection(
        FILE_FORMATS,
        string="Format",
        required=True,
        default="xlsx",
    )
    header = fields.Selection(
        [("label", "Field labels"), ("name", "Technical names")],
        string="Column Titles",
        required=True,
        default=SPECS["header"]["default"],
    )
    import_compatible = fields.Boolean(
        string="Import-Compatible",
        help="Technical column names, external ids for records, raw values: a "
        "file that can be imported back.",
    )
    delimiter = fields.Selection(DELIMITERS, default=",")
    encoding = fields.Selection(
        [(e, e) for e in ENCODINGS],
        default="utf-8",
    )
    escape_formulas = fields.Boolean(
        string="Neutralise Formulas",
        default=SPECS["escape_formulas"]["default"],
        help="CSV only: prefix texts that a spreadsheet would run as a formula "
        "(=, +, - or @ followed by more than a number, such as =SUM(A1)) with a "
        "quote, so that it shows them instead. Numbers and phone numbers such "
        "as +1 555-555-5556 are never changed; XLSX text cells are never "
        "formulas, so XLSX files hold the texts as they are.",
    )
    pdf_title = fields.Char(string="PDF Title", help="Default: model and job name.")
    pdf_orientation = fields.Selection(
        [("auto", "Automatic"), ("portrait", "Portrait"), ("landscape", "Landscape")],
        string="Orientation",
        required=True,
        default=SPECS["pdf_orientation"]["default"],
    )
    json_lines = fields.Boolean(
        string="JSON Lines",
        help="One JSON object per line (.jsonl) instead of one document.",
    )
    show_all_models = fields.Boolean(
        help="List every model you may read, not only those of the menus you "
        "can open.",
    )
    menu_model = fields.Selection(
        selection="_selection_menu_model",
        string="Records",
        help="The records to export: the models of the menus you can open. "
        "Tick Show All Models for the others.",
    )
    order_field = fields.Char(
        string="Sort By",
        help="The field the records are sorted by. Empty: the model's own "
        "order, as in its list.",
    )
    order_direction = fields.Selection(
        [("asc", "Ascending"), ("desc", "Descending")],
        string="Direction",
        required=True,
        default="asc",
    )
    order = fields.Char(
        string="Sort By (Technical)",
        help="Several fields with asc or desc, e.g. 'name desc, id' (wins over "
        "Sort By). Empty: Sort By, else the model's own order.",
    )
    limit = fields.Integer(
        string="At Most",
        help="Export at most this many records (the first ones in the sort "
        "order); 0 exports all of them.",
    )

    # ------------------------------------------------------------------ values
    @api.model
    def default_get(self, fields_list):
        """``default_field_names`` (export paths, e.g. a list's visible columns)
        become the field lines."""
        model = self.env.context.get("default_res_model")
        if model and "res_model" in fields_list:
            choices = dict(self._selection_res_model())
            if model not in choices:
                raise UserError(
                    self.env._(
                        "The records of %(model)s cannot be exported in the "
                        "background (a wizard, or a model you cannot read).",
                        model=model,
                    )
                )
        values = super().default_get(fields_list)
        if values.get("res_model") and "menu_model" in fields_list:
            menu_models = dict(self._selection_menu_model())
            if values["res_model"] in menu_models:
                values["menu_model"] = values["res_model"]
            else:
                values["show_all_models"] = True
        names = self.env.context.get("default_field_names")
        if "line_ids" in fields_list and names and not values.get("line_ids"):
            values["line_ids"] = [
                Command.create(self._line_values(values.get("res_model"), index, name))
                for index, name in enumerate(names)
                if isinstance(name, str) and name.strip()
            ]
        return values

    @api.model
    def _selection_menu_model(self):
        """The models of the window actions of the menus the user sees (what
        they can open), among those the wizard offers; not wizards nor
        technical models such as "Action Window Close"."""
        allowed = dict(self._selection_res_model())
        menus = self.env["ir.ui.menu"]
        # the menus the user sees; their actions are read as such (an action
        # of a visible menu is one the user may open)
        visible = menus.browse(menus._visible_menu_ids())
        opened = {
            menu.action.sudo().res_model
            for menu in visible
            if menu.action and menu.action._name == "ir.actions.act_window"
        }
        return [(model, name) for model, name in allowed.items() if model in opened]

    @api.onchange("menu_model")
    def _onchange_menu_model(self):
        """The menu's model is the wizard's model (the form's helper only:
        RPC gives ``res_model``)."""
        if self.menu_model and self.menu_model != self.res_model:
            self.res_model = self.menu_model

    @api.onchange("show_all_models")
    def _onchange_show_all_models(self):
        if not self.show_all_models and self.res_model:
            menu_models = dict(self._selection_menu_model())
            self.menu_model = self.res_model if self.res_model in menu_models else False

    @api.depends("res_model")
    def _compute_domain(self):
        for wizard in self:
            wizard.domain = "[]"

    @api.depends("record_ids")
    def _compute_selected_count(self):
        for wizard in self:
            wizard.selected_count = len(wizard.record_ids or [])

    @api.depends("export_list_id")
    def _compute_line_ids(self):
        for wizard in self.filtered("export_list_id"):
            saved = wizard.export_list_id.export_fields.sorted("id")
            wizard.line_ids = [Command.clear()] + [
                Command.create(self._line_values(wizard.res_model, index, line.name))
                for index, line in enumerate(saved)
                if line.name
            ]

    @api.model
    def _line_values(self, res_model, index, export_path):
        return {
            "res_model": res_model,
            "sequence": index,
            "path": to_selector_path(export_path),
        }

    # ----------------------------------------------------------------- export
    def _field_paths(self):
        return [
            line.export_path for line in self.line_ids.sorted("sequence") if line.path
        ]

    def _export_options(self):
        """The job options the form asks for, defaults left out."""
        self.ensure_one()
        order = (self.order or "").strip() or None
        if not order and self.order_field:
            order = f"{self.order_field.strip()} {self.order_direction}"
        options = {"order": order}
        options["limit"] = self.limit or None
        if self.file_format in FORMATS_WITH_HEADER:
            options.update(header=self.header, import_compatible=self.import_compatible)
        if self.file_format == "csv":
            options.update(
                delimiter=self.delimiter,
                encoding=self.encoding,
                escape_formulas=self.escape_formulas,
            )
        if self.file_format == "pdf":
            options.update(
                pdf_title=(self.pdf_title or "").strip() or None,
                pdf_orientation=self.pdf_orientation,
            )
        if self.file_format == "json":
            options["json_lines"] = self.json_lines
        return {
            name: value
            for name, value in options.items()
            if value is not None and value != SPECS[name]["default"]
        }

    def _template_values(self):
        """What a saved template of this export stores and gives back: model,
        filter, field paths, format and options (not the selected records,
        which belong to one run). ``action_export`` starts the job from it."""
        self.ensure_one()
        return {
            "res_model": self.res_model,
            "domain": (self.domain or "").strip() or "[]",
            "field_names": self._field_paths(),
            "file_format": self.file_format,
            "options": self._export_options(),
        }

    @api.onchange("template_id")
    def _onchange_template_id(self):
        """Fill the form from the template (the button reads the form)."""
        template = self.template_id
        if not template:
            return
        self.res_model = template.res_model
        self.domain = template.domain or "[]"
        self.file_format = template.file_format
        for name in ("header", "delimiter", "encoding"):
            if template[name]:
                self[name] = template[name]
        self.import_compatible = template.import_compatible
        paths = list(template.field_names or [])
        self.line_ids = [Command.clear()] + [
            Command.create(
                {"sequence": index, "res_model": template.res_model, "path": path}
            )
            for index, path in enumerate(map(to_selector_path, paths))
        ]

    def action_export(self):
        """Create and queue the export job, then tell the user it runs."""
        self.ensure_one()
        values = self._template_values()
        options = dict(values["options"])
        if self.only_selected and self.record_ids:
            options["ids"] = [int(i) for i in self.record_ids]
        invalid = self.line_ids.filtered("error")[:1]
        if invalid:
            raise UserError(invalid.error)
        # the wizard's default_* keys are not meant for the job and its logs
        jobs = self.env(context=clean_context(self.env.context))["data.job"]
        job = jobs.create_export(
            values["res_model"],
            values["domain"],
            values["field_names"],
            values["file_format"],
            options,
            template=self.template_id or None,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Export queued"),
                "message": self.env._(
                    "%s runs in the background: you will get a notification "
                    "with the file when it ends."
                ),
                "links": [
                    {
                        "label": job.name,
                        "url": f"/odoo/action-data_jobs.data_job_action/{job.id}",
                    }
                ],
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class DataJobExportWizardLine(models.TransientModel):
    _name = "data.job.export.wizard.line"
    _description = "Export in Background: Field"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "data.job.export.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    res_model = fields.Char(
        help="The model the field selector offers fields of (the wizard's, "
        "given to new lines by the view's context)."
    )
    path = fields.Char(
        string="Field",
        required=True,
        help="A field, or a field of a related record such as Country > Name.",
    )
    export_path = fields.Char(compute="_compute_column", help="e.g. country_id/name")
    label = fields.Char(
        string="Column Title",
        compute="_compute_column",
        help="The column's title in the file, or why the field cannot be exported.",
    )
    error = fields.Char(compute="_compute_column")

    @api.depends("path", "wizard_id.res_model", "wizard_id.import_compatible")
    def _compute_column(self):
        resources = {}
        for line in self:
            line.export_path = to_export_path(line.path)
            line.label = line.error = False
            model = line.wizard_id.res_model
            if not (model and line.export_path):
                continue
            if model not in resources:
                resources[model] = get_resource(self.env, model)
            try:
                column = resources[model].export_columns(
                    [line.export_path], line.wizard_id.import_compatible
                )[0]
            except UserError as exc:
                line.error = line.label = exc.args[0]  # shown in the title's place
            else:
                line.label = column.label
