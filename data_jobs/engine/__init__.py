# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engines that do a job's work, and the runner that drives them.

``engine_for(job)`` is the one place that picks the engine of a job; nothing
else switches on ``job_type``. The runner (runner.py) is imported by the
model that starts runs.
"""

from odoo.exceptions import UserError

from .export_engine import ExportEngine
from .import_engine import ImportEngine

ENGINES = {engine.job_type: engine for engine in (ExportEngine, ImportEngine)}


def engine_for(job):
    """The engine of ``job``, built once for this run (options validated,
    domain and resource resolved)."""
    engine = ENGINES.get(job.job_type)
    if engine is None:
        raise UserError(
            job.env._(
                "This version of Data Jobs cannot run %(type)s jobs yet.",
                type=job.job_type,
            )
        )
    return engine(job)
