"""The people side's start-page panels: training behind before go-live, and whom to ask."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboards.registry import Panel, PanelContent, PanelRow, Urgency, from_list, from_queryset, register, short_date
from organisations.actor import Actor

from .models import ChangeAgent
from .services.agents import whom_to_ask
from .services.training import Readiness, units_behind_on_training


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


def has_unit(actor: Actor) -> bool:
    return actor.membership.unit_id is not None


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
