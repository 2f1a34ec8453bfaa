"""Guess a CSV file's encoding and delimiter from its first bytes.

Users rarely know how their file is encoded or delimited, and spreadsheet
exports differ by locale (cp1252 with ``;`` in France, cp1251 in Russia...).
The guesses are deterministic heuristics; the import options can override them.
"""

import codecs
import csv
import io
import string
from collections import Counter
from itertools import islice

SAMPLE_SIZE = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
DEFAULT_DELIMITER = ","
_SNIFF_RECORDS = 100
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ASCII_LETTERS = frozenset(string.ascii_letters.encode())


def detect_encoding(sample: bytes) -> str:
    """Return the most likely encoding of ``sample`` (the start of a file)."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    if _is_utf8(sample):
        return "utf-8"
    if _looks_cyrillic(sample):
        return "cp1251"
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: unused by cp1252
        return "latin-1"
    return "cp1252"


def _is_utf8(sample: bytes) -> bool:
    """Valid UTF-8, tolerating a multibyte character cut by the sample's end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _looks_cyrillic(sample: bytes) -> bool:
    """Whether the high bytes read as Russian words rather than accented Latin.

    Most high bytes must be the Russian letters (0xC0-0xFF). Then, in cp1251
    text the high bytes are whole words (runs of letters); in Western text
    they are single accented letters inside Latin words, so the share of high
    letters touching an ASCII letter tells them apart.
    """
    try:
        text = sample.decode("cp1251")
    except UnicodeDecodeError:
        return False
    high = [index for index, byte in enumerate(sample) if byte >= 0x80]
    if not high:
        return False
    russian = sum(1 for i in high if sample[i] >= 0xC0)  # А..я in cp1251
    cyrillic = [i for i in high if "\u0400" <= text[i] <= "\u04ff"]
    if russian < 0.6 * len(high) or len(cyrillic) < 0.8 * len(high):
        return False
    touching_latin = sum(1 for i in cyrillic if _touches_ascii_letter(sample, i))
    return touching_latin <= 0.2 * len(cyrillic)


def _touches_ascii_letter(sample: bytes, index: int) -> bool:
    before = index > 0 and sample[index - 1] in _ASCII_LETTERS
    after = index + 1 < len(sample) and sample[index + 1] in _ASCII_LETTERS
    return before or after


def detect_delimiter(text_sample: str, quotechar: str = '"') -> str:
    """Return the delimiter giving the most consistent number of fields per record.

    Records are parsed with ``csv`` itself so delimiters inside quotes do not
    count; a single-column file (no candidate splits it) gives ``,``.
    """
    best, best_score = DEFAULT_DELIMITER, None
    for delimiter in DELIMITERS:
        widths = _record_widths(text_sample, delimiter, quotechar)
        if not widths:
            continue
        width, occurrences = Counter(widths).most_common(1)[0]
        consistency = occurrences / len(widths)
        if width < 2 or consistency < 0.5:
            continue
        score = (consistency, width)
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


def _record_widths(text_sample, delimiter, quotechar):
    """Field counts of the sample's non-empty records; a cut last record is ignored."""
    reader = csv.reader(
        io.StringIO(text_sample, newline=""), delimiter=delimiter, quotechar=quotechar
    )
    try:
        records = list(islice(reader, _SNIFF_RECORDS + 1))
    except csv.Error:  # e.g. a huge unclosed quoted field: this delimiter is unlikely
        return []
    may_be_cut = len(records) <= _SNIFF_RECORDS and not text_sample.endswith(
        ("\n", "\r")
    )
    if len(records) > _SNIFF_RECORDS or (may_be_cut and len(records) > 1):
        records.pop()
    return [len(record) for record in records if any(f.strip() for f in record)]
