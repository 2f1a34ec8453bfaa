"""The job options: their names, types, allowed values and defaults.

One table serves the form, the wizards, the API and the engines, so an option
is spelled and checked in one place. Unknown names are refused: a typo such as
``delimeter`` must not be silently ignored.
"""

COMMON = "common"
EXPORT = "export"
IMPORT = "import"

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "cp1251", "latin-1")


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
}
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
    return value


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
    return clean


def with_defaults(options, direction):
    """The validated options completed with every default of ``direction``."""
    merged = {n: s["default"] for n, s in SPECS.items() if direction in s["dirs"]}
    merged.update(
        {k: v for k, v in validate_options(options, direction).items() if v is not None}
    )
    return merged
