"""The job options: their names, types, allowed values and defaults.

One table serves the form, the wizards, the API and the engines, so an option
is spelled and checked in one place. Unknown names are refused: a typo such as
``delimeter`` must not be silently ignored. Values that cannot work (a quote of
two characters, a date format with an unknown code) are refused here too, when
the job is created, rather than failing or misreading the file in the job.

The ``max_*`` options are the limits a file must stay within (see
``..limits``); their defaults here are the pure ones, which the engine may
lower or raise from its configuration.
"""

import datetime
import re

COMMON = "common"
EXPORT = "export"
IMPORT = "import"

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "cp1251", "latin-1")
MAX_FILE_NAME = 255
# The directives datetime.strptime knows (Python 3.10-3.13 documentation).
STRPTIME_DIRECTIVES = frozenset("aAwdbBmyYHIpMSfzZjUWcxXGuV%")
_DIRECTIVE = re.compile(r"%(.?)", re.DOTALL)
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class OptionError(ValueError):
    """An option name or value the user must correct."""


def _spec(kind, default, directions, choices=None):
    return {"kind": kind, "default": default, "dirs": directions, "choices": choices}


_BOTH = (EXPORT, IMPORT)
SPECS = {
    "batch_size": _spec(int, 1000, _BOTH),
    "encoding": _spec(str, None, _BOTH, ENCODINGS),
    "delimiter": _spec(str, None, _BOTH, (",", ";", "\t", "|")),
    "quotechar": _spec(str, '"', _BOTH),
    "lang": _spec(str, None, _BOTH),
    # export
    "header": _spec(str, "label", (EXPORT,), ("label", "name")),
    "import_compatible": _spec(bool, False, (EXPORT,)),
    "escape_formulas": _spec(bool, True, (EXPORT,)),
    "order": _spec(str, None, (EXPORT,)),
    "limit": _spec(int, None, (EXPORT,)),
    "ids": _spec(list, None, (EXPORT,)),
    "pdf_title": _spec(str, None, (EXPORT,)),
    "pdf_orientation": _spec(str, "auto", (EXPORT,), ("auto", "portrait", "landscape")),
    "json_lines": _spec(bool, False, (EXPORT,)),
    "max_sheet_rows": _spec(int, None, (EXPORT,)),
    # import
    "on_error": _spec(str, "skip", (IMPORT,), ("skip", "all_or_nothing")),
    "dry_run": _spec(bool, False, (IMPORT,)),
    "header_row": _spec(int, 1, (IMPORT,)),
    "data_start_row": _spec(int, None, (IMPORT,)),
    "sheet": _spec((str, int), None, (IMPORT,)),
    "mapping": _spec(dict, None, (IMPORT,)),
    "upsert_key": _spec(list, None, (IMPORT,)),
    "create_missing": _spec(bool, True, (IMPORT,)),
    "update_existing": _spec(bool, True, (IMPORT,)),
    "date_format": _spec(str, None, (IMPORT,)),
    "decimal_separator": _spec(str, ".", (IMPORT,), (".", ",")),
    "thousands_separator": _spec(str, "", (IMPORT,)),
    "create_related": _spec(bool, False, (IMPORT,)),
    "fallbacks": _spec(dict, None, (IMPORT,)),
    "tracking": _spec(bool, False, (IMPORT,)),
    "sheet_models": _spec(dict, None, (IMPORT,)),
    # limits of what an import reads (checked before and while reading)
    "max_file_size": _spec(int, 1024**3, (IMPORT,)),  # bytes
    "max_rows": _spec(int, 1_000_000, (IMPORT,)),  # data rows
    "max_columns": _spec(int, 1_000, (IMPORT,)),
    "max_cell_size": _spec(int, 2_000_000, (IMPORT,)),  # characters
    "max_row_size": _spec(int, 10_000_000, (IMPORT,)),  # characters of a CSV row
    "max_xlsx_uncompressed": _spec(int, 1024**3, (IMPORT,)),  # bytes
    "max_xlsx_ratio": _spec(int, 200, (IMPORT,)),  # uncompressed / compressed
    "max_log_line": _spec(int, 2_000, _BOTH),  # characters of one log message
}
# The limits a reader enforces; the engine reads their configured values.
LIMITS = (
    "max_file_size",
    "max_rows",
    "max_columns",
    "max_cell_size",
    "max_row_size",
    "max_xlsx_uncompressed",
    "max_xlsx_ratio",
    "max_log_line",
)
FALLBACKS = ("default", "empty", "skip")


def _type_name(kind):
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        int: "a whole number",
        bool: "true or false",
        str: "a text",
        list: "a list",
        dict: "a mapping",
    }
    return " or ".join(names[k] for k in kinds)


def _check_value(name, value, spec):
    if value is None:
        return None
    kind = spec["kind"]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int subclass: accept it only where a bool is wanted.
    if isinstance(value, bool) and bool not in kinds:
        raise OptionError(f"Option '{name}' must be {_type_name(kind)}, not {value!r}.")
    if not isinstance(value, kinds):
        raise OptionError(f"Option '{name}' must be {_type_name(kind)}, not {value!r}.")
    if spec["choices"] and value not in spec["choices"]:
        allowed = ", ".join(repr(c) for c in spec["choices"])
        raise OptionError(f"Option '{name}' cannot be {value!r}: use one of {allowed}.")
    if kind is int and value < (0 if name == "limit" else 1):
        raise OptionError(f"Option '{name}' must be positive, not {value!r}.")
    if isinstance(value, str) and "\x00" in value:
        raise OptionError(f"Option '{name}' contains a NUL character (\\0).")
    check = _VALUE_CHECKS.get(name)
    if check:
        check(name, value)
    return value


def _check_one_char(name, value):
    if len(value) != 1 or value in "\r\n":
        raise OptionError(f"Option '{name}' must be a single character, not {value!r}.")


def _check_thousands(name, value):
    if len(value) > 1:
        raise OptionError(
            f"Option '{name}' must be one character (such as ',', '.', ' ' or "
            f'"\'") or empty, not {value!r}.'
        )


def _check_date_format(name, value):
    """Only codes ``strptime`` knows: '%Q' would fail on every row of the file."""
    codes = _DIRECTIVE.findall(value)
    if not codes:
        raise OptionError(
            f"Option '{name}' {value!r} has no % codes: write it with strptime "
            "codes, such as '%d/%m/%Y' for 31/12/2025."
        )
    for code in codes:
        if code not in STRPTIME_DIRECTIVES:
            shown = f"%{code}" if code else "a lone % at the end"
            raise OptionError(
                f"Option '{name}' {value!r} uses {shown}, which is not a date "
                "code: use %d (day), %m (month), %Y (year), %y, %H, %M, %S, %b, "
                "%B, %p..."
            )
    try:  # codes that need each other, such as %G with %V and a weekday
        datetime.datetime.strptime(_SAMPLE_DATE.strftime(value), value)
    except ValueError as error:
        if "directive" in str(error):
            raise OptionError(f"Option '{name}' {value!r}: {error}") from None


def _check_rows(options):
    header_row = options.get("header_row") or 1
    data_start_row = options.get("data_start_row")
    if data_start_row is not None and data_start_row <= header_row:
        raise OptionError(
            f"Option 'data_start_row' ({data_start_row}) must come after the "
            f"header row ({header_row})."
        )


def _check_separators(options):
    """Compare with the defaults too: a '.' thousands separator with the
    default '.' decimal separator would read 1.5 as 15."""
    decimal = options.get("decimal_separator") or SPECS["decimal_separator"]["default"]
    thousands = options.get("thousands_separator")
    if thousands and thousands == decimal:
        other = "," if decimal == "." else "."
        raise OptionError(
            f"The thousands separator {thousands!r} is also the decimal "
            f"separator: set 'decimal_separator' to {other!r} or change "
            "'thousands_separator'."
        )


def _check_quotechar(options):
    quotechar, delimiter = options.get("quotechar"), options.get("delimiter")
    if quotechar and quotechar == delimiter:
        raise OptionError(
            f"The quote character and the delimiter cannot both be {quotechar!r}."
        )


_SAMPLE_DATE = datetime.datetime(2024, 3, 15, 13, 45, 30)
_VALUE_CHECKS = {
    "quotechar": _check_one_char,
    "thousands_separator": _check_thousands,
    "date_format": _check_date_format,
}
_CROSS_CHECKS = (_check_rows, _check_separators, _check_quotechar)


def check_file_name(name) -> str:
    """The name of an uploaded file, refused when it cannot be stored or shown.

    A NUL cannot be stored by PostgreSQL; other control characters hide what
    the name says (e.g. an extension after a carriage return). Returns the
    name without surrounding spaces.
    """
    if not isinstance(name, str) or not name.strip():
        raise OptionError("The file has no name: give it a name such as data.csv.")
    name = name.strip()
    if "\x00" in name:
        raise OptionError(
            "The file name contains a NUL character (\\0): rename the file."
        )
    if _CONTROL.search(name):
        raise OptionError(
            "The file name contains control characters (such as a line break): "
            "rename the file."
        )
    if len(name) > MAX_FILE_NAME:
        raise OptionError(
            f"The file name is {len(name)} characters long, more than "
            f"{MAX_FILE_NAME}: rename the file."
        )
    return name


def validate_options(options, direction):
    """Return a clean copy of ``options`` for a job of ``direction``.

    Raises OptionError naming the first unknown option or bad value.
    """
    if options in (None, False):
        return {}
    if not isinstance(options, dict):
        raise OptionError('Options must be a JSON object such as {"batch_size": 500}.')
    clean = {}
    for name, value in options.items():
        spec = SPECS.get(name)
        if spec is None:
            known = ", ".join(
                sorted(n for n, s in SPECS.items() if direction in s["dirs"])
            )
            raise OptionError(
                f"Unknown option '{name}'. Known {direction} options: {known}."
            )
        if direction not in spec["dirs"]:
            raise OptionError(
                f"Option '{name}' applies to {spec['dirs'][0]} jobs only."
            )
        clean[name] = _check_value(name, value, spec)
    for check in _CROSS_CHECKS:
        check(clean)
    return clean


def with_defaults(options, direction):
    """The validated options completed with every default of ``direction``."""
    merged = {n: s["default"] for n, s in SPECS.items() if direction in s["dirs"]}
    merged.update(
        {k: v for k, v in validate_options(options, direction).items() if v is not None}
    )
    return merged
