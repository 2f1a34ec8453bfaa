# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Browser tours of what a user does with data jobs, in headless Chromium,
as a plain Data Jobs user (not admin).

A tour cannot wait for queue_job: the browser's requests run in this test's
transaction, which queue_job's runner never sees. So each story is cut where
a job is queued: the tour queues it, the test runs it here as its owner (the
engine the queue job calls), and the next tour opens the ended job.

Tours ask for screenshots with ``console.log("dj-screenshot:<name>")``; they
land in Odoo's screenshots folder (``--screenshots``, which ``tools/dj.sh
test`` points at ``.local/artefacts``), in ``<database>/screenshots``.

The stories use the demo's samples and templates, so they run where
data_jobs_demo is installed (as in the test command's database)."""

import base64
import csv
import io
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools import config, file_open

from .common import JobRunMixin

SCREENSHOT = "dj-screenshot:"
SAMPLES = "data_jobs_demo/static/samples/"
CONTACTS_LIST = "/odoo/action-contacts.action_contacts?view_type=list"
IMPORT_MENU = "/odoo/action-data_jobs.data_job_import_wizard_action"


def _handle_console_with_screenshots(original):
    """ChromeBrowser's console handler, plus a screenshot on our marker line."""

    def handle(browser, type, args=None, stackTrace=None, **kw):  # pylint: disable=redefined-builtin
        original(browser, type, args=args, stackTrace=stackTrace, **kw)
        if type == "log" and args:
            text = str(browser._from_remoteobject(args[0]))
            if text.startswith(SCREENSHOT):
                name = "".join(
                    c if c.isalnum() else "_" for c in text[len(SCREENSHOT) :]
                )
                browser.take_screenshot(prefix=f"dj_{name}_")

    return handle


@tagged("post_install", "-at_install")
class TestTours(JobRunMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env["ir.module.module"].search(
            [("name", "=", "data_jobs_demo"), ("state", "=", "installed")]
        )
        if not demo:
            cls.skipTest(cls, "the tours use data_jobs_demo's samples and templates")
        cls.user = new_test_user(
            cls.env,
            "dj_tour_user",
            "base.group_user,data_jobs.group_data_job_user,"
            "base.group_partner_manager,base.group_allow_export,"
            "product.group_product_manager",
            name="Tina Tour",
        )

    def setUp(self):
        super().setUp()
        # The web client loads the tours' bundle (web.assets_tests) only in
        # test mode; pytest-odoo sets the flag per test module, and with the
        # repository's tests/ collected in the same run it was off here.
        self.startPatcher(patch.dict(config.options, {"test_enable": True}))
        self.patch(
            ChromeBrowser,
            "_handle_console",
            _handle_console_with_screenshots(ChromeBrowser._handle_console),
        )

    def _tour(self, url, name):
        self.start_tour(url, name, login=self.user.login, timeout=120)
        # the tour wrote through its own requests (test cursors)
        self.env.invalidate_all()

    def _jobs(self):
        return self.env["data.job"].search(
            [("user_id", "=", self.user.id), ("job_type", "=", "import")],
            order="id",
        )

    def _job_url(self, job):
        return f"/odoo/action-data_jobs.data_job_action/{job.id}"

    def _counts(self, job):
        return {
            "created": job.created_count,
            "updated": job.updated_count,
            "errors": job.error_count,
        }

    def test_import_with_errors_from_the_contacts_list(self):
        """Contacts list → Import in background… → template → upload → preview
        → one mapping changed from the dropdown → dry run; then the same for
        real → done with counters → the failed rows download."""
        self._tour(CONTACTS_LIST, "data_jobs_import_dry_run")
        dry = self._jobs()
        self.assertEqual(len(dry), 1, "the dry run queued one job")
        self.assertEqual(dry.state, "queued")
        self.assertTrue(dry.options.get("dry_run"))
        self.assertEqual(
            dry.input_file_id.raw, self._sample("partners_with_errors.csv")
        )
        mapping = dry.options.get("mapping") or {}
        self.assertFalse(mapping.get("Tags"), "the tour set Tags to Do not import")
        self._run(dry)
        self.assertEqual(dry.state, "done")
        # issue 12 point 2: the form says dry run, the counters say "would"
        self._tour(self._job_url(dry), "data_jobs_dry_run_done")
        self.assertEqual(
            self.env["res.partner"].search_count([("ref", "=", "TALLINN")]),
            0,
            "a dry run keeps nothing",
        )

        self._tour(CONTACTS_LIST, "data_jobs_import_start")
        job = self._jobs() - dry
        self.assertEqual(len(job), 1)
        self.assertFalse(job.options.get("dry_run"))
        self._run(job)
        # The sample's six mistakes but the unknown tag (its column is not
        # imported now): Tallinn Tech is created with the two good rows.
        self.assertEqual(self._counts(job), {"created": 3, "updated": 1, "errors": 5})
        self.assertEqual(
            self._counts(dry), self._counts(job), "the dry run foretold it"
        )
        self.assertEqual(
            self.env["res.partner"].search([("ref", "=", "TALLINN")]).category_id,
            self.env["res.partner.category"],
        )

        self._tour(self._job_url(job), "data_jobs_import_done")
        # The form's Download Failed Rows button: its URL answers the file.
        action = job.with_user(self.user).action_download_failed()
        self.authenticate(self.user.login, self.user.login)
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, job.failed_file_id.raw)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(
            sorted(row[1] for row in rows[1:]),
            ["ATLANTIS", "FJORD", "HELIOS", "LISBOA", "NONAME"],
        )

    def test_failed_job_banner_and_log(self):
        """An all-or-nothing import that meets a bad row fails: the form's
        banner says so and its log lists the rows."""
        template = self.env.ref("data_jobs_demo.data_job_template_demo_partners")
        job = (
            self.env["data.job"]
            .with_user(self.user)
            .create_import(
                "res.partner",
                "partners_with_errors.csv",
                base64.b64encode(self._sample("partners_with_errors.csv")).decode(),
                {"on_error": "all_or_nothing"},
                template=template.id,
            )
        )
        job = self.env["data.job"].browse(job.id)
        self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertTrue(job.error_message)
        self._tour(self._job_url(job), "data_jobs_failed_job")

    def test_catalogue_two_sheet_workbook(self):
        """The demo's two-sheet workbook with its template: 6 created (2
        categories, then 4 products), 0 errors, as the demo promises."""
        self._tour(IMPORT_MENU, "data_jobs_catalogue_workbook")
        job = self._jobs()
        self.assertEqual(len(job), 1)
        self._run(job)
        self.assertEqual(
            self._counts(job),
            {"created": 6, "updated": 0, "errors": 0},
            job.log_ids.mapped("message"),
        )
        self._tour(self._job_url(job), "data_jobs_catalogue_done")

    def _sample(self, name):
        with file_open(SAMPLES + name, "rb") as sample:
            return sample.read()
