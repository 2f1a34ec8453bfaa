"""Make the corpus files too big to commit, into a directory.

``python3 tests/data/bad/make_large.py DIR [FILE...]`` (or ``generate(dir)``)
writes them in a few seconds: a 256 MB CSV that must stream, a zip bomb
unpacking to more than 1 GB from a few MB, lines of tens of megabytes... Their
manifest entries (``LARGE``) add the time and memory the readers may take:
``max_seconds`` and ``max_memory_mb`` (peak resident memory above the
process's own before reading).
"""

import io
import sys
import zipfile
from pathlib import Path

MB = 1024 * 1024
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
    b't="inlineStr"><is><t>code</t></is></c></row>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"

LARGE = [
    {
        "file": "big_256mb.csv",
        "description": "A 256 MB CSV of 262,144 rows of 1 KB: read in streaming.",
        "expected": "ok",
        "data_rows": 262_144,
        "max_seconds": 180,
        "max_memory_mb": 100,
    },
    {
        "file": "line_without_breaks_30mb.csv",
        "description": "A header then 30 MB without a line break.",
        "expected": "reader_error",
        "match": "longer than [0-9,]+ characters",
        "max_seconds": 30,
        "max_memory_mb": 100,
    },
    {
        "file": "unclosed_quote_64mb.csv",
        "description": "A quote opened in row 2 of a 64 MB file and never closed.",
        "expected": "reader_error",
        "match": "longer than [0-9,]+ characters.*quote",
        "max_seconds": 60,
        "max_memory_mb": 100,
    },
    {
        "file": "zip_bomb.xlsx",
        "description": "A workbook of about 5 MB whose sheet unpacks to 1.1 GB.",
        "expected": "reader_error",
        "match": "unpack to 1.1 GB.*max_xlsx_uncompressed",
        "max_seconds": 10,
        "max_memory_mb": 100,
    },
    {
        "file": "ratio_bomb.xlsx",
        "description": "A workbook whose sheet unpacks to 300 MB from about 300 KB.",
        "expected": "reader_error",
        "match": "times its size.*max_xlsx_ratio",
        "max_seconds": 10,
        "max_memory_mb": 100,
    },
    {
        "file": "columns_20000.csv",
        "description": "20,000 columns (took 36 s before failing on unknown columns).",
        "expected": "reader_error",
        "match": "20,000 columns.*max_columns",
        "max_seconds": 5,
        "max_memory_mb": 100,
    },
    {
        "file": "columns_16000.xlsx",
        "description": "A sheet of 16,000 named columns.",
        "expected": "reader_error",
        "match": "16,000 columns.*max_columns",
        "max_seconds": 10,
        "max_memory_mb": 100,
    },
    {
        "file": "cp1252_row_after_the_sample.csv",
        "description": "70 KB of ASCII rows (sniffed as UTF-8), then a cp1252 row.",
        "expected": "row_error",
        "code": "encoding",
        "rows": [3002],
        "max_seconds": 10,
        "max_memory_mb": 100,
    },
]


def _big_csv(path):
    header = ",".join(f"column_{i:02d}" for i in range(16)) + "\n"
    with path.open("wb") as out:
        out.write(header.encode())
        written = len(header)
        for start in range(0, 262_144, 4096):
            rows = []
            for i in range(start, start + 4096):
                cells = [f"P{i:08d}", f"Zoë Müller {i}"]
                cells += [f"value {i} {c:02d} " + "x" * 48 for c in range(14)]
                line = ",".join(cells)
                rows.append(line + " " * (1023 - len(line.encode())) + "\n")
            chunk = "".join(rows).encode()
            out.write(chunk)
            written += len(chunk)
    return written


def _long_line(path):
    with path.open("wb") as out:
        out.write(b"code,note\nA1,")
        for _ in range(30):
            out.write(b"x" * MB)
        out.write(b"\n")


def _unclosed_quote(path):
    row = b"A2,plain row of the file with some text\n"
    with path.open("wb") as out:
        out.write(b'code,note\nA1,"never closed\n')
        block = row * (MB // len(row))
        for _ in range(64):
            out.write(block)


def _bomb(path, size, level):
    from rawxlsx import raw_xlsx  # the other members of a valid workbook

    small = zipfile.ZipFile(io.BytesIO(raw_xlsx([[]])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for name in small.namelist():
            if name != "xl/worksheets/sheet1.xml":
                out.writestr(name, small.read(name))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD)
            padding = b" " * MB
            for _ in range(size // MB):
                sheet.write(padding)
            sheet.write(_SHEET_TAIL)


def _columns_csv(path):
    header = ",".join(f"c{i}" for i in range(20_000))
    path.write_text(header + "\n" + ",".join(["1"] * 20_000) + "\n")


def _columns_xlsx(path):
    from rawxlsx import cell, raw_xlsx

    def letters(number):
        text = ""
        while number:
            number, rest = divmod(number - 1, 26)
            text = chr(65 + rest) + text
        return text

    header = [cell(f"{letters(i)}1", f"c{i}") for i in range(1, 16_001)]
    values = [cell(f"{letters(i)}2", i) for i in range(1, 16_001)]
    path.write_bytes(raw_xlsx([header, values]))


def _cp1252_after_sample(path):
    rows = b"".join(
        b"A%05d;plain ascii row number %05d\n" % (i, i) for i in range(3000)
    )
    path.write_bytes(b"code;name\n" + rows + "B;Zoë Müller\n".encode("cp1252"))


MAKERS = {
    "big_256mb.csv": _big_csv,
    "line_without_breaks_30mb.csv": _long_line,
    "unclosed_quote_64mb.csv": _unclosed_quote,
    "zip_bomb.xlsx": lambda path: _bomb(path, 1100 * MB, level=1),  # fast
    "ratio_bomb.xlsx": lambda path: _bomb(path, 300 * MB, level=9),  # ~1,000x
    "columns_20000.csv": _columns_csv,
    "columns_16000.xlsx": _columns_xlsx,
    "cp1252_row_after_the_sample.csv": _cp1252_after_sample,
}


def generate(directory, names=None):
    """Write the large files (all, or ``names``) into ``directory``; return
    their paths by name."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit"))
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names or MAKERS:
        path = directory / name
        if not path.exists():
            MAKERS[name](path)
        paths[name] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name, path in generate(sys.argv[1], sys.argv[2:] or None).items():
        print(f"{path.stat().st_size:>12,}  {name}")  # pylint: disable=print-used
