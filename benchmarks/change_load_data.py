"""One large municipality for the change-load benchmark: 500 initiatives and 300 units in a sector →
unit → department tree, with affected units and staff training spread over 36 months.

Built on ``demo.synthetic`` (the municipality, its people and initiatives in every phase), with
units added until the tree holds 300 and the affected units replaced by about six per initiative;
deterministic for a seed.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from demo.synthetic import generate
from organisations.models import Organisation, OrgUnit
from people.models import TrainingActivity
from people.services.load import add_months
from portfolio.models import AffectedUnit, Impact, Initiative

BATCH = 5000
NAME = "Syntetisk kommune"
FIRST_MONTH = datetime.date(2027, 1, 1)
MONTHS = 36
METHODS = ["classroom", "e_learning", "side_by_side", "on_the_job", "citizens"]
TIMINGS = ["before", "at", "after"]


def _add_units(organisation: Organisation, total: int, rng: random.Random) -> None:
    """Units and departments under the existing sectors until the tree holds ``total`` units; then
    every unit's headcount is its own staff plus its departments'."""
    sectors = list(OrgUnit.objects.for_org(organisation).filter(level=OrgUnit.Level.SECTOR).order_by("pk"))
    missing = total - OrgUnit.objects.for_org(organisation).count()
    number = 0
    while missing > 0:
        sector = sectors[number % len(sectors)]
        number += 1
        unit = OrgUnit.objects.create(
            organisation=organisation,
            name=f"Enhet {number}",
            level=OrgUnit.Level.UNIT,
            parent=sector,
            headcount=1,
            runs_24_7=rng.random() < 0.3,
        )
        missing -= 1
        departments = min(missing, rng.randint(2, 5))
        OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    organisation=organisation,
                    name=f"Enhet {number} avdeling {d + 1}",
                    level=OrgUnit.Level.DEPARTMENT,
                    parent=unit,
                    headcount=rng.randint(8, 45),
                )
                for d in range(departments)
            ]
        )
        missing -= departments
    units = list(OrgUnit.objects.for_org(organisation).with_tree_fields())
    own = {u.pk: (u.headcount if u.level == OrgUnit.Level.DEPARTMENT else rng.randint(3, 15)) for u in units}
    for u in units:
        u.headcount = sum(own[other.pk] for other in units if u.pk in other.tree_path)
        if rng.random() < 0.1:
            u.change_load_limit = Decimal(rng.choice([10, 15, 30]))
    OrgUnit.objects.for_org(organisation).bulk_update(units, ["headcount", "change_load_limit"], batch_size=BATCH)


@transaction.atomic
def build(*, initiatives: int = 500, units: int = 300, affected_per_initiative: int = 6, seed: int = 11):
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    before = set(Organisation.objects.values_list("pk", flat=True))
    generate(1, initiatives, seed=seed)
    organisation = Organisation.objects.exclude(pk__in=before).get()
    _add_units(organisation, units, rng)
    AffectedUnit.objects.for_org(organisation).delete()
    every_unit = list(OrgUnit.objects.for_org(organisation))
    plan = list(Initiative.objects.for_org(organisation).order_by("pk"))
    affected = []
    for initiative in plan:
        go_live = add_months(FIRST_MONTH, rng.randrange(-3, MONTHS)).replace(day=rng.randint(1, 28))
        for unit in rng.sample(every_unit, rng.randint(1, 2 * affected_per_initiative - 1)):
            affected.append(
                AffectedUnit(
                    organisation=organisation,
                    initiative=initiative,
                    unit=unit,
                    employees_affected=rng.randint(1, unit.headcount),
                    change_from=go_live + datetime.timedelta(days=rng.randint(0, 60)),
                    impact=rng.choice(Impact.values),
                )
            )
    affected = AffectedUnit.objects.bulk_create(affected, batch_size=BATCH)
    training = []
    for a in affected:
        for _ in range(rng.randint(0, 3)):
            method = rng.choice(METHODS)
            training.append(
                TrainingActivity(
                    organisation=organisation,
                    initiative_id=a.initiative_id,
                    affected_unit=a,
                    target_group="Ansatte",
                    method=method,
                    timing=rng.choice(TIMINGS),
                    hours_per_employee=Decimal(rng.randint(2, 40)) / 2,
                    employees=rng.randint(1, a.employees_affected) if method != "citizens" else rng.randint(5, 300),
                )
            )
    TrainingActivity.objects.bulk_create(training, batch_size=BATCH)
    return organisation
