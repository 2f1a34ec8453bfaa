# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""From a queue job, open the data job it runs."""

from odoo import models


class QueueJob(models.Model):
    _inherit = "queue.job"

    def related_action_data_job(self):
        self.ensure_one()
        job = self.records.exists()
        return {
            "type": "ir.actions.act_window",
            "name": job.display_name,
            "res_model": "data.job",
            "res_id": job.id,
            "view_mode": "form",
        }
