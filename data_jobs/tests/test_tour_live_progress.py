# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Browser tour: a job's form shows its progress and state change without a
reload while the export runs (static/tests/tours/data_job_live_progress_tour.js).

How it runs in a test. Odoo refuses websockets while tests run
(``WebsocketConnectionHandler.websocket_allowed``), and a test cursor ignores
post-commit hooks (the NOTIFY that wakes the websockets): as bus's own
``WebsocketCase`` does, the test allows websockets and wakes the owner's
websocket itself once the job's commits have made their bus rows. The job is
the real stored queue job, performed as queue_job's runner would (with its
own cursor, whose commits are savepoints in test mode), when the tour opens
the systray: by then the form shows Queued and the browser is listening.
It runs inside that request rather than in a thread of its own: the test
cursors share one connection, and a second thread using it raced the
browser's requests. The bus delivers the run's messages once the request is
over, so the tour sees Queued then Done (and the final counters), not every
batch in between.
"""

from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, tagged
from odoo.tools import config

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.queue_job.job import Job


@tagged("post_install", "-at_install")
class TestTourLiveProgress(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )

    def setUp(self):
        super().setUp()
        # The page loads web.assets_tests (the tour) only when test_enable is
        # set. pytest-odoo sets it per test module, through a fixture that the
        # repository's tests/conftest.py replaces with a no-op; a session that
        # also collects tests/ then ran this tour on a page without it.
        previous = config["test_enable"]
        config["test_enable"] = True
        self.addCleanup(config.__setitem__, "test_enable", previous)

    def _perform(self, job):
        """Perform the job's stored queue job as queue_job's runner does,
        then wake the owner's websocket (what NOTIFY would do)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            queue_job = Job.load(env, job.queue_job_uuid)
            queue_job.set_started()
            queue_job.store()
            queue_job.perform()
            env.flush_all()
            queue_job.set_done()
            queue_job.store()
        channel = hashable(channel_with_db(self.env.cr.dbname, job.user_id.partner_id))
        for websocket in list(dispatch._channels_to_ws.get(channel, ())):
            websocket.trigger_notification_dispatching()

    def test_form_follows_a_running_export(self):
        admin = self.env.ref("base.user_admin")
        partners = self.env["res.partner"].create(
            [{"name": f"Tour Partner {i}"} for i in range(7)]
        )
        job = (
            self.env["data.job"]
            .with_user(admin)
            .create(
                {
                    "job_type": "export",
                    "res_model": "res.partner",
                    "domain": repr([("id", "in", partners.ids)]),
                    "field_names": ["name"],
                    "options": {"batch_size": 2},
                }
            )
        )
        job.action_start()
        self.assertEqual(job.state, "queued")
        # the messages of this set-up are not the run's: the browser, which
        # reads the bus from its first id, must hear only of the run
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()
        DataJob = type(self.env["data.job"])
        original = DataJob.systray_jobs
        performed = []

        @api.model
        def systray_jobs(records, *args, **kwargs):
            if not performed:
                performed.append(True)
                self._perform(job)
            return original(records, *args, **kwargs)

        # the page's bundles are built now, not while the tour waits 60 s
        # for the page to be ready (a loaded machine takes longer than that)
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = self.env["ir.qweb"]._get_asset_bundle(bundle)
            assets.js()
            assets.css()
        with patch.object(DataJob, "systray_jobs", systray_jobs):
            self.start_tour(
                f"/odoo/action-data_jobs.data_job_action/{job.id}",
                "data_jobs_live_progress",
                login="admin",
                timeout=120,
            )
        self.assertTrue(performed)
        job.invalidate_recordset()
        self.assertEqual((job.state, job.processed_rows), ("done", 7))
