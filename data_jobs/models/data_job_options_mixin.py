# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A job's options as labelled fields: each reads and writes its key of the
``options`` JSON, which stays the one source (the API and the engines use it,
and debug mode still shows it as JSON).

A field shows the option's default when the JSON does not hold it, and a
default value or an empty one is not written back, so the JSON holds what
was chosen and no more. Options of the other direction (an export option on
an import job) are never written; options without a field here (mapping,
ids, upsert_key, sheet_models, limits...) are left as they are.
"""

from odoo import api, fields, models

from ..io.options import ENCODINGS, SPECS
from .data_job_settings_mixin import DELIMITERS

# field name -> option name
OPTION_FIELDS = {
    "opt_batch_size": "batch_size",
    "opt_encoding": "encoding",
    "opt_delimiter": "delimiter",
    "opt_quotechar": "quotechar",
    "opt_lang": "lang",
    "opt_header": "header",
    "opt_import_compatible": "import_compatible",
    "opt_escape_formulas": "escape_formulas",
    "opt_order": "order",
    "opt_limit": "limit",
    "opt_pdf_title": "pdf_title",
    "opt_pdf_orientation": "pdf_orientation",
    "opt_json_lines": "json_lines",
    "opt_on_error": "on_error",
    "opt_dry_run": "dry_run",
    "opt_header_row": "header_row",
    "opt_data_start_row": "data_start_row",
    "opt_sheet": "sheet",
    "opt_date_format": "date_format",
    "opt_decimal_separator": "decimal_separator",
    "opt_thousands_separator": "thousands_separator",
    "opt_create_missing": "create_missing",
    "opt_update_existing": "update_existing",
    "opt_create_related": "create_related",
    "opt_tracking": "tracking",
}


def _compute_for(option):
    """The compute of one option's field. One compute per field, not one for
    all: fields of one compute are protected together while any of them is
    written, and the inverse reads the others."""

    @api.depends("options")
    def compute(self):
        name = _FIELD_OF[option]
        for record in self:
            value = (record.options or {}).get(option, SPECS[option]["default"])
            if option == "sheet" and value is not None:
                value = str(value)
            record[name] = value if value is not None else False

    return compute


_FIELD_OF = {option: name for name, option in OPTION_FIELDS.items()}


def _option_field(option, field_class, string, tooltip=None, **kwargs):
    return field_class(
        string=string,
        help=tooltip,
        compute=_compute_for(option),
        inverse="_inverse_option_fields",
        **kwargs,
    )


class DataJobOptionsMixin(models.AbstractModel):
    _name = "data.job.options.mixin"
    _description = "Data Job Options as Fields"

    # common
    opt_batch_size = _option_field(
        "batch_size",
        fields.Integer,
        "Batch Size",
        "Rows read or written per batch (default 1000).",
    )
    opt_encoding = _option_field(
        "encoding",
        fields.Selection,
        "Encoding",
        "CSV: the file's character set; empty: detected (import) or UTF-8.",
        selection=[(e, e) for e in ENCODINGS],
    )
    opt_delimiter = _option_field(
        "delimiter",
        fields.Selection,
        "Delimiter",
        "CSV: the column separator; empty: detected (import) or a comma.",
        selection=DELIMITERS,
    )
    opt_quotechar = _option_field(
        "quotechar",
        fields.Char,
        "Quote Character",
        "CSV: the character around quoted cells.",
    )
    opt_lang = _option_field(
        "lang",
        fields.Selection,
        "Language",
        "The language labels and values are read in; empty: the user's.",
        selection="_selection_opt_lang",
    )
    # export
    opt_header = _option_field(
        "header",
        fields.Selection,
        "Column Titles",
        selection=[("label", "Labels"), ("name", "Technical names")],
    )
    opt_import_compatible = _option_field(
        "import_compatible",
        fields.Boolean,
        "Import-Compatible",
        "Technical column names and external ids: a file that imports back.",
    )
    opt_escape_formulas = _option_field(
        "escape_formulas",
        fields.Boolean,
        "Neutralise Formulas",
        "CSV: a quote before texts a spreadsheet would run as formulas.",
    )
    opt_order = _option_field(
        "order",
        fields.Char,
        "Sort By",
        "e.g. name desc, id; empty: the model's own order.",
    )
    opt_limit = _option_field(
        "limit", fields.Integer, "At Most", "Records exported at most; 0 = all records."
    )
    opt_pdf_title = _option_field("pdf_title", fields.Char, "PDF Title")
    opt_pdf_orientation = _option_field(
        "pdf_orientation",
        fields.Selection,
        "PDF Orientation",
        selection=[
            ("auto", "Automatic"),
            ("portrait", "Portrait"),
            ("landscape", "Landscape"),
        ],
    )
    opt_json_lines = _option_field(
        "json_lines", fields.Boolean, "JSON Lines", "One JSON object per line (.jsonl)."
    )
    # import
    opt_on_error = _option_field(
        "on_error",
        fields.Selection,
        "On Error",
        selection=[
            ("skip", "Skip the rows in error"),
            ("all_or_nothing", "Import nothing"),
        ],
    )
    opt_dry_run = _option_field(
        "dry_run", fields.Boolean, "Dry Run", "Check the file and count, keep nothing."
    )
    opt_header_row = _option_field(
        "header_row",
        fields.Integer,
        "Header Row",
        "The row of the column titles (from 1).",
    )
    opt_data_start_row = _option_field(
        "data_start_row",
        fields.Integer,
        "First Data Row",
        "0: the row after the header.",
    )
    opt_sheet = _option_field(
        "sheet",
        fields.Char,
        "Sheet",
        "XLSX: the sheet's name or number; empty: the first.",
    )
    opt_date_format = _option_field(
        "date_format", fields.Char, "Date Format", "e.g. %d/%m/%Y; empty: ISO dates."
    )
    opt_decimal_separator = _option_field(
        "decimal_separator",
        fields.Selection,
        "Decimal Separator",
        selection=[(".", "Point (.)"), (",", "Comma (,)")],
    )
    opt_thousands_separator = _option_field(
        "thousands_separator", fields.Char, "Thousands Separator", "Empty: none."
    )
    opt_create_missing = _option_field(
        "create_missing",
        fields.Boolean,
        "Create New Records",
        "Rows whose key matches no record.",
    )
    opt_update_existing = _option_field(
        "update_existing",
        fields.Boolean,
        "Update Existing Records",
        "Rows whose key matches a record.",
    )
    opt_create_related = _option_field(
        "create_related",
        fields.Boolean,
        "Create Missing Related Records",
        "A relation to a name that matches nothing creates that record.",
    )
    opt_tracking = _option_field(
        "tracking",
        fields.Boolean,
        "Track Changes",
        "Post the changes in the records' chatter.",
    )

    @api.model
    def _selection_opt_lang(self):
        return self.env["res.lang"].get_installed()

    def _inverse_option_fields(self):
        for record in self:
            direction = record._options_direction()
            options = dict(record.options or {})
            for field_name, option in OPTION_FIELDS.items():
                spec = SPECS[option]
                if direction not in spec["dirs"]:
                    continue
                value = record[field_name]
                if spec["kind"] is not bool and value in (False, "", 0):
                    value = None
                if option == "sheet" and isinstance(value, str) and value.isdigit():
                    value = int(value)
                if value is None or value == spec["default"]:
                    options.pop(option, None)
                else:
                    options[option] = value
            if options != (record.options or {}):
                record.options = options

    def _options_direction(self):
        """ "import" or "export": which options apply."""
        raise NotImplementedError
