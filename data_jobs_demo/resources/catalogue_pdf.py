# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The product catalogue's PDF look, built on the data_jobs PDF writer.

Only the look changes: the colours are class attributes of ``PdfWriter``, the
title block is ``_heading`` and the footer ``_draw_footer``. Rows, column
widths, page breaks and the "Page X of Y" numbering stay the writer's own.
Like the writers of data_jobs, this module works without the ORM: what it
shows of the database (the company's name) comes in ``meta``.
"""

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from odoo.addons.data_jobs.io.writers.pdf_writer import FONT_SIZE, MARGIN, PdfWriter

GREEN = colors.HexColor("#1f5f4a")
PALE_GREEN = colors.HexColor("#eef6f1")
SUMMARY_MAX_CHARS = 300


class CataloguePdfWriter(PdfWriter):
    """A green title band with the company's name, a one-line summary, green
    table headers and a ruled footer naming the company."""

    header_background = GREEN
    row_backgrounds = (colors.white, PALE_GREEN)
    grid_color = colors.HexColor("#b7cfc3")

    def _heading(self, frame_width):
        title_style = ParagraphStyle(
            "catalogue_title",
            fontName=self.bold_font,
            fontSize=18,
            leading=22,
            textColor=colors.white,
        )
        company_style = ParagraphStyle(
            "catalogue_company",
            fontName=self.font,
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#d8ebe2"),
        )
        band = Table(
            [
                [Paragraph(escape(self.title), title_style)],
                [Paragraph(escape(self.meta.get("company") or ""), company_style)],
            ],
            colWidths=[frame_width],
            style=[
                ("BACKGROUND", (0, 0), (-1, -1), GREEN),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
            ],
        )
        summary_style = ParagraphStyle(
            "catalogue_summary",
            fontName=self.font,
            fontSize=FONT_SIZE,
            leading=FONT_SIZE + 2,
            textColor=colors.HexColor("#555555"),
        )
        summary = "  \u00b7  ".join(
            f"{label}: {str(value)[:SUMMARY_MAX_CHARS]}"
            for label, value in self.meta.get("summary", ())
        )
        return [
            band,
            Spacer(0, 2 * mm),
            Paragraph(escape(summary), summary_style),
            Spacer(0, 4 * mm),
        ]

    def _draw_footer(self, page_canvas, number, total):
        width = page_canvas._pagesize[0]
        page_canvas.saveState()
        page_canvas.setStrokeColor(GREEN)
        page_canvas.setLineWidth(0.8)
        page_canvas.line(MARGIN, MARGIN + 3 * mm, width - MARGIN, MARGIN + 3 * mm)
        page_canvas.setFont(self.bold_font, FONT_SIZE)
        page_canvas.setFillColor(GREEN)
        footer = self.meta.get("company") or self.title
        page_canvas.drawString(MARGIN, MARGIN, footer[:120])
        label = self.page_label % {"page": number, "total": total}
        page_canvas.drawRightString(width - MARGIN, MARGIN, label)
        page_canvas.restoreState()
