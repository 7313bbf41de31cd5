"""Training plans: what they cost, how that cost reaches the economics, and readiness at go-live.

The cost of a plan line is the economics' own formula (``benefits.services.economics.training_amounts``:
hours × employees × the unit's hourly cost, plus hours × employees × the substitute hourly cost in
24/7 units) plus the line's fees: those entered (trainers, venue) and, for a line with a course
from the catalogue, the course's cost per participant × the people it trains.
``sync_training_costs`` is the one place that writes a plan into the initiative's implementation
costs: a unit with a plan has exactly the ``TrainingCost`` rows its plan generates (hand-entered
rows for that unit are replaced), and each line's fees become one ``CostLine`` of kind training.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benefits.models import CostLine, TrainingCost
from benefits.services import generated
from benefits.services.economics import training_amounts
from core.validation import create_valid, save_valid
from organisations.actor import Actor
from organisations.models import Organisation, Role
from portfolio.models import AffectedUnit, Initiative
from portfolio.services.phases import CLOSED

from ..models import Course, ReadinessSettings, TrainingActivity
from ..models.training import Timing, TrainingMethod

ZERO = Decimal(0)
# Where in the calendar each timing falls, for the year its cost is booked in: the weeks before
# go-live, go-live itself, and the first months of use after it.
TIMING_OFFSET = {
    Timing.BEFORE: datetime.timedelta(days=-28),
    Timing.AT: datetime.timedelta(0),
    Timing.AFTER: datetime.timedelta(days=90),
}
#: Plan lines that must be done by go-live (seen from the affected unit): staff training before or at it.
READY_BY_GO_LIVE = Q(training_activities__timing__in=[Timing.BEFORE, Timing.AT]) & ~Q(
    training_activities__method=TrainingMethod.CITIZENS
)


def readiness_settings(organisation: Organisation) -> ReadinessSettings:
    """The organisation's thresholds, or the defaults (unsaved) when it has not set any."""
    found = ReadinessSettings.objects.for_org(organisation).first()
    return found or ReadinessSettings(organisation=organisation)


def training_year(go_live: datetime.date, timing: str) -> int:
    return (go_live + TIMING_OFFSET[Timing(timing)]).year


@dataclass(frozen=True)
class TrainingCostParts:
    training: Decimal = ZERO
    substitutes: Decimal = ZERO
    fees: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.training + self.substitutes + self.fees

    def __add__(self, other: TrainingCostParts) -> TrainingCostParts:
        return TrainingCostParts(
            self.training + other.training, self.substitutes + other.substitutes, self.fees + other.fees
        )


def working_time_row(activity: TrainingActivity) -> TrainingCost | None:
    """The (unsaved) ``TrainingCost`` row a line generates; None for citizens, who cost only fees."""
    if not activity.trains_staff:
        return None
    affected = activity.affected_unit
    return TrainingCost(
        initiative_id=activity.initiative_id,
        affected_unit=affected,
        year=training_year(affected.change_from, activity.timing),
        hours_per_employee=activity.hours_per_employee,
        employees=activity.employees,
    )


def course_fee(activity: TrainingActivity) -> Decimal:
    """The catalogue price of the line's course for everyone the line trains (needs ``course`` loaded)."""
    if activity.course is None:
        return ZERO
    return activity.course.cost_per_participant * activity.employees


def activity_fees(activity: TrainingActivity) -> Decimal:
    return activity.fees + course_fee(activity)


def activity_cost(activity: TrainingActivity, organisation: Organisation) -> TrainingCostParts:
    """Working time, substitutes and fees of one plan line (needs ``affected_unit__unit`` and ``course`` loaded)."""
    row = working_time_row(activity)
    training, substitutes = training_amounts(row, organisation) if row else (ZERO, ZERO)
    return TrainingCostParts(training, substitutes, activity_fees(activity))


def fee_note(activity: TrainingActivity) -> str:
    return _("Training fees: %(unit)s, %(line)s") % {"unit": activity.affected_unit.unit.name, "line": activity}


@transaction.atomic
def sync_training_costs(affected: AffectedUnit) -> None:
    """Write the unit's plan into the initiative's implementation costs, replacing what was there.

    Every ``TrainingCost`` row of the unit (hand-entered or generated before) and every fee row
    the plan generated before are removed; each line then gets its working-time row and, when it
    has fees, its fee row.
    """
    activities = list(
        affected.training_activities.select_related("initiative", "affected_unit__unit__organisation", "course")
    )
    old_fee_ids = [a.fee_row_id for a in activities if a.fee_row_id]
    TrainingCost.objects.filter(initiative=affected.initiative, affected_unit=affected).delete()
    CostLine.objects.filter(initiative=affected.initiative, pk__in=old_fee_ids).delete()
    for activity in activities:
        row = working_time_row(activity)
        if row is not None:
            save_valid(row)
        activity.cost_row = row
        activity.fee_row = None
        if fees := activity_fees(activity):
            activity.fee_row = create_valid(
                CostLine,
                initiative=affected.initiative,
                year=training_year(affected.change_from, activity.timing),
                kind=CostLine.Kind.TRAINING,
                amount=fees,
                note=fee_note(activity)[:300],
            )
        activity.save(update_fields=["cost_row", "fee_row"])


@transaction.atomic
def sync_plans_using(course: Course) -> None:
    """After a course's price changed: every plan with a line using it is written again."""
    for affected in (
        AffectedUnit.objects.for_org(course.organisation_id).filter(training_activities__course=course).distinct()
    ):
        sync_training_costs(affected)


def generated_cost_rows(initiative: Initiative) -> set[tuple[type, int]]:
    """The cost rows the initiative's training plans wrote into its economics (one query)."""
    pairs = TrainingActivity.objects.filter(initiative=initiative).values_list("cost_row_id", "fee_row_id")
    rows: set[tuple[type, int]] = set()
    for cost_row_id, fee_row_id in pairs:
        if cost_row_id:
            rows.add((TrainingCost, cost_row_id))
        if fee_row_id:
            rows.add((CostLine, fee_row_id))
    return rows


def register_generated_costs() -> None:
    """The economics page shows these rows as the plan's and refuses to change them by hand."""
    generated.register(
        generated.Source(
            label=gettext_lazy("From the training plan"),
            refusal=gettext_lazy("This cost comes from the training plan. Change the plan, and the cost follows."),
            url_name="people:initiative_readiness",
            link_text=gettext_lazy("Open the training plan"),
            rows=generated_cost_rows,
        )
    )


def lines_over_the_affected(activity: TrainingActivity) -> list[TrainingActivity]:
    """Other staff lines of the unit's plan planning more people than the unit now has affected
    (its row was corrected since): they must be corrected before the plan's cost can be written."""
    affected = activity.affected_unit
    others = affected.training_activities.exclude(pk=activity.pk).exclude(method=TrainingMethod.CITIZENS)
    return list(others.filter(employees__gt=affected.employees_affected))


@transaction.atomic
def save_training_activity(activity: TrainingActivity) -> TrainingActivity:
    """Save a plan line and bring the initiative's costs up to date at once."""
    save_valid(activity)
    sync_training_costs(activity.affected_unit)
    return activity


@transaction.atomic
def remove_generated_costs(activity: TrainingActivity) -> None:
    """Before a plan line is deleted: its cost rows leave the economics with it."""
    if activity.cost_row_id:
        TrainingCost.objects.filter(initiative=activity.initiative, pk=activity.cost_row_id).delete()
    if activity.fee_row_id:
        CostLine.objects.filter(initiative=activity.initiative, pk=activity.fee_row_id).delete()


def record_progress(activity: TrainingActivity, trained: int) -> TrainingActivity:
    activity.trained = trained
    save_valid(activity)
    return activity


# Readiness at go-live


def with_training_progress(affected_units: QuerySet[AffectedUnit]) -> QuerySet[AffectedUnit]:
    """Annotates each unit with the staff its plan trains by go-live and how many are trained."""
    return affected_units.annotate(
        planned_by_go_live=Coalesce(Sum("training_activities__employees", filter=READY_BY_GO_LIVE), 0),
        trained_by_go_live=Coalesce(Sum("training_activities__trained", filter=READY_BY_GO_LIVE), 0),
    )


@dataclass(frozen=True)
class Readiness:
    """How far a unit's training before go-live has come, and whether to warn."""

    affected: AffectedUnit
    planned: int
    trained: int
    required_percent: int
    warn_from: datetime.date
    behind: bool

    @property
    def percent(self) -> int | None:
        return round(100 * self.trained / self.planned) if self.planned else None


def readiness(affected: AffectedUnit, settings: ReadinessSettings, today: datetime.date) -> Readiness:
    """``affected`` comes from ``with_training_progress``.

    Behind: from ``warning_days`` before go-live on, fewer than ``trained_share_percent`` of the
    staff planned to be trained by go-live are trained (training after go-live and of citizens
    does not count).
    """
    planned, trained = affected.planned_by_go_live, affected.trained_by_go_live
    warn_from = affected.change_from - datetime.timedelta(days=settings.warning_days)
    short = planned > 0 and trained * 100 < planned * settings.trained_share_percent
    return Readiness(
        affected, planned, trained, settings.trained_share_percent, warn_from, short and today >= warn_from
    )


def units_behind_on_training(actor: Actor, today: datetime.date) -> list[Readiness]:
    """Affected units of open initiatives whose training is behind as go-live nears, for the
    leader of the unit and for whoever runs the initiative."""
    settings = readiness_settings(actor.organisation)
    scoped = [
        a.initiative_id
        for a in actor.assignments
        if a.role in (Role.PROJECT_LEADER, Role.PROJECT_OWNER) and a.initiative_id
    ]
    mine = (
        Q(unit_id__in=actor.led_unit_ids)
        | Q(initiative__project_leader_id=actor.user.pk)
        | Q(initiative__project_owner_id=actor.user.pk)
        | Q(initiative_id__in=scoped)
    )
    candidates = with_training_progress(
        AffectedUnit.objects.for_org(actor.organisation)
        .filter(mine, change_from__lte=today + datetime.timedelta(days=settings.warning_days))
        .exclude(initiative__phase__in=CLOSED)
        .select_related("unit", "initiative")
        .order_by("change_from", "pk")
    )
    found = (readiness(affected, settings, today) for affected in candidates)
    return [r for r in found if r.behind]


@dataclass(frozen=True)
class UnitPlan:
    """One affected unit's training plan as the initiative's people page shows it."""

    affected: AffectedUnit
    lines: list[tuple[TrainingActivity, TrainingCostParts]]
    cost: TrainingCostParts
    readiness: Readiness


def initiative_training(initiative: Initiative, settings: ReadinessSettings, today: datetime.date) -> list[UnitPlan]:
    """Every affected unit of ``initiative`` with its plan lines, their cost and its readiness."""
    organisation = initiative.organisation
    units = with_training_progress(initiative.affected_units.select_related("unit__organisation"))
    activities = TrainingActivity.objects.filter(initiative=initiative).select_related(
        "affected_unit__unit__organisation", "course"
    )
    by_unit: dict[int, list[TrainingActivity]] = {}
    for activity in activities:
        by_unit.setdefault(activity.affected_unit_id, []).append(activity)
    plans = []
    for affected in units:
        lines = [(a, activity_cost(a, organisation)) for a in by_unit.get(affected.pk, [])]
        total = sum((cost for _line, cost in lines), TrainingCostParts())
        plans.append(UnitPlan(affected, lines, total, readiness(affected, settings, today)))
    return plans
