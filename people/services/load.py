"""Change load: how hard the portfolio's changes hit each unit, month by month.

For a unit U and a month m::

    load(U, m) = ( Σ weight(impact) × employees affected      over changes in U and the units below it
                                                              that went live in m or the months before,
                                                              within ``months_of_change``
                 + Σ training hours × people trained           over staff training in U and below in m )
                 ÷ employees in U

A unit's headcount counts the units below it, so a parent's load is its own and its units' changes
over all its employees: one high-impact change for everyone in a unit weighs 10 there, and less in
the sector above, where fewer of the sector's employees feel it. Training falls in the month of its
timing (``people.services.training.TIMING_OFFSET``: before, at or after go-live). Initiatives
still at the idea stage (concept) and stopped ones do not count; completed ones keep their history.

The grid is built from two aggregate queries plus the unit tree (one recursive query), whatever
the number of initiatives, units or months. ``what_if`` takes the same inputs with some changes
taken out and others put in, so a date can be tried before it is saved.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, DecimalField, F, IntegerField, Sum, Value, When

from organisations.models import Organisation, OrgUnit
from portfolio.models import AffectedUnit, Impact, Phase

from ..models import ReadinessSettings, TrainingActivity
from ..models.training import TrainingMethod
from .training import TIMING_OFFSET, readiness_settings

ZERO = Decimal(0)
TENTH = Decimal("0.1")
#: Phases whose changes weigh on units: decided and not stopped.
NOT_COUNTED = [Phase.CONCEPT, Phase.STOPPED]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_from(first: datetime.date, count: int) -> list[datetime.date]:
    start = month_start(first)
    return [add_months(start, i) for i in range(count)]


def impact_weight(settings: ReadinessSettings) -> Case:
    """The weight of each affected unit's impact, as a database expression (the one definition)."""
    return Case(
        When(impact=Impact.LOW, then=Value(settings.weight_low)),
        When(impact=Impact.HIGH, then=Value(settings.weight_high)),
        default=Value(settings.weight_moderate),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class ImpactPoints:
    """Weight × employees affected in one unit by changes that go live on one date."""

    unit_id: int
    go_live: datetime.date
    points: Decimal
    initiative_id: int | None = None  # known when read per affected unit


@dataclass(frozen=True)
class TrainingHours:
    """Training hours × people in one unit in one month."""

    unit_id: int
    month: datetime.date
    hours: Decimal
    initiative_id: int | None = None  # known when read per affected unit


@dataclass
class LoadInputs:
    impacts: list[ImpactPoints] = field(default_factory=list)
    training: list[TrainingHours] = field(default_factory=list)

    def minus(self) -> LoadInputs:
        """The same changes with the opposite sign: adding them takes the changes out."""
        return LoadInputs(
            [ImpactPoints(i.unit_id, i.go_live, -i.points, i.initiative_id) for i in self.impacts],
            [TrainingHours(t.unit_id, t.month, -t.hours, t.initiative_id) for t in self.training],
        )

    def __add__(self, other: LoadInputs) -> LoadInputs:
        return LoadInputs(self.impacts + other.impacts, self.training + other.training)

    def of_initiative(self, initiative_id: int) -> LoadInputs:
        return LoadInputs(
            [i for i in self.impacts if i.initiative_id == initiative_id],
            [t for t in self.training if t.initiative_id == initiative_id],
        )


def _training_rows(rows: Iterable[dict]) -> list[TrainingHours]:
    return [
        TrainingHours(
            row["unit_id"],
            month_start(row["go_live"] + TIMING_OFFSET[row["timing"]]),
            row["hours"],
            row.get("initiative_id"),
        )
        for row in rows
    ]


def load_inputs(organisation: Organisation, settings: ReadinessSettings) -> LoadInputs:
    """Every counted change and staff training of the organisation, summed per unit and date (2 queries)."""
    affected = AffectedUnit.objects.for_org(organisation).exclude(initiative__phase__in=NOT_COUNTED)
    impacts = (
        affected.values("unit_id", "change_from")
        .annotate(points=Sum(impact_weight(settings) * F("employees_affected")))
        .order_by()
    )
    training = (
        TrainingActivity.objects.for_org(organisation)
        .exclude(method=TrainingMethod.CITIZENS)
        .exclude(affected_unit__initiative__phase__in=NOT_COUNTED)
        .values("timing", unit_id=F("affected_unit__unit_id"), go_live=F("affected_unit__change_from"))
        .annotate(hours=Sum(F("hours_per_employee") * F("employees"), output_field=DecimalField()))
        .order_by()
    )
    return LoadInputs(
        [ImpactPoints(row["unit_id"], row["change_from"], Decimal(row["points"])) for row in impacts],
        _training_rows(training),
    )


def affected_unit_inputs(
    organisation: Organisation,
    affected_units: Sequence[AffectedUnit],
    settings: ReadinessSettings,
    *,
    go_live: datetime.date | None = None,
) -> LoadInputs:
    """What the given affected units add to the load, optionally as if they went live on ``go_live``.

    Their training activities are read in one query.
    """
    weights = {Impact.LOW: settings.weight_low, Impact.MODERATE: settings.weight_moderate}
    impacts = [
        ImpactPoints(
            a.unit_id,
            go_live or a.change_from,
            Decimal(weights.get(a.impact, settings.weight_high) * a.employees_affected),
            a.initiative_id,
        )
        for a in affected_units
    ]
    by_id = {a.pk: a for a in affected_units}
    activities = (
        TrainingActivity.objects.for_org(organisation)
        .filter(affected_unit__in=list(by_id))
        .exclude(method=TrainingMethod.CITIZENS)
        .values_list("affected_unit_id", "timing", "hours_per_employee", "employees")
    )
    training = _training_rows(
        {
            "unit_id": by_id[affected_id].unit_id,
            "go_live": go_live or by_id[affected_id].change_from,
            "timing": timing,
            "hours": hours * employees,
            "initiative_id": by_id[affected_id].initiative_id,
        }
        for affected_id, timing, hours, employees in activities
    )
    return LoadInputs(impacts, training)


@dataclass(frozen=True)
class UnitLoad:
    """One unit's load in each month of the grid, against its limit."""

    unit: OrgUnit
    limit: Decimal
    loads: tuple[Decimal, ...]

    def over_limit(self, months: Sequence[datetime.date]) -> list[tuple[datetime.date, Decimal]]:
        return [(month, load) for month, load in zip(months, self.loads, strict=True) if load > self.limit]


@dataclass(frozen=True)
class LoadGrid:
    months: tuple[datetime.date, ...]
    rows: tuple[UnitLoad, ...]

    def row_for(self, unit_id: int) -> UnitLoad | None:
        return next((row for row in self.rows if row.unit.pk == unit_id), None)


def unit_limit(unit: OrgUnit, settings: ReadinessSettings) -> Decimal:
    return unit.change_load_limit if unit.change_load_limit is not None else settings.change_load_limit


def build_grid(
    units: Sequence[OrgUnit], inputs: LoadInputs, months: Sequence[datetime.date], settings: ReadinessSettings
) -> LoadGrid:
    """Spread the inputs over the months and up the tree (``units`` carry ``tree_path``)."""
    column = {month: i for i, month in enumerate(months)}
    ancestors = {unit.pk: unit.tree_path for unit in units}
    sums: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO] * len(months))

    def add(unit_id: int, month: datetime.date, amount: Decimal) -> None:
        index = column.get(month)
        if index is None:
            return
        for ancestor in ancestors.get(unit_id, ()):
            sums[ancestor][index] += amount

    for impact in inputs.impacts:
        first = month_start(impact.go_live)
        for offset in range(settings.months_of_change):
            add(impact.unit_id, add_months(first, offset), impact.points)
    for training in inputs.training:
        add(training.unit_id, training.month, training.hours)
    rows = []
    for unit in units:
        totals = sums.get(unit.pk, [ZERO] * len(months))
        loads = tuple(
            (total / unit.headcount).quantize(TENTH, ROUND_HALF_UP) if unit.headcount else ZERO for total in totals
        )
        rows.append(UnitLoad(unit, unit_limit(unit, settings), loads))
    return LoadGrid(tuple(months), tuple(rows))


def organisation_units(organisation: Organisation):
    """Every unit of the organisation in tree order, with ``tree_path`` (one recursive query)."""
    return OrgUnit.objects.for_org(organisation).tree_filter(organisation=organisation)


def change_load(
    organisation: Organisation,
    first_month: datetime.date,
    month_count: int,
    *,
    unit_ids: Iterable[int] | None = None,
    settings: ReadinessSettings | None = None,
) -> LoadGrid:
    """The load grid of the organisation's units (or of ``unit_ids``) over ``month_count`` months."""
    settings = settings or readiness_settings(organisation)
    units = list(organisation_units(organisation))
    grid = build_grid(units, load_inputs(organisation, settings), months_from(first_month, month_count), settings)
    if unit_ids is None:
        return grid
    wanted = set(unit_ids)
    return LoadGrid(grid.months, tuple(row for row in grid.rows if row.unit.pk in wanted))


def what_if(
    organisation: Organisation,
    affected_units: Sequence[AffectedUnit],
    go_live: datetime.date,
    month_count: int = 6,
) -> list[tuple[OrgUnit, datetime.date, Decimal, Decimal]]:
    """The units (and the units above them) that would be over their limit if ``affected_units``
    went live on ``go_live`` instead of their dates now, and were not over it already:
    (unit, month, load, limit) for each such month."""
    return what_if_replaced(organisation, affected_units, affected_units, go_live=go_live, month_count=month_count)


def what_if_replaced(
    organisation: Organisation,
    stored: Sequence[AffectedUnit],
    planned: Sequence[AffectedUnit],
    *,
    go_live: datetime.date | None = None,
    month_count: int = 6,
) -> list[tuple[OrgUnit, datetime.date, Decimal, Decimal]]:
    """As ``what_if``, for saved rows ``stored`` replaced by ``planned``: unsaved rows as a form
    built them (a new one, or a saved one with another date, impact or headcount), going live on
    ``go_live`` or, without it, each on its own date. The months start the month before the
    earliest planned go-live."""
    if not planned:
        return []
    settings = readiness_settings(organisation)
    units = list(organisation_units(organisation))
    first = min(go_live or a.change_from for a in planned)
    months = months_from(add_months(month_start(first), -1), month_count)
    base = load_inputs(organisation, settings)
    # Only what the grid counts today can be taken out of it: not an idea's or a stopped initiative's
    # units, nor units not saved yet. What is planned goes in, so an idea's plan can be tried too.
    counted = set(
        AffectedUnit.objects.for_org(organisation)
        .filter(pk__in=[a.pk for a in stored if a.pk])
        .exclude(initiative__phase__in=NOT_COUNTED)
        .values_list("pk", flat=True)
    )
    taken_out = affected_unit_inputs(organisation, [a for a in stored if a.pk in counted], settings).minus()
    changed = base + taken_out + affected_unit_inputs(organisation, planned, settings, go_live=go_live)
    return _newly_over(units, base, changed, months, settings, {a.unit_id for a in planned})


def what_if_training(
    organisation: Organisation, stored: TrainingActivity | None, planned: TrainingActivity, month_count: int = 6
) -> list[tuple[OrgUnit, datetime.date, Decimal, Decimal]]:
    """As ``what_if``, for a training plan line: ``stored`` (None for a new line) replaced by the
    unsaved ``planned`` one. Training of citizens or users is not the staff's load."""
    settings = readiness_settings(organisation)
    units = list(organisation_units(organisation))
    base = load_inputs(organisation, settings)
    counted = stored is not None and stored.initiative.phase not in NOT_COUNTED
    before, after = (
        LoadInputs(training=_line_hours(line)) if line is not None and line.trains_staff else LoadInputs()
        for line in (stored if counted else None, planned)
    )
    if not after.training:
        return []
    months = months_from(add_months(after.training[0].month, -1), month_count)
    return _newly_over(units, base, base + before.minus() + after, months, settings, {planned.affected_unit.unit_id})


def _line_hours(line: TrainingActivity) -> list[TrainingHours]:
    affected = line.affected_unit
    return _training_rows(
        [
            {
                "unit_id": affected.unit_id,
                "go_live": affected.change_from,
                "timing": line.timing,
                "hours": Decimal(line.hours_per_employee) * line.employees,
            }
        ]
    )


def _newly_over(
    units: Sequence[OrgUnit],
    base: LoadInputs,
    changed: LoadInputs,
    months: Sequence[datetime.date],
    settings: ReadinessSettings,
    unit_ids: set[int],
) -> list[tuple[OrgUnit, datetime.date, Decimal, Decimal]]:
    """(unit, month, load, limit) where ``changed`` puts one of ``unit_ids``, or a unit above it,
    over its limit in a month it was not over with ``base``."""
    before = build_grid(units, base, months, settings)
    after = build_grid(units, changed, months, settings)
    touched = {ancestor for unit in units if unit.pk in unit_ids for ancestor in unit.tree_path}
    found = []
    for was, will in zip(before.rows, after.rows, strict=True):
        if will.unit.pk not in touched:
            continue
        already = {month for month, _load in was.over_limit(months)}
        found += [
            (will.unit, month, load, will.limit) for month, load in will.over_limit(months) if month not in already
        ]
    return found
