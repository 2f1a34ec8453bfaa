# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The run of a data job: one batch loop for every engine.

An engine (``_export_batches``, ``_import_batches``) is a generator that does
one batch of work per step and yields the counters that step moved. This loop
runs each step in a savepoint, commits between steps when the job runs in its
own queue-job transaction, looks for a cancellation, and turns any failure
into a ``failed`` job with a human message. Nothing else decides how a run
ends.
"""

# data.job is split by concern (fields and states, the run loop, each engine)
# so that each file stays small and says what it holds.
# pylint: disable=consider-merging-classes-inherited

import logging
import random
import time
from collections import Counter

import psycopg2
from markupsafe import Markup, escape
from psycopg2 import errorcodes

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from ..io.options import OptionError
from .data_job import COUNTERS

_logger = logging.getLogger(__name__)

CONCURRENCY_ERRORS = (
    errorcodes.LOCK_NOT_AVAILABLE,
    errorcodes.SERIALIZATION_FAILURE,
    errorcodes.DEADLOCK_DETECTED,
)
MAX_TRIES = 5


class DataJob(models.Model):
    _inherit = "data.job"

    def _run(self):
        """Run data job"""
        self.ensure_one()
        for _counts in self._iter_run():
            pass
        return f"{self.name}: {self.state}"

    def _iter_run(self):
        """Run the job, yielding the counters of each finished batch."""
        job = self.with_company(self.company_id).with_context(
            lang=self.user_id.lang, tz=self.user_id.tz, tracking_disable=False
        )
        if job.state == "running":
            job._fail_interrupted()
            return
        if job.state != "queued":
            _logger.info("%s is %s: nothing to run", job.name, job.state)
            return
        if job.env.su or job.env.user != job.user_id:
            # queue_job runs the job as the user who queued it: the owner.
            # Anything else (sudo, another user) would widen or narrow the
            # owner's rights, so the job does not run at all.
            job._end_failed(
                self.env._(
                    "%(job)s runs only as its owner %(owner)s, never as another "
                    "user or the superuser: it was not run.",
                    job=job.name,
                    owner=job.user_id.name,
                )
            )
            return
        job._set_state("run", start_date=fields.Datetime.now(), end_date=False)
        job._commit()
        atomic = job._runs_atomically()
        # In a shared transaction (tests, no-delay mode) an atomic run is kept
        # or dropped with a savepoint; in its own transaction, as a whole.
        outer = job.env.cr.savepoint() if atomic and not job._autocommits() else None
        totals = Counter()
        steps = finish = None
        try:
            steps = job._batches()
            while True:
                with job.env.cr.savepoint():
                    try:
                        counts = next(steps)
                    except StopIteration as stop:
                        finish = stop.value
                        break
                totals.update(counts)
                job._after_batch(counts, totals, atomic)
                yield counts
                if job._cancel_requested(atomic):
                    steps.close()
                    if atomic:
                        job._end_atomic(outer, totals, keep=False)
                    job._stop_cancelled()
                    return
            if atomic:
                job._end_atomic(outer, totals, keep=job._keeps_atomic_result(totals))
            if finish:
                finish()
        except RetryableJobError:
            raise
        except Exception as exc:  # every failure ends as a failed job, see _fail
            if steps is not None:
                steps.close()
            if outer is not None and not outer.closed:
                outer.close(rollback=True)
            job._fail(exc)
            return
        failure = job._run_failure(totals)
        if failure:
            job._end_failed(failure)
        else:
            job._finish()

    def _batches(self):
        """The engine of this job: a generator of per-batch counters."""
        engine = getattr(self, f"_{self.job_type}_batches", None)
        if engine is None:
            raise UserError(
                self.env._(
                    "This version of Data Jobs cannot run %(type)s jobs yet.",
                    type=self.job_type,
                )
            )
        return engine()

    # ------------------------------------------------------------ transactions
    def _autocommits(self):
        """True when the job runs in its own queue-job transaction.

        queue_job sets ``job_uuid`` in the context and, because our job
        function allows commits, gives the job a cursor of its own: committing
        after each batch makes progress visible and keeps memory and locks
        small. Called directly (tests, no-delay mode), the job shares its
        caller's transaction and never commits it.
        """
        return bool(self.env.context.get("job_uuid"))

    def _commit(self):
        if self._autocommits():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    # ---------------------------------------------------- what engines decide
    def _runs_atomically(self):
        """True when the run keeps nothing unless it ends well (all-or-nothing,
        dry run): no commit between batches, and the end decides."""
        return False

    def _keeps_atomic_result(self, totals):
        """Whether an atomic run that reached its end keeps what it wrote."""
        return True

    def _run_failure(self, totals):
        """A message when a run that went through must still end as failed."""
        return None

    def _end_atomic(self, outer, totals, keep):
        """Keep or drop an atomic run's writes, then record its counters."""
        if keep:
            if outer is not None:
                outer.close(rollback=False)
            self._commit()
        else:
            if outer is not None:
                outer.close(rollback=True)
            elif self._autocommits():
                self.env.cr.rollback()
            self.env.invalidate_all()
        # A new transaction (after commit/rollback) sees the published progress:
        # absolute counters, not increments.
        self._engine_write({name: totals.get(name, 0) for name in COUNTERS})

    # ------------------------------------------------------------ transactions
    def _after_batch(self, counts, totals, atomic):
        """Keep the batch and record its counters where the user sees them."""
        if atomic and self._autocommits():
            self._publish_progress(totals)
            return
        self._commit()
        tries = 0
        while True:
            try:
                with self.env.cr.savepoint(flush=True):
                    self.invalidate_recordset()
                    self._add_counts(counts)
                self._commit()
                return
            except psycopg2.OperationalError as err:
                # Someone (the user cancelling) wrote the job row meanwhile.
                if not self._autocommits() or err.pgcode not in CONCURRENCY_ERRORS:
                    raise
                if tries >= MAX_TRIES:
                    raise RetryableJobError(str(err)) from err
                self.env.cr.rollback()
                tries += 1
                time.sleep(random.uniform(0.0, 0.1 * 2**tries))

    def _cancel_requested(self, atomic):
        """Whether the user cancelled the job since the last batch."""
        if atomic and self._autocommits():
            # this transaction's snapshot predates the cancel: ask a fresh one
            with self.env.registry.cursor() as cr:
                return self.with_env(self.env(cr=cr)).state == "cancelled"
        self.invalidate_recordset(["state"])
        return self.state == "cancelled"

    def _publish_progress(self, totals):
        """Show an atomic run's progress without committing its work: the
        counters go through a cursor of their own."""
        try:
            with self.env.registry.cursor() as cr:
                job = self.with_env(self.env(cr=cr))
                job._engine_write(
                    {n: totals.get(n, 0) for n in COUNTERS if n in totals}
                )
        except psycopg2.OperationalError as err:
            if err.pgcode not in CONCURRENCY_ERRORS:
                raise
            _logger.info("%s: progress not published (%s)", self.name, err.pgcode)

    def _add_counts(self, counts):
        vals = {name: self[name] + value for name, value in counts.items() if value}
        if vals:
            self._engine_write(vals)

    # ------------------------------------------------------------------ endings
    def _finish(self):
        self._set_state("finish", end_date=fields.Datetime.now())
        self._ended()

    def _ended(self):
        """Every ending: the owner is told, the template's followers too (for a
        scheduled export), and the outcome is committed."""
        self._notify_owner()
        if self.scheduled and self.template_id:
            # sudo: the owner may only read the template; posting a link on it
            # and rotating the files of its own scheduled jobs is the
            # template's housekeeping (see _after_job: no file is shared).
            self.template_id.sudo()._after_job(self.sudo())
        self._commit()

    def _stop_cancelled(self):
        self._engine_write({"end_date": fields.Datetime.now()})
        self._log("info", self._stopped_message())
        self._ended()

    def _stopped_message(self):
        """What a cancelled run leaves behind; engines refine it."""
        return self.env._(
            "Stopped after %(count)s rows as requested.", count=self.processed_rows
        )

    def _fail(self, exc):
        message = self._human_error(exc)
        if isinstance(exc, UserError | OptionError | ValueError) or self._is_io_error(
            exc
        ):
            _logger.info("%s failed: %s", self.name, message)
        else:
            _logger.exception("%s failed", self.name)
        if self._autocommits():
            self.env.cr.rollback()
        self.env.invalidate_all()
        self._end_failed(message)

    def _end_failed(self, message):
        self._set_state("fail", end_date=fields.Datetime.now(), error_message=message)
        self._log("error", message)
        self._ended()

    def _fail_interrupted(self):
        self._end_failed(
            self.env._(
                "The previous run of %(job)s was interrupted (server restart or "
                "worker crash) after %(count)s rows. Use Retry to run it again.",
                job=self.name,
                count=self.processed_rows,
            )
        )

    def _human_error(self, exc):
        """A message a user can act on; the traceback stays in the server log."""
        if isinstance(exc, UserError):
            return exc.args[0]
        if self._is_io_error(exc):
            return str(exc)
        if isinstance(exc, psycopg2.Error):
            detail = (exc.pgerror or str(exc)).strip().splitlines()[0]
            return self.env._(
                "The database refused the operation: %(detail)s", detail=detail
            )
        if isinstance(exc, FileNotFoundError | PermissionError):
            return self.env._(
                "A file the job needs could not be read: %(error)s", error=exc
            )
        if getattr(exc, "human", False):
            return str(exc)
        return self.env._(
            "Unexpected error (%(type)s): %(error)s. The technical details are in "
            "the server log.",
            type=type(exc).__name__,
            error=exc,
        )

    def _is_io_error(self, exc):
        """Our own file and option errors already speak to the user."""
        return type(exc).__module__.startswith("odoo.addons.data_jobs.io")

    def _notify_owner(self):
        """Tell the owner the job ended: a chatter message (with a link to the
        job and the file attached) and a pop-up whose buttons open the job or
        download its file (the ``data_jobs.job_ended`` bus notification, shown
        by static/src/job_notification)."""
        body = self.env._(
            "%(job)s ended: %(state)s.", job=self.name, state=self._state_label()
        )
        if self.job_type == "import" and self.processed_rows:
            body += " " + self.env._(
                "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(skipped)s skipped, %(errors)s with errors.",
                created=self.created_count,
                updated=self.updated_count,
                unchanged=self.unchanged_count,
                skipped=self.skipped_count,
                errors=self.error_count,
            )
        if self.state == "failed":
            body += " " + self.error_message
        files = self.output_file_id | self.failed_file_id
        if files:
            body += " " + self.env._(
                "File: %(name)s", name=", ".join(files.mapped("name"))
            )
        url = f"/odoo/action-data_jobs.data_job_action/{self.id}"
        link = Markup('<a href="%s">%s</a>') % (url, self.name)
        self.sudo().message_post(  # posted by OdooBot so the owner is notified
            body=Markup(escape(body).replace(escape(self.name), link, 1)),
            author_id=self.env.ref("base.partner_root").id,
            partner_ids=self.user_id.partner_id.ids,
            attachment_ids=files.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.user_id._bus_send(
            "data_jobs.job_ended",
            {
                "job_id": self.id,
                "state": self.state,
                "title": self.env._("Data job %(job)s", job=self.name),
                "message": body,
                "type": {"failed": "danger", "cancelled": "warning"}.get(
                    self.state, "success"
                ),
                "sticky": self.state == "failed",
                "url": url,
                "download_url": f"/web/content/{files[:1].id}?download=true"
                if files
                else False,
            },
        )
