# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The run of a data job: one batch loop for every engine, and the one place
that decides how a run ends.

Each step of the engine runs in a savepoint; between steps the runner commits
(when the job has its own queue-job transaction), records the counters and
the engine's checkpoint, and looks for a cancellation. It then ends the job
exactly once, through ``data.job._end``: done, failed, cancelled, or left
running for queue_job to retry after a lock conflict.

A run that comes back while the job is still running is the same queue job
again (queue_job retried it after a ``RetryableJobError``, or requeued it
after its worker died): it goes on from the last committed checkpoint when
the engine can (an import that keeps good rows), otherwise it starts again.
"""

import logging
import random
import time
from collections import Counter

import psycopg2

from odoo import fields
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError

from . import engine_for
from .errors import CONCURRENCY_ERRORS, human_error, is_expected

_logger = logging.getLogger(__name__)

MAX_TRIES = 5  # tries to lock the job's row before queue_job retries the run
LOCK_TIMEOUT = 30  # seconds a batch waits for a row lock (data_jobs.lock_timeout)


class Runner:
    """Runs one data job as its owner; ``steps()`` yields each batch's counters."""

    def __init__(self, job):
        self.job = job.with_company(job.company_id).with_context(
            lang=job.user_id.lang, tz=job.user_id.tz, tracking_disable=False
        )
        self.env = self.job.env
        self.engine = None  # built at the start of the run (engine_for)

    # ------------------------------------------------------------ entering
    def steps(self):
        job = self.job
        if job.state == "running":
            if not self._same_queue_job():
                job._fail_interrupted()
                return
            # queue_job runs this queue job again: a retry, or a requeue
            # after its worker died. What was committed stays.
            yield from self._loop(again=True)
            return
        if job.state != "queued":
            _logger.info("%s is %s: nothing to run", job.name, job.state)
            return
        if job.env.su or job.env.user != job.user_id:
            # queue_job runs the job as the user who queued it: the owner.
            # Anything else (sudo, another user) would widen or narrow the
            # owner's rights, so the job does not run at all.
            job._end(
                "fail",
                self.env._(
                    "%(job)s runs only as its owner %(owner)s, never as another "
                    "user or the superuser: it was not run.",
                    job=job.name,
                    owner=job.user_id.name,
                ),
            )
            return
        job._set_state("run", start_date=fields.Datetime.now(), end_date=False)
        self._commit()
        yield from self._loop(again=bool(job.checkpoint))

    def _same_queue_job(self):
        uuid = self.env.context.get("job_uuid")
        return bool(uuid) and uuid == self.job.queue_job_uuid

    def _start_point(self, engine, again):
        """Where this run starts: the last checkpoint of a resumable engine,
        or the top (forgetting the counters of a run that stopped)."""
        job = self.job
        if again and engine.resumable and job.checkpoint:
            job._log(
                "info",
                self.env._(
                    "Going on after row %(row)s (try %(attempt)s): the rows up to "
                    "there were kept and are not imported again. The result files "
                    "list the rows from there on; earlier rows are in this log.",
                    row=job.checkpoint.get("row"),
                    attempt=self._try_number(),
                ),
            )
            return dict(job.checkpoint)
        if again:
            job._log(
                "info",
                self.env._(
                    "Started again from the top (try %(attempt)s): nothing of the "
                    "previous attempt was kept.",
                    attempt=self._try_number(),
                ),
            )
            job._forget_progress()
        return None

    # ---------------------------------------------------------------- loop
    def _loop(self, again):
        job = self.job
        run = _Run()
        try:
            engine = self.engine = engine_for(job)
            ended = yield from self._batches(run, engine, again)
        except GeneratorExit:
            # the caller stopped iterating (a test, or the worker going away):
            # an atomic run's writes go with it, as they would with a crash
            run.abandon()
            raise
        except psycopg2.OperationalError as err:
            run.abandon()
            if err.pgcode not in CONCURRENCY_ERRORS or not self._autocommits():
                self._fail(err)
                return
            # a lock conflict or a serialization failure: the batch was rolled
            # back with its checkpoint; queue_job runs the job again later
            self._retry_or_fail(err, RetryableJobError(str(err)))
            return
        except RetryableJobError as err:
            run.abandon()
            self._retry_or_fail(err, err)
            return
        except Exception as exc:  # every failure ends as a failed job
            run.abandon()
            self._fail(exc)
            return
        if ended:  # cancelled
            job._end(None, engine.stopped_message(job.processed_rows))
            return
        failure = engine.failure(run.totals)
        if failure:
            job._end("fail", failure)
        else:
            job._end("finish")

    def _batches(self, run, engine, again):
        """The batch loop; returns True when it stopped for a cancel."""
        job = self.job
        checkpoint = self._start_point(engine, again)
        run.totals = Counter(job._counters()) if checkpoint else Counter()
        atomic = engine.atomic
        self._commit()  # what _start_point logged stays, whatever follows
        self._set_lock_timeout()
        # In a shared transaction (tests, no-delay mode) an atomic run is
        # kept or dropped with a savepoint; in its own, as a whole.
        if atomic and not self._autocommits():
            run.outer = self.env.cr.savepoint()
        run.steps = engine.batches(checkpoint)
        while True:
            if not atomic and self._lock_job() == "cancelled":
                run.steps.close()
                return True
            with self.env.cr.savepoint():
                try:
                    counts = dict(next(run.steps))
                except StopIteration as stop:
                    finish = stop.value
                    break
            point = counts.pop("checkpoint", None)
            run.totals.update(counts)
            self._after_batch(counts, run.totals, atomic, point)
            yield counts
            if self._cancel_requested(atomic):
                run.steps.close()
                if atomic:
                    self._end_atomic(run.outer, run.totals, keep=False)
                return True
        if atomic:
            self._end_atomic(run.outer, run.totals, keep=engine.keeps(run.totals))
        if finish:
            finish()
        return False

    def _retry_or_fail(self, err, retry):
        """Ask queue_job for another try, or fail after the last one."""
        if not self._last_try():
            if retry is err:
                raise err
            raise retry from err
        self._fail(err, tries=self._try_number())

    def _fail(self, exc, tries=None):
        job = self.job
        message = human_error(self.env, exc)
        if tries:
            message = self.env._(
                "%(job)s failed after %(tries)s tries: %(error)s",
                job=job.name,
                tries=tries,
                error=message,
            )
        if is_expected(exc):
            _logger.info("%s failed: %s", job.name, message)
        else:
            _logger.exception("%s failed", job.name)
        if self._autocommits():
            self.env.cr.rollback()
        self.env.invalidate_all()
        message += self._what_was_kept()
        job._end("fail", message)

    def _what_was_kept(self):
        """After a failure: attach the result files of the batches an import
        committed, and say what was kept and how to go on."""
        job, engine = self.job, self.engine
        if engine is None or not engine.resumable or not job.checkpoint:
            return ""
        try:
            engine.salvage()
        except Exception:  # the failure is what the user must read first
            _logger.exception("%s: the result files could not be kept", job.name)
        return " " + self.env._(
            "%(count)s rows were kept, up to row %(row)s of the file: Retry goes on "
            "after it (the kept rows are not imported again). The imported-rows "
            "and failed-rows files list the rows kept.",
            count=job.processed_rows,
            row=job.checkpoint.get("row"),
        )

    # ------------------------------------------------------- queue_job tries
    def _queue_job(self):
        uuid = self.env.context.get("job_uuid")
        if not uuid:
            return None
        # sudo: the queue job running this very code; users cannot read the queue
        return self.env["queue.job"].sudo().search([("uuid", "=", uuid)], limit=1)

    def _try_number(self):
        """This try's number (1 for the first run of the queue job)."""
        queue_job = self._queue_job()
        return (queue_job.retry + 1) if queue_job else 1

    def _last_try(self):
        """Whether queue_job gives up after this try (it would then fail its
        queue job and leave ours running until the watchdog)."""
        queue_job = self._queue_job()
        if not queue_job:
            return True  # no queue_job to retry it: this run is the only one
        return bool(queue_job.max_retries) and (
            queue_job.retry + 1 >= queue_job.max_retries
        )

    # --------------------------------------------------------- transactions
    def _autocommits(self):
        """True when the job runs in its own queue-job transaction.

        queue_job sets ``job_uuid`` in the context and, because our job
        function allows commits, gives the job a cursor of its own: committing
        after each batch makes progress visible and keeps memory and locks
        small. Called directly (tests, no-delay mode), the job shares its
        caller's transaction and never commits it.
        """
        return self.job._autocommits()

    def _commit(self):
        self.job._commit()

    def _lock_job(self):
        """Lock the job's row for the batch to come, and return its state.

        The batch's records, its counters and its checkpoint are committed
        together, so a run that comes back after a crash never imports a
        committed row twice. Taking the row first, while nothing of the batch
        is written, makes a concurrent write (the user cancelling) wait for
        the batch's commit, or fail our transaction here, where dropping it
        costs nothing."""
        job = self.job
        if not self._autocommits():
            return None
        for tries in range(MAX_TRIES + 1):
            try:
                self._set_lock_timeout()
                self.env.cr.execute(
                    SQL("SELECT state FROM data_job WHERE id = %s FOR UPDATE", job.id)
                )
                job.invalidate_recordset(["state"])
                return self.env.cr.fetchone()[0]
            except psycopg2.OperationalError as err:
                if err.pgcode not in CONCURRENCY_ERRORS or tries >= MAX_TRIES:
                    raise RetryableJobError(str(err)) from err
                self.env.cr.rollback()
                time.sleep(random.uniform(0.0, 0.1 * 2**tries))
        return None

    def _set_lock_timeout(self):
        """A batch that waits for a row lock gives up after the timeout (and
        is retried by queue_job) instead of holding a worker; for this
        transaction only."""
        if self._autocommits():
            self.env.cr.execute(
                SQL(
                    "SELECT set_config('lock_timeout', %s, true)",
                    f"{self._lock_timeout()}s",
                )
            )

    def _lock_timeout(self):
        """Seconds a batch waits for a row lock (``data_jobs.lock_timeout``)."""
        # sudo: system parameters are readable by administrators only
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("data_jobs.lock_timeout", str(LOCK_TIMEOUT))
        )
        try:
            return max(1, int(value))
        except ValueError:
            return LOCK_TIMEOUT

    def _after_batch(self, counts, totals, atomic, point):
        """Record the batch's counters and checkpoint, and commit them with
        the batch (a run of its own; in a shared transaction, nothing is
        committed)."""
        job = self.job
        if atomic and self._autocommits():
            self._publish_progress(totals)
            return
        with self.env.cr.savepoint(flush=True):
            job.invalidate_recordset()
            job._add_counts(counts, point)
        self._commit()

    def _cancel_requested(self, atomic):
        """Whether the user cancelled the job since the last batch."""
        job = self.job
        if atomic and self._autocommits():
            # this transaction's snapshot predates the cancel: ask a fresh one
            with self.env.registry.cursor() as cr:
                return job.with_env(job.env(cr=cr)).state == "cancelled"
        job.invalidate_recordset(["state"])
        return job.state == "cancelled"

    def _publish_progress(self, totals):
        """Show an atomic run's progress without committing its work: the
        counters go through a cursor of their own."""
        job = self.job
        try:
            with self.env.registry.cursor() as cr:
                job.with_env(job.env(cr=cr))._set_counters(totals)
        except psycopg2.OperationalError as err:
            if err.pgcode not in CONCURRENCY_ERRORS:
                raise
            _logger.info("%s: progress not published (%s)", job.name, err.pgcode)

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
        # absolute counters, not increments; a dropped run's say what it did
        # not keep (see Engine.dropped_totals).
        if not keep and self.engine is not None:
            totals = self.engine.dropped_totals(totals)
        self.job._set_counters(totals, absolute=True)


class _Run:
    """What one run holds while it goes: the engine's steps, the savepoint
    of an atomic run in a shared transaction, the totals."""

    def __init__(self):
        self.steps = self.outer = None
        self.totals = Counter()

    def abandon(self):
        if self.steps is not None:
            self.steps.close()
        if self.outer is not None and not self.outer.closed:
            self.outer.close(rollback=True)
