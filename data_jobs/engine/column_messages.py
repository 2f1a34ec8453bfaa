# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an import says about the file's columns, written once for the job's
log, the wizard's preview and the wizard's checks."""


def ignored_column(env, header, reason):
    """One column that fills no field, and why."""
    return env._(
        "Column '%(column)s' is ignored: %(reason)s.", column=header, reason=reason
    )


def ignored_columns(env, unmapped):
    """All the columns that fill no field, ``[(header, reason)]``, in one line."""
    columns = "; ".join(f"'{header}' ({reason})" for header, reason in unmapped)
    return env._(
        "These columns were ignored: %(columns)s. Map them to a field with the "
        "mapping option, or remove them.",
        columns=columns,
    )


def duplicate_column(env, header, first):
    """A column that fills the same field as an earlier one."""
    return env._(
        "Column '%(column)s' fills the same field as column '%(first)s': it was "
        "ignored.",
        column=header,
        first=first,
    )


def suggested_reason(env, reason, label, path):
    """Why a column is ignored, and the field Odoo's import would propose."""
    return env._(
        "%(reason)s; did you mean %(field)s (%(path)s)?",
        reason=reason,
        field=label,
        path=path,
    )
