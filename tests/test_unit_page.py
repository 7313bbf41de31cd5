"""The unit page: the changes coming to a unit and every unit below it, as its leader's start page shows them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portfolio.models import AffectedUnit, Initiative, Phase

from .pages import assert_page
from .test_dashboards import future_change, home, initiative, panels

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

TODAY = timezone.localdate()


def unit_page(client, unit) -> str:
    return assert_page(client.get(reverse("organisations:unit", args=[unit.pk])), unit.name)


def past_change(world, unit) -> AffectedUnit:
    return AffectedUnit.objects.create(
        initiative=initiative(world, Phase.REALISATION),
        unit=unit,
        employees_affected=3,
        change_from=datetime.date(2023, 3, 1),
    )


def test_a_change_two_levels_down_shows_on_the_top_unit_and_a_past_one_does_not(world, login):
    coming = future_change(world, world.department, description="Nye vaktlister")  # sector → unit → department
    past = past_change(world, world.department)
    elsewhere = future_change(world, world.other_unit)
    body = unit_page(login(world.users["employee"]), world.sector)
    assert coming.initiative.name in body and "Nye vaktlister" in body and world.department.name in body
    assert past.initiative.name not in body
    # The department's page has its own change; the unit beside it does not.
    body = unit_page(login(world.users["employee"]), world.unit)
    assert coming.initiative.name in body and elsewhere.initiative.name not in body


def test_the_world_initiative_executing_shows_though_its_change_began(world, login):
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(phase=Phase.EXECUTION)
    began = TODAY - datetime.timedelta(days=9)
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(change_from=began)
    assert world.initiative.name in unit_page(login(world.users["employee"]), world.sector)


def test_a_unit_without_coming_changes_says_so(world, login):
    past_change(world, world.other_unit)
    body = unit_page(login(world.users["employee"]), world.other_unit)
    assert "No change is coming to this unit or the units below it." in body


def test_the_unit_page_lists_what_the_leaders_start_page_counts(world, login):
    future_change(world, world.department)
    future_change(world, world.unit)
    past_change(world, world.unit)
    leader = world.users["unit_leader"]
    _title, count, _rest = panels(home(login, leader))["portfolio-unit_changes"]
    body = unit_page(login(leader), world.unit)
    assert body.count('<article class="unit-change') == count == 2


def test_the_unit_page_runs_the_same_queries_however_many_changes(world, login):
    client = login(world.users["unit_leader"])
    url = reverse("organisations:unit", args=[world.sector.pk])
    future_change(world, world.department)
    with CaptureQueriesContext(connection) as few:
        assert_page(client.get(url), world.sector.name)
    for days in range(5, 45, 5):
        future_change(world, world.department, days=days)
        future_change(world, world.unit, days=days)
        past_change(world, world.other_unit)
    with CaptureQueriesContext(connection) as many:
        body = assert_page(client.get(url), world.sector.name)
    assert body.count(world.department.name) >= 9
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
