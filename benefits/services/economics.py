"""Economics of one initiative: benefits, costs, net benefit, NPV, payback, freed time, uncertainty.

Conventions (documented on the economics page and in docs/economics.md):
- The horizon is 10 years from the initiative's planned start year (else the first year with data).
- Year t (1 = first year) is discounted by 1 / (1 + r)^(t − 1), as in the KS/KommIT workbook:
  the first year is not discounted.
- A benefit's value in a year is its uncertainty-adjusted estimate (MO + 3·ML + MP) / 5; hours are
  converted to kroner by the hourly cost of the unit where the benefit arises (else the
  organisation's).
- Technology-only costs are investment and operating costs. Full cost adds implementation:
  training (hours × employees × hourly cost), substitutes for 24/7 units (hours × employees ×
  substitute hourly cost), follow-on management and further development.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Cast, Coalesce

from organisations.models import Organisation
from portfolio.models import Initiative

from ..models import Benefit, BenefitEstimate, CostLine, TrainingCost

HORIZON = 10
SIMULATIONS = 1000
ZERO = Decimal(0)


@dataclass(frozen=True)
class Year:
    year: int
    t: int
    discount_factor: Decimal
    gross: Decimal
    benefits_by_kind: dict[str, Decimal]
    investment: Decimal
    operating: Decimal
    training: Decimal
    substitutes: Decimal
    management: Decimal
    development: Decimal
    freed_hours: Decimal
    freed_fte: Decimal

    @property
    def technology_cost(self) -> Decimal:
        return self.investment + self.operating

    @property
    def implementation_cost(self) -> Decimal:
        return self.training + self.substitutes + self.management + self.development

    @property
    def net_technology(self) -> Decimal:
        return self.gross - self.technology_cost

    @property
    def net_full(self) -> Decimal:
        return self.gross - self.technology_cost - self.implementation_cost

    @property
    def present_technology(self) -> Decimal:
        return self.net_technology * self.discount_factor

    @property
    def present_full(self) -> Decimal:
        return self.net_full * self.discount_factor


@dataclass(frozen=True)
class Uncertainty:
    p10: Decimal
    p50: Decimal
    p90: Decimal


@dataclass
class Economics:
    start_year: int
    discount_rate: Decimal
    years: list[Year]
    npv_technology: Decimal
    npv_full: Decimal
    payback_year: int | None
    freed_hours_total: Decimal
    uses_of_freed_time: list[str] = field(default_factory=list)
    uncertainty: Uncertainty | None = None

    @property
    def implementation_gap(self) -> Decimal:
        """How much the forgotten implementation costs lower the net present value."""
        return self.npv_technology - self.npv_full

    @property
    def has_figures(self) -> bool:
        """False while there are no benefit estimates and no costs: the zeros mean "not planned yet"."""
        return any(y.gross or y.technology_cost or y.implementation_cost for y in self.years)

    @property
    def totals(self) -> dict[str, Decimal]:
        keys = ["gross", "investment", "operating", "training", "substitutes", "management", "development"]
        return {key: sum((getattr(y, key) for y in self.years), ZERO) for key in keys}


@lru_cache(maxsize=256)
def discount_factor(rate_percent: Decimal, t: int) -> Decimal:
    """1 / (1 + r)^(t − 1) with r in percent; year 1 is not discounted."""
    base = 1 + rate_percent / 100
    if base <= 0:
        raise ValueError("A discount rate of −100 % or below has no meaning.")
    return 1 / base ** (t - 1)


def float_discount_factors(rate_percent: Decimal) -> list[float]:
    """``discount_factor`` of years t = 1 … HORIZON as floats, for the whole portfolio at once."""
    return [float(discount_factor(rate_percent, t)) for t in range(1, HORIZON + 1)]


def present_value(amounts: Mapping[int, float], *, start: int, factors: Sequence[float]) -> float:
    """The discounted sum of yearly amounts over the horizon from ``start`` (``float_discount_factors``)."""
    total = 0.0
    for year, amount in amounts.items():
        if 0 <= year - start < HORIZON:
            total += amount * factors[year - start]
    return total


# Each valuation below is written twice, side by side: in Python for rows already fetched (an
# initiative's page) and as a database expression for sums over many rows (the portfolio).


def benefit_hourly_cost(benefit: Benefit, organisation: Organisation) -> Decimal:
    return benefit.unit.effective_hourly_cost() if benefit.unit_id else organisation.hourly_cost


def hourly_cost_expression(unit: str, organisation: Organisation, output_field: models.Field) -> models.Expression:
    """``OrgUnit.effective_hourly_cost`` of the unit at the path ``unit``: its own, else the organisation's."""
    own = Cast(f"{unit}__hourly_cost", output_field)
    return Coalesce(own, Value(organisation.hourly_cost, output_field=output_field), output_field=output_field)


def benefit_value(benefit: Benefit, estimate_value: Decimal, organisation: Organisation) -> Decimal:
    """A benefit's estimate in kroner."""
    if benefit.measure == Benefit.Measure.HOURS:
        return estimate_value * benefit_hourly_cost(benefit, organisation)
    return estimate_value


def benefit_value_expression(organisation: Organisation, output_field: models.Field) -> models.Expression:
    """``benefit_value`` of an estimate row's adjusted estimate, computed by the database."""
    adjusted = BenefitEstimate.adjusted_expression(output_field)
    hourly = hourly_cost_expression("benefit__unit", organisation, output_field)
    return Case(
        When(benefit__measure=Benefit.Measure.HOURS, then=adjusted * hourly),
        default=adjusted,
        output_field=output_field,
    )


def training_amounts(cost: TrainingCost, organisation: Organisation) -> tuple[Decimal, Decimal]:
    """(training, substitutes) for one training row."""
    hours = cost.hours_per_employee * cost.employees
    unit = cost.affected_unit.unit
    training = hours * unit.effective_hourly_cost()
    substitutes = hours * organisation.substitute_hourly_cost if unit.runs_24_7 else ZERO
    return training, substitutes


def training_amounts_expression(organisation: Organisation, output_field: models.Field) -> models.Expression:
    """Training plus substitutes (``training_amounts``) of a training row, computed by the database."""
    hours = Cast("hours_per_employee", output_field) * F("employees")
    unit_cost = hourly_cost_expression("affected_unit__unit", organisation, output_field)
    substitutes = Case(
        When(
            affected_unit__unit__runs_24_7=True,
            then=hours * Value(organisation.substitute_hourly_cost, output_field=output_field),
        ),
        default=Value(0, output_field=output_field),
        output_field=output_field,
    )
    return models.ExpressionWrapper(hours * unit_cost + substitutes, output_field=output_field)


def start_year_of(initiative: Initiative, years_with_data: list[int]) -> int:
    if initiative.planned_start:
        return initiative.planned_start.year
    if years_with_data:
        return min(years_with_data)
    return initiative.created_at.year


@dataclass
class YearlyInputs:
    """Kroner and hours per calendar year: what the economics are computed from.

    Filled from one initiative's rows (``compute``) or from SQL aggregates for a whole
    portfolio (``benefits.services.portfolio``); both then go through ``economics_from``.
    """

    gross: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    by_kind: dict[int, dict[str, Decimal]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: ZERO))
    )
    hours: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    costs: dict[int, dict[str, Decimal]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(lambda: ZERO)))

    def years_with_data(self) -> list[int]:
        return [*self.gross, *self.costs]


def economics_from(
    inputs: YearlyInputs, *, start: int, organisation: Organisation, uses_of_freed_time: list[str] | None = None
) -> Economics:
    rate = organisation.discount_rate
    years = []
    for t in range(1, HORIZON + 1):
        year = start + t - 1
        c = inputs.costs.get(year, {})
        hours = inputs.hours.get(year, ZERO)
        years.append(
            Year(
                year=year,
                t=t,
                discount_factor=discount_factor(rate, t),
                gross=inputs.gross.get(year, ZERO),
                benefits_by_kind=dict(inputs.by_kind.get(year, {})),
                investment=c.get("investment", ZERO),
                operating=c.get("operating", ZERO),
                training=c.get("training", ZERO),
                substitutes=c.get("substitutes", ZERO),
                management=c.get("management", ZERO),
                development=c.get("development", ZERO),
                freed_hours=hours,
                freed_fte=hours / organisation.hours_per_fte,
            )
        )
    return Economics(
        start_year=start,
        discount_rate=rate,
        years=years,
        npv_technology=sum((y.present_technology for y in years), ZERO),
        npv_full=sum((y.present_full for y in years), ZERO),
        payback_year=payback_year(years),
        freed_hours_total=sum(inputs.hours.values(), ZERO),
        uses_of_freed_time=uses_of_freed_time or [],
    )


def compute(
    initiative: Initiative,
    benefits: list[Benefit],
    cost_lines: list[CostLine],
    training_costs: list[TrainingCost],
    *,
    simulate: bool = False,
) -> Economics:
    """Economics from already-fetched rows (benefits with ``estimates`` and ``unit`` loaded)."""
    organisation = initiative.organisation
    estimates: list[tuple[Benefit, BenefitEstimate]] = [
        (b, e) for b in benefits if b.is_priced for e in b.estimates.all()
    ]
    inputs = YearlyInputs()
    for benefit, estimate in estimates:
        value = benefit_value(benefit, estimate.adjusted, organisation)
        inputs.gross[estimate.year] += value
        inputs.by_kind[estimate.year][benefit.kind] += value
        if benefit.measure == Benefit.Measure.HOURS:
            inputs.hours[estimate.year] += estimate.adjusted
    for line in cost_lines:
        inputs.costs[line.year][line.kind] += line.amount
    for row in training_costs:
        training, substitutes = training_amounts(row, organisation)
        inputs.costs[row.year]["training"] += training
        inputs.costs[row.year]["substitutes"] += substitutes

    result = economics_from(
        inputs,
        start=start_year_of(initiative, inputs.years_with_data()),
        organisation=organisation,
        uses_of_freed_time=[
            b.take_out_detail for b in benefits if b.measure == Benefit.Measure.HOURS and b.take_out_detail
        ],
    )
    if simulate:
        result.uncertainty = simulate_npv(result, estimates, organisation)
    return result


def payback_year(years: list[Year]) -> int | None:
    """The first year from which the cumulative full-cost net benefit is positive and stays so."""
    cumulative = ZERO
    found = None
    for y in years:
        cumulative += y.net_full
        if cumulative < 0:
            found = None
        elif found is None and cumulative > 0:
            found = y.year
    return found


def simulate_npv(result: Economics, estimates, organisation: Organisation, runs: int = SIMULATIONS) -> Uncertainty:
    """P10/P50/P90 of the full-cost NPV, drawing each estimate from a triangular distribution.

    The three points are pessimistic (low), most likely (mode) and optimistic (high). The
    generator is seeded, so the same data always shows the same range.
    """
    rng = random.Random(20261122)  # noqa: S311 - a simulation, not cryptography
    first = result.start_year
    cost_present = sum(
        (float(y.technology_cost + y.implementation_cost) * float(y.discount_factor) for y in result.years), 0.0
    )
    draws_input = []
    for benefit, estimate in estimates:
        t = estimate.year - first + 1
        if not 1 <= t <= HORIZON:
            continue
        factor = float(discount_factor(result.discount_rate, t)) * float(
            benefit_value(benefit, Decimal(1), organisation)
        )
        low, mode, high = float(estimate.pessimistic), float(estimate.likely), float(estimate.optimistic)
        draws_input.append((low, high, mode, factor))
    outcomes = sorted(
        sum(rng.triangular(low, high, mode) * factor for low, high, mode, factor in draws_input) - cost_present
        for _run in range(runs)
    )

    def percentile(p: float) -> Decimal:
        return Decimal(round(outcomes[min(int(p * runs), runs - 1)]))

    return Uncertainty(p10=percentile(0.10), p50=percentile(0.50), p90=percentile(0.90))
