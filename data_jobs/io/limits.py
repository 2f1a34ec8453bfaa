"""How big a file an import accepts, and the messages when it is bigger.

A file is user input: without limits a 20,000-column header, a zip bomb or an
unclosed quote swallowing 256 MB would take a worker's memory or minutes of
its time before failing. Each limit is checked as early as it can be (the
file size before reading, the XLSX archive's sizes before unpacking it, rows
and cells while streaming), and every message says which limit it was and
what to do. The defaults are the option table's; the engine may pass its own.
"""

from dataclasses import dataclass, fields

from .options import SPECS


class LimitError(ValueError):
    """A limit option that is not a positive whole number."""


@dataclass(frozen=True)
class Limits:
    file_size: int
    rows: int
    columns: int
    cell_size: int
    row_size: int
    xlsx_uncompressed: int
    xlsx_ratio: int
    log_line: int

    @classmethod
    def from_options(cls, options=None, ceilings=None):
        """The limits set in ``options`` (``max_*`` keys), else the defaults.

        ``ceilings`` (same keys) caps them: e.g. the administrator's limits,
        which a job's own options may lower but not raise.
        """
        options = options or {}
        ceilings = ceilings or {}
        values = {}
        for field in fields(cls):
            name = f"max_{field.name}"
            value = _limit(options, name)
            if ceilings.get(name) is not None:
                value = min(value, _limit(ceilings, name))
            values[field.name] = value
        return cls(**values)


def _limit(options, name):
    value = options.get(name)
    if value is None:
        return SPECS[name]["default"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise LimitError(f"The {name} option must be a positive whole number.")
    return value


DEFAULTS = Limits.from_options()


def human_size(size: int) -> str:
    """``1536`` -> ``'1.5 KB'``: sizes in messages, in powers of 1024."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    if unit == "bytes":
        return f"{size:,} bytes"
    return f"{value:.1f} {unit}".replace(".0 ", " ")


def file_size_error(size, limit) -> str | None:
    """The message when a file of ``size`` bytes exceeds ``limit``, else None.

    The engine can call it with the attachment's size before opening it.
    """
    if size <= limit:
        return None
    return (
        f"The file is {human_size(size)}, more than the {human_size(limit)} an "
        "import accepts (max_file_size): split it into smaller files."
    )
