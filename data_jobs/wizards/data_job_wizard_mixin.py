# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the export and the import wizards share: the model chosen among those
the user may work with, the template that fills the form, and saving the form
as a template."""

from odoo import api, fields, models


class DataJobWizardMixin(models.AbstractModel):
    _name = "data.job.wizard.mixin"
    _description = "Data Job Wizard"

    _direction = None  # "export" or "import": the templates and jobs it makes

    res_model = fields.Selection(
        selection="_selection_res_model", string="Model", required=True
    )
    template_id = fields.Many2one("data.job.template", string="Template")

    @api.model
    def _selection_res_model(self):
        """The models the user may work with here (``ir.model`` itself is
        not readable by users; this is what Odoo's model selector offers)."""
        models_ = self.env["ir.model"].get_available_models()
        return sorted(
            (
                (m["model"], m["display_name"])
                for m in models_
                if self._model_allowed(self.env[m["model"]])
            ),
            key=lambda pair: pair[1].lower(),
        )

    @api.model
    def _model_allowed(self, records):
        """Whether the user may use this wizard on ``records``' model."""
        return True

    def _template_values(self):
        """What a template saved from this form stores and gives back."""
        raise NotImplementedError

    def action_save_template(self):
        """Keep these settings as a template, opened to name it."""
        self.ensure_one()
        return self.env["data.job.template"]._create_from_wizard(
            self._direction, self._template_values()
        )
