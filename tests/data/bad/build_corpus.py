"""Write the small files of the bad-input corpus and MANIFEST.json.

Run from anywhere: ``python3 tests/data/bad/build_corpus.py``. The files are
committed (they are small and reviewable); this script says how each one was
made, so it can be rebuilt or extended. Files too big to commit are made by
``make_large.py`` when the tests run; their entries are in the manifest too.

Each entry: ``file``, ``description`` (what it is), ``expected`` (what the
readers do with default options, or with ``options``):

- ``reader_error``: opening or reading raises ReaderError matching ``match``;
- ``row_error``: reading completes; rows ``rows`` (all of them, when given)
  have an error of code ``code`` (message matching ``match`` if given);
- ``warning``: reading completes without row errors; a warning of code
  ``code`` (matching ``match``) is given;
- ``ok``: reading completes without row errors or warnings, ``data_rows``
  rows when given; ``detected`` when given must be part of reader.detected.
"""

import codecs
import gzip
import io
import json
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "unit"))
sys.path.insert(0, str(HERE))

from make_large import LARGE  # noqa: E402
from rawxlsx import (  # noqa: E402
    FIXED_DATE,
    MAIN,
    cell,
    error,
    formula,
    raw_xlsx,
    sheet_xml,
)

ENTRIES = []


def entry(file, description, expected, content, **keys):
    ENTRIES.append(
        {"file": file, "description": description, "expected": expected, **keys}
    )
    data = content if isinstance(content, bytes) else content.encode()
    (HERE / file).write_bytes(data)


def workbook(rows, title="Data", **sheets):
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    for name, more in sheets.items():
        sheet = book.create_sheet(name)
        for row in more:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return stable(buffer.getvalue())


def stable(data):
    """The same archive with fixed dates (members and document properties),
    so that rebuilding the corpus gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: source.read(name) for name in source.namelist()}
    if "docProps/core.xml" in members:
        members["docProps/core.xml"] = re.sub(
            rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
            b"2026-01-01T00:00:00Z",
            members["docProps/core.xml"],
        )
    return archive(members)


def archive(members):
    """A zip; a ``mimetype`` member is stored first and uncompressed, as the
    OpenDocument format requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in members.items():
            kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            out.writestr(zipfile.ZipInfo(name, FIXED_DATE), content, kind)
    return buffer.getvalue()


def encrypted(data):
    """The archive with the 'encrypted' flag set on every member, as a
    password-protecting zip tool leaves it (the contents stay readable)."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + offset] |= 0x01
            start += 4
    return bytes(data)


PRODUCTS = "code,name,qty\nA1,Bolt,10\nA2,Nut,20\nA3,Washer,30\n"
XLSX_OK = workbook([["code", "name"], ["A1", "Bolt"], ["A2", "Nut"]])
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>"
    b"\n%%EOF\n"
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xfe\xff" * 256


def build_csv_whole_file():
    entry(
        "xlsx_named.csv",
        "A real XLSX workbook uploaded with a .csv name.",
        "reader_error",
        XLSX_OK,
        match=r"it is an Excel workbook \(\.xlsx\), not a CSV file",
    )
    entry(
        "ods_named.csv",
        "An OpenDocument spreadsheet (zip with its mimetype member) named .csv.",
        "reader_error",
        archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
        match="OpenDocument spreadsheet",
    )
    entry(
        "docx_named.csv",
        "A Word document named .csv.",
        "reader_error",
        archive({"word/document.xml": "<w:document/>"}),
        match="Word document",
    )
    entry(
        "pdf_named.csv",
        "A PDF document named .csv.",
        "reader_error",
        PDF,
        match="PDF document.*choose the right file",
    )
    entry(
        "xls_named.csv",
        "An Excel 97-2003 (OLE2 compound file) workbook named .csv.",
        "reader_error",
        OLE2,
        match="Excel 97-2003",
    )
    entry(
        "gzip_named.csv",
        "A gzip-compressed CSV file named .csv.",
        "reader_error",
        gzip.compress(PRODUCTS.encode(), mtime=0),
        match="gzip-compressed.*uncompress it first",
    )
    entry(
        "png_named.csv",
        "A PNG image named .csv.",
        "reader_error",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08",
        match="PNG image",
    )
    entry(
        "jpeg_named.csv",
        "A JPEG image named .csv.",
        "reader_error",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(200),
        match="JPEG image",
    )
    entry(
        "html_table_named.csv",
        "An HTML table, as some programs save 'Excel' exports, named .csv.",
        "reader_error",
        "<!DOCTYPE html>\n<html><body><table><tr><td>code</td></tr></table></body>"
        "</html>\n",
        match="HTML or XML file",
    )
    entry(
        "xml_spreadsheet_2003.csv",
        "An Excel 2003 XML spreadsheet named .csv.",
        "reader_error",
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
        'spreadsheet"><Worksheet ss:Name="Data"/></Workbook>\n',
        match="HTML or XML file",
    )
    entry(
        "json_named.csv",
        "A JSON export named .csv.",
        "reader_error",
        '[{"code": "A1", "name": "Bolt"}, {"code": "A2", "name": "Nut"}]\n',
        match="JSON file",
    )
    entry(
        "random_binary.csv",
        "8 KB of random bytes.",
        "reader_error",
        bytes((index * 7919 + 13) * 104729 % 251 for index in range(8192)),
        match="binary file",
    )
    entry(
        "nul_bytes_only.csv",
        "1,000 NUL bytes (a file that was never written).",
        "reader_error",
        bytes(1000),
        match="binary file",
    )
    entry(
        "nul_in_header.csv",
        "A NUL character in a column name.",
        "reader_error",
        b"co\x00de,name\nA1,Bolt\n",
        match="NUL characters.*not a plain text CSV file",
    )
    entry(
        "utf32_no_bom.csv",
        "UTF-32 text without a byte order mark.",
        "reader_error",
        "code,name\nA1,Bolt\nA2,Nut\n".encode("utf-32-le"),
        match="binary file|NUL",
    )
    entry(
        "utf16_no_bom_utf8_chosen.csv",
        "UTF-16 (no BOM) text read with the encoding utf-8 chosen in the options.",
        "reader_error",
        PRODUCTS.encode("utf-16-le"),
        match="UTF-16 text without a byte order mark",
        options={"encoding": "utf-8"},
    )
    entry("empty.csv", "A file of 0 bytes.", "reader_error", b"", match="empty")
    entry(
        "bom_only.csv",
        "A UTF-8 byte order mark and nothing else.",
        "reader_error",
        codecs.BOM_UTF8,
        match="no row 1",
    )
    entry(
        "blank_lines_only.csv",
        "Only line breaks and spaces.",
        "reader_error",
        "\n  \n\n",
        match=r"header row \(row 1\) is empty",
    )
    entry(
        "unclosed_quote_in_header.csv",
        "A quote opened in the header row and never closed.",
        "reader_error",
        'code,"name\nA1,Bolt\nA2,Nut\n',
        match="quote opened in the column names",
    )
    entry(
        "header_row_beyond_the_file.csv",
        "header_row 10 in a file of 4 rows.",
        "reader_error",
        PRODUCTS,
        match="no row 10",
        options={"header_row": 10},
    )
    entry(
        "quotechar_two_characters.csv",
        "A quote character of two characters given in the options.",
        "reader_error",
        PRODUCTS,
        match="one character",
        options={"quotechar": "''"},
    )
    entry(
        "too_many_rows.csv",
        "2,000 data rows with max_rows 1,000.",
        "reader_error",
        "n\n" + "".join(f"{i}\n" for i in range(2000)),
        match="more than 1,000 data rows.*max_rows",
        options={"max_rows": 1000},
    )
    entry(
        "too_big.csv",
        "A file of 4,000 bytes with max_file_size 1,000.",
        "reader_error",
        "n\n" + "x" * 3995 + "\n",
        match="max_file_size",
        options={"max_file_size": 1000},
    )
    entry(
        "spreadsheet.ods",
        "A file with an extension no reader handles.",
        "reader_error",
        PRODUCTS,
        match=r"Unsupported file type '\.ods'",
    )
    entry(
        "no_extension",
        "A file without an extension.",
        "reader_error",
        PRODUCTS,
        match=r"no extension",
    )


def build_csv_rows():
    entry(
        "nul_in_cell.csv",
        "A NUL character inside one cell of row 3.",
        "row_error",
        b"code,name\nA1,Bolt\nA2,N\x00ut\nA3,Washer\n",
        code="nul",
        rows=[3],
    )
    entry(
        "nul_padding_at_the_end.csv",
        "5 KB of rows followed by 600 NUL bytes (a file cut by a crash).",
        "row_error",
        b"code,name\n" + b"".join(b"A%d,Bolt\n" % i for i in range(700)) + bytes(600),
        code="nul",
        rows=[702],
    )
    entry(
        "mixed_utf8_then_cp1252.csv",
        "A UTF-8 file with two rows appended in cp1252 (bytes UTF-8 rejects).",
        "row_error",
        "name;city\nZoë Müller;Zürich\nJosé;São Paulo\nBjörk;Reykjavík\n".encode()
        + "Zoë;Köln\nRenée;Genève\n".encode("cp1252"),
        code="encoding",
        rows=[5, 6],
        match="not valid utf-8",
    )
    entry(
        "mixed_cp1252_then_utf8.csv",
        "A cp1252 file with two rows appended in UTF-8 (mojibake 'ZoÃ« MÃ¼ller').",
        "row_error",
        "name;city\nZoë;Köln\nRenée;Genève\nFrançois;Besançon\n".encode("cp1252")
        + "Zoë Müller;Zürich\nJosé;São Paulo\n".encode(),
        code="mojibake",
        rows=[5, 6],
        match="'Zoë Müller'",
    )
    entry(
        "invalid_utf8_sequences.csv",
        "A UTF-8 file with an overlong sequence and an encoded surrogate in row 3.",
        "row_error",
        "name\nZoë\n".encode()
        + b"bad \xc0\xaf and \xed\xa0\x80\n"
        + "Zoë Müller\nJosé Núñez\nBjörk Guðmundsdóttir\n".encode(),
        code="encoding",
        rows=[3],
    )
    entry(
        "unclosed_quote_at_the_end.csv",
        "A quote opened in row 3 and never closed: rows 4-6 end up in its cell.",
        "row_error",
        'code,name,qty\nA1,Bolt,10\nA2,"Nut,20\nA3,Washer,30\nA4,Pin,40\nA5,Rod,50\n',
        code="unclosed_quote",
        rows=[3],
        match="never closed",
    )
    entry(
        "unclosed_quote_closed_later.csv",
        "A quote opened in row 3 and closed by a quote three lines later.",
        "row_error",
        'code,name,qty\nA1,Bolt,10\nA2,"Nut,20\nA3,Screw,30\nA4,Pin,40\nA5,"Rod",50\n'
        "A6,Cap,60\n",
        code="unclosed_quote",
        rows=[3],
    )
    entry(
        "other_delimiter_rows.csv",
        "A comma file with rows 3 and 5 pasted from a semicolon file.",
        "row_error",
        "code,name,qty\nA1,Bolt,10\nA2;Nut;20\nA3,Washer,30\nA4;Pin;40\n",
        code="delimiter",
        rows=[3, 5],
    )
    entry(
        "extra_cells_unquoted_comma.csv",
        "Rows 3 and 4 have an unquoted ',' in a price: more cells than columns.",
        "row_error",
        "code,price,qty\nA1,1.50,10\nA2,1,234.50,20\nA3,2,000,30\nA4,3.00,40\n",
        code="extra_cells",
        rows=[3, 4],
        match="unquoted ','",
    )
    entry(
        "cell_too_long.csv",
        "A 5,000-character note with max_cell_size 1,000.",
        "row_error",
        "code,note\nA1,short\nA2," + "x" * 5000 + "\nA3,short\n",
        code="cell_size",
        rows=[3],
        options={"max_cell_size": 1000},
    )


def build_csv_warnings_and_ok():
    entry(
        "utf8_rows_cp1252_chosen.csv",
        "A UTF-8 file read with the encoding cp1252 chosen in the options.",
        "warning",
        "name;city\nZoë Müller;Zürich\nAnn;Bern\n".encode(),
        code="mojibake",
        options={"encoding": "cp1252"},
    )
    entry(
        "header_only.csv",
        "Column names and no data row.",
        "warning",
        "code,name,qty\n",
        code="no_data_rows",
        match="no data rows",
    )
    entry(
        "header_and_empty_rows.csv",
        "Column names followed by empty rows only.",
        "warning",
        "code,name,qty\n,,\n\n  ,  ,\n",
        code="no_data_rows",
        match="only empty rows",
    )
    entry(
        "data_start_row_beyond_the_file.csv",
        "data_start_row 100 in a file of 4 rows.",
        "warning",
        PRODUCTS,
        code="no_data_rows",
        options={"data_start_row": 100},
    )
    entry(
        "semicolons_with_comma_chosen.csv",
        "A semicolon file read with the delimiter ',' chosen in the options.",
        "warning",
        "code;name;qty\nA1;Bolt;10\n",
        code="delimiter",
        match="one column only",
        options={"delimiter": ","},
    )
    for encoding, name in (("utf-16-le", "utf16le"), ("utf-16-be", "utf16be")):
        entry(
            f"{name}_no_bom.csv",
            f"{encoding.upper()} text without a byte order mark (decoded).",
            "ok",
            "code;name\nA1;Zoë Müller\nA2;Иван\n".encode(encoding),
            data_rows=2,
            detected={"encoding": encoding},
        )
    entry(
        "utf16_bom.csv",
        "UTF-16 with its byte order mark, tab-delimited (Excel's 'Unicode text').",
        "ok",
        "code\tname\nA1\tZoë\n".encode("utf-16"),
        data_rows=1,
    )
    entry(
        "utf32_bom.csv",
        "UTF-32 with its byte order mark.",
        "ok",
        "code,name\nA1,Zoë\n".encode("utf-32"),
        data_rows=1,
    )
    entry(
        "utf8_bom_semicolons.csv",
        "UTF-8 with a byte order mark, ';' delimited, ',' decimals.",
        "ok",
        codecs.BOM_UTF8 + b"code;price\nA1;1,50\nA2;1 234,50\n",
        data_rows=2,
        detected={"delimiter": ";"},
    )
    entry(
        "cp1251_russian.csv",
        "A cp1251 (Windows Cyrillic) file.",
        "ok",
        "Имя;Город\nИван;Москва\nЁлка;Тверь\n".encode("cp1251"),
        detected={"encoding": "cp1251"},
    )
    entry(
        "cp1252_french.csv",
        "A cp1252 file with accents, '€' and 'Œ' (nothing like UTF-8 in it).",
        "ok",
        "nom;ville\nÉcole;Besançon\nŒuvre – 5 €;Genève\nCAFÉ;Zürich\n".encode("cp1252"),
        detected={"encoding": "cp1252"},
    )
    entry(
        "latin1_undefined_cp1252_bytes.csv",
        "Bytes cp1252 leaves undefined (0x81, 0x8D): read as latin-1.",
        "ok",
        b"code,name\nA1,x\x81y\nA2,Gr\xf6\xdfe\n",
        detected={"encoding": "latin-1"},
    )
    entry(
        "mixed_line_endings.csv",
        "CRLF, LF and CR line endings in one file.",
        "ok",
        "code,name\r\nA1,Bolt\nA2,Nut\rA3,Washer\r\n",
        data_rows=3,
    )
    entry(
        "multiline_quoted_notes.csv",
        "Quoted notes spanning lines, with commas in them.",
        "ok",
        'code,note\nA1,"first line\nsecond line, with a comma"\nA2,"one, two"\n',
        data_rows=2,
    )
    entry(
        "phones_and_signed_numbers.csv",
        "Phone numbers and signed numbers as text.",
        "ok",
        "name,phone,delta\nAnn,+1 555-555-5556,-12.5\nBob,+33 (0)6 12 34 56 78,+3\n",
        data_rows=2,
    )
    entry(
        "formulas_as_text.csv",
        "Cells starting with '=', '+', '@' (the reader passes them on as text).",
        "ok",
        'code,note\nA1,=1+1\nA2,"=HYPERLINK(""http://x"")"\nA3,@SUM(A1)\n',
        data_rows=3,
    )
    entry(
        "short_rows_and_trailing_delimiters.csv",
        "Rows shorter than the header, and trailing empty cells.",
        "ok",
        "code,name,qty,,\nA1\nA2,Nut,,,\nA3,Washer,30,,\n",
        data_rows=3,
    )
    entry(
        "tab_delimited.tsv",
        "A .tsv file.",
        "ok",
        "code\tname\nA1\tBolt, big\n",
        data_rows=1,
        detected={"delimiter": "\t"},
    )
    entry(
        "single_column.csv",
        "One column, no delimiter at all.",
        "ok",
        "name\nBolt\nNut\n",
        data_rows=2,
    )
    entry(
        "junk_above_the_header.csv",
        "Two title lines above the header (header_row 3).",
        "ok",
        "Stock report\nexported 2026-11-21\ncode;name\nA1;Bolt\n",
        data_rows=1,
        options={"header_row": 3},
    )
    entry(
        "stray_quotes_inside_values.csv",
        "Quotes inside unquoted values (csv reads them as text).",
        "ok",
        'code,name\nA1,5" bolt\nA2,the "big" nut\n',
        data_rows=2,
    )


def build_xlsx():
    entry(
        "text_named.xlsx",
        "A CSV text file named .xlsx.",
        "reader_error",
        PRODUCTS,
        match="cannot be read as an Excel workbook.*text file",
    )
    entry(
        "pdf_named.xlsx",
        "A PDF document named .xlsx.",
        "reader_error",
        PDF,
        match="cannot be read as an Excel workbook.*PDF",
    )
    entry(
        "xls_named.xlsx",
        "An Excel 97-2003 file (or a password-protected workbook) named .xlsx.",
        "reader_error",
        OLE2,
        match="Excel 97-2003",
    )
    entry(
        "ods_named.xlsx",
        "An OpenDocument spreadsheet named .xlsx.",
        "reader_error",
        archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
        match="OpenDocument",
    )
    entry(
        "docx_named.xlsx",
        "A Word document named .xlsx.",
        "reader_error",
        archive({"word/document.xml": "<w:document/>"}),
        match="Word document",
    )
    entry(
        "plain_zip.xlsx",
        "A zip archive of CSV files named .xlsx.",
        "reader_error",
        archive({"products.csv": PRODUCTS}),
        match="it is a zip archive",
    )
    entry("empty.xlsx", "A file of 0 bytes.", "reader_error", b"", match="empty")
    entry(
        "truncated.xlsx",
        "The first half of a workbook (an interrupted upload).",
        "reader_error",
        XLSX_OK[: len(XLSX_OK) // 2],
        match="damaged or incomplete",
    )
    entry(
        "encrypted_members.xlsx",
        "A workbook whose members carry the zip 'encrypted' flag.",
        "reader_error",
        encrypted(XLSX_OK),
        match="encrypted",
    )
    entry(
        "damaged_sheet_xml.xlsx",
        "A sheet whose XML stops in the middle of a row.",
        "reader_error",
        raw_xlsx(
            extra={
                "xl/worksheets/sheet1.xml": sheet_xml(
                    [[cell("A1", "code")], [cell("A2", "A1")]]
                )[:-40]
            }
        ),
        match="damaged",
    )
    entry(
        "missing_sheet_part.xlsx",
        "The workbook names a sheet whose part is not in the archive.",
        "reader_error",
        _without(raw_xlsx([[cell("A1", "code")]]), "xl/worksheets/sheet1.xml"),
        match="no sheet of rows to import.*damaged",
    )
    entry(
        "chartsheet_without_drawing.xlsx",
        "A chart sheet without its drawing (openpyxl fails inside).",
        "reader_error",
        _chartsheet_workbook(),
        match="cannot be read as an Excel workbook",
    )
    entry(
        "header_formulas_no_values.xlsx",
        "Column names made by formulas that were never calculated.",
        "reader_error",
        raw_xlsx([[formula("A1", '"code"'), formula("B1", '"name"')]]),
        match="column names in row 1 are formulas",
    )
    entry(
        "empty_sheet.xlsx",
        "A workbook whose only sheet has no row.",
        "reader_error",
        raw_xlsx([]),
        match="no row 1",
    )
    entry(
        "sheet_not_found.xlsx",
        "The options name a sheet the workbook does not have.",
        "reader_error",
        XLSX_OK,
        match="Sheet 'Prices' not found; the sheets are: 'Data'",
        options={"sheet": "Prices"},
    )
    entry(
        "formulas_without_values.xlsx",
        "Written by openpyxl: formulas and no cached values (rows 2 and 3).",
        "row_error",
        workbook([["code", "total"], ["A1", "=1+1"], ["A2", "=B2*2"], ["A3", 5]]),
        code="formula",
        rows=[2, 3],
        match="spreadsheet app, save it",
    )
    entry(
        "all_formula_row.xlsx",
        "Row 3 is all formulas without values (read as an empty row before).",
        "row_error",
        raw_xlsx(
            [
                [cell("A1", "code"), cell("B1", "qty")],
                [cell("A2", "A1"), cell("B2", 1)],
                [formula("A3", "A2"), formula("B3", "B2+1")],
            ]
        ),
        code="formula",
        rows=[3],
    )
    entry(
        "shared_formulas_without_values.xlsx",
        'Shared formulas (<f t="shared"/>) without cached values.',
        "row_error",
        raw_xlsx(
            [
                [cell("A1", "code"), cell("B1", "qty")],
                [
                    cell("A2", "A1"),
                    '<c r="B2"><f t="shared" ref="B2:B3" si="0">1+1</f></c>',
                ],
                [cell("A3", "A2"), '<c r="B3"><f t="shared" si="0"/></c>'],
            ]
        ),
        code="formula",
        rows=[2, 3],
    )
    entry(
        "prefixed_namespace_formulas.xlsx",
        "A sheet written with an 'x:' namespace prefix, formulas without values.",
        "row_error",
        raw_xlsx(
            extra={
                "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><x:worksheet '
                f'xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" '
                't="inlineStr"><x:is><x:t>qty</x:t></x:is></x:c></x:row>'
                '<x:row r="2"><x:c r="A2"><x:f>1+1</x:f></x:c></x:row>'
                "</x:sheetData></x:worksheet>"
            }
        ),
        code="formula",
        rows=[2],
    )
    entry(
        "error_values.xlsx",
        "Cells holding #N/A and #DIV/0! (formulas that failed).",
        "row_error",
        raw_xlsx(
            [
                [cell("A1", "code"), cell("B1", "price")],
                [cell("A2", "A1"), error("B2", "#N/A")],
                [cell("A3", "A2"), cell("B3", 2)],
                [cell("A4", "A3"), error("B4", "#DIV/0!")],
            ]
        ),
        code="excel_error",
        rows=[2, 4],
    )
    entry(
        "cell_too_long.xlsx",
        "A 5,000-character cell with max_cell_size 1,000.",
        "row_error",
        workbook([["code", "note"], ["A1", "x" * 5000], ["A2", "short"]]),
        code="cell_size",
        rows=[2],
        options={"max_cell_size": 1000},
    )
    entry(
        "values_beside_the_table.xlsx",
        "Notes typed right of the last named column.",
        "warning",
        workbook([["code", "name"], ["A1", "Bolt", "check this"], ["A2", "Nut"]]),
        code="extra_cells",
    )
    entry(
        "formulas_without_references.xlsx",
        "Formula cells without a cell reference and without values.",
        "warning",
        raw_xlsx([[cell("A1", "qty")], ["<c><f>1+1</f></c>"]]),
        code="formula",
    )
    entry(
        "header_only.xlsx",
        "Column names and no data row.",
        "warning",
        workbook([["code", "name"]]),
        code="no_data_rows",
    )
    entry(
        "hidden_first_sheet.xlsx",
        "A hidden first sheet: the visible one is read, and named.",
        "ok",
        raw_xlsx(
            sheets={
                "Old": [[cell("A1", "old")]],
                "Data": [[cell("A1", "code")], [cell("A2", "A1")]],
            },
            hidden=("Old",),
        ),
        data_rows=1,
        detected={"sheet": "Data"},
    )
    entry(
        "second_sheet_by_index.xlsx",
        "The sheet given by its index (1): its name is in detected.",
        "ok",
        workbook([["a"], [1]], Prices=[["code"], ["A1"], ["A2"]]),
        data_rows=2,
        detected={"sheet": "Prices"},
        options={"sheet": 1},
    )
    entry(
        "computed_empty_text.xlsx",
        "A formula that computed an empty text (not a missing value).",
        "ok",
        raw_xlsx(
            [
                [cell("A1", "code"), cell("B1", "note")],
                [cell("A2", "A1"), formula("B2", 'IF(1,"","x")', "", kind="str")],
            ]
        ),
        data_rows=1,
    )
    entry(
        "wrong_dimension.xlsx",
        "A sheet whose <dimension> says A1:A1 but holds three rows.",
        "ok",
        raw_xlsx(
            extra={
                "xl/worksheets/sheet1.xml": sheet_xml(
                    [[cell("A1", "code")], [cell("A2", "A1")], [cell("A3", "A2")]]
                ).replace("<sheetData>", '<dimension ref="A1:A1"/><sheetData>')
            }
        ),
        data_rows=2,
    )


def _without(data, member):
    source = zipfile.ZipFile(io.BytesIO(data))
    return archive({n: source.read(n) for n in source.namelist() if n != member})


def _chartsheet_workbook():
    book = Workbook()
    book.create_chartsheet("Chart")
    book.active.append(["code"])
    buffer = io.BytesIO()
    book.save(buffer)
    return stable(buffer.getvalue())


def main():
    for path in HERE.iterdir():
        if path.is_file() and path.suffix not in (".py", ".json", ".md"):
            path.unlink()
    build_csv_whole_file()
    build_csv_rows()
    build_csv_warnings_and_ok()
    build_xlsx()
    manifest = {
        "about": __doc__.split("\n\n", 1)[1].strip(),
        "files": ENTRIES + [dict(entry, generated=True) for entry in LARGE],
    }
    (HERE / "MANIFEST.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(ENTRIES)} files written, {len(LARGE)} generated at test time.")  # noqa: T201 pylint: disable=print-used


if __name__ == "__main__":
    main()
