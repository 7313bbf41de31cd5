"""The unit page ("My unit"): the unit leader's working page.

Every change coming to the unit and the units below it, month by month, with the training each
needs and has had, its change agents and their coverage, the involvement open for input or still
to come and the information to employees; the benefits the unit is to deliver, with their warnings
and due measurements; the unit's competence gaps; and, for a unit with units under it, one row per
unit below. Who sees how much is decided by the rules ``people.view_unit_page`` (all of it) and
``people.view_unit_as_staff`` (the unit's employees: read-only, nothing personal about colleagues).

The page is read in a fixed number of queries, whatever the number of units, changes and benefits:
each kind of row once for the whole tree below the unit, put together in Python.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Q

from benefits.services.followup import IndicatorStatus
from benefits.services.personal import DUE_WITHIN_DAYS
from benefits.services.queries import warning_queryset
from benefits.services.summary import BenefitRow, benefit_rows
from core.permissions import can
from organisations.actor import Actor
from organisations.models import OrgUnit
from portfolio.models import AffectedUnit, Phase
from portfolio.services.overview import coming_changes
from portfolio.services.phases import CLOSED

from ..models import ChangeAgent, EmployeeInformation, InputItem, InvolvementActivity, TrainingActivity
from .agents import Coverage, coverage_of
from .gaps import Gap, gap_heatmap
from .information import InformationPage, checklist
from .involvement import units_left_out
from .training import Readiness, readiness, readiness_settings, with_training_progress


class Audience(StrEnum):
    LEADERS = "leaders"  # the unit's leaders and those above them, the portfolio office, top management
    STAFF = "staff"  # the unit's employees: read-only, nothing personal about colleagues
    OTHERS = "others"  # every other member: the changes coming, as for any unit


def audience(actor: Actor, unit: OrgUnit) -> Audience:
    if can(actor, "people.view_unit_page", unit):
        return Audience.LEADERS
    if can(actor, "people.view_unit_as_staff", unit):
        return Audience.STAFF
    return Audience.OTHERS


@dataclass(frozen=True)
class ComingChange:
    """One change coming to one unit, with what its people need to be ready for it."""

    affected: AffectedUnit  # with ``unit``, ``initiative`` and ``wave``
    training: list[TrainingActivity]
    readiness: Readiness | None
    coverage: Coverage | None
    involvement: list[InvolvementActivity]  # open for input, or still to be held
    information: InformationPage | None  # for the unit's employees: only once it is published
    leader_left_out: bool = False  # in execution, chosen without the unit's leader (shown to leaders)


@dataclass(frozen=True)
class Month:
    first_day: datetime.date
    changes: list[ComingChange]


@dataclass(frozen=True)
class DueMeasurement:
    status: IndicatorStatus
    overdue: bool


@dataclass(frozen=True)
class BenefitToDeliver:
    row: BenefitRow  # the benefit, its warnings and its indicators' statuses
    due: list[DueMeasurement]  # measurements due within ``DUE_WITHIN_DAYS`` or overdue


@dataclass(frozen=True)
class UnitGap:
    unit: OrgUnit
    gap: Gap


@dataclass
class UnitBelow:
    """One row of the breakdown per unit below the page's unit (for a sector: per unit)."""

    unit: OrgUnit
    changes: int = 0
    employees_affected: int = 0
    training_behind: int = 0
    agent_gap: int = 0
    benefits_at_risk: int = 0


@dataclass(frozen=True)
class UnitPage:
    unit: OrgUnit
    audience: Audience
    months: list[Month]
    benefits: list[BenefitToDeliver] = field(default_factory=list)
    gaps: list[UnitGap] = field(default_factory=list)
    breakdown: list[UnitBelow] = field(default_factory=list)
    children: list[OrgUnit] = field(default_factory=list)
    minimum_group: int = 0  # the fewest answers a competence figure is shown for

    @property
    def read_only(self) -> bool:
        return self.audience != Audience.LEADERS

    @property
    def shows_readiness(self) -> bool:
        """Training, change agents, involvement and information: for the unit's leaders and staff."""
        return self.audience != Audience.OTHERS


def unit_page(actor: Actor, unit: OrgUnit, today: datetime.date) -> UnitPage:
    """Everything the unit page shows to ``actor`` about ``unit`` and the units below it."""
    organisation = actor.organisation
    tree = list(OrgUnit.objects.with_units_below(organisation, [unit.pk]).order_by("name"))
    unit_ids = [u.pk for u in tree]
    children = [u for u in tree if u.parent_id == unit.pk]
    who = audience(actor, unit)
    changes = coming_changes(actor, unit_ids, today)
    if who == Audience.OTHERS:
        plain = [ComingChange(a, [], None, None, [], None) for a in changes]
        return UnitPage(unit, who, by_month(plain), children=children)
    coming = _with_readiness(actor, list(with_training_progress(changes)), who, today)
    benefits = _benefits_to_deliver(actor, tree, today)
    gaps, minimum = [], 0
    if can(actor, "people.view_unit_competence", unit):
        heatmap = gap_heatmap(organisation, frozenset(unit_ids))
        minimum = heatmap.minimum
        units = {u.pk: u for u in tree}
        gaps = [UnitGap(units[g.unit_id], g) for row in heatmap.rows for g in row.gaps.values() if g.band != "none"]
        gaps.sort(key=lambda item: (item.unit.name, item.gap.theme.order, item.gap.theme.name))
    breakdown = breakdown_below(unit, tree, coming, benefits) if who == Audience.LEADERS else []
    return UnitPage(unit, who, by_month(coming), benefits, gaps, breakdown, children, minimum)


def by_month(changes: list[ComingChange]) -> list[Month]:
    """``changes`` in go-live order, grouped by the month they go live."""
    months: dict[datetime.date, list[ComingChange]] = {}
    for change in changes:
        months.setdefault(change.affected.change_from.replace(day=1), []).append(change)
    return [Month(first_day, in_month) for first_day, in_month in months.items()]


def _with_readiness(actor: Actor, affected: list[AffectedUnit], who: Audience, today) -> list[ComingChange]:
    """Each change with its training lines, readiness, change agents, involvement and information."""
    organisation = actor.organisation
    settings = readiness_settings(organisation)
    lines: dict[int, list[TrainingActivity]] = defaultdict(list)
    activities = TrainingActivity.objects.for_org(organisation).filter(affected_unit__in=affected)
    for line in activities.select_related("initiative", "affected_unit"):
        lines[line.affected_unit_id].append(line)
    agents = ChangeAgent.objects.for_org(organisation).filter(affected_unit__in=affected).select_related("person")
    agents = agents.order_by("shift", "person__first_name", "person__last_name", "pk")
    coverage = {c.affected.pk: c for c in coverage_of(affected, agents, settings)}
    involvement: dict[int, list[InvolvementActivity]] = defaultdict(list)
    for activity in _involvement_to_come(actor, {a.initiative_id for a in affected}, today):
        involvement[activity.initiative_id].append(activity)
    information = EmployeeInformation.objects.for_org(organisation).filter(affected_unit__in=affected)
    if who == Audience.STAFF:
        information = information.filter(published=True)
    pages = {i.affected_unit_id: i for i in information}
    left_out = set()
    if who == Audience.LEADERS:
        executing = AffectedUnit.objects.for_org(organisation).filter(
            pk__in=[a.pk for a in affected], initiative__phase=Phase.EXECUTION
        )
        left_out = set(units_left_out(executing).values_list("pk", flat=True))
    return [
        ComingChange(
            affected=a,
            training=lines[a.pk],
            readiness=readiness(a, settings, today),
            coverage=coverage[a.pk],
            involvement=involvement[a.initiative_id],
            information=_information_page(a, pages.get(a.pk), who),
            leader_left_out=a.pk in left_out,
        )
        for a in affected
    ]


def _involvement_to_come(actor: Actor, initiative_ids: set[int], today) -> list[InvolvementActivity]:
    """Activities of these initiatives that take input now or are still to be held, soonest first,
    with how much input each has had (``inputs``) and how much is not answered yet (``unanswered``).

    The initiatives' affected units come along, so asking who may give input reads nothing more.
    """
    return list(
        InvolvementActivity.objects.for_org(actor.organisation)
        .filter(initiative_id__in=initiative_ids)
        .filter(Q(open_for_input=True) | Q(held_on__gte=today))
        .exclude(initiative__phase__in=CLOSED)
        .annotate(inputs=Count("items"), unanswered=Count("items", filter=Q(items__response=InputItem.Response.OPEN)))
        .select_related("initiative")
        .prefetch_related("initiative__affected_units")
        .order_by("held_on", "pk")
    )


def _information_page(affected: AffectedUnit, information, who: Audience) -> InformationPage | None:
    """Leaders see how complete the page is (an empty one when nobody has written it); employees
    see only a published page."""
    if information is None:
        if who == Audience.STAFF:
            return None
        information = EmployeeInformation(affected_unit=affected, organisation_id=affected.organisation_id)
    return InformationPage(affected, information, checklist(information))


def _benefits_to_deliver(actor: Actor, tree: list[OrgUnit], today) -> list[BenefitToDeliver]:
    """Benefits of open initiatives arising in the units of ``tree``, or owned by the leader of one of
    them, with their warnings and the measurements due within ``DUE_WITHIN_DAYS`` or overdue."""
    organisation = actor.organisation
    leaders = {u.leader_id for u in tree if u.leader_id}
    benefits = (
        warning_queryset()
        .for_org(organisation)
        .filter(Q(unit_id__in=[u.pk for u in tree]) | Q(owner_id__in=leaders))
        .exclude(initiative__phase__in=CLOSED)
        .select_related("unit")
        .order_by("initiative__name", "pk")
    )
    horizon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    return [
        BenefitToDeliver(
            row,
            [DueMeasurement(s, s.overdue(today)) for s in row.indicators if s.next_due and s.next_due <= horizon],
        )
        for row in benefit_rows(list(benefits), organisation, today)
    ]


def breakdown_below(
    unit: OrgUnit, tree: list[OrgUnit], coming: list[ComingChange], benefits: list[BenefitToDeliver]
) -> list[UnitBelow]:
    """One row per unit directly below ``unit``, summing what comes to it and every unit under it.

    ``tree`` is ``unit`` and every unit below it, with the tree path of each.
    """
    rows = {u.pk: UnitBelow(u) for u in tree if u.parent_id == unit.pk}
    row_of = {}  # each unit below → the row of the unit directly below ``unit`` that holds it
    for u in tree:
        path = list(u.tree_path)
        below = path[path.index(unit.pk) + 1 :]
        if below:
            row_of[u.pk] = rows[below[0]]
    for change in coming:
        row = row_of.get(change.affected.unit_id)
        if row is None:
            continue
        row.changes += 1
        row.employees_affected += change.affected.employees_affected
        row.training_behind += change.readiness.behind
        row.agent_gap += change.coverage.gap
    in_tree = {u.pk for u in tree}
    led_by = {u.leader_id: u.pk for u in tree if u.leader_id}
    for benefit in benefits:
        if not benefit.row.warnings:
            continue
        b = benefit.row.benefit
        arises_in = b.unit_id if b.unit_id in in_tree else led_by.get(b.owner_id)
        if (row := row_of.get(arises_in)) is not None:
            row.benefits_at_risk += 1
    return list(rows.values())
