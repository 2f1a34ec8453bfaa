# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One message of a job: a row error, a warning, or an information."""

from odoo import fields, models


class DataJobLog(models.Model):
    _name = "data.job.log"
    _description = "Data Job Log"
    _order = "job_id desc, row_number, id"
    _rec_name = "message"

    job_id = fields.Many2one(
        "data.job", string="Job", required=True, ondelete="cascade", index=True
    )
    level = fields.Selection(
        [("info", "Info"), ("warning", "Warning"), ("error", "Error")],
        required=True,
        default="info",
        index=True,
    )
    row_number = fields.Integer(
        string="Row",
        help="The row as the file shows it (the header is row 1); "
        "0 for a message about the whole job.",
    )
    sheet = fields.Char(help="The workbook's sheet, for multi-sheet imports.")
    column = fields.Char()
    value = fields.Char()
    message = fields.Text(required=True)
    row_data = fields.Json(help="The original row, as read.")
    res_model = fields.Char(related="job_id.res_model", string="Model")
    user_id = fields.Many2one(related="job_id.user_id", store=True, index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "row_number_positive",
            "CHECK(row_number >= 0)",
            "A log's row number cannot be negative.",
        ),
    ]
