"""Guess a CSV file's encoding and delimiter from its first bytes, and tell
when it is no text file at all.

Users rarely know how their file is encoded or delimited, and spreadsheet
exports differ by locale (cp1252 with ``;`` in France, cp1251 in Russia...).
The guesses are deterministic heuristics; the import options can override them.
Users also pick the wrong file, or rename one: an XLSX or PDF named ``.csv``
must be refused with its name, not read as garbage columns.
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
_BOMS = (  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ASCII_LETTERS = frozenset(string.ascii_letters.encode())
_BLOCK = 4096  # the "first block" the binary checks look at
# Control bytes no text file holds (tab, line feed, vertical tab, form feed
# and carriage return are text).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05
_MIN_CONTROLS = 8
_SAVE_AS_CSV = "open it in a spreadsheet app and save it as 'CSV UTF-8'"
_CHOOSE = "choose the right file"
_SPREADSHEETS = "import it under its own extension, or " + _SAVE_AS_CSV
# Leading bytes of formats users upload by mistake: what they are, and what to do.
_MAGIC = (
    (b"%PDF", "a PDF document", _CHOOSE),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an Excel 97-2003 workbook (.xls), a password-protected Excel file or "
        "another old Office document",
        _SAVE_AS_CSV,
    ),
    (b"\x1f\x8b", "a gzip-compressed file", "uncompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "uncompress it first"),
    (b"Rar!\x1a\x07", "a RAR archive", "uncompress it first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _CHOOSE),
    (b"\xff\xd8\xff", "a JPEG image", _CHOOSE),
    (b"GIF87a", "a GIF image", _CHOOSE),
    (b"GIF89a", "a GIF image", _CHOOSE),
    (b"{\\rtf", "an RTF document", _CHOOSE),
    (b"SQLite format 3\x00", "an SQLite database", _CHOOSE),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# What the first entries of a zip name, to say which document it is.
_ZIP_KINDS = (
    (b"xl/", "an Excel workbook (.xlsx)", _SPREADSHEETS),
    (b"opendocument.spreadsheet", "an OpenDocument spreadsheet (.ods)", _SAVE_AS_CSV),
    (b"word/", "a Word document (.docx)", _CHOOSE),
    (b"ppt/", "a PowerPoint presentation (.pptx)", _CHOOSE),
    (b"opendocument.text", "an OpenDocument text (.odt)", _CHOOSE),
)
_MARKUP = ("<?xml", "<html", "<!doctype", "<table", "<workbook")


def detect_encoding(sample: bytes) -> str:
    """Return the most likely encoding of ``sample`` (the start of a file).

    UTF-16 without a byte order mark is recognised by its NUL bytes. A sample
    mixing UTF-8 and a single-byte encoding is taken as UTF-8 when most of its
    non-ASCII characters are valid UTF-8: the reader then reports the rows
    that are not, rather than reading every UTF-8 row as mojibake.
    """
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    utf16 = detect_utf16(sample)
    if utf16:
        return utf16
    if _is_utf8(sample) or _mostly_utf8(sample):
        return "utf-8"
    if _looks_cyrillic(sample):
        return "cp1251"
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: unused by cp1252
        return "latin-1"
    return "cp1252"


def detect_utf16(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 text without a byte order mark.

    Text in UTF-16 puts a NUL beside each Latin character (and each delimiter
    and line break), always on the same side; a binary file has NULs on both.
    """
    block = sample[: _BLOCK & ~1]
    pairs = len(block) // 2
    if pairs < 2:
        return None
    even = block[0::2].count(0)
    odd = block[1::2].count(0)
    for nuls, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 * pairs and others <= 0.02 * pairs:
            try:
                text = block.decode(encoding)
            except UnicodeDecodeError:  # a surrogate cut by the block's end
                text = block[:-2].decode(encoding, errors="replace")
            if "\x00" not in text and ("\n" in text or "\r" in text or pairs > 64):
                return encoding
    return None


def file_kind(sample: bytes) -> tuple[str, str] | None:
    """What a file is when its first bytes name a known format, and what to
    do with it: ``("a PDF document", "choose the right file")``; else None."""
    if sample.startswith(_ZIP_MAGIC):
        head = sample[:_BLOCK]
        found = next(((k, a) for m, k, a in _ZIP_KINDS if m in head), None)
        return found or ("a zip archive", "uncompress it first")
    for magic, kind, advice in _MAGIC:
        if sample.startswith(magic):
            return kind, advice
    text = sample[:_BLOCK].decode("latin-1")
    text = text.lstrip(" \t\r\n\ufeff\xef\xbb\xbf").lower()
    if text.startswith(_MARKUP):
        return "an HTML or XML file", _SAVE_AS_CSV
    if text.startswith(('{"', "[{", "[\n", "{\n", "{\r")) and '":' in text:
        return "a JSON file", "name it .json (or .jsonl) to import it as JSON"
    return None


def control_bytes(sample: bytes) -> int:
    """How many control bytes no text holds the first block has, when they
    are enough to call it binary; else 0."""
    block = sample[:_BLOCK]
    controls = sum(block.count(byte) for byte in _CONTROL_BYTES)
    if controls >= _MIN_CONTROLS and controls > _MAX_CONTROL_SHARE * len(block):
        return controls
    return 0


def binary_reason(sample: bytes) -> str | None:
    """Why ``sample`` (the start of a file read as CSV) is not a CSV text, in
    words for the user, or None when it looks like text.

    Known formats are named by their leading bytes; anything else with many
    control bytes in its first block is "a binary file". A lone NUL in a cell
    is not enough: the reader reports that row instead of refusing the file.
    """
    found = file_kind(sample)
    if found:
        kind, advice = found
        return f"it is {kind}, not a CSV file: {advice}"
    if detect_utf16(sample):  # only reached when UTF-16 was not expected
        return (
            "it is UTF-16 text without a byte order mark, not the chosen "
            "encoding: leave the encoding empty to detect it, or save the file "
            "as 'CSV UTF-8'"
        )
    controls = control_bytes(sample)
    if controls:
        return (
            f"it looks like a binary file ({controls} control bytes in its "
            f"first {min(len(sample), _BLOCK):,} bytes), not a CSV text file: "
            f"choose the right file, or {_SAVE_AS_CSV}"
        )
    return None


def _mostly_utf8(sample: bytes) -> bool:
    """More valid UTF-8 characters than bytes UTF-8 rejects (a mixed file)."""
    text = sample.decode("utf-8", errors="surrogateescape")
    if text.isascii():
        return False
    invalid = sum(1 for char in text if "\udc80" <= char <= "\udcff")
    valid = sum(1 for char in text if char > "\x7f") - invalid
    return valid > invalid


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
