# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "My data jobs" systray's start: whether to show it, and how many of
the user's jobs are waiting or running, in the page's session info, so that
loading the web client costs no request (the list is read when opened)."""

from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        result = super().session_info()
        user = self.env.user
        if (
            user
            and user._is_internal()
            and user.has_group("data_jobs.group_data_job_user")
        ):
            result["data_jobs_systray"] = {
                "busy": self.env["data.job"].search_count(
                    [
                        ("user_id", "=", user.id),
                        ("state", "in", ("queued", "running")),
                    ]
                ),
            }
        return result
