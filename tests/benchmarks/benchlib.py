# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmark scripts share: running each case in a fresh interpreter,
measuring its time and memory, and the queue_job runner's own steps."""

import cProfile
import gc
import json
import os
import pstats
import resource
import subprocess
import sys
import time

RESULT_TAG = "BENCH_RESULT "
# queue_job's runner marks a job enqueued with this statement before it calls
# /queue_job/runjob (jobrunner/runner.py, set_job_enqueued).
ENQUEUE_SQL = (
    "UPDATE queue_job SET state=%s, "
    "date_enqueued=date_trunc('seconds', now() at time zone 'utc') "
    "WHERE uuid=%s"
)


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run_child(script, args, spec):
    """Run ``script --child spec`` in a fresh interpreter; return its result."""
    command = [
        sys.executable,
        os.path.abspath(script),
        "--config",
        args.config,
        "--database",
        args.database,
        "--log-level",
        args.log_level,
        "--child",
        json.dumps(spec),
    ]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    results = [
        json.loads(line[len(RESULT_TAG) :])
        for line in done.stdout.splitlines()
        if line.startswith(RESULT_TAG)
    ]
    if done.returncode or not results:
        sys.stderr.write(done.stdout)
        raise SystemExit(f"{spec} failed (exit code {done.returncode})")
    return results[-1]


def child_run(args, actions, key):
    """In the child: load the registry, run ``actions[spec[key]]``, print its
    result as one tagged JSON line for ``run_child``."""
    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level", args.log_level]
    )
    registry = odoo.modules.registry.Registry(args.database)
    spec = json.loads(args.child)
    result = actions[spec[key]](registry, spec) or {}
    result.update(engine=spec[key], format=spec.get("format"))
    sys.stdout.write(RESULT_TAG + json.dumps(result) + "\n")
    return 0


def perform_queue_job(registry, uuid):
    """Perform a stored queue job (marked enqueued with ENQUEUE_SQL) as
    queue_job's runner does: acquire it, then run it in its transactions."""
    from odoo import SUPERUSER_ID, api

    from odoo.addons.queue_job.controllers.main import RunJobController

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        queue_job = RunJobController._acquire_job(env, uuid)
        assert queue_job, f"queue job {uuid} could not be acquired"
        RunJobController._runjob(env, queue_job)


def rss_now_mb():
    """Resident set size now (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_peak_mb():
    """Peak resident set size of this process so far (Linux: KB), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_rss_peak():
    """Restart the peak at the current size (Linux clear_refs "5"), so that a
    peak reached while loading the registry cannot hide the case's own."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


class Measure:
    """Time and memory of the block, optionally under cProfile.

    CPU seconds are this process's only (not PostgreSQL's): on a busy
    machine they move less than wall-clock seconds. The baseline is the
    resident size once the registry is loaded and garbage is collected; the
    peak is ``ru_maxrss`` at the end, counted from the baseline when the
    kernel lets us reset it (else since start-up).
    """

    def __init__(self, profile=False):
        self.profiler = cProfile.Profile() if profile else None

    def __enter__(self):
        gc.collect()
        self.peak_reset = reset_rss_peak()
        self.baseline_mb = rss_now_mb()
        self.start = time.perf_counter()
        self.cpu_start = time.process_time()
        if self.profiler:
            self.profiler.enable()
        return self

    def __exit__(self, *exc):
        if self.profiler:
            self.profiler.disable()
        self.seconds = time.perf_counter() - self.start
        self.cpu_seconds = time.process_time() - self.cpu_start
        self.peak_mb = rss_peak_mb()
        if self.profiler and exc[0] is None:
            for key in ("tottime", "cumulative"):
                stats = pstats.Stats(self.profiler, stream=sys.stderr)
                stats.sort_stats(key).print_stats(30)
        return False

    def result(self, rows, size):
        return {
            "rows": rows,
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "baseline_mb": self.baseline_mb,
            "peak_mb": self.peak_mb,
            "growth_mb": self.peak_mb - self.baseline_mb,
            "bytes": size,
            "peak_reset": self.peak_reset,
        }


def admin_env(cr):
    """The administrator with the context a web request gives him."""
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    return env(user=admin, context=dict(admin.context_get()))


# ---------------------------------------------------------------------- ours
