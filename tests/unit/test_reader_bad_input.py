"""Issue 10 ("bad input"): what the readers do with files that are wrong.

A file wrong as a whole is a ReaderError that names what it is and what to
do; a row wrong in itself gets ``errors`` (for the engine's row errors) and a
summary in ``reader.warnings``; whatever is read is storable text.
"""

import io
import random
import time
import tracemalloc
import zipfile

import pytest
from data_jobs_io.convert import find_unstorable
from data_jobs_io.readers import ReaderError, Row, open_reader
from openpyxl import Workbook
from rawxlsx import MAIN, cell, error, formula, raw_xlsx


def read(data, name="file.csv", **options):
    fileobj = io.BytesIO(data if isinstance(data, bytes) else data.encode())
    return open_reader(fileobj, name, options)


def rows_and_errors(reader):
    return [(n, list(v), [e.code for e in v.errors]) for n, v in reader]


def assert_storable(reader):
    texts = [*reader.headers, *map(str, reader.detected.values())]
    texts += [w.message for w in reader.warnings]
    for _number, values in reader:
        texts += [v for v in values if isinstance(v, str)]
        texts += [issue.message for issue in values.issues]
    assert all(find_unstorable(text) is None for text in texts)


# ----------------------------------------------------------- 1. NUL characters
def test_header_with_nul_is_refused_as_not_a_text_file():
    with pytest.raises(ReaderError, match="NUL.*not a plain text CSV file.*UTF-8"):
        read(b"co\x00de,name\nA,B\n")


def test_one_nul_in_a_cell_is_a_row_error_not_a_file_error():
    reader = read(b"code,name\nA,Bo\x00lt\nB,Nut\n")
    rows = list(reader)
    assert [n for n, _v in rows] == [2, 3]
    (number, values), (_n, fine) = rows
    assert values == ["A", "Bo\ufffdlt"]  # storable, the row marked
    assert [(e.code, e.column) for e in values.errors] == [("nul", 1)]
    assert "column 'name'" in values.errors[0].message.lower()
    assert not fine.errors
    assert [(w.code, w.rows, w.severity) for w in reader.warnings] == [
        ("nul", (2,), "error")
    ]


def test_reader_errors_are_storable():
    fileobj = io.BytesIO(raw_xlsx([[cell("A1", "a")]]))
    with pytest.raises(ReaderError) as caught:
        open_reader(fileobj, "x.xlsx", {"sheet": "Da\x00ta"})
    assert find_unstorable(str(caught.value)) is None
    assert find_unstorable(str(ReaderError("a\x00" * 5000))) is None
    assert len(str(ReaderError("a" * 5000))) == 2000


def test_rows_are_lists_with_their_issues():
    row = Row(["a", None])
    assert row == ["a", None] and row.errors == () and row[:1] == ["a"]


# ------------------------------------------------------------- 2. binary files
@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml\x00xl/workbook.xml", "xlsx"),
        (
            b"PK\x03\x04\x14\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            "ods",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "Excel 97-2003"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"<!DOCTYPE html>\n<html><table><tr><td>a</td></tr></table>", "HTML"),
        (b'[{"name": "Bolt", "qty": 3}]', "JSON"),
    ],
)
def test_known_formats_named_csv_are_refused_by_name(head, kind):
    with pytest.raises(ReaderError, match=f"not a CSV file.*|{kind}") as caught:
        read(head + b"\n" * 10)
    assert kind in str(caught.value)


def test_binary_file_is_refused_not_read_as_unknown_columns():
    data = random.Random(10).randbytes(8000)
    with pytest.raises(ReaderError, match="binary file"):
        read(data)


# ---------------------------------------------------------------- 3. encodings
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(encoding):
    text = "code;name\nA1;Zoë Müller\nB2;Иван\n"
    reader = read(text.encode(encoding))
    assert reader.detected == {"encoding": encoding, "delimiter": ";"}
    assert reader.headers == ["code", "name"]
    assert rows_and_errors(reader) == [
        (2, ["A1", "Zoë Müller"], []),
        (3, ["B2", "Иван"], []),
    ]


def test_utf16_without_bom_is_refused_clearly_when_utf8_is_chosen():
    data = "code;name\nA1;Bolt\n".encode("utf-16-le")
    with pytest.raises(ReaderError, match="UTF-16 text without a byte order mark"):
        read(data, encoding="utf-8")


def test_utf32_with_bom_is_decoded():
    reader = read("code,name\nA,Zoë\n".encode("utf-32"))
    assert reader.headers == ["code", "name"]
    assert list(reader) == [(2, ["A", "Zoë"])]


def test_cp1252_rows_in_a_utf8_file_are_row_errors():
    data = b"name;city\n" + "Zoë Müller;Zürich\n".encode() * 3
    data += "Zoë;Köln\n".encode("cp1252") + b"Ann;Bern\n"
    reader = read(data)
    assert reader.detected["encoding"] == "utf-8"  # most of it is UTF-8
    rows = rows_and_errors(reader)
    assert rows[3] == (5, ["Zoë", "Köln"], ["encoding", "encoding"])
    assert all(not codes for n, _v, codes in rows if n != 5)
    (warning,) = reader.warnings
    assert (warning.code, warning.rows) == ("encoding", (5,))


def test_utf8_rows_in_a_cp1252_file_are_not_imported_as_mojibake():
    data = b"name;city\n" + "Zoë;Köln\n".encode("cp1252") * 3
    data += "Zoë Müller;Zürich\n".encode() + b"Ann;Bern\n"
    reader = read(data)
    assert reader.detected["encoding"] == "cp1252"
    rows = rows_and_errors(reader)
    assert rows[3] == (5, ["ZoÃ« MÃ¼ller", "ZÃ¼rich"], ["mojibake", "mojibake"])
    number, values = list(read(data))[3]
    assert "'Zoë Müller'" in values.errors[0].message
    assert [(w.code, w.rows, w.severity) for w in reader.warnings] == [
        ("mojibake", (5,), "error")
    ]


def test_a_chosen_single_byte_encoding_only_warns_about_utf8_lookalikes():
    data = "name\nZoë Müller\n".encode()
    reader = read(data, encoding="cp1252")
    ((_number, values),) = list(reader)
    assert values == ["ZoÃ« MÃ¼ller"] and not values.errors
    assert [(i.code, i.severity) for i in values.issues] == [("mojibake", "warning")]
    assert reader.warnings[0].severity == "warning"


def test_plain_cp1252_text_is_not_taken_for_utf8():
    data = "name;note\nCafé crème;Größe 5\nÉcole;Œuvre – €\n".encode("cp1252")
    assert all(not codes for _n, _v, codes in rows_and_errors(read(data)))


# --------------------------------------------------------- 4. silent corruption
def test_unclosed_quote_at_the_end_is_a_row_error():
    data = 'code,name\nA,Bolt\nB,"Nut\nC,Screw\nD,Washer\n'
    reader = read(data)
    rows = rows_and_errors(reader)
    assert rows[0] == (2, ["A", "Bolt"], [])
    assert rows[1][0] == 3 and rows[1][2] == ["unclosed_quote"]
    assert len(rows) == 2
    message = list(read(data))[1][1].errors[0].message
    assert "never closed" in message and "3 lines" in message


def test_quote_closed_much_later_is_a_row_error():
    data = (
        'code,name,qty\nA,Bolt,1\nB,"Nut,2\nC,Screw,3\nD,Pin,4\nE,Washer",5\nF,Rod,6\n'
    )
    rows = rows_and_errors(read(data))
    assert [(n, codes) for n, _v, codes in rows] == [
        (2, []),
        (3, ["unclosed_quote"]),
        (4, []),
    ]


def test_multiline_notes_are_not_taken_for_unclosed_quotes():
    data = 'code,note\nA,"line one\nline two, with a comma"\nB,x\n'
    assert all(not codes for _n, _v, codes in rows_and_errors(read(data)))


def test_rows_with_another_delimiter_are_row_errors():
    data = "code,name,qty\nA,Bolt,1\nB;Nut;2\nC,Screw,3\nJust a note\n"
    reader = read(data)
    rows = rows_and_errors(reader)
    assert [(n, codes) for n, _v, codes in rows] == [
        (2, []),
        (3, ["delimiter"]),
        (4, []),
        (5, []),  # one cell, but no other delimiter in it: a short row
    ]
    assert reader.warnings[0].message.startswith("Row 3: one cell only")


def test_cells_beyond_the_header_are_row_errors_with_row_numbers():
    data = "code,price\nA,1.5\nB,1,234.50\nC,2\nD,3,,\n"
    reader = read(data)
    rows = rows_and_errors(reader)
    assert rows[1] == (3, ["B", "1"], ["extra_cells"])
    assert [codes for _n, _v, codes in rows] == [[], ["extra_cells"], [], []]
    assert reader.extra_cells_rows == 1
    (warning,) = reader.warnings
    assert warning.rows == (3,) and "unquoted ','" in warning.message


def test_xlsx_values_beside_the_table_are_warnings():
    data = raw_xlsx([[cell("A1", "code")], [cell("A2", "X"), cell("C2", "note")]])
    reader = read(data, "x.xlsx")
    ((_number, values),) = list(reader)
    assert values == ["X"] and not values.errors
    assert [(w.code, w.severity) for w in reader.warnings] == [
        ("extra_cells", "warning")
    ]


def test_xlsx_formulas_without_computed_values_are_row_errors():
    """openpyxl (read-only, data_only) gives None for them: an all-formula
    row was counted as an empty row, a partial one imported empty cells."""
    data = raw_xlsx(
        [
            [cell("A1", "code"), cell("B1", "total")],
            [cell("A2", "X"), formula("B2", "1+1")],
            [formula("A3", "A2"), formula("B3", "B2*2")],
            [cell("A4", "Y"), formula("B4", "1+1", 2)],
            [cell("A5", "Z"), formula("B5", 'IF(1,"","")', "", kind="str")],
        ]
    )
    reader = read(data, "x.xlsx")
    assert rows_and_errors(reader) == [
        (2, ["X", None], ["formula"]),
        (3, [None, None], ["formula", "formula"]),
        (4, ["Y", 2], []),
        (5, ["Z", None], []),  # a formula that computed an empty text
    ]
    assert reader.skipped_empty == 0
    (warning,) = reader.warnings
    assert warning.rows == (2, 3) and "spreadsheet app, save it" in warning.message
    assert reader.count_rows() == 4


def test_xlsx_formulas_written_by_openpyxl_are_found():
    workbook = Workbook()
    workbook.active.append(["code", "total"])
    workbook.active.append(["A", "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert rows_and_errors(read(buffer.getvalue(), "x.xlsx")) == [
        (2, ["A", None], ["formula"])
    ]


def test_xlsx_header_of_formulas_is_refused():
    with pytest.raises(ReaderError, match="column names in row 1 are formulas"):
        read(raw_xlsx([[formula("A1", '"code"'), cell("B1", "b")]]), "x.xlsx")


def test_xlsx_error_values_are_row_errors():
    data = raw_xlsx(
        [[cell("A1", "code"), cell("B1", "qty")], [cell("A2", "A"), error("B2")]]
    )
    ((number, values),) = list(read(data, "x.xlsx"))
    assert values == ["A", "#N/A"]
    assert [(e.code, e.column) for e in values.errors] == [("excel_error", 1)]


# ------------------------------------------------------------------- 5. limits
def test_max_file_size_is_checked_before_reading():
    with pytest.raises(ReaderError, match="max_file_size"):
        read(b"a,b\n1,2\n" * 100, max_file_size=100)


def test_max_rows_is_checked_while_streaming_and_counting():
    data = "n\n" + "x\n" * 50
    reader = read(data, max_rows=20)
    with pytest.raises(ReaderError, match="more than 20 data rows.*max_rows"):
        reader.count_rows()
    with pytest.raises(ReaderError, match="max_rows"):
        list(reader)
    assert len(list(read(data, max_rows=50))) == 50


def test_20000_columns_are_refused_fast():
    header = ",".join(f"c{i}" for i in range(20_000))
    start = time.perf_counter()
    with pytest.raises(ReaderError, match="20,000 columns.*1,000.*max_columns"):
        read(header + "\n" + "1," * 19_999 + "1\n")
    assert time.perf_counter() - start < 2


def test_wide_xlsx_is_refused_fast():
    row = [cell(f"{_letters(i)}1", f"c{i}") for i in range(1, 16_001)]
    data = raw_xlsx([row])
    start = time.perf_counter()
    with pytest.raises(ReaderError, match="16,000 columns"):
        read(data, "x.xlsx")
    assert time.perf_counter() - start < 5


def test_a_cell_over_max_cell_size_is_a_row_error():
    data = "code,note\nA," + "x" * 5000 + "\nB,short\n"
    rows = rows_and_errors(read(data, max_cell_size=1000))
    assert [(n, codes) for n, _v, codes in rows] == [(2, ["cell_size"]), (3, [])]


def test_a_row_over_max_row_size_is_refused_in_bounded_memory(odoo_csv_limit):
    """A 30 MB line without a line break (or an unclosed quote at the top of
    a big file) used to be read whole into memory."""
    data = b"code,note\nA," + b"x" * 30_000_000 + b"\n"
    tracemalloc.start()
    try:
        with pytest.raises(ReaderError, match="Row 2 is longer than 10,000,000.*quote"):
            list(read(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024


def test_unclosed_quote_in_a_big_file_is_refused_in_bounded_memory(odoo_csv_limit):
    data = b'code,note\nA,"never closed\n' + b"B,plain row of the file\n" * 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ReaderError, match="max_row_size"):
            list(read(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024


def test_long_lines_split_in_chunks_keep_their_line_ends(odoo_csv_limit):
    long = "y" * ((1 << 20) - 3)  # the chunk ends between '\r' and '\n'
    data = f"a,b\r\n1,{long}\r\n2,z\r\n3,{'w' * 3_000_000}\r\n4,v\r\n"
    rows = rows_and_errors(read(data))
    assert [(n, v[0], len(v[1])) for n, v, _codes in rows] == [
        (2, "1", len(long)),
        (3, "2", 1),
        (4, "3", 3_000_000),
        (5, "4", 1),
    ]
    assert rows[2][2] == ["cell_size"]


def test_zip_bomb_is_refused_from_the_central_directory():
    data = raw_xlsx(
        [[cell("A1", "a")]],
        extra={"xl/media/padding.bin": b"\x00" * 3_000_000},
    )
    with pytest.raises(ReaderError, match="unpack to 2.9 MB.*max_xlsx_uncompressed"):
        read(data, "x.xlsx", max_xlsx_uncompressed=1_000_000)


def test_compression_ratio_is_limited():
    data = raw_xlsx(
        [[cell("A1", "a")]], extra={"xl/media/padding.bin": b" " * 70_000_000}
    )
    with pytest.raises(ReaderError, match="times its size.*max_xlsx_ratio"):
        read(data, "x.xlsx")


# ------------------------------------------------------ other files named .xlsx
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"code,name\n1,2\n", "text file; if it is a CSV file, name it .csv"),
        (b"%PDF-1.4\n", "PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Excel 97-2003"),
        (b"PK\x03\x04" + b"\x00" * 100, "damaged or incomplete"),
    ],
)
def test_other_files_named_xlsx(data, message):
    with pytest.raises(
        ReaderError, match="cannot be read as an Excel workbook"
    ) as caught:
        read(data, "x.xlsx")
    assert message in str(caught.value)


def test_zip_archives_that_are_no_workbook():
    def archive(members):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name, content in members.items():
                out.writestr(name, content)
        return buffer.getvalue()

    ods = archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"})
    with pytest.raises(ReaderError, match="OpenDocument"):
        read(ods, "x.xlsx")
    with pytest.raises(ReaderError, match="Word document"):
        read(archive({"word/document.xml": "<w/>"}), "x.xlsx")


def test_damaged_sheet_is_a_reader_error_not_a_crash():
    data = raw_xlsx(
        extra={
            "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
            '</row><row r="2"><c r="A2"><v>1</v></c></row><row'
        }
    )
    with pytest.raises(ReaderError, match="damaged"):
        list(read(data, "x.xlsx"))


def test_chart_sheets_are_not_read():
    workbook = Workbook()
    workbook.create_chartsheet("Chart")
    workbook.active.append(["code"])
    workbook.active.append(["A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    try:
        reader = read(buffer.getvalue(), "x.xlsx")
    except ReaderError as caught:  # openpyxl cannot open an empty chart sheet
        assert "damaged" in str(caught)
    else:
        assert reader.detected["sheet"] == "Sheet"


# --------------------------------------------------------------------- 7. minor
@pytest.mark.parametrize(
    ("data", "name"),
    [(b"code,name\n", "x.csv"), (b"code,name\n,\n\n", "x.csv"), (None, "x.xlsx")],
)
def test_header_only_file_says_it_has_no_data_rows(data, name):
    data = data or raw_xlsx([[cell("A1", "code")]])
    reader = read(data, name)
    assert list(reader) == []
    assert reader.data_rows == 0
    assert [w.code for w in reader.warnings] == ["no_data_rows"]
    assert read(b"a\n1\n").data_rows == 0  # counted while iterating


def test_xlsx_names_the_sheet_it_reads():
    """By default the first sheet a spreadsheet app shows: not a hidden one."""
    data = raw_xlsx(
        sheets={"Old": [[cell("A1", "old")]], "Data": [[cell("A1", "code")]]},
        hidden=("Old",),
    )
    reader = read(data, "x.xlsx")
    assert reader.detected == {"sheet": "Data", "sheets": ["Old", "Data"]}
    assert reader.headers == ["code"]
    assert read(data, "x.xlsx", sheet=0).detected["sheet"] == "Old"
    assert read(data, "x.xlsx", sheet=" data ").detected["sheet"] == "Data"


def test_quote_character_of_two_characters_is_a_reader_error():
    with pytest.raises(ReaderError, match="one character"):
        read("a,b\n1,2\n", quotechar="''")


def test_everything_read_from_bad_files_is_storable():
    for data, name in [
        (b"code,name\nA,B\x00\xff\n", "x.csv"),
        ("name\nZoë\n".encode() + b"\xe9\xff\n", "x.csv"),
        (raw_xlsx([[cell("A1", "a")], [cell("A2", "x_x0000_y")]]), "x.xlsx"),
    ]:
        assert_storable(read(data, name))


def _letters(number):
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def test_letters():
    assert _letters(1) == "A" and _letters(28) == "AB" and _letters(16384) == "XFD"


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_formulas_are_found_across_the_scan_chunks(prefix):
    """The sheet's XML is scanned in 1 MB chunks: no cell cut by a chunk's
    end may be missed (50,000 formula cells, about 2.5 MB)."""
    rows = "".join(
        f'<{prefix}row r="{n}"><{prefix}c r="A{n}"><{prefix}v>{n}</{prefix}v>'
        f'</{prefix}c><{prefix}c r="B{n}"><{prefix}f>A{n}*2</{prefix}f></{prefix}c>'
        f"</{prefix}row>"
        for n in range(2, 50_002)
    )
    namespace = f'xmlns{":" + prefix[:-1] if prefix else ""}="{MAIN}"'
    xml = (
        f'<?xml version="1.0"?><{prefix}worksheet {namespace}><{prefix}sheetData>'
        f'<{prefix}row r="1"><{prefix}c r="A1" t="inlineStr"><{prefix}is><{prefix}t>'
        f'n</{prefix}t></{prefix}is></{prefix}c><{prefix}c r="B1" t="inlineStr">'
        f"<{prefix}is><{prefix}t>double</{prefix}t></{prefix}is></{prefix}c>"
        f"</{prefix}row>{rows}</{prefix}sheetData></{prefix}worksheet>"
    )
    reader = read(raw_xlsx(extra={"xl/worksheets/sheet1.xml": xml}), "x.xlsx")
    flagged = [
        n for n, values in reader if [e.code for e in values.errors] == ["formula"]
    ]
    assert flagged == list(range(2, 50_002))
