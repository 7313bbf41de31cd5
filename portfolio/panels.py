"""The portfolio app's start-page panels: initiatives, changes to units, ideas and the portfolio summary."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.permissions import can
from dashboards.registry import (
    Panel,
    PanelContent,
    PanelRow,
    Urgency,
    from_list,
    from_queryset,
    leads_units,
    oversees_portfolio,
    register,
    runs_portfolio,
    short_date,
)
from organisations.actor import Actor
from organisations.models import Role
from organisations.navigation import my_unit_url

from .models import RAG, AffectedUnit
from .services import overview


def portfolio_link(query: str = "") -> str:
    return reverse("portfolio:list") + query


def change_row(affected: AffectedUnit) -> PanelRow:
    """A change to a unit with what it means for the way people work there."""
    detail = ngettext(
        "%(unit)s from %(date)s, %(n)s employee",
        "%(unit)s from %(date)s, %(n)s employees",
        affected.employees_affected,
    ) % {"unit": affected.unit.name, "date": short_date(affected.change_from), "n": affected.employees_affected}
    if affected.change_description:
        detail = f"{detail}. {affected.change_description}"
    return PanelRow(text=affected.initiative.name, url=affected.initiative.get_absolute_url(), detail=detail)


def build_unit_changes(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        overview.coming_changes(actor, actor.led_unit_ids, today),
        change_row,
        urgency=Urgency.ACTION,
        link=my_unit_url(actor),  # the leader's working page: training, agents, involvement, benefits
        link_text=_("My unit"),
    )


def has_unit(actor: Actor) -> bool:
    return actor.membership.unit_id is not None


def build_own_unit_changes(actor: Actor, today: datetime.date) -> PanelContent:
    # Units the person leads are already in the panel above; this one is what they meet as employees.
    units = set(overview.own_unit_and_above(actor)) - actor.led_unit_ids
    return from_queryset(
        overview.coming_changes(actor, units, today),
        change_row,
        urgency=Urgency.INFO,
        link=reverse("portfolio:timeline"),
        link_text=_("The timeline"),
    )


def leads_initiatives(actor: Actor) -> bool:
    # Named on the initiative or holding the role: anyone who may write can own or lead one.
    return not actor.is_read_only


def build_led_initiatives(actor: Actor, today: datetime.date) -> PanelContent:
    initiatives = list(overview.initiatives_in_role(actor, Role.PROJECT_LEADER))
    due = [i for i in initiatives if overview.status_report_due(i, today)]

    def row(initiative) -> PanelRow:
        if initiative in due:
            return PanelRow(
                text=initiative.name,
                url=reverse("portfolio:status_report_add", args=[initiative.pk]),
                detail=_("%(phase)s · status report due") % {"phase": initiative.get_phase_display()},
                overdue=True,
            )
        return PanelRow(text=initiative.name, url=initiative.get_absolute_url(), detail=initiative.get_phase_display())

    # Initiatives with a report due come first: those are what the project leader must act on.
    return from_list(
        due + [i for i in initiatives if i not in due],
        row,
        urgency=Urgency.ACTION if due else Urgency.INFO,
        link=portfolio_link(),
        link_text=_("The portfolio"),
    )


def owned_row(initiative) -> PanelRow:
    detail = initiative.get_phase_display()
    if initiative.latest_status:
        detail = _("%(phase)s · status %(status)s") % {
            "phase": detail,
            "status": RAG(initiative.latest_status).label.lower(),
        }
    return PanelRow(
        text=initiative.name,
        url=initiative.get_absolute_url(),
        detail=detail,
        overdue=initiative.latest_status == RAG.RED,
    )


def build_owned_initiatives(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        overview.initiatives_in_role(actor, Role.PROJECT_OWNER),
        owned_row,
        urgency=Urgency.INFO,
        link=portfolio_link(f"?owner={actor.user.pk}"),
        link_text=_("My initiatives in the portfolio"),
    )


def build_summary(actor: Actor, today: datetime.date) -> PanelContent:
    counts = overview.phase_counts(actor)
    rows = [
        PanelRow(text=str(phase.label), url=portfolio_link(f"?phase={phase.value}"), detail=str(n))
        for phase, n in counts
        if n
    ]
    return PanelContent(
        count=sum(n for _phase, n in counts),
        urgency=Urgency.INFO,
        rows=rows,
        link=portfolio_link(),
        link_text=_("The portfolio"),
    )


def watches_red(actor: Actor) -> bool:
    return actor.has(Role.TOP_MANAGEMENT, Role.POLITICIAN, Role.PROJECT_OWNER)


def only_own(actor: Actor) -> bool:
    """Project owners see their own initiatives; top management and politicians the whole portfolio."""
    return not actor.has(Role.TOP_MANAGEMENT, Role.POLITICIAN)


def build_red(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        overview.red_initiatives(actor, own_only=only_own(actor)),
        lambda i: PanelRow(text=i.name, url=i.get_absolute_url(), detail=i.get_phase_display()),
        urgency=Urgency.ACTION,
        link=portfolio_link("?status=red"),
        link_text=_("The portfolio"),
    )


def follows_deviations(actor: Actor) -> bool:
    return actor.has(Role.TOP_MANAGEMENT, Role.PROJECT_OWNER, Role.PROJECT_LEADER)


def build_deviations(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        overview.deviations_past_deadline(actor, today, own_only=not actor.has(Role.TOP_MANAGEMENT)),
        lambda d: PanelRow(
            text=d.report.initiative.name,
            url=reverse("portfolio:status_report", args=[d.report_id]),
            detail=_("%(deviation)s – deadline %(date)s") % {"deviation": d, "date": short_date(d.deadline)},
            overdue=True,
        ),
        urgency=Urgency.OVERDUE,
        link=portfolio_link(),
        link_text=_("The portfolio"),
    )


def build_ideas_waiting(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        overview.ideas_waiting(actor),
        lambda idea: PanelRow(text=idea.title, url=reverse("portfolio:idea", args=[idea.pk])),
        urgency=Urgency.ACTION,
        link=reverse("portfolio:ideas") + "?status=submitted",
        link_text=_("Assess ideas"),
    )


def proposes_ideas(actor: Actor) -> bool:
    return can(actor, "portfolio.propose_idea")


def build_my_ideas(actor: Actor, today: datetime.date) -> PanelContent:
    return from_queryset(
        overview.my_open_ideas(actor),
        lambda idea: PanelRow(text=idea.title, url=reverse("portfolio:idea", args=[idea.pk])),
        urgency=Urgency.INFO,
        link=reverse("portfolio:ideas"),
        link_text=_("My ideas"),
    )


for panel in (
    Panel(
        "portfolio.deviations", gettext_lazy("Deviations past their deadline"), follows_deviations, build_deviations, 10
    ),
    Panel("portfolio.red", gettext_lazy("Initiatives with red status"), watches_red, build_red, 20),
    Panel("portfolio.led", gettext_lazy("Initiatives I lead"), leads_initiatives, build_led_initiatives, 30),
    Panel("portfolio.owned", gettext_lazy("Initiatives I own"), leads_initiatives, build_owned_initiatives, 32),
    Panel(
        "portfolio.ideas_waiting", gettext_lazy("Ideas waiting for assessment"), runs_portfolio, build_ideas_waiting, 35
    ),
    Panel(
        "portfolio.unit_changes",
        gettext_lazy("Changes coming to the units I lead"),
        leads_units,
        build_unit_changes,
        40,
    ),
    Panel(
        "portfolio.own_unit_changes", gettext_lazy("Changes coming to my unit"), has_unit, build_own_unit_changes, 50
    ),
    Panel("portfolio.summary", gettext_lazy("The portfolio by phase"), oversees_portfolio, build_summary, 90),
    Panel("portfolio.my_ideas", gettext_lazy("My ideas being assessed"), proposes_ideas, build_my_ideas, 95),
):
    register(panel)
