"""The people app's start-page panel: self-assessments shared with a leader."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboards.registry import Panel, PanelContent, PanelRow, Urgency, from_list, leads_units, register, short_date
from organisations.actor import Actor

from .services.assessments import SharedAssessment, shared_with


def shared_row(item: SharedAssessment) -> PanelRow:
    changed = short_date(item.assessment.updated_at.date())
    detail = _("%(unit)s · last changed %(date)s") % {"unit": item.unit.name if item.unit else "–", "date": changed}
    return PanelRow(text=str(item.person), url=reverse("people:shared_with_me"), detail=detail)


def build_shared_with_me(actor: Actor, today: datetime.date) -> PanelContent:
    return from_list(
        shared_with(actor),
        shared_row,
        urgency=Urgency.INFO,
        link=reverse("people:shared_with_me"),
        link_text=_("Self-assessments shared with me"),
    )


register(
    Panel(
        key="people.shared_with_me",
        title=gettext_lazy("Self-assessments shared with me"),
        applies=leads_units,
        build=build_shared_with_me,
        order=80,
    )
)
