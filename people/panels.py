"""The people side's start-page panels."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.formatting import format_number
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

from .models import ChangeAgent
from .services.agents import whom_to_ask
from .services.assessments import SharedAssessment, shared_with
from .services.information import information_for_me
from .services.involvement import initiatives_with_gaps, my_units_left_out
from .services.load_warnings import UnitOverload, overloaded_units
from .services.training import Readiness, units_behind_on_training

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

# Training and change agents


def leads_units_or_initiatives(actor: Actor) -> bool:
    # Unit leaders and whoever runs an initiative; anyone who may write can be named project leader.
    return not actor.is_read_only


def behind_row(readiness: Readiness) -> PanelRow:
    affected = readiness.affected
    return PanelRow(
        text=f"{affected.unit.name}: {affected.initiative.name}",
        url=reverse("people:initiative_readiness", args=[affected.initiative_id]),
        detail=_("%(trained)s of %(planned)s trained, go-live %(date)s")
        % {"trained": readiness.trained, "planned": readiness.planned, "date": short_date(affected.change_from)},
        overdue=True,
    )


def build_training_behind(actor: Actor, today: datetime.date) -> PanelContent:
    return from_list(
        units_behind_on_training(actor, today),
        behind_row,
        urgency=Urgency.ACTION,
        link=reverse("portfolio:timeline"),
        link_text=_("The timeline"),
    )


def agent_row(agent: ChangeAgent) -> PanelRow:
    shift = f", {agent.get_shift_display().lower()}" if agent.shift else ""
    return PanelRow(
        text=f"{agent.person} ({agent.get_role_display().lower()}{shift})",
        url=reverse("people:initiative_readiness", args=[agent.initiative_id]),
        detail=agent.initiative.name,
    )


def build_whom_to_ask(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        whom_to_ask(actor),
        agent_row,
        urgency=Urgency.INFO,
        link=reverse("people:whom_to_ask"),
        link_text=_("Everyone to ask"),
    )


for panel in (
    Panel(
        "people.training_behind",
        gettext_lazy("Training behind before go-live"),
        leads_units_or_initiatives,
        build_training_behind,
        30,
    ),
    Panel(
        "people.whom_to_ask",
        gettext_lazy("Whom to ask about changes coming to your unit"),
        has_unit,
        build_whom_to_ask,
        55,
    ),
):
    register(panel)

# Change load


def overload_row(overload: UnitOverload) -> PanelRow:
    worst = overload.worst
    return PanelRow(
        text=overload.unit.name,
        url=reverse("people:change_load"),
        detail=ngettext(
            "over its limit of %(limit)s in %(count)s month, worst in %(month)s (%(load)s)",
            "over its limit of %(limit)s in %(count)s months, worst in %(month)s (%(load)s)",
            len(overload.months),
        )
        % {
            "limit": format_number(overload.limit, 1),
            "count": len(overload.months),
            "month": date_format(worst.month, "YEAR_MONTH_FORMAT"),
            "load": format_number(worst.load, 1),
        },
    )


def build_my_units_overloaded(actor: Actor, today: datetime.date) -> PanelContent:
    return from_list(
        overloaded_units(actor.organisation, today, unit_ids=actor.led_unit_ids),
        overload_row,
        urgency=Urgency.ACTION,
        link=reverse("people:change_load"),
        link_text=_("Change load per unit and month"),
    )


def build_units_overloaded(actor: Actor, today: datetime.date) -> PanelContent:
    return from_list(
        overloaded_units(actor.organisation, today),
        overload_row,
        urgency=Urgency.ACTION,
        link=reverse("people:change_load"),
        link_text=_("Change load per unit and month"),
    )


for panel in (
    Panel(
        "people.my_units_overloaded",
        gettext_lazy("My units over their change-load limit"),
        leads_units,
        build_my_units_overloaded,
        32,
    ),
    Panel(
        "people.units_overloaded",
        gettext_lazy("Units over their change-load limit"),
        runs_portfolio,
        build_units_overloaded,
        33,
    ),
):
    register(panel)
