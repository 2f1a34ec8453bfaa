"""Turn file cells (text from CSV, typed values from XLSX) into Python values.

Each converter accepts what either format gives for a column, returns ``None``
for an empty cell, and raises ``ConversionError`` with a reason the user can
act on, so the import can report the row and column without a traceback.
"""

import base64
import binascii
import datetime
import math
import re
import unicodedata
from decimal import Decimal

from .storable import MAX_MESSAGE, find_unstorable, shown, storable_text

EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)  # serial 0, with Excel's 1900 bug
_ISO_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?)?"
)
_FORMAT_CODES = {
    "%d": "DD",
    "%m": "MM",
    "%Y": "YYYY",
    "%y": "YY",
    "%H": "HH",
    "%M": "mm",
    "%S": "ss",
    "%b": "Mon",
    "%B": "Month",
    "%I": "hh",
    "%p": "AM/PM",
}
_GUESS_DATETIME = re.compile(
    r"(?P<date>\d{1,4}(?P<sep>[ /.\-]?)\d{1,2}(?P=sep)\d{1,4})"
    r"(?P<time>[ T](?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
    r"(?:\s?(?P<p>[AaPp][Mm]))?)?"
)
_SPACES = " \u00a0\u202f\u2009"
_APOSTROPHES = "'\u2019"
# After marking thousands marks as \x00 and the decimal separator as \x01:
# sign, whole part (grouped by 3 or not at all), fraction, exponent.
_NUMBER = re.compile(
    r"([+-]?)(\d{1,3}(?:\x00\d{3})+|\d*)(?:\x01(\d*))?(?:[eE]([+-]?\d+))?"
)
_TRUE = {"1", "true", "yes", "y", "x", "t", "on", "oui", "ja", "sí", "si", "да"}
_FALSE = {"0", "false", "no", "n", "f", "off", "non", "nein", "нет"}
_MAX_LISTED = 10
_MAX_EXPONENT = 400


class ConversionError(ValueError):
    """A cell value that does not fit the field; ``str()`` is the user's reason.

    The reason quotes the cell: it is made storable (no NUL) and bounded, and
    the converters quote at most ``MAX_SHOWN`` characters of a cell.
    """

    def __init__(self, message=""):
        super().__init__(storable_text(message, MAX_MESSAGE))


__all__ = [
    "ConversionError",
    "find_unstorable",
    "cell_text",
    "is_blank",
    "split_many",
    "storable_text",
    "to_base64",
    "to_bool",
    "to_date",
    "to_datetime",
    "to_float",
    "to_int",
    "to_reference",
    "to_selection",
]


def is_blank(value) -> bool:
    """An empty cell: None, or text of only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _human_format(date_format: str) -> str:
    """'%d/%m/%Y' -> 'DD/MM/YYYY', to tell the user what was expected."""
    return re.sub(
        r"%.", lambda code: _FORMAT_CODES.get(code.group(), code.group()), date_format
    )


def _from_excel_serial(serial) -> datetime.datetime:
    """Excel 1900 date system; serial 60 is the non-existent 1900-02-29."""
    if not 1 <= serial <= EXCEL_MAX_SERIAL or 60 <= serial < 61:
        raise ConversionError(f"{serial!r} is not a valid Excel date number")
    if serial < 60:
        serial += 1  # before Excel's fictitious leap day, serials are one day off
    return _EXCEL_EPOCH + datetime.timedelta(seconds=round(serial * 86400))


def _parse_iso(text: str):
    match = _ISO_DATETIME.fullmatch(text)
    if match:
        day, hour, minute, second, fraction = match.groups()
        try:
            result = datetime.datetime.fromisoformat(day)
            if hour is not None:
                micro = int((fraction or "0").ljust(6, "0"))
                result = result.replace(
                    hour=int(hour),
                    minute=int(minute),
                    second=int(second or 0),
                    microsecond=micro,
                )
        except ValueError:
            return None
        return result
    try:  # with an offset such as "Z" or "+02:00"
        result = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if result.tzinfo is None or not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None
    return result


def _parse_datetime(value, date_format, with_time):
    """Shared parser; ``with_time`` also tries ``date_format`` followed by a time."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(value)
    text = str(value).strip()
    formats = []
    if date_format:
        formats = [date_format]
        if with_time and "%H" not in date_format and "%I" not in date_format:
            formats = [f"{date_format} %H:%M:%S", f"{date_format} %H:%M", date_format]
    for fmt in formats:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    result = _parse_iso(text)
    if result is not None:
        return result
    if not date_format:
        result = _guess_date(text)
        if result is not None:
            return result
    expected = _human_format(date_format) if date_format else "YYYY-MM-DD"
    if with_time:
        expected += " HH:mm[:ss]"
        raise ConversionError(
            f"'{shown(text)}' is not a valid date and time (expected {expected})"
        )
    raise ConversionError(f"'{shown(text)}' is not a valid date (expected {expected})")


def _guess_date(text):
    """A numeric date in one of the orders Odoo's import recognises without a
    date format (day-month-year, month-day-year, year-month-day; separated by
    '/', '-', '.', a space or nothing; 2- or 4-digit years), optionally
    followed by a time (``13:45[:30]``, ``1:45 PM``). Only a date that every
    order reads the same is accepted: ``05/03/2024`` (5 March or May 3) is an
    error naming both readings, never a guess. None: not such a date."""
    match = _GUESS_DATETIME.fullmatch(text)
    if not match:
        return None
    day_part, time_part = match.group("date"), match.group("time")
    readings = set()
    for year, month, day in _date_orders(day_part):
        try:
            readings.add(datetime.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if len(readings) > 1:
        shown_readings = " or ".join(
            d.strftime("%d %B %Y").lstrip("0") for d in sorted(readings)
        )
        raise ConversionError(
            f"'{shown(text)}' is ambiguous: it may be {shown_readings}; set the "
            "date format of the import (e.g. %d/%m/%Y)"
        )
    (result,) = readings
    moment = datetime.datetime.combine(result, datetime.time())
    if time_part:
        moment = _with_time(moment, match)
        if moment is None:
            return None
    return moment


def _date_orders(text):
    """(year, month, day) readings of a numeric date, in Odoo's orders."""
    parts = re.split(r"[ /.\-]", text)
    if len(parts) == 1:  # no separator: YYYYMMDD, DDMMYYYY, MMDDYYYY, ...
        digits = parts[0]
        if len(digits) == 8:
            parts = [
                (digits[:4], digits[4:6], digits[6:]),  # YYYY MM DD
                (digits[:2], digits[2:4], digits[4:]),  # DD MM YYYY / MM DD YYYY
            ]
        elif len(digits) == 6:
            parts = [(digits[:2], digits[2:4], digits[4:])]
        else:
            return []
    else:
        parts = [tuple(parts)]
    readings = []
    for a, b, c in parts:
        if len(c) in (2, 4) and len(a) <= 2 and len(b) <= 2:
            year = _year(c)
            readings += [(year, int(b), int(a)), (year, int(a), int(b))]
        if len(a) in (2, 4) and len(b) <= 2 and len(c) <= 2:
            readings.append((_year(a), int(b), int(c)))
    return readings


def _year(text):
    """A 4-digit year, or a 2-digit one as strptime's %y reads it."""
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 69 else 2000
    return year


def _with_time(moment, match):
    hour, minute, second = (int(match.group(g) or 0) for g in ("h", "m", "s"))
    meridiem = (match.group("p") or "").upper()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
    try:
        return moment.replace(hour=hour, minute=minute, second=second)
    except ValueError:
        return None


def to_date(value, date_format=None) -> datetime.date | None:
    """A date from a date/datetime, ISO or ``date_format`` text, or Excel serial."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    return _parse_datetime(value, date_format, with_time=False).date()


def to_datetime(value, date_format=None) -> datetime.datetime | None:
    """A datetime; date-only values give midnight, explicit offsets give UTC-aware."""
    if is_blank(value):
        return None
    result = _parse_datetime(value, date_format, with_time=True)
    if result.tzinfo is not None:  # aware (in UTC) so callers do not localize it
        result = result.astimezone(datetime.timezone.utc)
    return result


def _parse_number(value, decimal_separator, thousands_separator) -> Decimal:
    if isinstance(value, bool):
        raise ConversionError(f"{value} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ConversionError(f"{value} is not a number")
        return Decimal(repr(value))
    if decimal_separator == thousands_separator:
        raise ValueError("The decimal and thousands separators must differ.")
    text = str(value).strip()
    if not thousands_separator:
        decimal_separator, thousands_separator = _infer_separators(
            text, decimal_separator
        )
    marked = text
    for group_mark in _group_marks(thousands_separator):
        marked = marked.replace(group_mark, "\x00")
    marked = marked.replace(decimal_separator, "\x01")
    match = _NUMBER.fullmatch(marked)
    if not match or not (match.group(2) or match.group(3)):
        separators = f"decimal separator '{decimal_separator}'"
        if thousands_separator:
            separators += f", thousands separator '{thousands_separator}'"
        raise ConversionError(f"'{shown(text)}' is not a valid number ({separators})")
    sign, whole, fraction, exponent = match.groups()
    if exponent and abs(int(exponent)) > _MAX_EXPONENT:  # int("1e999999999") hangs
        raise ConversionError(f"'{shown(text)}' is too large a number")
    whole = whole.replace("\x00", "") or "0"
    return Decimal(f"{sign}{whole}.{fraction or '0'}e{exponent or '0'}")


def _infer_separators(text, decimal_separator):
    """With no thousands separator set, ``1,234.56`` and ``1.234,56`` still
    say which is which, as Odoo's import reads them: both marks present, the
    last one once (the decimal separator), the other grouping by three."""
    if "." in text and "," in text:
        last = "." if text.rfind(".") > text.rfind(",") else ","
        if text.count(last) == 1:
            return last, "," if last == "." else "."
    return decimal_separator, ""


def _strip_money(text, currency_symbols):
    """``(12.50)`` (an accountant's negative) and a currency symbol before or
    after the number (``€ 12.50``, ``12,50 €``, ``-$3``, ``CHF 10``), as
    Odoo's import allows: ``(text, negative)``. A symbol is a character of
    Unicode's currency category or one of ``currency_symbols``."""
    negative = False
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1].strip(), True
    sign = ""
    if text and text[0] in "+-":
        sign, text = text[0], text[1:].lstrip()
    symbols = sorted({s for s in currency_symbols if s and s.strip()}, key=len)[::-1]
    for symbol in symbols:
        if text.startswith(symbol) and text[len(symbol) :].strip():
            text = text[len(symbol) :].strip()
            break
        if text.endswith(symbol) and text[: -len(symbol)].strip():
            text = text[: -len(symbol)].strip()
            break
    else:
        stripped = text.strip("".join(c for c in text if _is_currency(c)))
        if stripped != text and stripped and _is_currency_text(text, stripped):
            text = stripped.strip()
    if negative:
        if sign:
            return None, False  # "(-12)": which sign?
        sign = "-"
    return f"{sign}{text}", negative


def _is_currency(char):
    return unicodedata.category(char) == "Sc"


def _is_currency_text(text, stripped):
    """Only currency characters (and spaces) around the number."""
    start = text.index(stripped)
    around = text[:start] + text[start + len(stripped) :]
    return all(_is_currency(c) or c.isspace() for c in around)


def _group_marks(thousands_separator):
    """Look-alikes count too: spreadsheets write no-break spaces and ’."""
    if not thousands_separator:
        return ""
    if thousands_separator in _SPACES:
        return _SPACES
    if thousands_separator in _APOSTROPHES:
        return _APOSTROPHES
    return thousands_separator


def to_float(
    value, decimal_separator=".", thousands_separator="", currency_symbols=()
) -> float | None:
    """A float from a number or text such as '1 234,56' (with ',' and ' '),
    '(12.50)' (negative), '€ 12.50' or '12,50 €' (a currency symbol)."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        text, _negative = _strip_money(value.strip(), currency_symbols)
        if text is None:
            raise ConversionError(f"'{shown(value)}' is not a valid number")
        try:
            number = float(_parse_number(text, decimal_separator, thousands_separator))
        except ConversionError:
            if text == value.strip():
                raise
            raise ConversionError(f"'{shown(value)}' is not a valid number") from None
    else:
        number = float(_parse_number(value, decimal_separator, thousands_separator))
    if math.isinf(number):
        raise ConversionError(f"'{shown(value)}' is too large a number")
    return number


def to_int(value, decimal_separator=".", thousands_separator="") -> int | None:
    """An int from a whole number, even written '12.0'; exact for big integers."""
    if is_blank(value):
        return None
    number = _parse_number(value, decimal_separator, thousands_separator)
    if number != number.to_integral_value():
        text = value if isinstance(value, str) else repr(value)
        raise ConversionError(f"'{shown(text)}' is not a whole number")
    return int(number)


def to_bool(value) -> bool | None:
    """True/false from yes/no words (English and a few languages), 1/0, x, bools."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ConversionError(
        f"'{shown(value)}' is not a yes/no value (use e.g. 1/0, true/false, yes/no)"
    )


def cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # XLSX gives 1.0 where the key is "1"
    return str(value).strip()


def to_selection(value, selection) -> str | None:
    """The key of ``selection`` ((key, label) pairs) matching a key, then a label."""
    if is_blank(value):
        return None
    text = cell_text(value)
    for key, _label in selection:
        if str(key) == text:
            return key
    folded = text.casefold()
    for key, _label in selection:
        if str(key).casefold() == folded:
            return key
    for key, label in selection:
        if str(label).strip().casefold() == folded:
            return key
    labels = [str(label) for _key, label in selection]
    allowed = ", ".join(labels[:_MAX_LISTED])
    if len(labels) > _MAX_LISTED:
        allowed += f" (and {len(labels) - _MAX_LISTED} more)"
    raise ConversionError(
        f"'{shown(text)}' is not an allowed value; allowed: {allowed}"
    )


def split_many(value, separator=",") -> list[str]:
    """Split a many2many/one2many cell into stripped, non-empty names."""
    if is_blank(value):
        return []
    parts = cell_text(value).split(separator)
    return [part.strip() for part in parts if part.strip()]


def to_base64(value) -> str | None:
    """A binary cell: base64 text, as ``load()`` takes it (line breaks and
    spaces that mail clients and editors add are removed). Checked here, so
    a bad cell is a row error rather than a broken file or image."""
    if is_blank(value):
        return None
    text = "".join(str(value).split())
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ConversionError(
            f"'{shown(text)}' is not base64 (a file's content, as an export writes it)"
        ) from None
    return text


def to_reference(value, models) -> tuple[str, int] | None:
    """A reference cell ``model,id`` (as Odoo's import and export write it):
    ``(model, id)``, the model one of ``models``."""
    if is_blank(value):
        return None
    text = cell_text(value)
    model, _sep, record_id = text.partition(",")
    model, record_id = model.strip(), record_id.strip()
    if not record_id.isdigit():
        raise ConversionError(
            f"'{shown(text)}' is not a reference (expected model,id, "
            "e.g. res.partner,7)"
        )
    if model not in models:
        allowed = ", ".join(list(models)[:_MAX_LISTED])
        raise ConversionError(
            f"'{shown(model)}' is not a model this field may point to; "
            f"allowed: {allowed}"
        )
    return model, int(record_id)
