"""The benefits app's start-page panels: follow-up due from each person, and gaps in the plans."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_money, format_number
from dashboards.registry import (
    Panel,
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

from .services.followup import IndicatorStatus
from .services.personal import (
    benefits_from_my_units,
    my_benefits_with_warnings,
    my_due_measurements,
    my_late_measures,
)
from .services.plan_gaps import initiatives_past_planning_without_approval, initiatives_without_plan
from .services.plans import PlanToSign, plans_awaiting_signature
from .services.portfolio import planned_and_realised_by_year
from .services.summary import BenefitRow


def writes(actor: Actor) -> bool:
    # Anyone who may write can be named owner, responsible or measurer; a politician never is.
    return not actor.is_read_only


def due_row(status: IndicatorStatus, today: datetime.date) -> PanelRow:
    overdue = status.overdue(today)
    detail = _("was due %(date)s") if overdue else _("due %(date)s")
    return PanelRow(
        text=status.indicator.name,
        url=reverse("benefits:measurement_add", args=[status.indicator.pk]),
        detail=detail % {"date": short_date(status.next_due)},
        overdue=overdue,
    )


def build_due(actor: Actor, today: datetime.date):
    due = my_due_measurements(actor, today)
    overdue = any(s.overdue(today) for s in due)
    return from_list(
        due,
        lambda s: due_row(s, today),
        urgency=Urgency.OVERDUE if overdue else Urgency.ACTION,
        link=reverse("benefits:mine"),
        link_text=_("All my benefits"),
    )


def warning_row(row: BenefitRow) -> PanelRow:
    return PanelRow(text=str(row.benefit), url=row.benefit.get_absolute_url(), detail=row.warnings[0].text)


def build_warnings(actor: Actor, today: datetime.date):
    return from_list(
        my_benefits_with_warnings(actor, today),
        warning_row,
        urgency=Urgency.ACTION,
        link=reverse("benefits:mine"),
        link_text=_("All my benefits"),
    )


def build_late_measures(actor: Actor, today: datetime.date):
    return from_queryset(
        my_late_measures(actor, today),
        lambda m: PanelRow(
            text=m.description,
            url=m.benefit.get_absolute_url(),
            detail=_("deadline %(date)s") % {"date": short_date(m.deadline)},
            overdue=True,
        ),
        urgency=Urgency.OVERDUE,
        link=reverse("benefits:mine"),
        link_text=_("All my benefits"),
    )


def build_unit_benefits(actor: Actor, today: datetime.date):
    return from_queryset(
        benefits_from_my_units(actor),
        lambda b: PanelRow(text=str(b), url=b.get_absolute_url(), detail=f"{b.initiative.name} · {b.unit.name}"),
        urgency=Urgency.INFO,
        link=reverse("benefits:portfolio"),
        link_text=_("Benefits in the portfolio"),
    )


def plan_row(initiative) -> PanelRow:
    return PanelRow(
        text=initiative.name, url=reverse("benefits:plan", args=[initiative.pk]), detail=initiative.get_phase_display()
    )


def build_without_plan(actor: Actor, today: datetime.date):
    return from_queryset(
        initiatives_without_plan(actor.organisation),
        plan_row,
        urgency=Urgency.ACTION,
        link=reverse("portfolio:list") + "?phase=planning",
        link_text=_("Initiatives in planning"),
    )


def build_not_approved(actor: Actor, today: datetime.date):
    return from_queryset(
        initiatives_past_planning_without_approval(actor.organisation),
        plan_row,
        urgency=Urgency.OVERDUE,
        link=reverse("portfolio:list"),
        link_text=_("The portfolio"),
    )


def year_row(year: int, planned, achieved) -> PanelRow:
    detail = _("planned %(planned)s") % {"planned": format_money(planned)}
    if achieved is not None:
        detail = _("planned %(planned)s, measured achievement %(achieved)s %%") % {
            "planned": format_money(planned),
            "achieved": format_number(achieved * 100),
        }
    return PanelRow(text=str(year), detail=detail)


def build_planned_and_realised(actor: Actor, today: datetime.date):
    # The years around today: what was to be realised lately and what comes next.
    years = [y for y in planned_and_realised_by_year(actor.organisation) if abs(y[0] - today.year) <= 2]
    return from_list(
        years,
        lambda y: year_row(*y),
        urgency=Urgency.INFO,
        link=reverse("benefits:portfolio"),
        link_text=_("The benefits of the portfolio"),
    )


def signature_row(plan: PlanToSign) -> PanelRow:
    role = _("as project owner") if plan.as_owner else _("as top management")
    return PanelRow(text=plan.initiative.name, url=reverse("benefits:plan", args=[plan.initiative.pk]), detail=role)


def build_signatures(actor: Actor, today: datetime.date):
    return from_list(
        plans_awaiting_signature(actor),
        signature_row,
        urgency=Urgency.ACTION,
        link=reverse("benefits:portfolio"),
        link_text=_("Benefits in the portfolio"),
    )


register(
    Panel("benefits.signatures", gettext_lazy("Plans waiting for my signature"), writes, build_signatures, order=5)
)
register(Panel("benefits.due", gettext_lazy("Measurements due"), writes, build_due, order=10))
register(
    Panel(
        "benefits.late_measures", gettext_lazy("My measures past their deadline"), writes, build_late_measures, order=20
    )
)
register(Panel("benefits.warnings", gettext_lazy("My benefits with warnings"), writes, build_warnings, order=30))
register(
    Panel(
        "benefits.plans_not_approved",
        gettext_lazy("Plans not approved after planning"),
        runs_portfolio,
        build_not_approved,
        order=40,
    )
)
register(
    Panel(
        "benefits.without_plan",
        gettext_lazy("Initiatives in planning without a benefits plan"),
        runs_portfolio,
        build_without_plan,
        order=50,
    )
)
register(
    Panel(
        "benefits.from_my_units",
        gettext_lazy("Benefits expected from my units"),
        leads_units,
        build_unit_benefits,
        order=60,
    )
)
register(
    Panel(
        "benefits.planned_and_realised",
        gettext_lazy("Benefits planned and realised"),
        oversees_portfolio,
        build_planned_and_realised,
        order=95,
    )
)
