"""The portfolio's benefits: planned against realised per year, by sector, kind and initiative.

The figures come from a few queries grouped in the database (never from loading every estimate
and measurement), read as plain floats and discounted with the same rules as an initiative's own
economics (``present_value``, ``benefit_value_expression``, ``training_amounts_expression``);
tests/test_benefits_pages.py checks that both give the same figures to the øre.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import Count, F, FloatField, QuerySet, Sum
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.translation import gettext as _

from core.pagination import ListPage
from organisations.models import Organisation
from portfolio.models import Initiative, Phase

from ..models import Benefit, BenefitEstimate, CostLine, Indicator, TrainingCost
from .economics import (
    benefit_value_expression,
    float_discount_factors,
    present_value,
    start_year_of,
    training_amounts_expression,
)
from .followup import achievement_expression
from .queries import warning_queryset
from .summary import BenefitRow, benefit_rows, benefit_rows_page
from .warnings import Warning, contributed_warnings, with_warnings

# Sums are read as floats: no per-value Decimal conversion, the costly part for thousands of rows.
MONEY = FloatField()


@dataclass(frozen=True)
class InitiativeFacts:
    """What the overview shows of an initiative, read as plain values (hundreds of rows)."""

    pk: int
    name: str
    phase: str
    sector: str | None
    planned_start: datetime.date | None
    created_at: datetime.datetime

    def get_phase_display(self) -> str:
        return str(Phase(self.phase).label)


@dataclass(frozen=True)
class PresentValues:
    start_year: int
    npv_technology: Decimal
    npv_full: Decimal


@dataclass(frozen=True)
class InitiativeLine:
    initiative: InitiativeFacts
    economics: PresentValues
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


@dataclass
class _Amounts:
    """One initiative's yearly amounts in kroner, as floats."""

    gross: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    technology: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    implementation: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    def years(self) -> list[int]:
        return [*self.gross, *self.technology, *self.implementation]


def _plain_rows(grouped: QuerySet) -> list[tuple]:
    """The rows of a grouped query as the database driver returns them (ints, strings, floats).

    Thousands of sums skip Django's per-value conversion, which costs more than the sums; each
    query here starts with ``filter(organisation=...)``, so it is scoped like any other.
    """
    sql, params = grouped.query.sql_with_params()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _yearly_amounts(organisation: Organisation) -> tuple[dict[int, _Amounts], dict[tuple[int, int, str], float]]:
    """Per initiative its yearly amounts, and the benefits per (initiative, year, kind)."""
    amounts: dict[int, _Amounts] = defaultdict(_Amounts)
    benefits = (
        BenefitEstimate.objects.filter(organisation=organisation)
        .exclude(benefit__kind=Benefit.Kind.QUALITATIVE)
        .values_list("benefit__initiative_id", "year", "benefit__kind")
        .annotate(kroner=Cast(Sum(benefit_value_expression(organisation, MONEY)), MONEY))
        .order_by()
    )
    by_kind = {}
    for initiative_id, year, kind, kroner in _plain_rows(benefits):
        amounts[initiative_id].gross[year] += kroner
        by_kind[initiative_id, year, kind] = kroner
    costs = (
        CostLine.objects.filter(organisation=organisation)
        .values_list("initiative_id", "year", "kind")
        .annotate(total=Cast(Sum("amount"), MONEY))
        .order_by()
    )
    for initiative_id, year, kind, total in _plain_rows(costs):
        target = (
            amounts[initiative_id].technology if kind in CostLine.TECHNOLOGY else amounts[initiative_id].implementation
        )
        target[year] += total
    training = (
        TrainingCost.objects.filter(organisation=organisation)
        .values_list("initiative_id", "year")
        .annotate(total=Cast(Sum(training_amounts_expression(organisation, MONEY)), MONEY))
        .order_by()
    )
    for initiative_id, year, total in _plain_rows(training):
        amounts[initiative_id].implementation[year] += total
    return amounts, by_kind


def _present_values(own: _Amounts, start: int, factors: list[float]) -> tuple[float, float]:
    """(technology only, full cost) net present values of one initiative."""
    technology = present_value(own.gross, start=start, factors=factors) - present_value(
        own.technology, start=start, factors=factors
    )
    return technology, technology - present_value(own.implementation, start=start, factors=factors)


def portfolio_benefits(organisation: Organisation) -> PortfolioBenefits:
    amounts, by_kind_rows = _yearly_amounts(organisation)
    kinds = dict(Benefit.Kind.choices)
    no_sector = _("No sector")
    factors = float_discount_factors(organisation.discount_rate)
    initiatives = Initiative.objects.for_org(organisation).values_list(
        "pk", "name", "phase", "sector__name", "planned_start", "created_at"
    )
    lines = []
    sector_of: dict[int, str] = {}
    npv_technology = npv_full = 0.0
    for row in initiatives:
        initiative = InitiativeFacts(*row)
        own = amounts.get(initiative.pk, _Amounts())
        start = start_year_of(initiative, own.years())
        technology, full = _present_values(own, start, factors)
        npv_technology += technology
        npv_full += full
        sector_of[initiative.pk] = initiative.sector or no_sector
        economics = PresentValues(start, Decimal(technology), Decimal(full))
        lines.append(InitiativeLine(initiative, economics, Decimal(sum(own.gross.values())), bool(own.years())))
    by_year: dict[int, float] = defaultdict(float)
    by_sector: dict[str, float] = defaultdict(float)
    by_kind: dict[str, float] = defaultdict(float)
    for (initiative_id, year, kind), kroner in by_kind_rows.items():
        by_year[year] += kroner
        by_sector[sector_of[initiative_id]] += kroner
        by_kind[kind] += kroner
    realised = realised_share_by_year(organisation)
    return PortfolioBenefits(
        lines=sorted(lines, key=lambda line: -line.planned),
        years=[(year, Decimal(planned), realised.get(year)) for year, planned in sorted(by_year.items())],
        by_sector={name: Decimal(value) for name, value in sorted(by_sector.items(), key=lambda kv: -kv[1])},
        by_kind={str(kinds[kind]): Decimal(value) for kind, value in sorted(by_kind.items(), key=lambda kv: -kv[1])},
        npv_technology=Decimal(npv_technology),
        npv_full=Decimal(npv_full),
    )


def realised_share_by_year(organisation: Organisation) -> dict[int, Decimal]:
    """Average achievement of the indicators, by the year of their latest measurement (stored on each).

    Summed per date by the database and per year here: there are few dates, and a year extracted in
    SQLite is a Python call per row.
    """
    rows = (
        Indicator.objects.filter(organisation=organisation, latest_on__isnull=False)
        .exclude(baseline_value=None)
        .exclude(target_value=None)
        .exclude(target_value=F("baseline_value"))
        .values_list("latest_on")
        .annotate(total=Sum(achievement_expression("latest_value", MONEY)), count=Count("pk"))
        .order_by()
    )
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
    for measured_on, total, count in rows:
        totals[measured_on.year][0] += total
        totals[measured_on.year][1] += count
    return {year: Decimal(total / count) for year, (total, count) in totals.items()}


def at_risk_benefits(organisation: Organisation, today: datetime.date) -> list[BenefitRow]:
    """Every benefit with at least one warning, with the warnings (the Excel export: all of them)."""
    benefits, contributed = _at_risk(organisation, today)
    return benefit_rows(list(benefits), organisation, today, contributed=contributed)


def at_risk_page(organisation: Organisation, today: datetime.date, params: QueryDict) -> ListPage:
    """One page of the benefits with warnings: counted by the database, only the page's rows loaded."""
    benefits, contributed = _at_risk(organisation, today)
    return benefit_rows_page(benefits.order_by("pk"), params, organisation, today, contributed=contributed)


def _at_risk(organisation: Organisation, today: datetime.date) -> tuple[QuerySet[Benefit], dict[int, list[Warning]]]:
    """The benefits with a warning, and other apps' warnings: read once, they choose the list and word its rows."""
    contributed = contributed_warnings(organisation, today)
    benefits = with_warnings(
        warning_queryset().filter(organisation=organisation), organisation, today, contributed=contributed
    )
    return benefits, contributed


def planned_and_realised_by_year(organisation: Organisation) -> list[tuple[int, Decimal, Decimal | None]]:
    """Per year, the planned benefits of the whole portfolio and the average achievement measured."""
    planned = (
        BenefitEstimate.objects.filter(organisation=organisation)
        .exclude(benefit__kind=Benefit.Kind.QUALITATIVE)
        .values_list("year")
        .annotate(kroner=Cast(Sum(benefit_value_expression(organisation, MONEY)), MONEY))
        .order_by("year")
    )
    realised = realised_share_by_year(organisation)
    return [(year, Decimal(value), realised.get(year)) for year, value in planned]
