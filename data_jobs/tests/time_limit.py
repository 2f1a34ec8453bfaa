# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A bound on the time a block may take, so that a hang fails the test.

An engine that loops forever would otherwise hang the whole suite (and, in a
server, be reloaded by the threaded server's watchdog). ``OutOfTime`` is a
BaseException so that the job runner, which turns every Exception into a
failed job, lets it through to the test.
"""

import signal
from contextlib import contextmanager


class OutOfTime(BaseException):
    """The bounded block ran past its time limit."""


@contextmanager
def time_limit(seconds, what="the block"):
    """Raise OutOfTime in the block once ``seconds`` have passed (SIGALRM:
    the main thread only, as pytest and Odoo's test runner run tests)."""

    def alarm(_signum, _frame):
        raise OutOfTime(f"{what} did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
