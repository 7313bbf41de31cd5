"""Changes that weigh on the world's units now, for the change-load pages, panels and warnings.

``current_load`` gives the unit and its department the loads of ``tests/test_people_load.py``'s
hand-computed world, shifted to start this month: the unit 8,5, 12,5, 12,5, 5,0 and the
department 2,0, 10,0, 10,0, 10,0 in this month and the three after it.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from organisations.models import OrgUnit
from people.models import TrainingActivity
from people.services.load import add_months, month_start
from portfolio.models import AffectedUnit, Initiative, Phase

from .factories import World

THIS_MONTH = month_start(timezone.localdate())
_numbers = itertools.count(1)


def decided(world: World, name: str) -> Initiative:
    initiative = Initiative.objects.create(organisation=world.org, name=name)
    Initiative.objects.for_org(world.org).filter(pk=initiative.pk).update(phase=Phase.EXECUTION)
    initiative.refresh_from_db()
    return initiative


def high_impact(initiative: Initiative, unit: OrgUnit, employees: int, go_live: datetime.date) -> AffectedUnit:
    return AffectedUnit.objects.create(
        initiative=initiative, unit=unit, employees_affected=employees, change_from=go_live, impact="high"
    )


def current_load(world: World) -> Initiative:
    """The world's initiative in execution, live this month at high impact for 30 of the unit's 40
    (300 points), and a second one, "Ny turnus", live in the middle of next month for all 20 of the
    department (200 points), which trains 10 of them 4 hours about four weeks before (this month)."""
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(phase=Phase.EXECUTION)
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(impact="high", change_from=THIS_MONTH)
    world.initiative.refresh_from_db()
    world.affected.refresh_from_db()
    second = decided(world, "Ny turnus")
    department_change = high_impact(second, world.department, 20, add_months(THIS_MONTH, 1).replace(day=15))
    TrainingActivity.objects.create(
        initiative=second,
        affected_unit=department_change,
        target_group="Alle",
        method="classroom",
        timing="before",
        hours_per_employee=4,
        employees=10,
    )
    return second


def add_overloaded_departments(world: World, count: int) -> None:
    """``count`` new departments under the unit the unit leader leads, each fully changed this
    month at high impact: a load of 10 × 10 / 10 = 10, over their own limit of 5."""
    initiative = decided(world, f"Stor endring {next(_numbers)}")
    for _ in range(count):
        department = OrgUnit.objects.create(
            organisation=world.org,
            name=f"Avdeling {next(_numbers)}",
            level=OrgUnit.Level.DEPARTMENT,
            parent=world.unit,
            headcount=10,
            change_load_limit=5,
        )
        high_impact(initiative, department, 10, THIS_MONTH)
