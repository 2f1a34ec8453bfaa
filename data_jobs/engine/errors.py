# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a failure means to the user: one translation of exceptions into
messages, for a whole run and for one row. The traceback stays in the server
log; the job and its log get words a user can act on."""

import psycopg2
from psycopg2 import errorcodes

from odoo.exceptions import UserError
from odoo.service.model import _as_validation_error

from ..io.options import OptionError

# Errors of concurrency, not of data: the batch is tried again, never blamed
# on a row.
CONCURRENCY_ERRORS = (
    errorcodes.LOCK_NOT_AVAILABLE,
    errorcodes.SERIALIZATION_FAILURE,
    errorcodes.DEADLOCK_DETECTED,
)


def is_concurrency_error(exc):
    return isinstance(exc, psycopg2.OperationalError) and (
        exc.pgcode in CONCURRENCY_ERRORS
    )


def is_io_error(exc):
    """Our own file and option errors already speak to the user."""
    return type(exc).__module__.startswith("odoo.addons.data_jobs.io")


def is_expected(exc):
    """Errors the user caused and can fix: logged without a traceback."""
    return isinstance(exc, UserError | OptionError | ValueError) or is_io_error(exc)


def human_error(env, exc):
    """A message a user can act on, for an error that ends a run."""
    if isinstance(exc, UserError):
        return exc.args[0]
    if is_io_error(exc):
        return str(exc)
    if isinstance(exc, psycopg2.Error):
        detail = (exc.pgerror or str(exc)).strip().splitlines()[0]
        return env._("The database refused the operation: %(detail)s", detail=detail)
    if isinstance(exc, FileNotFoundError | PermissionError):
        return env._("A file the job needs could not be read: %(error)s", error=exc)
    if getattr(exc, "human", False):
        return str(exc)
    return env._(
        "Unexpected error (%(type)s): %(error)s. The technical details are in "
        "the server log.",
        type=type(exc).__name__,
        error=exc,
    )


def row_error_message(env, exc):
    """What a row's write failure means to the user."""
    if isinstance(exc, psycopg2.IntegrityError):
        exc = _as_validation_error(env, exc)
    if isinstance(exc, UserError):
        return exc.args[0]
    return human_error(env, exc)
