"""PDF report export built with reportlab platypus.

A PDF cannot be streamed row by row (page count, column widths), so rows are
buffered as display text and the document is built in ``close()``. The data
goes out as tables of ``CHUNK_ROWS`` rows: splitting one long table across
pages re-measures all its remaining rows at each page break (quadratic time),
while small tables keep a 20,000-row export linear. Each table repeats the
header row, on every page too.

The title is the ``pdf_title`` option (the user's choice), else meta
``title``. Booleans show meta ``boolean_labels`` (default "Yes"/"No"), so the
caller can pass translated words.
"""

import html
import math
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.doctemplate import LayoutError

from .base import (
    NUMERIC_KINDS,
    BaseWriter,
    WriterError,
    relational_text,
    temporal_text,
)

CHUNK_ROWS = 200
WIDTH_SAMPLE_ROWS = 1000
PORTRAIT_MAX_COLUMNS = 6
SUMMARY_MAX_CHARS = 1000
MARGIN = 12 * mm
FONT_SIZE, LEADING = 7.5, 9.5
PADDING = 3
# A column narrower than this cannot hold a word: wider exports go on in
# bands of columns (all the rows with the first columns, then with the next
# ones), each band on pages of its own, the first column repeated in each.
BAND_MIN_COLUMN_WIDTH = 40
HEADER_BACKGROUND = colors.HexColor("#3c4a5c")
SHADE = colors.HexColor("#eef1f5")
GRID_COLOR = colors.HexColor("#9aa5b1")
DEFAULT_PAGE_LABEL = "Page %(page)s of %(total)s"
TAG = re.compile(r"<[^>]*>")
BLOCK_END = re.compile(r"</(p|div|li|h\d)>|<br\s*/?>", re.IGNORECASE)


class PdfWriter(BaseWriter):
    """A4 report of the rows. Subclasses change its look through the colours
    below and by overriding ``_heading`` (the title block) and
    ``_draw_footer`` (drawn on every page)."""

    header_background = HEADER_BACKGROUND  # the table's header row
    header_text_color = colors.white
    row_backgrounds = (colors.white, SHADE)  # alternating data rows
    grid_color = GRID_COLOR

    def __init__(self, fileobj, columns, options=None, meta=None):
        super().__init__(fileobj, columns, options, meta)
        self.orientation = self.option(
            "pdf_orientation", "auto", allowed=("auto", "portrait", "landscape")
        )
        self.title = str(
            self.options.get("pdf_title") or self.meta.get("title") or "Export"
        )
        self.page_label = self.meta.get("page_label") or DEFAULT_PAGE_LABEL
        try:
            self.page_label % {"page": 1, "total": 1}
        except (KeyError, ValueError, TypeError) as error:
            raise WriterError(
                f"Invalid page label {self.page_label!r}: use %(page)s and "
                f"%(total)s ({error})."
            ) from None
        self.boolean_labels = self.meta.get("boolean_labels") or ("Yes", "No")
        self.font, self.bold_font = _fonts()
        self.rows = []

    def _write_row(self, row):
        self.rows.append(
            [
                self._display(column, value)
                for column, value in zip(self.columns, row, strict=True)
            ]
        )

    def _display(self, column, value):
        """Text a reader expects: grouped numbers, Yes/No, names, no HTML tags."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.boolean_labels[0 if value else 1]
        if isinstance(value, int | float):
            return _number_text(column, value)
        text = temporal_text(value) or relational_text(value, ", ")
        if text is None:
            text = str(value)
            if column.kind == "html":
                text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", text))).strip()
        return text

    def _finish(self):
        widths = self._natural_widths()
        pagesize = A4
        if self.orientation == "landscape" or (
            self.orientation == "auto"
            and (
                len(self.columns) > PORTRAIT_MAX_COLUMNS
                or sum(widths) > A4[0] - 2 * MARGIN
            )
        ):
            pagesize = landscape(A4)
        frame_width = pagesize[0] - 2 * MARGIN
        document = SimpleDocTemplate(
            self.fileobj,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 4 * mm,
            title=self.title,
        )
        story = list(self._heading(frame_width))
        for number, band in enumerate(self._column_bands(len(widths), frame_width)):
            band_widths = [widths[index] for index in band]
            band_widths = [w * frame_width / sum(band_widths) for w in band_widths]
            cells = _CellMaker(self, band, band_widths, document.height)
            if number:
                story.append(PageBreak())
            story.extend(self._tables(band, band_widths, cells))
        try:
            document.build(story, canvasmaker=self._canvas_class())
        except LayoutError as error:
            raise WriterError(f"The PDF layout failed: {error}") from None
        self.fileobj.flush()

    def _natural_widths(self):
        """Width each column would like: header and sampled values, capped."""
        sample = self.rows[:WIDTH_SAMPLE_ROWS]
        cap = (A4[0] - 2 * MARGIN) / 3
        widths = []
        for index, header in enumerate(self.headers):
            width = pdfmetrics.stringWidth(header, self.bold_font, FONT_SIZE)
            for row in sample:
                longest = max(row[index][:200].split("\n"), key=len)
                width = max(
                    width, pdfmetrics.stringWidth(longest, self.font, FONT_SIZE)
                )
            widths.append(min(max(width, 4 * FONT_SIZE), cap) + 2 * PADDING)
        return widths

    def _column_bands(self, count, frame_width):
        """The column indexes shown together: all of them when they fit,
        else bands of about equal size, each starting with the first column
        so that rows can be told apart."""
        per_page = max(int(frame_width // BAND_MIN_COLUMN_WIDTH), 2)
        if count <= per_page:
            return [list(range(count))]
        others = list(range(1, count))
        bands = math.ceil(len(others) / (per_page - 1))
        size = math.ceil(len(others) / bands)
        return [
            [0, *others[start : start + size]] for start in range(0, len(others), size)
        ]

    def _heading(self, frame_width):
        title_style = ParagraphStyle(
            "title", fontName=self.bold_font, fontSize=15, leading=19, spaceAfter=6
        )
        flowables = [Paragraph(escape(self.title), title_style)]
        summary = [
            (str(label), str(value)[:SUMMARY_MAX_CHARS])
            for label, value in self.meta.get("summary", ())
        ]
        if summary:
            label_style = _style(self.bold_font)
            value_style = _style(self.font)
            table = Table(
                [
                    [
                        Paragraph(escape(label), label_style),
                        _paragraph(value, value_style),
                    ]
                    for label, value in summary
                ],
                colWidths=[frame_width * 0.2, frame_width * 0.8],
                hAlign="LEFT",
            )
            table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")] + _paddings(1))
            flowables.append(table)
        flowables.append(Spacer(0, 4 * mm))
        return flowables

    def _tables(self, band, widths, cells):
        columns = [self.columns[index] for index in band]
        header = [
            Paragraph(
                escape(text),
                _style(
                    self.bold_font,
                    textColor=self.header_text_color,
                    alignment=TA_RIGHT if column.kind in NUMERIC_KINDS else TA_LEFT,
                ),
            )
            for text, column in zip(
                (self.headers[index] for index in band), columns, strict=True
            )
        ]
        style = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
            ("LEADING", (0, 0), (-1, -1), LEADING),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), self.header_background),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), list(self.row_backgrounds)),
            ("GRID", (0, 0), (-1, -1), 0.25, self.grid_color),
            *_paddings(PADDING),
        ]
        for index, column in enumerate(columns):
            if column.kind in NUMERIC_KINDS:
                style.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
        # Always at least one table, so an empty export still shows the header.
        every_column = len(band) == len(self.columns)
        for start in range(0, max(len(self.rows), 1), CHUNK_ROWS):
            chunk = self.rows[start : start + CHUNK_ROWS]
            if not every_column:
                chunk = [[row[index] for index in band] for row in chunk]
            data = [header, *(cells.row(row) for row in chunk)]
            yield Table(data, colWidths=widths, repeatRows=1, style=style)

    def _canvas_class(self):
        """Canvas that writes "Page X of Y" once the total is known (2 passes)."""
        writer = self

        class NumberedCanvas(canvas.Canvas):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._page_states = []

            def showPage(self):
                self._page_states.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._page_states)
                for number, state in enumerate(self._page_states, 1):
                    self.__dict__.update(state)
                    writer._draw_footer(self, number, total)
                    super().showPage()
                return super().save()

        return NumberedCanvas

    def _draw_footer(self, page_canvas, number, total):
        width = page_canvas._pagesize[0]
        page_canvas.saveState()
        page_canvas.setFont(self.font, FONT_SIZE)
        page_canvas.setFillColor(colors.HexColor("#555555"))
        page_canvas.drawString(MARGIN, MARGIN, self.title[:120])
        label = self.page_label % {"page": number, "total": total}
        page_canvas.drawRightString(width - MARGIN, MARGIN, label)
        page_canvas.restoreState()


class _CellMaker:
    """Turns display text into table cells: plain strings when they fit.

    A plain string is much cheaper to lay out than a Paragraph, which is only
    needed to wrap text. Text is clipped so that no cell outgrows a page.
    """

    def __init__(self, writer, band, widths, frame_height):
        self.font = writer.font
        self.inner_widths = [width - 2 * PADDING for width in widths]
        numeric = [writer.columns[index].kind in NUMERIC_KINDS for index in band]
        self.styles = [
            _style(writer.font, alignment=TA_RIGHT if is_number else TA_LEFT)
            for is_number in numeric
        ]
        self.max_lines = int(frame_height * 0.4 / LEADING)

    def row(self, texts):
        return [
            self._cell(text, width, style)
            for text, width, style in zip(
                texts, self.inner_widths, self.styles, strict=True
            )
        ]

    def _cell(self, text, width, style):
        if "\n" not in text and (
            pdfmetrics.stringWidth(text, self.font, FONT_SIZE) <= width
        ):
            return text
        chars_per_line = max(int(width / (FONT_SIZE * 0.4)), 1)
        lines = text.split("\n")[: self.max_lines]
        clipped = "\n".join(lines)[: self.max_lines * chars_per_line]
        if clipped != text:
            clipped = clipped.rstrip() + " \u2026"
        return _paragraph(clipped, style)


def _number_text(column, value):
    digits = column.digits
    if column.kind == "monetary" and digits is None:
        digits = 2
    if isinstance(value, int) and digits is None:
        text = f"{value:,}"
    elif digits is not None:
        text = f"{value:,.{digits}f}"
    else:
        text = f"{value:,.10f}".rstrip("0").rstrip(".")
    if column.kind == "monetary" and column.currency_symbol:
        text = f"{column.currency_symbol} {text}"
    return text


def _paragraph(text, style):
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _style(font, **overrides):
    return ParagraphStyle(
        font, fontName=font, fontSize=FONT_SIZE, leading=LEADING, **overrides
    )


def _paddings(size):
    return [
        (side, (0, 0), (-1, -1), size)
        for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
    ]


_FONTS = []


def _fonts():
    """DejaVu Sans when installed (covers Cyrillic, Greek...), else Helvetica."""
    if not _FONTS:
        try:
            for name in ("DejaVuSans", "DejaVuSans-Bold"):
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, f"{name}.ttf"))
            _FONTS[:] = ["DejaVuSans", "DejaVuSans-Bold"]
        except TTFError:
            _FONTS[:] = ["Helvetica", "Helvetica-Bold"]
    return tuple(_FONTS)
