"""The portfolio's benefits: planned against realised per year, by sector, kind and initiative."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from organisations.models import Organisation
from portfolio.models import Initiative

from ..models import Benefit, CostLine, TrainingCost
from .economics import ZERO, Economics, benefit_value, compute
from .queries import benefits_queryset
from .summary import BenefitRow, benefit_rows


@dataclass(frozen=True)
class InitiativeLine:
    initiative: Initiative
    economics: Economics
    planned: Decimal
    at_risk: int


@dataclass
class PortfolioBenefits:
    lines: list[InitiativeLine]
    years: list[tuple[int, Decimal, Decimal | None]]
    by_sector: dict[str, Decimal]
    by_kind: dict[str, Decimal]
    npv_technology: Decimal
    npv_full: Decimal
    at_risk: list[BenefitRow]


def portfolio_benefits(organisation: Organisation, today: datetime.date) -> PortfolioBenefits:
    """All figures from a fixed number of queries, whatever the size of the portfolio."""
    benefits = list(benefits_queryset().filter(organisation=organisation).select_related("initiative"))
    initiatives = list(
        Initiative.objects.for_org(organisation)
        .select_related("sector", "organisation")
        .prefetch_related(
            Prefetch("cost_lines", queryset=CostLine.objects.all()),
            Prefetch(
                "training_costs", queryset=TrainingCost.objects.select_related("affected_unit__unit__organisation")
            ),
        )
    )
    by_initiative: dict[int, list[Benefit]] = defaultdict(list)
    for b in benefits:
        by_initiative[b.initiative_id].append(b)

    lines = []
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_sector: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    rows = benefit_rows(benefits, organisation, today)
    risky = [r for r in rows if r.warnings]
    risky_count: dict[int, int] = defaultdict(int)
    for r in risky:
        risky_count[r.benefit.initiative_id] += 1
    for initiative in initiatives:
        initiative.organisation = organisation
        own = by_initiative.get(initiative.pk, [])
        economics = compute(initiative, own, list(initiative.cost_lines.all()), list(initiative.training_costs.all()))
        planned = sum((y.gross for y in economics.years), ZERO)
        lines.append(InitiativeLine(initiative, economics, planned, risky_count[initiative.pk]))
        for b in own:
            if not b.is_priced:
                continue
            for e in b.estimates.all():
                value = benefit_value(b, e.adjusted, organisation)
                by_year[e.year] += value
                by_sector[str(initiative.sector or "–")] += value
                by_kind[b.get_kind_display()] += value
    realised = _realised_share_by_year(rows)
    return PortfolioBenefits(
        lines=sorted(lines, key=lambda line: -line.planned),
        years=[(year, planned, realised.get(year)) for year, planned in sorted(by_year.items())],
        by_sector=dict(sorted(by_sector.items(), key=lambda kv: -kv[1])),
        by_kind=dict(by_kind),
        npv_technology=sum((line.economics.npv_technology for line in lines), ZERO),
        npv_full=sum((line.economics.npv_full for line in lines), ZERO),
        at_risk=risky,
    )


def _realised_share_by_year(rows: list[BenefitRow]) -> dict[int, Decimal]:
    """Average achievement of the indicators measured each year (the realised side)."""
    sums: dict[int, list[Decimal]] = defaultdict(list)
    for row in rows:
        for status in row.indicators:
            if status.achievement is not None and status.latest:
                sums[status.latest.measured_on.year].append(status.achievement)
    return {year: sum(values) / len(values) for year, values in sums.items()}
