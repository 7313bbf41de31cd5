"""The people side's start-page panels."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboards.registry import (
    Panel,
    PanelContent,
    PanelRow,
    Urgency,
    from_list,
    from_queryset,
    leads_units,
    register,
    runs_portfolio,
    short_date,
)
from organisations.actor import Actor

from .services.assessments import SharedAssessment, shared_with
from .services.information import information_for_me
from .services.involvement import initiatives_with_gaps, my_units_left_out

# Competence


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


# Involvement (part "involvement")


def gap_row(initiative) -> PanelRow:
    if initiative.leaders_left_out and initiative.union_left_out:
        detail = _("unit leaders and union representatives not involved")
    elif initiative.leaders_left_out:
        detail = _("unit leaders not involved")
    else:
        detail = _("union representatives not involved")
    return PanelRow(text=initiative.name, url=reverse("people:involvement", args=[initiative.pk]), detail=detail)


def build_gaps(actor: Actor, today: datetime.date):
    return from_queryset(
        initiatives_with_gaps(actor.organisation),
        gap_row,
        urgency=Urgency.ACTION,
        link=reverse("portfolio:list") + "?phase=execution",
        link_text=_("Initiatives in execution"),
    )


def build_left_out(actor: Actor, today: datetime.date):
    return from_queryset(
        my_units_left_out(actor),
        lambda a: PanelRow(
            text=a.initiative.name,
            url=reverse("people:involvement", args=[a.initiative_id]),
            detail=_("%(unit)s was not involved before the solution was chosen") % {"unit": a.unit.name},
        ),
        urgency=Urgency.ACTION,
        link=reverse("portfolio:list") + "?phase=execution",
        link_text=_("Initiatives in execution"),
    )


def has_unit(actor: Actor) -> bool:
    return actor.membership.unit_id is not None


def build_information(actor: Actor, today: datetime.date):
    return from_queryset(
        information_for_me(actor),
        lambda i: PanelRow(
            text=i.affected_unit.initiative.name, url=i.get_absolute_url(), detail=i.affected_unit.unit.name
        ),
        urgency=Urgency.INFO,
        link=reverse("portfolio:list"),
        link_text=_("The portfolio"),
    )


register(
    Panel(
        "people.involvement_gaps",
        gettext_lazy("Solutions chosen without involving those affected"),
        runs_portfolio,
        build_gaps,
        order=35,
    )
)
register(
    Panel(
        "people.left_out",
        gettext_lazy("Changes to my units chosen without me"),
        leads_units,
        build_left_out,
        order=36,
    )
)
register(
    Panel(
        "people.information_for_me",
        gettext_lazy("What the change means for you"),
        has_unit,
        build_information,
        order=45,
    )
)
