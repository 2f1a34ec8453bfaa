# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A template's empty and sample files, built on request and streamed.

They are never stored: an attachment on the template would be readable by
everyone who can read the template, and the sample holds records only the
requesting user may see.
"""

from odoo import http
from odoo.http import content_disposition, request


class DataJobTemplateFiles(http.Controller):
    @http.route(
        "/data_jobs/template/<int:template_id>/<any(empty, sample):kind>",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def template_file(self, template_id, kind):
        template = request.env["data.job.template"].browse(template_id)
        name, content, mimetype = template._sample_download(kind == "sample")
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Disposition", content_disposition(name)),
                ("Cache-Control", "no-store"),
            ],
        )
