# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a job and a template both say about the work: the model, the export
filter and fields, the file format, and JSON settings edited as text.

The choices offered for formats and delimiters are declared here once, for the
models and the wizards.
"""

import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

FILE_FORMATS = [
    ("csv", "CSV"),
    ("xlsx", "Excel (XLSX)"),
    ("pdf", "PDF"),
    ("json", "JSON"),
]
DELIMITERS = [
    (",", "Comma (,)"),
    (";", "Semicolon (;)"),
    ("\t", "Tab"),
    ("|", "Pipe (|)"),
]


class DataJobSettingsMixin(models.AbstractModel):
    _name = "data.job.settings.mixin"
    _description = "Data Job Settings"

    res_model = fields.Char(
        string="Technical Model Name",
        required=True,
        help="Technical name of the model to import into or export from, "
        "e.g. res.partner.",
    )
    domain = fields.Text(
        default="[]",
        help="Export filter, as Odoo writes domains: [('is_company', '=', True)]",
    )
    field_names = fields.Json(
        string="Fields",
        help="Export: field paths such as ['name', 'country_id/code']. Empty: "
        "the model's exportable fields.",
    )
    file_format = fields.Selection(
        FILE_FORMATS, string="Format", required=True, default="csv"
    )

    # ------------------------------------------------------------ domain
    def _exports(self):
        """The records of ``self`` whose settings describe an export."""
        raise NotImplementedError

    @api.constrains("domain", "res_model")
    def _check_domain(self):
        for record in self._exports():
            record._get_domain()

    def _get_domain(self):
        """The export filter as a list, checked against the model as the
        owner (``user_id``)."""
        self.ensure_one()
        return self._parse_domain(self.domain, self.res_model, self.user_id)

    @api.model
    def _parse_domain(self, text, res_model, user):
        """``text`` (a domain as Odoo writes it) as a list, checked against
        ``res_model`` as ``user``.

        Raises ValidationError naming what is wrong: the syntax or the field.
        """
        text = (text or "").strip() or "[]"
        try:
            domain = safe_eval(
                text, {"uid": user.id, "context_today": fields.Date.today}
            )
        except Exception as exc:  # safe_eval raises many kinds for bad syntax
            raise ValidationError(
                self.env._(
                    "The filter %(domain)s is not a valid domain: %(error)s",
                    domain=text,
                    error=exc,
                )
            ) from exc
        if not isinstance(domain, list | tuple):
            raise ValidationError(
                self.env._(
                    "The filter %(domain)s must be a list of conditions.", domain=text
                )
            )
        if res_model in self.env:
            try:
                self.env[res_model].with_user(user)._search(list(domain))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValidationError(
                    self.env._(
                        "The filter %(domain)s cannot be used on %(model)s: "
                        "%(error)s",
                        domain=text,
                        model=res_model,
                        error=exc,
                    )
                ) from exc
        return list(domain)

    # ------------------------------------------------------------- JSON
    @api.model
    def _json_text(self, value, indent=None):
        """A JSON setting as the text its form field shows."""
        if indent:
            return json.dumps(value or {}, indent=indent, sort_keys=True)
        return json.dumps(value, ensure_ascii=False) if value else False

    @api.model
    def _json_value(self, text, label, default=False):
        """The value of a JSON setting typed as ``text``; refuses bad JSON
        naming the setting (``label``)."""
        text = (text or "").strip()
        if not text:
            return default
        try:
            return json.loads(text)
        except ValueError as exc:
            raise ValidationError(
                self.env._(
                    "%(field)s is not valid JSON: %(error)s", field=label, error=exc
                )
            ) from exc
