"""Other apps' warnings on benefits (the people side's load and training, the surveys' adoption) cost
the at-risk list a fixed number of queries, read once per page, whatever the number of benefits.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benefits.models import Benefit, Prerequisite
from benefits.services.warnings import contributed_warnings
from people.models import TrainingActivity
from portfolio.models import AffectedUnit

from .factories_load import current_load
from .pages import assert_page
from .test_surveys_adoption import adoption_round

pytestmark = pytest.mark.django_db
CONTRIBUTED = {"unit_overloaded", "training_behind", "not_adopted"}


@pytest.fixture
def warned(world):
    """The world's unit over its limit as the world's change lands this month, its staff behind on
    training for it, and the adoption survey saying they do not work the new way."""
    current_load(world)
    world.unit.change_load_limit = 12  # the unit is at 12,5 next month
    world.unit.save()
    world.affected = AffectedUnit.objects.for_org(world.org).get(pk=world.affected.pk)
    TrainingActivity.objects.create(
        initiative=world.initiative,
        affected_unit=world.affected,
        target_group="Nattevakter",
        method="classroom",
        timing="before",
        hours_per_employee=2,
        employees=10,
        trained=1,
    )
    Prerequisite.objects.for_org(world.org).filter(benefit=world.benefit).update(confirmed=True)
    adoption_round(world, 2)
    return world


def add_warned_benefits(world, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        benefit = Benefit.objects.create(
            initiative=world.initiative,
            change=world.change,
            description=f"B{n}",
            kind="budget",
            measure="kroner",
            unit=world.unit,
            owner=world.users["unit_leader"],
        )
        Prerequisite.objects.create(benefit=benefit, description=f"Forutsetning {n}", confirmed=True)


def contributed_codes(world) -> dict[int, set[str]]:
    found = contributed_warnings(world.org, timezone.localdate())
    return {benefit_id: {w.code for w in warnings} for benefit_id, warnings in found.items()}


def test_contributed_warnings_take_the_same_queries_for_few_and_many_warned_benefits(warned):
    add_warned_benefits(warned, 2)
    with CaptureQueriesContext(connection) as few:
        codes = contributed_codes(warned)
    assert len(codes) == 3 and all(found == CONTRIBUTED for found in codes.values())
    add_warned_benefits(warned, 12, first=2)
    with CaptureQueriesContext(connection) as many:
        codes = contributed_codes(warned)
    assert len(codes) == 15 and all(found == CONTRIBUTED for found in codes.values())
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def reading(queries, table: str) -> int:
    return sum(f'FROM "{table}"' in q["sql"] for q in queries.captured_queries)


def test_the_at_risk_page_reads_other_apps_warnings_once_in_the_same_queries(warned, login):
    client = login(warned.users["portfolio_office"])
    add_warned_benefits(warned, 2)
    with CaptureQueriesContext(connection) as few:
        assert ">B1<" in assert_page(client.get(reverse("benefits:at_risk")), "Gevinster i faresonen")
    add_warned_benefits(warned, 12, first=2)
    with CaptureQueriesContext(connection) as many:
        page = assert_page(client.get(reverse("benefits:at_risk")), "Gevinster i faresonen")
    assert ">B13<" in page
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    # The list is chosen and its rows worded from one reading: the load settings and the rounds once.
    assert reading(many, "people_readinesssettings") == 1
    assert reading(many, "surveys_round") == 1


def test_without_overload_training_or_surveys_no_benefit_is_read_for_other_apps_warnings(world):
    """The load, the training and the rounds name the benefits that can be warned: here none, so the
    organisation's benefits are not read at all (they were, every one, for every list)."""
    add_warned_benefits(world, 3)
    with CaptureQueriesContext(connection) as queries:
        assert contributed_codes(world) == {}
    assert reading(queries, "benefits_benefit") == 0
    assert reading(queries, "people_readinesssettings") == 1
