"""One large municipality with a full benefits portfolio, for the benefits benchmark.

About 500 initiatives, 3 000 benefits, 10 000 indicators and 200 000 measurements, written with
``bulk_create``; deterministic for a seed.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from benefits.models import (
    Benefit,
    BenefitEstimate,
    Change,
    CostLine,
    Indicator,
    Measurement,
    Prerequisite,
    TrainingCost,
)
from benefits.services.measurements import refresh_latest_of
from demo.synthetic import generate
from organisations.models import Membership, Organisation, OrgUnit
from portfolio.models import AffectedUnit, Initiative

BATCH = 5000


@transaction.atomic
def build(
    *,
    initiatives: int = 500,
    benefits_per_initiative: int = 6,
    indicators_per_benefit: int = 3,
    measurements_per_indicator: int = 22,
    seed: int = 7,
) -> Organisation:
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    before = set(Organisation.objects.values_list("pk", flat=True))
    generate(1, initiatives, seed=seed)
    organisation = Organisation.objects.exclude(pk__in=before).get()
    people = list(Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True))
    units = list(OrgUnit.objects.for_org(organisation).exclude(level=OrgUnit.Level.SECTOR))
    plan = list(Initiative.objects.for_org(organisation).order_by("pk"))

    changes = Change.objects.bulk_create(
        [Change(organisation=organisation, initiative=i, description=f"Ny arbeidsmåte {i.pk}") for i in plan],
        batch_size=BATCH,
    )
    benefits = []
    for change in changes:
        for n in range(benefits_per_initiative):
            hours = n % 3 == 1
            qualitative = n % 6 == 5
            benefits.append(
                Benefit(
                    organisation=organisation,
                    initiative_id=change.initiative_id,
                    change=change,
                    description=f"Gevinst {n + 1}",
                    kind="qualitative" if qualitative else ("capacity" if hours else "budget"),
                    measure="qualitative" if qualitative else ("hours" if hours else "kroner"),
                    importance="moderate" if qualitative else "",
                    unit=rng.choice(units),
                    owner_id=rng.choice(people) if n % 4 else None,
                    take_out="budget_reduction" if n % 2 else "alternative_use",
                    take_out_year=2026 + n % 3,
                    employees_sharing=rng.randint(5, 200) if hours else None,
                )
            )
    benefits = Benefit.objects.bulk_create(benefits, batch_size=BATCH)
    start_years = {i.pk: (i.planned_start or datetime.date(2026, 1, 1)).year for i in plan}
    estimates, prerequisites, indicators = [], [], []
    for b in benefits:
        prerequisites.append(
            Prerequisite(
                organisation=organisation, benefit=b, description="Rutinen er tatt i bruk", confirmed=rng.random() < 0.6
            )
        )
        if b.kind == "qualitative":
            continue
        base = Decimal(rng.randint(100, 2000) if b.measure == "hours" else rng.randint(50_000, 900_000))
        for year in range(start_years[b.initiative_id] + 1, start_years[b.initiative_id] + 8):
            estimates.append(
                BenefitEstimate(
                    organisation=organisation,
                    benefit=b,
                    year=year,
                    optimistic=base * Decimal("1.3"),
                    likely=base,
                    pessimistic=base * Decimal("0.6"),
                )
            )
    for b in benefits:
        for n in range(indicators_per_benefit):
            indicators.append(
                Indicator(
                    organisation=organisation,
                    benefit=b,
                    name=f"Indikator {n + 1}",
                    unit_of_measure="antall",
                    baseline_value=100,
                    baseline_date=datetime.date(2025, 1, 1),
                    target_value=40 + n * 10,
                    target_date=datetime.date(2028, 12, 31),
                    frequency=1,
                    measured_by_id=rng.choice(people),
                )
            )
    BenefitEstimate.objects.bulk_create(estimates, batch_size=BATCH)
    Prerequisite.objects.bulk_create(prerequisites, batch_size=BATCH)
    indicators = Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    measurements = []
    for indicator in indicators:
        value = 100.0
        for month in range(measurements_per_indicator):
            value -= rng.uniform(0, 4)
            measurements.append(
                Measurement(
                    organisation=organisation,
                    indicator=indicator,
                    value=Decimal(f"{value:.2f}"),
                    measured_on=datetime.date(2025 + month // 12, month % 12 + 1, 1),
                )
            )
        if len(measurements) >= BATCH * 4:
            Measurement.objects.bulk_create(measurements, batch_size=BATCH)
            measurements = []
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    refresh_latest_of(indicators)  # bulk_create went around the measurement service
    costs, training = [], []
    for i in plan:
        start = start_years[i.pk]
        costs.append(
            CostLine(
                organisation=organisation,
                initiative=i,
                year=start,
                kind="investment",
                amount=rng.randint(200_000, 3_000_000),
            )
        )
        costs += [
            CostLine(
                organisation=organisation,
                initiative=i,
                year=start + k,
                kind="operating",
                amount=rng.randint(20_000, 200_000),
            )
            for k in range(1, 8)
        ]
    for affected in AffectedUnit.objects.for_org(organisation):
        training.append(
            TrainingCost(
                organisation=organisation,
                initiative_id=affected.initiative_id,
                affected_unit=affected,
                year=start_years[affected.initiative_id],
                hours_per_employee=6,
                employees=affected.employees_affected,
            )
        )
    CostLine.objects.bulk_create(costs, batch_size=BATCH)
    TrainingCost.objects.bulk_create(training, batch_size=BATCH)
    return organisation
