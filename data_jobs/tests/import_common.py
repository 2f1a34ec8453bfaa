# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io

import openpyxl

from .common import DataJobCase


class ImportCase(DataJobCase):
    """Helpers to build files, run imports and read their results."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a.groups_id |= cls.env.ref("base.group_partner_manager")
        cls.Partner = cls.env["res.partner"].with_context(active_test=False)

    def _csv(self, rows, delimiter=",", encoding="utf-8"):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode(encoding)

    def _xlsx(self, rows, sheet="Sheet1"):
        workbook = openpyxl.Workbook()
        worksheet = workbook.active
        worksheet.title = sheet
        for row in rows:
            worksheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _import(self, content, file_name="partners.csv", options=None, user=None):
        """Create an import job through the API and run it here."""
        job = (
            self.env["data.job"]
            .with_user(user or self.user_a)
            .create_import(
                "res.partner",
                file_name,
                base64.b64encode(content).decode(),
                options or {},
            )
        )
        return self._run(job)

    def _errors(self, job):
        logs = job.sudo().log_ids.filtered(lambda log: log.level == "error")
        return [(log.row_number, log.column, log.value, log.message) for log in logs]

    def _row_errors(self, job):
        """The errors of rows, without the job's own ending line (a job whose
        every row failed also logs why it failed, on no row)."""
        return [error for error in self._errors(job) if error[0]]

    def _result_rows(self, attachment, delimiter=",", encoding="utf-8-sig"):
        text = attachment.sudo().raw.decode(encoding)
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))

    def _partners(self, prefix="Imp "):
        return self.Partner.search([("name", "=like", f"{prefix}%")], order="name")
