import datetime
import io

import pytest
from data_jobs_io.values import Column, Reference
from data_jobs_io.writers import WriterError, make_writer
from data_jobs_io.writers.pdf_writer import PdfWriter, _style
from PyPDF2 import PdfReader
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Paragraph

COLUMNS = [
    Column("name", "Customer Name"),
    Column("amount", "Amount Due", "monetary", currency_symbol="$"),
    Column("date", "Invoice Date", "date"),
    Column("partner_id", "Salesperson", "many2one"),
    Column("note", "Internal Note", "html"),
]
META = {
    "title": "Customer Invoices",
    "summary": [
        ("Model", "Journal Entry (account.move)"),
        ("Filter", "Status is Posted"),
        ("Records", "120"),
    ],
}


def make_row(number):
    return (
        f"Customer {number:04d}",
        number * 10.5,
        datetime.date(2026, 11, 21),
        Reference(2, "Mitchell Admin"),
        "<p>Paid &amp; <b>closed</b></p>" if number % 2 else None,
    )


def export(columns, *batches, options=None, meta=None):
    fileobj = io.BytesIO()
    writer = make_writer("pdf", fileobj, columns, options, meta)
    for batch in batches:
        writer.write_rows(batch)
    writer.close()
    assert not fileobj.closed
    return PdfReader(io.BytesIO(fileobj.getvalue()))


def texts(reader):
    return [page.extract_text() for page in reader.pages]


def test_report_content_header_and_footer():
    rows = [make_row(number) for number in range(120)]
    reader = export(COLUMNS, rows[:50], rows[50:], meta=META)
    pages = texts(reader)
    total = len(pages)
    assert total > 1
    first = pages[0]
    for expected in ("Customer Invoices", "Journal Entry (account.move)", "Records"):
        assert expected in first
    for column in COLUMNS:
        assert column.label in first
        assert column.label in pages[1]  # header repeated on the next page
    assert "Customer 0000" in first
    assert "$ 10.50" in first
    assert "2026-11-21" in first
    assert "Mitchell Admin" in first
    assert "Paid & closed" in first
    assert "<b>" not in first
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text
    assert "Customer 0119" in pages[-1]


def test_markup_characters_are_escaped():
    columns = [Column("name", "Name <&>")]
    pages = texts(export(columns, [("a < b & c > d",), ("<para>",)]))
    assert "Name <&>" in pages[0]
    assert "a < b & c > d" in pages[0]
    assert "<para>" in pages[0]


def test_subclass_changes_colours_heading_and_footer():
    class GreenWriter(PdfWriter):
        header_background = colors.HexColor("#1f5f4a")
        header_text_color = colors.HexColor("#ffee00")
        row_backgrounds = (colors.HexColor("#f0f8f4"), colors.white)
        grid_color = colors.HexColor("#336699")

        def _heading(self, frame_width):
            return [Paragraph("Green heading", _style(self.bold_font))]

        def _draw_footer(self, page_canvas, number, total):
            page_canvas.drawString(40, 20, f"green {number}/{total}")

    def page_content(writer_class):
        fileobj = io.BytesIO()
        writer = writer_class(fileobj, COLUMNS, meta=META)
        writer.write_rows([make_row(number) for number in range(3)])
        writer.close()
        page = PdfReader(io.BytesIO(fileobj.getvalue())).pages[0]
        return page.extract_text(), page.get_contents().get_data()

    text, content = page_content(GreenWriter)
    assert "Green heading" in text and "green 1/1" in text
    assert "Customer Invoices" not in text and "Page 1 of 1" not in text
    for colour in ("#1f5f4a", "#ffee00", "#f0f8f4", "#336699"):
        assert _fill_operands(colour) in content, colour
    _text, default = page_content(PdfWriter)
    assert _fill_operands("#3c4a5c") in default
    assert _fill_operands("#1f5f4a") not in default


def _fill_operands(hex_colour):
    """How reportlab writes a colour in a page's content stream (RGB 0..1)."""
    colour = colors.HexColor(hex_colour)
    return fp_str(colour.red, colour.green, colour.blue).encode()


def test_orientation():
    many = [Column(f"f{index}", f"Field {index}") for index in range(8)]
    row = tuple(f"value {index}" for index in range(8))

    def is_landscape(columns, rows, **options):
        box = export(columns, rows, options=options).pages[0].mediabox
        return box.width > box.height

    assert is_landscape(many, [row])
    assert not is_landscape(many[:3], [row[:3]])
    assert not is_landscape(many, [row], pdf_orientation="portrait")
    assert is_landscape(many[:3], [row[:3]], pdf_orientation="landscape")


def test_wide_export_goes_on_in_bands_of_columns():
    """86 columns (every stored field of res.partner) left each column a few
    points wide and reportlab failed ("tallest row 2147483653"): the columns
    now go in bands that fit a page, the first column repeated in each."""
    columns = [Column(f"f{index}", f"Col {index:02d}") for index in range(86)]
    rows = [tuple(f"v{row}-{index:02d}" for index in range(86)) for row in range(3)]
    reader = export(columns, rows)
    text = "".join(texts(reader))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    for index in range(86):
        assert f"Col {index:02d}" in text
        assert f"v2-{index:02d}" in text
    assert len(reader.pages) == 5  # ceil(85 / 18) bands of one page
    assert all("Col 00" in page and "v0-00" in page for page in texts(reader))


def test_title_option_page_label_and_empty_export():
    reader = export(
        COLUMNS,
        options={"pdf_title": "My Report"},
        meta={"title": "Ignored", "page_label": "Seite %(page)s von %(total)s"},
    )
    text = texts(reader)[0]
    assert "My Report" in text
    assert "Ignored" not in text
    assert "Seite 1 von 1" in text
    assert "Internal Note" in text


def test_huge_cell_is_clipped_not_failing():
    reader = export(COLUMNS[:1], [("word " * 50_000,), ("line\n" * 5_000,)])
    assert len(reader.pages) >= 1
    assert "\u2026" in texts(reader)[0]


def test_bad_options():
    with pytest.raises(WriterError, match="pdf_orientation"):
        make_writer("pdf", io.BytesIO(), COLUMNS, {"pdf_orientation": "diagonal"})
    with pytest.raises(WriterError, match="page label"):
        make_writer("pdf", io.BytesIO(), COLUMNS, meta={"page_label": "%(pages)s"})


def test_twenty_thousand_rows_build():
    columns = COLUMNS[:4]
    writer = make_writer("pdf", io.BytesIO(), columns, meta=META)
    rows = [make_row(number)[:4] for number in range(20_000)]
    for start in range(0, len(rows), 1000):
        writer.write_rows(rows[start : start + 1000])
    writer.close()
    assert writer.rows_written == 20_000
    writer.fileobj.seek(0)
    assert len(PdfReader(writer.fileobj).pages) > 1
