"""Formula-injection neutralisation for spreadsheet-bound text (CSV, XLSX).

Spreadsheet applications evaluate a cell typed as text when it starts with a
formula trigger, so exported user data could run formulas or DDE commands on
the recipient's machine (OWASP "CSV injection"). Prefixing a single quote
makes the application show the text literally. Only ``str`` values are
concerned: real numbers (e.g. -5) are written as numbers and stay untouched.

Texts that are plain signed numbers or phone numbers ("-12.5", "+1 (555)
555-5556") start with a trigger but call nothing: they are values, and a
quote before them would only spoil them, so they are written as they are.
Every file this module prefixed reads back as it was through ``restore``.
"""

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# '+' or '-' then only digits, spaces, dashes, dots, commas and parentheses,
# with a digit: without letters no function or command can be named. (Two
# linear tests: one pattern saying both would backtrack on long cells.)
_PLAIN_CHARS = re.compile(r"[+-][0-9 .,()\-]+")
_DIGIT = re.compile(r"[0-9]")


def is_formula(value: str) -> bool:
    """Whether a spreadsheet could run ``value`` as a formula or command."""
    if not value.startswith(FORMULA_TRIGGERS):
        return False
    plain = _PLAIN_CHARS.fullmatch(value) and _DIGIT.search(value)
    return not plain


def is_dangerous(value: str) -> bool:
    """Whether ``value`` starts with a formula trigger, value or not.

    What the import checks after a leading quote to undo a neutralisation
    (see ``restore``): files exported before plain numbers were left alone
    hold "'-5", which must read back as "-5" too.
    """
    return value.startswith(FORMULA_TRIGGERS)


def neutralise(value: str) -> str:
    """Return ``value`` prefixed with ``'`` when it could be read as a formula."""
    return "'" + value if is_formula(value) else value


def restore(value):
    """The text ``neutralise`` was given: ``'=1+1`` -> ``=1+1``; other values
    unchanged. For reading back a file that was exported or written by a
    writer of this package."""
    if isinstance(value, str) and value[:1] == "'" and is_dangerous(value[1:]):
        return value[1:]
    return value
