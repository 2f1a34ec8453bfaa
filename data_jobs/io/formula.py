"""Formula-injection neutralisation for spreadsheet-bound text (CSV, XLSX).

Spreadsheet applications evaluate a cell typed as text when it starts with a
formula trigger, so exported user data could run formulas or DDE commands on
the recipient's machine (OWASP "CSV injection"). Prefixing a single quote
makes the application show the text literally. Only ``str`` values are
concerned: real numbers (e.g. -5) are written as numbers and stay untouched.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: str) -> bool:
    """Whether a spreadsheet could interpret ``value`` as a formula."""
    return value.startswith(FORMULA_TRIGGERS)


def neutralise(value: str) -> str:
    """Return ``value`` prefixed with ``'`` when it could be read as a formula."""
    return "'" + value if is_dangerous(value) else value
