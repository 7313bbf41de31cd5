"""Change agents: coverage by hand (per shift in 24/7 units), who may appoint whom, gaps and whom to ask."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.validation import create_valid
from dashboards.registry import panels_for
from organisations.actor import build_actor
from organisations.models import OrgUnit
from people.models import ChangeAgent, ReadinessSettings, TrainingActivity
from people.services.agents import agent_coverage_gaps_in_units, coverage, initiative_coverage
from people.services.training import readiness_settings
from portfolio.models import AffectedUnit, Initiative, Phase

from .factories import make_member
from .pages import assert_page

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def english(world):
    get_user_model().objects.filter(memberships__organisation=world.org).update(preferred_language="en")
    with translation.override("en"):
        yield world


def staff(world, count: int, prefix: str = "ansatt") -> list:
    return [make_member(world.org, f"{prefix}-{n}", "employee") for n in range(count)]


def appoint(affected, person, role="super_user", shift="", hours=Decimal(2)) -> ChangeAgent:
    return create_valid(
        ChangeAgent,
        initiative=affected.initiative,
        affected_unit=affected,
        person=person,
        role=role,
        shift=shift,
        hours_per_week=hours,
    )


def day_unit_change(world, employees: int) -> AffectedUnit:
    world.other_unit.headcount = 100
    world.other_unit.save()
    return AffectedUnit.objects.create(
        initiative=world.initiative,
        unit=world.other_unit,
        employees_affected=employees,
        change_from=TODAY + datetime.timedelta(days=30),
    )


def coverage_in(world, affected):
    return next(
        c for c in initiative_coverage(world.initiative, readiness_settings(world.org)) if c.affected == affected
    )


# The formula


def test_coverage_of_a_day_unit_by_hand(world):
    affected = day_unit_change(world, 45)
    for person in staff(world, 2):
        appoint(affected, person)
    found = next(
        c for c in initiative_coverage(world.initiative, readiness_settings(world.org)) if c.affected == affected
    )
    # 45 employees at one agent per 15: ⌈45 / 15⌉ = 3 needed, 2 appointed
    assert (found.required, len(found.agents), found.gap, found.shifts) == (3, 2, 1, [])
    assert found.employees_per_agent_now == 23  # ⌈45 / 2⌉


def test_the_target_ratio_is_set_per_organisation(world):
    affected = day_unit_change(world, 45)
    ReadinessSettings.objects.create(organisation=world.org, employees_per_agent=10)
    found = coverage(affected, [], readiness_settings(world.org))
    assert (found.required, found.gap) == (5, 5)  # ⌈45 / 10⌉


def test_a_24_7_unit_needs_agents_on_every_shift(world):
    # 30 affected in the 24/7 nursing home: ⌈30 / 15⌉ = 2 in all, and ⌈30 / (3 × 15)⌉ = 1 on each shift
    day, evening = staff(world, 2)
    appoint(world.affected, day, shift="day")
    appoint(world.affected, evening, shift="day")
    found = next(
        c for c in initiative_coverage(world.initiative, readiness_settings(world.org)) if c.affected == world.affected
    )
    assert found.required == 2
    assert [(s.shift, s.agents, s.required, s.gap) for s in found.shifts] == [
        ("day", 2, 1, 0),
        ("evening", 0, 1, 1),
        ("night", 0, 1, 1),
    ]
    assert found.gap == 2  # two agents, enough in number, but nobody on evening and night


def test_a_larger_24_7_unit_needs_more_per_shift(world):
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(employees_affected=40)
    world.affected.refresh_from_db()
    found = coverage(world.affected, [], readiness_settings(world.org))
    # ⌈40 / 15⌉ = 3 in all; ⌈40 / 45⌉ = 1 per shift
    assert found.required == 3 and [s.required for s in found.shifts] == [1, 1, 1]
    ReadinessSettings.objects.create(organisation=world.org, employees_per_agent=5)
    found = coverage(world.affected, [], readiness_settings(world.org))
    # ⌈40 / 5⌉ = 8 in all; ⌈40 / 15⌉ = 3 per shift
    assert found.required == 8 and [s.required for s in found.shifts] == [3, 3, 3]


# Who can be appointed


def test_a_24_7_unit_needs_the_shift(world):
    with pytest.raises(ValidationError) as exc:
        appoint(world.affected, world.users["employee"], shift="")
    assert list(exc.value.message_dict) == ["shift"]
    assert not ChangeAgent.objects.filter(initiative=world.initiative).exists()


def test_a_politician_or_someone_from_elsewhere_cannot_be_appointed(world, other_world):
    for person in (world.users["politician"], other_world.users["employee"]):
        with pytest.raises(ValidationError) as exc:
            appoint(world.affected, person, shift="night")
        assert list(exc.value.message_dict) == ["person"]
    assert not ChangeAgent.objects.filter(initiative=world.initiative).exists()


def test_hours_per_week_are_bounded(world):
    with pytest.raises(ValidationError) as exc:
        appoint(world.affected, world.users["employee"], shift="night", hours=Decimal(41))
    assert list(exc.value.message_dict) == ["hours_per_week"]


# Who may appoint


def agent_form(person, shift="night"):
    return {"person": str(person.pk), "role": "champion", "shift": shift, "hours_per_week": "1,5"}


def test_the_unit_leader_appoints_in_their_unit(world, login):
    url = reverse("people:agent_add", args=[world.affected.pk])
    response = login(world.users["unit_leader"]).post(url, agent_form(world.users["employee"]))
    assert response.status_code == 302
    agent = ChangeAgent.objects.filter(initiative=world.initiative).get()
    assert (agent.person, agent.role, agent.shift, agent.hours_per_week) == (
        world.users["employee"],
        "champion",
        "night",
        Decimal("1.5"),
    )


def test_a_leader_of_another_unit_and_a_politician_may_not_appoint(world, login, client):
    url = reverse("people:agent_add", args=[world.affected.pk])
    for who in ("middle_manager", "politician", "employee"):
        client.logout()
        assert login(world.users[who]).post(url, agent_form(world.users["employee"])).status_code == 403, who
    assert not ChangeAgent.objects.filter(initiative=world.initiative).exists()


def test_the_same_person_twice_in_a_unit_is_a_field_error(english, login):
    world = english
    appoint(world.affected, world.users["employee"], shift="night")
    response = login(world.users["unit_leader"]).post(
        reverse("people:agent_add", args=[world.affected.pk]), agent_form(world.users["employee"], "day")
    )
    assert_page(response, "Appoint a change agent in Fjordvik Sykehjem")
    assert dict(response.context["form"].errors) == {"person": ["This person is already appointed in this unit."]}
    assert ChangeAgent.objects.filter(initiative=world.initiative).count() == 1


def test_the_politician_is_not_offered(world, login):
    response = login(world.users["unit_leader"]).get(reverse("people:agent_add", args=[world.affected.pk]))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["person"].queryset)
    assert world.users["employee"] in offered and world.users["politician"] not in offered


# Gaps and whom to ask


def test_gaps_for_a_unit_page_leave_out_covered_units_and_closed_initiatives(world):
    covered = day_unit_change(world, 15)
    appoint(covered, world.users["employee"])
    closed = Initiative.objects.create(organisation=world.org, name="Ferdig", phase=Phase.COMPLETED)
    AffectedUnit.objects.create(initiative=closed, unit=world.unit, employees_affected=30, change_from=TODAY)
    gaps = agent_coverage_gaps_in_units(world.org, [world.unit.pk, world.other_unit.pk])
    assert [(c.affected, c.gap) for c in gaps] == [(world.affected, 3)]  # no agent on any of three shifts


def test_the_people_page_lists_agents_and_the_gap(english, login):
    world = english
    appoint(world.affected, world.users["benefit_owner"], shift="night")
    body = assert_page(
        login(world.users["politician"]).get(reverse("people:initiative_readiness", args=[world.initiative.pk])),
        "Training and change agents: Fjordvik digitale nattilsyn",
    )
    assert str(world.users["benefit_owner"]) in body
    assert "2 more agents are needed." in body
    assert reverse("people:agent_add", args=[world.affected.pk]) not in body  # a politician only reads


def test_employees_of_the_unit_see_whom_to_ask(english, login):
    world = english
    agent = appoint(world.affected, world.users["benefit_owner"], role="champion", shift="evening")
    world.users["employee"].memberships.update(unit=world.department)  # below the nursing home
    body = assert_page(login(world.users["employee"]).get(reverse("people:whom_to_ask")), "Whom to ask about changes")
    assert str(agent.person) in body and "Champion" in body and "Evening" in body
    shown = {b.panel.key: b.content for b in panels_for(build_actor(world.users["employee"], world.org.pk), TODAY)}
    assert shown["people.whom_to_ask"].count == 1
    assert shown["people.whom_to_ask"].rows[0].text == f"{agent.person} (champion, evening)"
    world.users["middle_manager"].memberships.update(unit=world.other_unit)  # a unit the change does not reach
    elsewhere = panels_for(build_actor(world.users["middle_manager"], world.org.pk), TODAY)
    assert "people.whom_to_ask" not in {b.panel.key for b in elsewhere}


def test_the_people_page_runs_the_same_queries_however_many_units_lines_and_agents(
    english, login, django_assert_num_queries
):
    world = english

    def add_unit(n: int) -> None:
        unit = OrgUnit.objects.create(
            organisation=world.org, name=f"Bofellesskap {n}", level="unit", parent=world.sector, headcount=20
        )
        affected = AffectedUnit.objects.create(
            initiative=world.initiative, unit=unit, employees_affected=20, change_from=TODAY
        )
        create_valid(
            TrainingActivity,
            initiative=world.initiative,
            affected_unit=affected,
            target_group="Alle",
            method="e_learning",
            timing="at",
            hours_per_employee=1,
            employees=20,
            fees=1000,
        )
        appoint(affected, staff(world, 1, prefix=f"agent{n}")[0])

    url = reverse("people:initiative_readiness", args=[world.initiative.pk])
    client = login(world.users["project_leader"])
    add_unit(1)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for n in range(2, 6):
        add_unit(n)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    body = assert_page(response, "Training and change agents: Fjordvik digitale nattilsyn")
    assert body.count("Bofellesskap") >= 5
