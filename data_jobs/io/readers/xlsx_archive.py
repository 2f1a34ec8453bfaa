"""The .xlsx zip archive, checked before openpyxl opens it, and the formulas
of a sheet that have no computed value.

openpyxl unpacks whatever the archive says: a few megabytes can hold
gigabytes of XML (a "zip bomb"), and its shared strings are loaded whole. The
zip's central directory states each member's size, and ``zipfile`` never
unpacks more than stated (a lying size ends in a CRC error), so summing those
sizes bounds the work before any of it is done.

Read with ``data_only=True`` (the values, not the formulas), a formula cell
whose file has no cached value gives None: a file written by a program that
does not calculate (openpyxl, many exporters) would import as empty cells.
``formula_cells`` finds those cells in the sheet's XML, streaming it.
"""

import re
import zipfile
import zlib

from ..limits import human_size
from .base import ReaderError
from .sniff import control_bytes, file_kind

_CHUNK = 1 << 20
# Small archives cannot hurt, whatever their ratio (styles compress well).
_RATIO_FLOOR = 64 * 1024**2
_SAVE_AS_XLSX = "open it in a spreadsheet app and save it as an Excel workbook (.xlsx)"
# A cell whose formula is followed by no value, or an empty one. A computed
# empty text (t="str" with an empty <v>) is a value and is not matched.
_FORMULA_CELL = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*"
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*"
    rb"</(?:\w+:)?c>"
)
_REFERENCE = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]+)["']""")
_STRING_TYPE = re.compile(rb"""\bt\s*=\s*["']str["']""")


def open_archive(fileobj, limits) -> zipfile.ZipFile:
    """The archive of an .xlsx, refused with the reason when it is not one,
    is damaged, encrypted, or would unpack beyond the limits."""
    fileobj.seek(0)
    sample = fileobj.read(4096)
    fileobj.seek(0)
    if not sample:
        raise ReaderError("The file is empty.")
    if not sample.startswith(b"PK"):
        raise ReaderError(
            f"The file cannot be read as an Excel workbook (.xlsx): {_what(sample)}"
        )
    try:
        archive = zipfile.ZipFile(fileobj)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ReaderError(
            f"The file cannot be read as an Excel workbook (.xlsx): the archive is "
            f"damaged or incomplete ({error}). Upload it again, or {_SAVE_AS_XLSX}."
        ) from None
    try:
        _check_members(archive, infos, limits)
    except ReaderError:
        archive.close()
        raise
    return archive


def _what(sample):
    found = file_kind(sample)
    if found:
        return f"it is {found[0]}. Choose the right file, or {_SAVE_AS_XLSX}."
    if b"\x00" not in sample[:4096] and not control_bytes(sample):
        return "it is a text file; if it is a CSV file, name it .csv."
    return f"it is another kind of file. Choose the right file, or {_SAVE_AS_XLSX}."


def _check_members(archive, infos, limits):
    names = {info.filename.lower() for info in infos}
    if not any(name.startswith("xl/") for name in names):
        if "mimetype" in names:
            kind = "an OpenDocument file (.ods or .odt)"
        elif any(name.startswith("word/") for name in names):
            kind = "a Word document (.docx)"
        else:
            kind = "a zip archive"
        raise ReaderError(
            f"The file cannot be read as an Excel workbook (.xlsx): it is {kind}. "
            f"Choose the right file, or {_SAVE_AS_XLSX}."
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise ReaderError(
            "The workbook is encrypted: save it without a password and import it "
            "again."
        )
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > limits.xlsx_uncompressed:
        raise ReaderError(
            f"The workbook would unpack to {human_size(unpacked)}, more than the "
            f"{human_size(limits.xlsx_uncompressed)} an import accepts "
            "(max_xlsx_uncompressed): split it into smaller files, or save it as "
            "CSV."
        )
    if unpacked > _RATIO_FLOOR and unpacked > limits.xlsx_ratio * max(packed, 1):
        raise ReaderError(
            f"The workbook would unpack to {human_size(unpacked)} from "
            f"{human_size(packed)} ({unpacked // max(packed, 1):,} times its size, "
            f"more than the {limits.xlsx_ratio:,} an import accepts, "
            "max_xlsx_ratio): this is not a normal spreadsheet. Open it in a "
            "spreadsheet app and save it again, or save it as CSV."
        )


class FormulaCells:
    """Iterator of ``(row, column)`` (1-based) of the formula cells of a sheet
    without a computed value, in the order of the sheet; ``unplaced`` counts
    those without a cell reference (rare writers omit it)."""

    def __init__(self, archive, path):
        self.unplaced = 0
        self._member = archive.open(path) if path else None
        self._cells = self._scan() if path else iter(())

    def __iter__(self):
        return self._cells

    def __next__(self):
        return next(self._cells)

    def _scan(self):
        carry = b""
        try:
            while True:
                chunk = self._member.read(_CHUNK)
                buffer = carry + chunk
                if not chunk:
                    yield from self._cells_in(buffer)
                    return
                cut = _last_cell_start(buffer)
                if cut <= 0 or len(buffer) - cut > 4 * _CHUNK:
                    cut = len(buffer)  # no cell open at the end, or a huge one
                yield from self._cells_in(buffer[:cut])
                carry = buffer[cut:]
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise ReaderError(
                f"The workbook is damaged ({error}): open it in a spreadsheet app "
                "and save it again."
            ) from None
        finally:
            self._member.close()

    def _cells_in(self, buffer):
        if b"<f" not in buffer and b":f" not in buffer:
            return
        for match in _FORMULA_CELL.finditer(buffer):
            attributes, value = match.groups()
            if value is not None and _STRING_TYPE.search(attributes):
                continue  # a formula that computed an empty text
            reference = _REFERENCE.search(attributes)
            if reference is None:
                self.unplaced += 1
                continue
            letters, row = reference.groups()
            yield int(row), _column_index(letters)

    def close(self):
        if self._member is not None:
            self._cells.close()
            self._member.close()


def _last_cell_start(buffer):
    """Where the last opening cell tag of ``buffer`` starts (``<c`` or
    ``<x:c``; not a closing ``</x:c>``), -1 if none: the cells before it are
    complete."""
    plain = max(buffer.rfind(b"<c "), buffer.rfind(b"<c>"))
    low = max(plain, 0)
    end = len(buffer)
    while end > low:
        colon = max(buffer.rfind(b":c ", low, end), buffer.rfind(b":c>", low, end))
        if colon < 0:
            break
        start = buffer.rfind(b"<", low, colon)
        if start >= 0 and buffer[start + 1 : start + 2] != b"/":
            return start
        end = colon
    return plain


def _column_index(letters):
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - 64
    return index
