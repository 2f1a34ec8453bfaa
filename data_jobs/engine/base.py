# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every engine answers for the runner.

An engine is a plain object built once per run from the job (as queue_job's
``Job`` class lives apart from its model): its options are validated and its
domain, resource and columns resolved in the constructor, once. The runner
(runner.py) owns the batch loop and the transactions, and asks the engine
what only the engine knows: its batches, whether the run is all-or-nothing,
what a run that went through must still report as a failure, what it keeps,
and what a resumed run skips.
"""

from ..io.options import with_defaults


class Engine:
    """One run of one job; subclasses set ``job_type`` and ``batches``."""

    job_type = None

    def __init__(self, job):
        self.job = job
        self.env = job.env
        self.options = with_defaults(job.options, self.job_type)

    # -------------------------------------------------------------- the run
    @property
    def atomic(self):
        """True when the run keeps nothing unless it ends well (all-or-nothing,
        dry run): no commit between batches, and the end decides."""
        return False

    @property
    def resumable(self):
        """True when a run that stopped half-way (a retry after a lock
        conflict, a worker killed) goes on from its last committed batch;
        otherwise it starts again from the top."""
        return False

    def batches(self, checkpoint=None):
        """A generator: one batch of work per step, yielding the counters the
        step moved (``{"processed_rows": 500, ...}``) and, optionally, under
        ``"checkpoint"``, where a resumed run would go on from once this step
        is committed. With ``checkpoint`` (a resumed run), skip what it
        covers. Its return value, if any, is called once the loop is done."""
        raise NotImplementedError

    def salvage(self):
        """After a failure, keep what can be kept of a run that committed
        part of its work (an import's result files); nothing by default."""

    def keeps(self, totals):
        """Whether an atomic run that reached its end keeps what it wrote."""
        return True

    def dropped_totals(self, totals):
        """The counters of an atomic run whose writes were rolled back: by
        default what it went through (a dry run says what it would do)."""
        return totals

    def failure(self, totals):
        """A message when a run that went through must still end as failed."""
        return None

    def stopped_message(self, processed_rows):
        """What a cancelled run leaves behind."""
        return self.env._(
            "Stopped after %(count)s rows as requested.", count=processed_rows
        )
