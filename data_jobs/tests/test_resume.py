# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, faults: a run that queue_job starts again (a retry after a lock
conflict, a requeue after a dead worker) goes on from its last committed
batch; every end goes through the same path; template options reach jobs."""

import base64
import secrets
from collections import Counter
from contextlib import contextmanager

from odoo import Command, sql_db
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from ..engine.import_engine import ImportEngine
from ..resources import GenericResource, register_resource, registry
from .common import RUNNER_LOGGER
from .import_common import ImportCase


class StopAtRefResource(GenericResource):
    """Partners, refusing the batch that holds the reference STOP."""

    model = "res.partner"

    def before_batch(self, rows):
        for row in rows:
            if row.vals.get("ref") == "STOP":
                raise UserError(f"The resource refuses row {row.row_number}.")


ROWS = [["name", "ref"]] + [[f"Imp Resume {i}", f"RS{i}"] for i in range(1, 7)]


@tagged("post_install", "-at_install")
class TestResume(ImportCase):
    def _import_job(self, rows=ROWS, **options):
        content = base64.b64encode(self._csv(rows)).decode()
        return (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner", "resume.csv", content, dict(batch_size=2, **options)
            )
        )

    def _stop_after(self, job, batches):
        """Run ``batches`` batches in this transaction and stop, as a worker
        that died after committing them would leave the job: running."""
        steps = job.with_user(self.user_a)._iter_run()
        for _step in range(batches + 1):  # the first step counts the rows
            next(steps)
        steps.close()
        self.assertEqual(job.state, "running")
        return job

    def _queue_perform(self, job, expect=None):
        """queue_job's runner running the stored queue job (again): load,
        start, perform as the stored user, then done or back to pending."""
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        try:
            queue_job = Job.load(self.env, job.queue_job_uuid)
            queue_job.set_started()
            queue_job.store()
            if expect:
                # not assertRaises: Odoo's rolls back what the block did, and
                # what the run committed before the error must stay
                raised = False
                try:
                    queue_job.perform()
                except expect:
                    raised = True
                self.assertTrue(raised, f"{expect.__name__} not raised")
                queue_job.set_pending(reset_retry=False)
            else:
                queue_job.perform()
                queue_job.set_done()
            queue_job.store()
        finally:
            self.registry.leave_test_mode()
        self.env.invalidate_all()
        return queue_job

    @contextmanager
    def _row_locked_elsewhere(self, partner):
        """``partner``'s row locked by another connection (a real second
        transaction) while the block runs."""
        self.env.flush_all()  # nothing of this test itself waits for the lock
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(
                "SELECT id FROM res_partner WHERE id = %s FOR UPDATE", [partner.id]
            )
            with mute_logger(RUNNER_LOGGER, "odoo.sql_db"):
                yield
        finally:
            other.rollback()
            other.close()

    def _infos(self, job):
        return (
            job.sudo()
            .log_ids.filtered(lambda log: log.level == "info")
            .mapped("message")
        )

    def test_requeued_run_goes_on_after_the_last_committed_row(self):
        job = self._stop_after(self._import_job(), batches=2)
        self.assertEqual(job.checkpoint, {"part": 0, "row": 5})
        self._queue_perform(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(len(self._partners("Imp Resume")), 6, "no row imported twice")
        self.assertEqual((job.processed_rows, job.created_count), (6, 6))
        self.assertEqual(job.total_rows, 6)
        self.assertTrue(any("Going on after row 5" in m for m in self._infos(job)))

    def test_interrupted_job_retried_by_the_user_goes_on(self):
        job = self._stop_after(self._import_job(), batches=1)
        # found running by another run than its own queue job: interrupted
        with mute_logger(RUNNER_LOGGER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("go on after row 3", job.error_message)
        job.with_user(self.user_a).action_retry()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(len(self._partners("Imp Resume")), 6)
        self.assertEqual((job.processed_rows, job.created_count), (6, 6))

    def test_all_or_nothing_run_starts_again_from_the_top(self):
        job = self._stop_after(self._import_job(on_error="all_or_nothing"), 1)
        self.assertFalse(self._partners("Imp Resume"), "nothing kept of the try")
        self._queue_perform(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(len(self._partners("Imp Resume")), 6)
        self.assertEqual((job.processed_rows, job.created_count), (6, 6))
        self.assertTrue(
            any("Started again from the top" in m for m in self._infos(job))
        )

    def test_export_starts_its_file_again(self):
        job = self._export_job(options={"batch_size": 3})
        job.action_start()
        self._stop_after(job, batches=1)
        self._queue_perform(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.processed_rows, 7)
        self.assertEqual(len(self._csv_rows(job)), 8, "the whole file, once")

    def test_lock_conflict_is_retried_and_resumes(self):
        """A real lock held by another transaction on a row the import
        updates: the batch gives up after the lock timeout, queue_job is
        asked to retry, and the retry goes on after the committed rows."""
        target = self.env.ref("base.public_partner")
        rows = [
            ["id", "name", "ref"],
            ["__import__.dj_lock_1", "Imp Lock 1", "L1"],
            ["__import__.dj_lock_2", "Imp Lock 2", "L2"],
            ["base.public_partner", target.name, "DJ-LOCKED"],
            ["__import__.dj_lock_3", "Imp Lock 3", "L3"],
        ]
        self.env["ir.config_parameter"].set_param("data_jobs.lock_timeout", "1")
        job = self._import_job(rows)
        with self._row_locked_elsewhere(target):
            self._queue_perform(job, expect=RetryableJobError)
        self.assertEqual(job.state, "running")
        self.assertEqual((job.processed_rows, job.checkpoint["row"]), (2, 3))
        self._queue_perform(job)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(len(self._partners("Imp Lock")), 3, "no row imported twice")
        self.assertEqual((job.created_count, job.updated_count), (3, 1))
        self.assertEqual(target.ref, "DJ-LOCKED")
        self.assertTrue(any("(try 2)" in m for m in self._infos(job)))

    def test_last_try_fails_with_the_count_of_tries(self):
        target = self.env.ref("base.public_partner")
        self.env["ir.config_parameter"].set_param("data_jobs.lock_timeout", "1")
        job = self._import_job([["id", "ref"], ["base.public_partner", "DJ-LOCKED"]])
        self._queue_job(job).sudo().write({"retry": 4, "max_retries": 5})
        with self._row_locked_elsewhere(target):
            self._queue_perform(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("failed after 5 tries", job.error_message)

    def test_watchdog_failure_is_announced(self):
        job = self._export_job()
        job.action_start()
        self._queue_job(job).sudo().write({"state": "failed"})
        self.env["data.job"]._cron_fail_lost_jobs()
        self.assertEqual(job.state, "failed")
        self.assertIn("stopped unexpectedly", job.error_message)
        message = job.sudo().message_ids.filtered(
            lambda m: self.user_a.partner_id in m.partner_ids
        )
        self.assertTrue(message, "the owner is told, as for any other end")
        self.assertIn("stopped unexpectedly", message[0].body)

    def test_template_options_reach_wizard_jobs(self):
        template = (
            self.env["data.job.template"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "Sorted",
                    "direction": "export",
                    "res_model": "res.partner",
                    "domain": self.domain,
                    "field_names": ["name"],
                    "extra_options": {"order": "name desc", "pdf_title": "Sorted"},
                }
            )
        )
        wizard = (
            self.env["data.job.export.wizard"]
            .with_user(self.user_a)
            .create(
                {
                    "res_model": "res.partner",
                    "domain": self.domain,
                    "file_format": "csv",
                    "template_id": template.id,
                    "line_ids": [
                        Command.create({"path": "name", "res_model": "res.partner"})
                    ],
                }
            )
        )
        wizard.action_export()
        job = template.job_ids
        self.assertEqual(job.options.get("order"), "name desc")
        self.assertEqual(job.options.get("pdf_title"), "Sorted")
        self._run(job)
        names = [row[0] for row in self._csv_rows(job)[1:]]
        self.assertEqual(names, sorted(names, reverse=True))

    def test_a_value_the_database_refuses_is_a_row_error(self):
        """An indexed value too large for its index (an OperationalError
        that is no concurrency error) fails its row, not the whole job."""
        huge = secrets.token_hex(4000)
        rows = [
            ["name", "ref"],
            ["Imp Big 1", "B1"],
            ["Imp Big 2", huge],
            ["Imp Big 3", "B3"],
        ]
        job = self._import(self._csv(rows), options={"batch_size": 10})
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.error_count), (2, 1))
        [(row, column, _value, message)] = self._errors(job)
        self.assertEqual((row, column), (3, "ref"))
        self.assertIn("index row", message)

    def test_an_engine_imports_one_slice_of_the_file(self):
        """Room for chunked imports: an engine for rows 3 to 5 of the file
        imports those rows only, with their own counters."""
        job = self._import_job()
        job = job.with_user(self.user_a)
        totals = Counter()
        steps = ImportEngine(job, rows=(3, 5)).batches()
        try:
            while True:
                counts = dict(next(steps))
                counts.pop("checkpoint", None)
                totals.update(counts)
        except StopIteration as stop:
            stop.value()
        self.assertEqual(totals["total_rows"], 3)
        self.assertEqual((totals["processed_rows"], totals["created_count"]), (3, 3))
        self.assertEqual(
            self._partners("Imp Resume").mapped("ref"), ["RS2", "RS3", "RS4"]
        )

    def test_a_failed_import_keeps_the_files_of_what_it_kept(self):
        """A run that fails half-way (here a resource refusing a batch) keeps
        the batches it committed, attaches the imported-rows file listing
        exactly them, and says how many rows were kept and how to go on."""
        saved = {k: list(v) for k, v in registry._CUSTOM.items()}
        self.addCleanup(
            lambda: (registry._CUSTOM.clear(), registry._CUSTOM.update(saved))
        )
        register_resource(StopAtRefResource)
        rows = [["name", "ref"]] + [[f"Imp Stop {i}", f"ST{i}"] for i in range(1, 5)]
        rows += [["Imp Stop 5", "STOP"], ["Imp Stop 6", "ST6"]]
        job = self._import_job(rows)
        with mute_logger(RUNNER_LOGGER):
            self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("refuses row", job.error_message)
        self.assertIn("4 rows were kept, up to row 5", job.error_message)
        self.assertEqual(len(self._partners("Imp Stop")), 4)
        imported = self._result_rows(job.success_file_id)
        self.assertEqual([row[0] for row in imported[1:]], ["2", "3", "4", "5"])
