"""The portfolio's benefits: planned against realised per year, by sector, kind and initiative.

The figures come from a handful of aggregate queries (grouped in the database), not from
loading every estimate and measurement, so the page stays fast for large municipalities.
The same economics core as an initiative's own page (``economics_from``) turns them into NPVs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.translation import gettext as _

from organisations.models import Organisation
from portfolio.models import Initiative

from ..models import Benefit, BenefitEstimate, CostLine, Indicator, Measurement, TrainingCost
from .economics import ZERO, Economics, YearlyInputs, economics_from, start_year_of
from .queries import warning_queryset
from .summary import BenefitRow, benefit_rows

# Sums come back as floats (no per-value Decimal conversion, the costly part for thousands of
# rows) and are turned into Decimal once, for the same Decimal economics as an initiative's page.
MONEY = FloatField()


@dataclass(frozen=True)
class InitiativeLine:
    initiative: Initiative
    economics: Economics
    planned: Decimal
    #: False when the initiative has no estimates and no costs yet: its zeros mean "not planned".
    has_figures: bool


@dataclass
class PortfolioBenefits:
    lines: list[InitiativeLine]
    years: list[tuple[int, Decimal, Decimal | None]]
    by_sector: dict[str, Decimal]
    by_kind: dict[str, Decimal]
    npv_technology: Decimal
    npv_full: Decimal


def yearly_inputs(organisation: Organisation) -> dict[int, YearlyInputs]:
    """Per initiative: benefit values, freed hours and costs per year, summed by the database."""
    hourly = Coalesce(F("benefit__unit__hourly_cost"), Value(organisation.hourly_cost), output_field=MONEY)
    adjusted = BenefitEstimate.adjusted_expression()
    is_hours = Q(benefit__measure=Benefit.Measure.HOURS)
    estimates = (
        BenefitEstimate.objects.filter(organisation=organisation)
        .exclude(benefit__kind=Benefit.Kind.QUALITATIVE)
        .values("benefit__initiative_id", "year", "benefit__kind")
        .annotate(
            kroner=Sum(Case(When(is_hours, then=adjusted * hourly), default=adjusted, output_field=MONEY)),
            hours=Sum(Case(When(is_hours, then=adjusted), default=Value(0), output_field=MONEY)),
        )
    )
    inputs: dict[int, YearlyInputs] = defaultdict(YearlyInputs)
    for row in estimates:
        target = inputs[row["benefit__initiative_id"]]
        kroner = Decimal(row["kroner"])
        target.gross[row["year"]] += kroner
        target.by_kind[row["year"]][row["benefit__kind"]] += kroner
        if row["hours"]:
            target.hours[row["year"]] += Decimal(row["hours"])
    for row in (
        CostLine.objects.filter(organisation=organisation)
        .values("initiative_id", "year", "kind")
        .annotate(total=Sum("amount"))
    ):
        inputs[row["initiative_id"]].costs[row["year"]][row["kind"]] += row["total"]
    hours = F("hours_per_employee") * F("employees")
    unit_cost = Coalesce(F("affected_unit__unit__hourly_cost"), Value(organisation.hourly_cost), output_field=MONEY)
    for row in (
        TrainingCost.objects.filter(organisation=organisation)
        .values("initiative_id", "year")
        .annotate(
            training=Sum(hours * unit_cost, output_field=MONEY),
            substitutes=Sum(
                Case(
                    When(affected_unit__unit__runs_24_7=True, then=hours * Value(organisation.substitute_hourly_cost)),
                    default=Value(0),
                    output_field=MONEY,
                )
            ),
        )
    ):
        costs = inputs[row["initiative_id"]].costs[row["year"]]
        costs["training"] += Decimal(row["training"])
        costs["substitutes"] += Decimal(row["substitutes"])
    return inputs


def portfolio_benefits(organisation: Organisation) -> PortfolioBenefits:
    inputs = yearly_inputs(organisation)
    kinds = dict(Benefit.Kind.choices)
    no_sector = _("No sector")
    lines = []
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_sector: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for initiative in Initiative.objects.for_org(organisation).select_related("sector"):
        own = inputs.get(initiative.pk, YearlyInputs())
        start = start_year_of(initiative, own.years_with_data())
        economics = economics_from(own, start=start, organisation=organisation)
        lines.append(
            InitiativeLine(
                initiative, economics, sum(own.gross.values(), ZERO), has_figures=bool(own.years_with_data())
            )
        )
        for year, kind_values in own.by_kind.items():
            for kind, value in kind_values.items():
                by_year[year] += value
                by_sector[initiative.sector.name if initiative.sector else no_sector] += value
                by_kind[kind] += value
    realised = realised_share_by_year(organisation)
    return PortfolioBenefits(
        lines=sorted(lines, key=lambda line: -line.planned),
        years=[(year, planned, realised.get(year)) for year, planned in sorted(by_year.items())],
        by_sector=dict(sorted(by_sector.items(), key=lambda kv: -kv[1])),
        by_kind={str(kinds[kind]): value for kind, value in sorted(by_kind.items(), key=lambda kv: -kv[1])},
        npv_technology=sum((line.economics.npv_technology for line in lines), ZERO),
        npv_full=sum((line.economics.npv_full for line in lines), ZERO),
    )


def realised_share_by_year(organisation: Organisation) -> dict[int, Decimal]:
    """Average achievement of the indicators, by the year of their latest measurement.

    Read as plain numbers (no per-value Decimal or date conversion): thousands of indicators.
    """
    newest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-id")
    rows = (
        Indicator.objects.filter(organisation=organisation)
        .exclude(baseline_value=None)
        .exclude(target_value=None)
        .annotate(
            baseline=Cast("baseline_value", MONEY),
            target=Cast("target_value", MONEY),
            latest=Subquery(newest.annotate(as_float=Cast("value", MONEY)).values("as_float")[:1]),
            latest_year=Subquery(newest.annotate(year=ExtractYear("measured_on")).values("year")[:1]),
        )
        .values_list("baseline", "target", "latest", "latest_year")
    )
    values: dict[int, list[float]] = defaultdict(list)
    for baseline, target, latest, year in rows:
        if year is not None and baseline != target:
            values[year].append((latest - baseline) / (target - baseline))
    return {year: Decimal(sum(found) / len(found)) for year, found in values.items()}


def at_risk_benefits(organisation: Organisation, today: datetime.date) -> list[BenefitRow]:
    """Every benefit with at least one warning, with the warnings."""
    benefits = list(warning_queryset().filter(organisation=organisation))
    return [row for row in benefit_rows(benefits, organisation, today) if row.warnings]


def planned_and_realised_by_year(organisation: Organisation) -> list[tuple[int, Decimal, Decimal | None]]:
    """Per year, the planned benefits of the whole portfolio and the average achievement measured."""
    planned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for own in yearly_inputs(organisation).values():
        for year, kind_values in own.by_kind.items():
            planned[year] += sum(kind_values.values(), ZERO)
    realised = realised_share_by_year(organisation)
    return [(year, value, realised.get(year)) for year, value in sorted(planned.items())]
