import codecs

import pytest
from data_jobs_io.readers.sniff import detect_delimiter, detect_encoding


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (b"name,qty\nbolt,3\n", "utf-8"),
        ("Café;Привет;€".encode(), "utf-8"),
        (codecs.BOM_UTF8 + b"name;qty", "utf-8-sig"),
        ("Привет;Мир".encode("cp1251"), "cp1251"),
        ("Артикул;Name;SKU-1;Цена\nБолт;Bolt;A1;12,50".encode("cp1251"), "cp1251"),
        ("Café;Müller;€".encode("cp1252"), "cp1252"),
        ("Größe;Ñandú;Ærø".encode("latin-1"), "cp1252"),
        ("Prix;Qté\nÉcrou;3".encode("cp1252"), "cp1252"),
        (b"name;note\nx;\x81\x8d", "latin-1"),
    ],
)
def test_detect_encoding(sample, expected):
    assert detect_encoding(sample) == expected


def test_utf8_sample_cut_inside_a_character_is_still_utf8():
    sample = "name;city\nx;Zürich €".encode()[:-2]
    assert detect_encoding(sample) == "utf-8"


def test_latin1_guess_decodes_latin1_text_identically():
    text = "Größe;Ñandú;Ærø;½"
    encoding = detect_encoding(text.encode("latin-1"))
    assert text.encode("latin-1").decode(encoding) == text


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_detect_delimiter(delimiter):
    rows = [["name", "qty", "note"], ["bolt", "3", "x"], ["nut", "4", "y"]]
    sample = "".join(delimiter.join(row) + "\n" for row in rows)
    assert detect_delimiter(sample) == delimiter


def test_delimiters_inside_quotes_are_ignored():
    sample = 'name,note\n"a;b;c",x\n"d;e;f",y\n'
    assert detect_delimiter(sample) == ","


def test_semicolon_file_with_decimal_commas():
    sample = "name;price\nbolt;1,50\nnut;2,75\nscrew;3\n"
    assert detect_delimiter(sample) == ";"


def test_single_column_falls_back_to_comma():
    assert detect_delimiter("name\nbolt\nnut\n") == ","


def test_quoted_newlines_and_cut_last_record():
    sample = 'a|b|c\n1|"multi\nline"|3\n4|5|6\n7|"cut'
    assert detect_delimiter(sample) == "|"


def test_empty_sample_gives_comma():
    assert detect_delimiter("") == ","
