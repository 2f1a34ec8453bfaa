# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a user sees of a job while it runs: the ``data_jobs.job_progress``
bus message and the "My data jobs" systray menu.

Every write the engine makes to a job's state, counters or files (through
``data.job._engine_write``) sends the owner a small bus message. The bus
stores it with the transaction (``bus.bus`` rows are created at pre-commit,
the websocket is woken at post-commit), so the owner's browser hears of a
batch only once the batch is committed and re-reading the job shows it; a
batch rolled back takes its message with it. Counter-only messages are
throttled (one a second per job and process: a job runs in one worker); a
change of state or of files is always sent, so the last message of a run
always carries its end. The form, the list and the systray listen to these
messages (static/src/job_progress, static/src/systray): no tab polls.
"""

import time

from odoo import api, models

PROGRESS_MESSAGE = "data_jobs.job_progress"
THROTTLE_SECONDS = 1.0
SYSTRAY_LIMIT = 8  # jobs the systray lists: every running one, then the latest
# fields whose change is always sent (not throttled)
ALWAYS_SENT = frozenset(
    {"state", "output_file_id", "failed_file_id", "success_file_id", "end_date"}
)
# The job's counters (written by the engine only: data.job._engine_write);
# declared here, where the mixin that sends them is, so data_job.py imports them.
COUNTERS = (
    "total_rows",
    "processed_rows",
    "created_count",
    "updated_count",
    "unchanged_count",
    "skipped_count",
    "error_count",
    "warning_count",
    "not_imported_count",
)
LIVE_FIELDS = frozenset({*ALWAYS_SENT, *COUNTERS, "progress", "error_message"})

# (database, job id) -> time.monotonic() of the job's last progress message
_last_sent = {}


class DataJobLiveMixin(models.AbstractModel):
    _name = "data.job.live.mixin"
    _description = "Data Job Live Progress"

    def _send_progress(self, written):
        """Tell each job's owner that it moved (``written``: the field names
        just written); throttled unless the state or a file changed."""
        if not LIVE_FIELDS & set(written):
            return
        always = bool(ALWAYS_SENT & set(written))
        now = time.monotonic()
        for job in self:
            key = (self.env.cr.dbname, job.id)
            if not always and now - _last_sent.get(key, -THROTTLE_SECONDS) < (
                THROTTLE_SECONDS
            ):
                continue
            _last_sent[key] = now
            # the owner's channel only: nobody else hears of the job
            job.user_id._bus_send(PROGRESS_MESSAGE, job._live_values())
        if len(_last_sent) > 10000:  # a long-lived worker forgets old jobs
            _last_sent.clear()

    def _live_values(self):
        """What the form, the list and the systray need to show the job."""
        self.ensure_one()
        file = self.output_file_id or self.failed_file_id
        return {
            "job_id": self.id,
            "name": self.name,
            "job_type": self.job_type,
            "model_name": self.model_name or self.res_model,
            "state": self.state,
            "display_state": self.display_state,
            "state_label": self._display_state_label(),
            "dry_run": self.dry_run,
            "progress": round(self.progress, 1),
            "processed_rows": self.processed_rows,
            "total_rows": self.total_rows,
            "error_count": self.error_count,
            "summary": self._counters_summary(),
            "file_name": file.name if file else False,
            "file_url": f"/web/content/{file.id}?download=true" if file else False,
        }

    @api.model
    def systray_jobs(self, limit=SYSTRAY_LIMIT):
        """The current user's own jobs for the systray: the queued and running
        ones first, then the latest others. Read as the user (their rights)."""
        own = [("user_id", "=", self.env.uid)]
        busy = self.search(own + [("state", "in", ("queued", "running"))])
        rest = self.search(
            own + [("state", "not in", ("queued", "running"))],
            limit=max(0, limit - len(busy)),
        )
        return [job._live_values() for job in busy | rest]
