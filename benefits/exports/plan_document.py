"""The benefits realisation plan of one initiative as a typed, format-neutral document.

``build_plan_document`` gathers everything the plan says into plain dataclasses (sections,
paragraphs, lists and tables of ready-formatted strings); ``plan_docx`` and ``plan_pdf`` only lay
it out. The structure follows the chapters and tables A–G of Prosjektveiviseren's template for a
benefits realisation plan (docs/kommit-workbook.md §7), in our own words:

1. rationale, objectives and deliverables
2. responsibility for the benefits
3. the benefits: 3.1 priced in our own organisation (tables A and B, economics per year),
   3.2 how they are taken out (C), 3.3 priced in other public organisations (D), 3.4 not priced (E)
4. measures and follow-up: 4.1 measures and risk profile (F), 4.2 indicators and measurements (G)
5. the benefits map as a text list: enabler → change → benefit → end benefit → goal

Before the chapters come the plan's version and approval status, the signatures and the version
history (from ``BenefitPlan``). Benefit IDs use the method's letters: Ø for priced benefits in our
own organisation, V for other public organisations, K for benefits that are not priced.

The model is in ``plan_model``; the front matter in ``plan_front``; chapter 3 (the benefits and
the economics, with the same chart as the economics page) in ``plan_benefits``; the other
chapters in ``plan_chapters``; formatting helpers and the shared context in ``plan_context``.

All figures come from the benefits services (economics, follow-up, plans); nothing is
recomputed here. Headings and labels are translated into the active language; money and numbers
are in Norwegian format whatever the language, and dates are dd.mm.yyyy.
"""

from __future__ import annotations

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.exports import printable
from portfolio.models import Initiative

from ..services.plans import approved_plan
from ..services.summary import initiative_summary
from .plan_benefits import chapter_benefits
from .plan_chapters import chapter_map, chapter_measures, chapter_rationale, chapter_responsibility
from .plan_context import PlanContext, date_text
from .plan_front import benefit_ids, front_matter, people_named, plan_status
from .plan_model import PlanDocument

LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


def build_plan_document(initiative: Initiative, today: datetime.date) -> PlanDocument:
    """The plan of ``initiative`` as it stands on ``today``, in the active language."""
    summary = initiative_summary(initiative, today, simulate=True)
    benefits = [row.benefit for row in summary.rows]
    context = PlanContext(
        initiative=initiative,
        today=today,
        rows=summary.rows,
        economics=summary.economics,
        ids=benefit_ids(benefits),
        people=people_named(initiative, benefits),
        benefits=benefits,
    )
    plans = list(initiative.benefit_plans.select_related("approved_by_owner", "approved_by_management"))
    approved = approved_plan(initiative)
    status = plan_status(plans, approved)
    title = _("Benefits realisation plan")
    # Stored text may hold characters a Word or PDF file cannot: the document never carries them.
    document = PlanDocument(
        title=title,
        initiative_name=initiative.name,
        organisation_name=initiative.organisation.name,
        language=LANGUAGE_TAGS.get(get_language() or "nb", get_language() or "nb"),
        produced_on=date_text(today),
        status=status,
        front=front_matter(context, plans, approved, status),
        chapters=(
            chapter_rationale(context),
            chapter_responsibility(context),
            *chapter_benefits(context),
            *chapter_measures(context),
            chapter_map(context),
        ),
        footer=_("%(title)s – %(initiative)s – produced %(date)s in Omstilling")
        % {"title": title, "initiative": initiative.name, "date": date_text(today)},
    )
    return printable(document)
