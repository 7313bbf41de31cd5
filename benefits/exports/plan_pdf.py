"""The benefits realisation plan as a PDF (fpdf2), with the same content as the Word document.

Font: the PDF embeds a Unicode TrueType font so that Norwegian letters (æ ø å), the minus sign,
the arrows of the benefits map and non-breaking spaces in "1 234 kr" print as they are. The first
of ``FONT_CANDIDATES`` found on the machine is used: DejaVu Sans (Debian package
``fonts-dejavu-core``, at /usr/share/fonts/truetype/dejavu/), else Liberation Sans
(``fonts-liberation``). Characters the chosen font lacks are replaced by plain equivalents
("→" by "->") or "?". If neither font is installed (a fresh, minimal machine), the PDF falls
back to fpdf2's built-in Helvetica, which only covers Latin-1: æ ø å and the non-breaking space
are in Latin-1 and stay, while "−", "–", "→", typographic quotes and the like are replaced by
ASCII equivalents, so the export never fails for want of a font. Installing fonts-dejavu-core
gives the full typography.

Metadata: the document title (shown by viewers instead of the file name), language, author
(the organisation), subject and creator are set; chapters are PDF bookmarks (the outline).
fpdf2 does not write a tagged PDF, so for screen-reader users the Word document is the
accessible format.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos
from fpdf.prefs import ViewerPreferences
from lxml import etree

from .plan_model import BulletList, Figure, Paragraph, PlanDocument, Table

FONT_DIRS = Path("/usr/share/fonts/truetype")
# (family name, regular, bold): the first pair that exists is embedded.
FONT_CANDIDATES: list[tuple[str, Path, Path]] = [
    ("DejaVuSans", FONT_DIRS / "dejavu/DejaVuSans.ttf", FONT_DIRS / "dejavu/DejaVuSans-Bold.ttf"),
    (
        "LiberationSans",
        FONT_DIRS / "liberation/LiberationSans-Regular.ttf",
        FONT_DIRS / "liberation/LiberationSans-Bold.ttf",
    ),
]
CORE_FONT = "helvetica"
REPLACEMENTS = {
    "−": "-",
    "–": "-",
    "—": "-",
    "→": "->",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
    "•": "-",
    "≤": "<=",
    "≥": ">=",
    "×": "x",
    "\u202f": "\xa0",
}
BODY_SIZE = 10
TABLE_SIZE = 8
WIDE_TABLE_SIZE = 7
WIDE_TABLE_COLUMNS = 8


@dataclass(frozen=True)
class PdfFont:
    family: str
    covers: Callable[[str], bool]

    def text(self, value: str) -> str:
        """``value`` with every character the font cannot show replaced."""
        out = []
        for char in value:
            if char in "\n" or self.covers(char):
                out.append(char)
                continue
            replacement = REPLACEMENTS.get(char, "?")
            out.append(replacement if all(self.covers(c) for c in replacement) else "?")
        return "".join(out)


class _PlanPDF(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.plan_font: PdfFont | None = None

    def footer(self) -> None:
        font = self.plan_font
        self.set_y(-12)
        self.set_font(font.family, size=7)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, font.text(f"{self.footer_text} · {page}"), align="C")


def render_pdf(document: PlanDocument) -> bytes:
    pdf = _PlanPDF("")
    font = load_font(pdf)
    pdf.plan_font = font
    pdf.footer_text = font.text(document.footer)
    title = f"{document.title} – {document.initiative_name}"
    pdf.set_title(title)
    pdf.set_lang(document.language)
    pdf.set_author(document.organisation_name)
    pdf.set_subject(document.initiative_name)
    pdf.set_creator("Omstilling")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()

    pdf.set_font(font.family, "B", 22)
    write_text(pdf, font, document.title, 10)
    pdf.set_font(font.family, "B", 15)
    write_text(pdf, font, document.initiative_name, 8)
    pdf.set_font(font.family, "", BODY_SIZE)
    write_text(pdf, font, f"{document.organisation_name} · {document.status.status}", 6)
    pdf.ln(4)

    for section in document.sections:
        _heading(pdf, font, section.heading, section.level)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                pdf.set_font(font.family, "", BODY_SIZE)
                write_text(pdf, font, block.text, 5)
                pdf.ln(2)
            elif isinstance(block, BulletList):
                pdf.set_font(font.family, "", BODY_SIZE)
                for item in block.items:
                    write_text(pdf, font, f"•  {item}", 5, indent=4)
                pdf.ln(2)
            elif isinstance(block, Table):
                _table(pdf, font, block)
            elif isinstance(block, Figure):
                _figure(pdf, font, block)
    return bytes(pdf.output())


# fpdf2 writes an SVG's text in its built-in Helvetica, which covers Latin-1 only ("−" → "-").
SVG_TEXT_FONT = PdfFont(CORE_FONT, lambda char: ord(char) < 256)


def _latin1_text(svg: str) -> bytes:
    root = etree.fromstring(svg.encode())
    for node in root.iter():
        if isinstance(node.tag, str) and node.text:
            node.text = SVG_TEXT_FONT.text(node.text)
    return etree.tostring(root)


def _figure(pdf: FPDF, font: PdfFont, figure: Figure) -> None:
    """The chart drawn as vectors (fpdf2 reads the SVG), with its caption and description below."""
    pdf.image(io.BytesIO(_latin1_text(figure.svg)), w=pdf.epw)
    pdf.set_font(font.family, "B", TABLE_SIZE)
    write_text(pdf, font, figure.caption, 4)
    pdf.set_font(font.family, "", TABLE_SIZE)
    write_text(pdf, font, figure.description, 4)
    pdf.ln(2)


def load_font(pdf: FPDF) -> PdfFont:
    """The first of ``FONT_CANDIDATES`` on the machine, else fpdf2's built-in Helvetica (Latin-1 only).

    Shared with the one-page information to employees (people.services.information_pdf)."""
    for family, regular, bold in FONT_CANDIDATES:
        if regular.is_file() and bold.is_file():
            pdf.add_font(family, "", str(regular))
            pdf.add_font(family, "B", str(bold))
            cmap = pdf.fonts[family.lower()].cmap
            return PdfFont(family, lambda char, cmap=cmap: ord(char) in cmap)
    return PdfFont(CORE_FONT, lambda char: ord(char) < 256)


def write_text(pdf: FPDF, font: PdfFont, text: str, height: float, *, indent: float = 0) -> None:
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, height, font.text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _heading(pdf: FPDF, font: PdfFont, text: str, level: int) -> None:
    size = 15 if level == 1 else 12
    # Keep a heading with what follows it.
    if pdf.get_y() > pdf.h - pdf.b_margin - 30:
        pdf.add_page()
    pdf.ln(3 if level == 1 else 1)
    pdf.start_section(text, level=level - 1)
    pdf.set_font(font.family, "B", size)
    write_text(pdf, font, text, size * 0.5)
    pdf.ln(1)


def _table(pdf: FPDF, font: PdfFont, table: Table) -> None:
    pdf.set_font(font.family, "B", 9)
    write_text(pdf, font, table.caption, 5)
    if not table.rows:
        pdf.set_font(font.family, "", BODY_SIZE)
        write_text(pdf, font, table.empty_text, 5)
        pdf.ln(2)
        return
    columns = len(table.header)
    size = WIDE_TABLE_SIZE if columns >= WIDE_TABLE_COLUMNS else TABLE_SIZE
    pdf.set_font(font.family, "", size)
    widths = table.widths if len(table.widths) == columns else (1,) * columns
    align = tuple("RIGHT" if i in table.numeric else "LEFT" for i in range(columns))
    first_total = len(table.rows) - table.total_rows
    with pdf.table(
        col_widths=widths,
        text_align=align,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=size * 0.5,
        padding=1,
        width=pdf.epw,
    ) as pdf_table:
        header = pdf_table.row()
        for text in table.header:
            header.cell(font.text(text))
        for index, row in enumerate(table.rows):
            cells = pdf_table.row()
            style = FontFace(emphasis="BOLD") if index >= first_total else None
            for text in row:
                cells.cell(font.text(text), style=style)
    pdf.ln(4)
