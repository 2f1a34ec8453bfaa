import codecs
import io
import tracemalloc

import pytest
from data_jobs_io.readers import ReaderError, open_reader
from data_jobs_io.readers.csv_reader import CsvReader


def read(data, name="file.csv", **options):
    fileobj = io.BytesIO(data if isinstance(data, bytes) else data.encode())
    return open_reader(fileobj, name, options)


@pytest.mark.parametrize(
    ("encoding", "text", "detected"),
    [
        ("utf-8", "Nom;Ville\nZoë;Zürich €\nИван;Москва\n", "utf-8"),
        ("utf-8-sig", "Nom;Ville\nZoë;Zürich\n", "utf-8-sig"),
        ("cp1252", "Nom;Ville\nZoë;Zürich €\nÉcrou;Œuvre\n", "cp1252"),
        ("cp1251", "Имя;Город\nИван;Москва\nЁлка;Тверь\n", "cp1251"),
        ("latin-1", "Nom;Ville\nZoë;Zürich\nNiño;Größe\n", "cp1252"),
    ],
)
def test_encodings_are_detected_and_read(encoding, text, detected):
    reader = read(text.encode(encoding))
    assert reader.detected == {"encoding": detected, "delimiter": ";"}
    lines = [line.split(";") for line in text.splitlines()]
    assert reader.headers == lines[0]
    assert [values for _row, values in reader] == lines[1:]


def test_explicit_encoding_wins():
    reader = read("a;b\nÉ;ü\n".encode("cp1252"), encoding="latin-1")
    assert reader.detected["encoding"] == "latin-1"
    assert list(reader) == [(2, ["É", "ü"])]


def test_bom_is_dropped_when_utf8_is_chosen():
    reader = read(codecs.BOM_UTF8 + b"code,name\n1,x\n", encoding="utf-8")
    assert reader.headers == ["code", "name"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(delimiter):
    text = delimiter.join(["code", "name", "price"]) + "\n"
    text += delimiter.join(["A1", "Bolt", "1.5"]) + "\n"
    reader = read(text)
    assert reader.detected["delimiter"] == delimiter
    assert list(reader) == [(2, ["A1", "Bolt", "1.5"])]


def test_tsv_defaults_to_tab_and_options_override():
    assert read("a,b\tc\n1,2\t3\n", "x.tsv").headers == ["a,b", "c"]
    assert read("a;b\n1;2\n", delimiter="tab").headers == ["a;b"]


def test_quoted_fields_keep_delimiters_newlines_and_row_numbers():
    text = 'code,note\nA,"one, two"\nB,"line 1\nline 2\r\nline 3"\nC,"say ""hi"""\n'
    reader = read(text)
    assert list(reader) == [
        (2, ["A", "one, two"]),
        (3, ["B", "line 1\nline 2\r\nline 3"]),
        (4, ["C", 'say "hi"']),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    reader = read(newline.join(["a;b", "1;2", "3;4"]))
    assert list(reader) == [(2, ["1", "2"]), (3, ["3", "4"])]


def test_header_row_with_junk_above():
    text = "Stock report\nexported 2026-11-21, admin\n code ; name \nA1;Bolt\nA2;Nut\n"
    reader = read(text, header_row=3)
    assert reader.detected["delimiter"] == ";"
    assert reader.headers == ["code", "name"]
    assert list(reader) == [(4, ["A1", "Bolt"]), (5, ["A2", "Nut"])]


def test_data_start_row():
    text = "code,name\nCode,Name (help row)\nA1,Bolt\n"
    assert list(read(text, data_start_row=3)) == [(3, ["A1", "Bolt"])]
    with pytest.raises(ReaderError, match="must come after"):
        read(text, header_row=2, data_start_row=2)


def test_empty_rows_are_skipped_and_counted():
    text = "a;b\n1;2\n\n;\n  ; \t\n3;4\n"
    reader = read(text)
    assert list(reader) == [(2, ["1", "2"]), (6, ["3", "4"])]
    assert reader.skipped_empty == 3
    assert reader.count_rows() == 2


def test_short_rows_are_padded_and_extra_cells_counted():
    reader = read("a,b,c\n1\n1,2,3,4\n1,2,3,,\n")
    assert list(reader) == [
        (2, ["1", None, None]),
        (3, ["1", "2", "3"]),
        (4, ["1", "2", "3"]),
    ]
    assert reader.extra_cells_rows == 1


def test_trailing_empty_headers_are_dropped():
    assert read("a;b;;\n1;2;;\n").headers == ["a", "b"]


def test_count_rows_does_not_disturb_iteration():
    text = "n\n" + "".join(f"{i}\n" for i in range(5000))
    reader = read(text)
    rows = iter(reader)
    first = [next(rows) for _ in range(10)]
    assert reader.count_rows() == 5000
    rest = list(rows)
    assert [row for row, _values in first + rest] == list(range(2, 5002))


def test_undecodable_bytes_make_a_row_error_not_a_file_error():
    """Issue 10: a cp1252 row after 64 KB of ASCII (the sample said UTF-8)
    used to fail the whole file; now that row is reported, read as cp1252 so
    that the failed-rows file keeps its text, and the other rows import."""
    data = b"code;name\n" + b"A;plain\n" * 10000 + b"B;caf\xe9\n" + b"C;ok\n"
    reader = read(data)
    assert reader.detected["encoding"] == "utf-8"  # the sample is plain ASCII
    rows = list(reader)
    assert len(rows) == 10002 and rows[-1] == (10003, ["C", "ok"])
    row_number, values = rows[-2]
    assert (row_number, values) == (10002, ["B", "café"])
    ((code, message, column, severity),) = values.errors
    assert (code, column, severity) == ("encoding", 1, "error")
    assert "0xE9" in message and "utf-8" in message and "encoding" in message
    assert not rows[0][1].errors
    (warning,) = reader.warnings
    assert warning.code == "encoding" and warning.rows == (10002,)
    assert warning.message.startswith("Row 10002: bytes that are not valid utf-8")
    assert reader.count_rows() == 10002


def test_unclosed_quote_gives_a_readable_error():
    data = 'a,b\n1,"never closed\n' + "x\n" * 70000
    with pytest.raises(ReaderError, match="Row 2 .*quote"):
        list(read(data))


def test_reader_errors_for_bad_files_and_options():
    with pytest.raises(ReaderError, match=r"Unsupported file type '\.ods': use CSV"):
        read(b"x", "file.ods")
    with pytest.raises(ReaderError, match="no extension"):
        read(b"x", "README")
    with pytest.raises(ReaderError, match="empty"):
        read(b"")
    with pytest.raises(ReaderError, match="no row 5"):
        read("a\n1\n", header_row=5)
    with pytest.raises(ReaderError, match="Unknown encoding"):
        read("a\n1\n", encoding="klingon")
    with pytest.raises(ReaderError, match="header_row"):
        read("a\n1\n", header_row=0)


def test_extension_is_case_insensitive_and_file_stays_open():
    fileobj = io.BytesIO(b"a,b\n1,2\n")
    with open_reader(fileobj, "DATA.CSV") as reader:
        assert isinstance(reader, CsvReader)
        assert list(reader) == [(2, ["1", "2"])]
    assert not fileobj.closed


def test_reading_streams_in_constant_memory(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("code;name;price;note\n")
        for i in range(200_000):
            out.write(f'P{i};Product {i};{i},50;"quoted; note {i}"\n')
    with path.open("rb") as fileobj:
        tracemalloc.start()
        try:
            reader = open_reader(fileobj, path.name)
            assert reader.count_rows() == 200_000
            last = None
            for row in reader:
                last = row
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    expected = ["P199999", "Product 199999", "199999,50", "quoted; note 199999"]
    assert last == (200_001, expected)
    assert peak < 10 * 1024 * 1024
