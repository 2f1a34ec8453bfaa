# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Live progress on the bus, and counters and states that say what is true:
dry runs ("would create"), rolled-back runs ("valid rows not imported"),
"Done with errors", and the systray's list."""

import json
from unittest.mock import patch

from odoo.tests import tagged

from ..models import data_job_live_mixin as live
from .import_common import ImportCase

PROGRESS = "data_jobs.job_progress"
ENDED = "data_jobs.job_ended"


@tagged("post_install", "-at_install")
class TestLiveProgress(ImportCase):
    def setUp(self):
        super().setUp()
        live._last_sent.clear()
        self.env["bus.bus"].sudo().search([]).unlink()

    def _bus_messages(self, user=None, kind=PROGRESS):
        """The bus rows created so far (as a commit would create them) for
        ``user``'s channel (every channel: None), of type ``kind``."""
        self.env.cr.precommit.run()  # what a commit runs first: bus rows are made
        # a user's bus channel is their partner's (mail's res.users._bus_channel)
        target = user and [self.env.cr.dbname, "res.partner", user.partner_id.id]
        found = []
        for row in self.env["bus.bus"].sudo().search([], order="id"):
            message = json.loads(row.message)
            if message["type"] != kind:
                continue
            channel = json.loads(row.channel)
            if user is None or channel == target:
                found.append(message["payload"])
        return found

    # ------------------------------------------------------------------ bus
    def test_run_sends_progress_to_the_owner_only(self):
        job = self._export_job(options={"batch_size": 2})
        job.action_start()
        self._run(job)
        mine = self._bus_messages(self.user_a)
        self.assertEqual(mine, self._bus_messages(), "only the owner is told")
        self.assertFalse(self._bus_messages(self.user_b))
        states = [m["state"] for m in mine]
        self.assertEqual(states[0], "queued")
        self.assertIn("running", states)
        last = mine[-1]
        self.assertEqual(last["state"], "done")
        self.assertEqual(last["job_id"], job.id)
        self.assertEqual(last["progress"], 100.0)
        self.assertEqual(last["processed_rows"], 7)
        self.assertEqual(last["state_label"], "Done")
        self.assertTrue(last["file_url"].startswith("/web/content/"))
        self.assertEqual(len(self._bus_messages(self.user_a, ENDED)), 1)

    def test_messages_go_with_the_transaction(self):
        """A batch rolled back takes its message with it: bus rows are made
        when the transaction commits (pre-commit), never before."""
        job = self._export_job()
        with self.env.cr.savepoint() as savepoint:
            job.action_start()
            savepoint.rollback()
        self.assertFalse(self._bus_messages())
        job.invalidate_recordset()
        self.assertEqual(job.state, "draft")

    def test_stored_queue_job_commits_send_progress(self):
        """Through a real stored queue job, whose per-batch commits are
        savepoints of this test's transaction: each commit made its rows."""
        job = self._export_job(options={"batch_size": 3})
        job.action_start()
        self._perform_queue_job(job)
        self.assertEqual(job.state, "done", job.error_message)
        # made by the job's own commits, before this transaction commits
        made = [
            json.loads(row.message)["payload"]["state"]
            for row in self.env["bus.bus"].sudo().search([], order="id")
            if json.loads(row.message)["type"] == PROGRESS
        ]
        self.assertEqual(made[0], "running")
        self.assertEqual(made[-1], "done")
        # "queued" was written by this transaction: sent when it commits
        self.assertNotIn("queued", made)
        self.assertEqual(self._bus_messages(self.user_a)[-1]["state"], "queued")

    def test_counter_messages_are_throttled(self):
        job = self._export_job()
        job.action_start()
        job._engine_write({"state": "running"})
        clock = [1000.0]
        with patch.object(live.time, "monotonic", lambda: clock[0]):
            live._last_sent.clear()
            self.env["bus.bus"].sudo().search([]).unlink()
            self.env.cr.precommit.clear()
            job._engine_write({"processed_rows": 1})  # sent: the first
            clock[0] += 0.2
            job._engine_write({"processed_rows": 2})  # dropped: too soon
            clock[0] += 0.2
            job._engine_write({"total_rows": 7})  # dropped: too soon
            clock[0] += 0.2
            job._engine_write({"output_file_id": False})  # a file: always sent
            clock[0] += 1.1
            job._engine_write({"processed_rows": 5})  # sent: a second later
            job._engine_write({"error_message": False, "state": "failed"})
        rows = [(m["processed_rows"], m["state"]) for m in self._bus_messages()]
        self.assertEqual(
            rows, [(1, "running"), (2, "running"), (5, "running"), (5, "failed")]
        )

    # ------------------------------------------------------------ counters
    def test_dry_run_says_would(self):
        content = self._csv([["name"], ["Imp A"], ["Imp B"], ["Imp C"], ["Imp D"]])
        job = self._import(content, options={"dry_run": True})
        self.assertEqual(job.state, "done")
        self.assertTrue(job.dry_run)
        self.assertFalse(self._partners(), "a dry run keeps nothing")
        self.assertEqual(job.created_count, 4)
        summary = job._counters_summary()
        self.assertIn("would create 4", summary)
        self.assertNotIn("4 created", summary)
        chatter = job.sudo().message_ids[:1].body
        self.assertIn("would create 4", chatter)
        self.assertNotIn("4 created", chatter)
        ended = self._bus_messages(self.user_a, ENDED)[-1]
        self.assertIn("would create 4", ended["message"])
        self.assertTrue(self._bus_messages(self.user_a)[-1]["dry_run"])

    def test_rolled_back_run_created_nothing(self):
        content = self._csv(
            [
                ["name", "country_id"],
                ["Imp Good 1", "Belgium"],
                ["Imp Good 2", "Belgium"],
                ["Imp Good 3", "Belgium"],
                ["Imp Bad", "Atlantis"],
            ]
        )
        job = self._import(content, options={"on_error": "all_or_nothing"})
        self.assertEqual(job.state, "failed")
        self.assertFalse(self._partners())
        self.assertEqual((job.created_count, job.updated_count), (0, 0))
        self.assertEqual(job.not_imported_count, 3)
        self.assertIn("0 created, 3 valid rows not imported", job._counters_summary())
        chatter = job.sudo().message_ids[:1].body
        self.assertIn("0 created, 3 valid rows not imported", chatter)
        self.assertNotIn("3 created", chatter)

    # ---------------------------------------------------- done with errors
    def test_done_with_errors(self):
        content = self._csv(
            [["name", "country_id"], ["Imp Good", "Belgium"], ["Imp Bad", "Atlantis"]]
        )
        job = self._import(content)
        self.assertEqual(job.state, "done")
        self.assertEqual(job.display_state, "done_errors")
        self.assertEqual(job._display_state_label(), "Done with errors")
        ended = self._bus_messages(self.user_a, ENDED)[-1]
        self.assertEqual(ended["type"], "warning")
        self.assertIn("ended: Done with errors", ended["message"])
        found = self.env["data.job"].search([("display_state", "=", "done_errors")])
        self.assertIn(job, found)
        clean = self._import(self._csv([["name"], ["Imp Clean"]]), "clean.csv")
        self.assertEqual(clean.display_state, "done")

    def test_every_row_failed_fails_the_job(self):
        content = self._csv(
            [
                ["name", "country_id"],
                ["Imp Bad 1", "Atlantis"],
                ["Imp Bad 2", "Lemuria"],
            ]
        )
        job = self._import(content, options={"batch_size": 1})
        self.assertEqual(job.state, "failed")
        self.assertIn("All 2 rows have errors: nothing was imported", job.error_message)
        self.assertEqual(job.error_count, 2)
        # nothing was kept: Retry starts again from the top, not after row 3
        self.assertTrue(job.checkpoint)
        self.assertFalse(job._resumes())
        job.with_user(self.user_a).action_retry()
        self.assertEqual((job.state, job.error_count), ("queued", 0))
        self.assertFalse(job.checkpoint)
        self.assertEqual(self._bus_messages(self.user_a)[-1]["state"], "queued")

    def test_dry_run_where_every_row_failed_is_done_with_errors(self):
        content = self._csv([["name", "country_id"], ["Imp Bad", "Atlantis"]])
        job = self._import(content, options={"dry_run": True})
        self.assertEqual((job.state, job.display_state), ("done", "done_errors"))

    # --------------------------------------------------------------- systray
    def test_systray_lists_own_jobs_busy_first(self):
        done = self._export_job()
        done.action_start()
        self._run(done)
        busy = self._export_job()
        busy.action_start()
        draft = self._export_job()
        other = self._export_job(user=self.user_b)
        other.action_start()
        jobs = self.env["data.job"].with_user(self.user_a).systray_jobs()
        ids = [job["job_id"] for job in jobs]
        self.assertEqual(ids, [busy.id, draft.id, done.id])
        self.assertNotIn(other.id, ids)
        line = jobs[2]
        self.assertEqual((line["state"], line["progress"]), ("done", 100.0))
        self.assertEqual(line["file_name"], done.sudo().output_file_id.name)
        self.assertEqual(
            len(self.env["data.job"].with_user(self.user_a).systray_jobs(2)), 2
        )
