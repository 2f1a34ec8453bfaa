# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The differential harness: one file, three importers, one comparison.

Each path runs in a savepoint that is rolled back after its records are read,
so the three start from the same database and may create the same names:

- ``odoo_import``: ``base_import.import`` as the import dialog drives it
  (``parse_preview`` for Odoo's proposed mapping and guessed options, then
  ``execute_import`` with them);
- ``load_import``: ``Model.load()`` on the same rows;
- ``dj_import``: a data_jobs import job, run through the runner as the user.

``compare`` is the only judge: equal results must be equal, a different one
must be the entry of ``differences.KNOWN_DIFFERENCES`` for that case with the
very values seen (so the table in the docs stays true).
"""

import base64
import csv
import io
import json

import openpyxl

from odoo.tests import new_test_user

from ..import_common import ImportCase
from .differences import KNOWN_DIFFERENCES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODOO_OPTIONS = {
    "quoting": '"',
    "separator": ",",
    "has_headers": True,
    "encoding": "utf-8",
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "keep_matches": False,
    "limit": 2000,
    "skip": 0,
    "fields": [],
    "sheet": "",
}
ERROR = "error"


class ParityCase(ImportCase):
    """A user who may import sales, purchases, products and contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "dj_parity",
            "data_jobs.group_data_job_user,base.group_allow_export,"
            "base.group_partner_manager,sales_team.group_sale_manager,"
            "purchase.group_purchase_manager",
            name="Paula Parity",
            tz="Europe/Brussels",
        )
        cls.differences = {d[0]: d for d in KNOWN_DIFFERENCES}

    # --------------------------------------------------------------- files
    def _file(self, header, rows, file_type):
        if file_type == "csv":
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
            return buffer.getvalue().encode("utf-8")
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in [header, *rows]:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    # --------------------------------------------------------------- paths
    def _as_user(self):
        """The environment of a request of the user: their language and
        timezone in the context, as the web client sends them."""
        user = self.user
        return self.env(user=user, context=dict(lang=user.lang, tz=user.tz))

    def _isolated(self, model, run, fields, lines=None):
        """Run ``run()`` in a savepoint; ``(snapshot of the new records of
        model, what run returned)``, then roll everything back."""
        Model = self.env[model].with_context(active_test=False)
        last = Model.search([], order="id desc", limit=1).id or 0
        savepoint = self.env.cr.savepoint(flush=True)
        try:
            outcome = run()
            self.env.flush_all()
            created = Model.search([("id", ">", last)], order="id")
            snapshot = self.snapshot(created, fields, lines)
        finally:
            self.env.flush_all()
            savepoint.close(rollback=True)
            self.env.invalidate_all()
            self.env.registry.clear_cache()
        return snapshot, outcome

    def odoo_import(self, model, header, rows, fields, lines=None, **kw):
        """Odoo's import dialog: proposed mapping and options, then import.
        ``(records, error messages)``."""
        file_type = kw.get("file_type", "csv")
        options = dict(ODOO_OPTIONS, **kw.get("odoo_options", {}))

        def run():
            wizard = self._as_user()["base_import.import"].create(
                {
                    "res_model": model,
                    "file": self._file(header, rows, file_type),
                    "file_name": f"file.{file_type}",
                    "file_type": "text/csv" if file_type == "csv" else XLSX,
                }
            )
            preview = wizard.parse_preview(dict(options))
            self.assertNotIn("error", preview, preview.get("error"))
            matches = preview["matches"] or {}
            mapping = kw.get("odoo_mapping") or [
                "/".join(matches.get(i, [])) or False for i in range(len(header))
            ]
            result = wizard.execute_import(mapping, header, dict(preview["options"]))
            return [m["message"] for m in result["messages"] if m["type"] == "error"]

        return self._isolated(model, run, fields, lines)

    def load_import(self, model, header, rows, fields, lines=None, **kw):
        """``Model.load()`` on the same rows as text; ``(records, errors)``."""
        fields_ = kw.get("load_fields") or header

        def run():
            cells = [["" if v is None else str(v) for v in row] for row in rows]
            result = self._as_user()[model].load(fields_, cells)
            return [m["message"] for m in result["messages"] if m["type"] == "error"]

        return self._isolated(model, run, fields, lines)

    def dj_import(self, model, header, rows, fields, lines=None, **kw):
        """A data_jobs import job through the runner; ``(records, errors)``."""
        file_type = kw.get("file_type", "csv")

        def run():
            content = self._file(header, rows, file_type)
            job = (
                self.env["data.job"]
                .with_user(self.user)
                .create_import(
                    model,
                    f"file.{file_type}",
                    base64.b64encode(content).decode(),
                    kw.get("options") or {},
                )
            )
            self._run(job)
            self.assertIn(job.state, ("done", "failed"))
            if job.state == "failed":
                return [job.error_message]
            return [message for _r, _c, _v, message in self._errors(job)]

        return self._isolated(model, run, fields, lines)

    # ------------------------------------------------------------ snapshot
    def snapshot(self, records, fields, lines=None):
        """Values to compare: related records by display name, lines as
        sorted snapshots of their own."""
        result = []
        for record in records:
            values = {}
            for name in fields:
                field = record._fields[name]
                value = record[name]
                if field.type == "many2one":
                    # by name: a record the import made has another id per path
                    value = value.display_name or False
                elif field.type == "many2many":
                    value = sorted(value.mapped("display_name"))
                elif field.type == "one2many":
                    value = len(value)  # the lines themselves: ``lines``
                elif field.type == "binary":
                    value = bool(value) and base64.b64decode(value)[:16].hex()
                elif field.type == "reference":
                    value = value and f"{value._name},{value.id}"
                values[name] = value
            for line_field, sub_fields in (lines or {}).items():
                values[line_field] = sorted(
                    json.dumps(v, sort_keys=True, default=str)
                    for v in self.snapshot(record[line_field], sub_fields)
                )
            result.append(values)
        return result

    # ------------------------------------------------------------- judging
    def compare(self, case, odoo, ours):
        """``odoo`` and ``ours`` are the same, or the known difference of
        ``case`` with exactly these values."""
        known = self.differences.get(case)
        if odoo == ours:
            self.assertIsNone(
                known,
                f"{case}: data_jobs now gives what Odoo gives ({ours!r}): remove "
                "its entry from KNOWN_DIFFERENCES (and the docs).",
            )
            return
        self.assertIsNotNone(
            known,
            f"{case}: unknown difference from Odoo:\n  Odoo:      {odoo!r}\n"
            f"  data_jobs: {ours!r}",
        )
        self.assertEqual(
            (known[1], known[2]),
            (str(odoo), str(ours)),
            f"{case}: the difference is not the one KNOWN_DIFFERENCES says",
        )

    def import_parity(self, case, model, header, rows, fields, lines=None, **kw):
        """The file through the three paths; Odoo's dialog and load() must
        agree, data_jobs must give the same or the known difference."""
        odoo = self.odoo_import(model, header, rows, fields, lines, **kw)
        if not kw.get("skip_load"):
            loaded = self.load_import(model, header, rows, fields, lines, **kw)
            if not kw.get("dialog_differs_from_load"):
                self.assertEqual(loaded[0], odoo[0], f"{case}: load() and dialog")
        ours = self.dj_import(model, header, rows, fields, lines, **kw)
        self.assertFalse(odoo[1], f"{case}: Odoo's import failed: {odoo[1]}")
        self.assertTrue(odoo[0], f"{case}: Odoo's import created nothing")
        self.assertFalse(ours[1], f"{case}: data_jobs errors: {ours[1]}")
        self.compare(case, odoo[0], ours[0])
        return odoo[0], ours[0]
