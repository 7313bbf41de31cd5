"""The benefits realisation plan as a Word document (python-docx).

Built to be accessible: chapters are real Word headings (Heading 1 and 2, so they show in the
navigation pane and a table of contents), tables are Word tables whose first row is marked as a
header row that repeats on every page and carries a caption (alternative text), lists use the
List Bullet style, and the document's language and title are set in its properties and defaults.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .plan_model import BulletList, Figure, Paragraph, PlanDocument, Table

PAGE_MARGIN = Cm(2)
SMALL_TABLE_COLUMNS = 6  # tables with more columns than this use a smaller font


def render_docx(document: PlanDocument) -> bytes:
    doc = Document()
    _set_up(doc, document)
    doc.add_paragraph(document.title, style="Title")
    doc.add_paragraph(document.initiative_name, style="Subtitle")
    doc.add_paragraph(f"{document.organisation_name} · {document.status.status}")
    for section in document.sections:
        doc.add_heading(section.heading, level=section.level)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                doc.add_paragraph(block.text)
            elif isinstance(block, BulletList):
                for item in block.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                _add_table(doc, block)
            elif isinstance(block, Figure):
                # Word cannot show SVG and converting it needs Cairo: the chart's text stands in.
                doc.add_paragraph(f"{block.caption}. {block.description}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _set_up(doc, document: PlanDocument) -> None:
    properties = doc.core_properties
    properties.title = f"{document.title} – {document.initiative_name}"
    properties.subject = document.initiative_name
    properties.author = document.organisation_name
    properties.language = document.language
    properties.comments = document.footer
    # The language of all text, for screen readers and spelling.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), document.language)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = PAGE_MARGIN
    footer = section.footer.paragraphs[0]
    footer.text = document.footer + " · "
    footer.style = doc.styles["Footer"]
    _add_page_number(footer)


def _add_page_number(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _add_table(doc, table: Table) -> None:
    doc.add_paragraph(table.caption, style="Caption")
    if not table.rows:
        doc.add_paragraph(table.empty_text)
        return
    columns = len(table.header)
    size = Pt(8) if columns > SMALL_TABLE_COLUMNS else Pt(9)
    word_table = doc.add_table(rows=1, cols=columns)
    word_table.style = doc.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _describe(word_table, table.caption)
    header = word_table.rows[0]
    _repeat_as_header(header)
    for index, text in enumerate(table.header):
        _fill(header.cells[index], text, bold=True, size=size, right=index in table.numeric)
    first_total = len(table.rows) - table.total_rows
    for row_index, row in enumerate(table.rows):
        cells = word_table.add_row().cells
        for index, text in enumerate(row):
            _fill(cells[index], text, bold=row_index >= first_total, size=size, right=index in table.numeric)
    _set_widths(doc, word_table, table)
    doc.add_paragraph()


def _fill(cell, text: str, *, bold: bool, size, right: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = size


def _repeat_as_header(row) -> None:
    """Mark the row as the table's header: assistive technology reads it as headers, and it repeats."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _describe(word_table, caption: str) -> None:
    """The table's alternative text (Word: Table Properties → Alt Text)."""
    properties = word_table._tbl.tblPr
    title = OxmlElement("w:tblCaption")
    title.set(qn("w:val"), caption)
    properties.append(title)


def _set_widths(doc, word_table, table: Table) -> None:
    section = doc.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    weights = table.widths if len(table.widths) == len(table.header) else (1,) * len(table.header)
    total = sum(weights)
    word_table.autofit = False
    for row in word_table.rows:
        for cell, weight in zip(row.cells, weights, strict=True):
            cell.width = int(usable * weight / total)
