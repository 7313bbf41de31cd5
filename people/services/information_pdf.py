"""The information page as one A4 sheet for the staff room, in the organisation's written language.

The fonts and the text writer are the benefits plan's (DejaVu Sans, see
``benefits/exports/plan_pdf.py``). The answers are short by design (``ANSWER_MAX_LENGTH``); the
page is laid out at the largest type size that keeps it on one sheet.
"""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from benefits.exports.plan_pdf import load_font, write_text

from .information import InformationPage

TYPE_SIZES = (11, 10, 9, 8, 7)  # tried largest first


def render_information_pdf(page: InformationPage, organisation, today: datetime.date) -> bytes:
    with translation.override(organisation.language):
        for size in TYPE_SIZES:
            pdf = _layout(page, organisation, today, size)
            if pdf.page_no() == 1:
                break
        return bytes(pdf.output())


def _layout(page: InformationPage, organisation, today: datetime.date, size: int) -> FPDF:
    affected = page.affected
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    font = load_font(pdf)
    title = _("What the change means for you")
    pdf.set_title(f"{title} – {affected.initiative.name}")
    pdf.set_lang(organisation.language)
    pdf.set_author(organisation.name)
    pdf.set_creator("Omstilling")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    line = size * 0.5
    pdf.set_font(font.family, "B", size + 8)
    write_text(pdf, font, title, (size + 8) * 0.5)
    pdf.set_font(font.family, "B", size + 3)
    write_text(pdf, font, f"{affected.initiative.name} · {affected.unit.name}", (size + 3) * 0.5)
    pdf.ln(2)
    for item in page.items:
        pdf.set_font(font.family, "B", size)
        write_text(pdf, font, item.label, line)
        pdf.set_font(font.family, "", size)
        write_text(pdf, font, item.answer.strip() or _("Not written yet."), line)
        pdf.ln(1.5)
    pdf.set_font(font.family, "", 7)
    printed = _("%(organisation)s · printed %(date)s") % {
        "organisation": organisation.name,
        "date": date_format(today, "SHORT_DATE_FORMAT"),
    }
    write_text(pdf, font, printed, 3.5)
    return pdf
