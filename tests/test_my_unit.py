"""My unit: the unit leader's working page, the read-only version for the unit's employees, the
sector leader's breakdown per unit, and a query count that does not grow with the data."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benefits.models import Benefit, Indicator
from organisations.models import OrgUnit, Role
from people.models import (
    ChangeAgent,
    CompetenceRequirement,
    EmployeeInformation,
    InputItem,
    InvolvementActivity,
    TrainingActivity,
)
from portfolio.models import AffectedUnit, Phase

from .factories import make_member
from .pages import assert_page
from .test_dashboards import home, initiative, panels, set_unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

TODAY = timezone.localdate()


def unit_url(unit) -> str:
    return reverse("organisations:unit", args=[unit.pk])


def unit_page(client, unit) -> str:
    return assert_page(client.get(unit_url(unit)), unit.name)


def change_to(world, unit, *, days=30, employees=10, description="", phase=Phase.CONCEPT) -> AffectedUnit:
    return AffectedUnit.objects.create(
        initiative=initiative(world, phase),
        unit=unit,
        employees_affected=employees,
        change_from=TODAY + datetime.timedelta(days=days),
        change_description=description,
    )


def train(affected, *, planned, trained, group="Helsefagarbeidere") -> TrainingActivity:
    return TrainingActivity.objects.create(
        initiative=affected.initiative,
        affected_unit=affected,
        target_group=group,
        method="classroom",
        timing="before",
        hours_per_employee=3,
        employees=planned,
        trained=trained,
    )


def appoint(affected, person, shift="day") -> ChangeAgent:
    return ChangeAgent.objects.create(
        initiative=affected.initiative, affected_unit=affected, person=person, role="super_user", shift=shift
    )


def activity(affected, title, *, held_on=TODAY, open_for_input=True) -> InvolvementActivity:
    return InvolvementActivity.objects.create(
        initiative=affected.initiative,
        title=title,
        held_on=held_on,
        phase="planning",
        method="workshop",
        open_for_input=open_for_input,
    )


def sector_leader(world):
    leader = make_member(world.org, "a-sektorleder", Role.MIDDLE_MANAGER, scope=world.sector)
    OrgUnit.objects.for_org(world.org).filter(pk=world.sector.pk).update(leader=leader)
    return leader


@pytest.fixture
def busy_world(world):
    """A change to the leader's 24/7 unit a week from go-live with training behind, a night nurse as
    super-user, an open workshop and a published information page."""
    world.coming = change_to(world, world.unit, days=7, employees=30, description="Sensorer varsler nattevakten")
    world.line = train(world.coming, planned=10, trained=2, group="Nattevakter")
    world.agent_person = make_member(world.org, "kari", Role.EMPLOYEE, unit=world.unit)
    appoint(world.coming, world.agent_person, shift="night")
    world.workshop = activity(world.coming, "Verksted om varsling")
    past = TODAY - datetime.timedelta(days=30)
    world.held = activity(world.coming, "Gammelt verksted", held_on=past, open_for_input=False)
    EmployeeInformation.objects.create(affected_unit=world.coming, what="Sensorer", published=True)
    return world


# The unit leader


def test_the_leader_sees_each_change_by_month_with_its_training_agents_involvement_and_information(busy_world, login):
    world = busy_world
    body = unit_page(login(world.users["unit_leader"]), world.unit)
    month = world.coming.change_from.strftime("%B %Y")
    assert f">{month}</h3>" in body
    assert world.coming.initiative.name in body and "Sensorer varsler nattevakten" in body
    assert "30 employees affected" in body
    # Training: 2 of 10 trained a week before go-live is behind the 80 % the organisation asks for.
    assert "Training is behind: 2 of 10 are trained" in body
    assert reverse("people:training_progress", args=[world.line.pk]) in body
    # Change agents: a 24/7 unit of 30 needs one per shift; only the night is covered.
    assert "Kari Testesen – Super-user, night" in body
    assert "2 more agents are needed." in body and "Day: 0 of 1." in body
    assert reverse("people:agent_add", args=[world.coming.pk]) in body
    # Involvement: the open workshop with a way to give input; the old one held without input is not listed.
    assert "Verksted om varsling" in body and reverse("people:input_add", args=[world.workshop.pk]) in body
    assert "Gammelt verksted" not in body
    assert "0 inputs, 0 not answered yet" in body
    InputItem.objects.create(activity=world.workshop, text="Lyden må kunne skrus ned", voice="employee", given_on=TODAY)
    assert "1 input, 1 not answered yet" in unit_page(login(world.users["unit_leader"]), world.unit)
    assert "1 of 9 points answered" in body and reverse("people:information_edit", args=[world.coming.pk]) in body


def test_the_leader_sees_the_benefits_the_unit_is_to_deliver_with_warnings_and_due_measurements(world, login):
    below = Benefit.objects.create(
        initiative=world.initiative, change=world.change, description="Mindre overtid", kind="capacity",
        measure="hours", unit=world.department,
    )  # fmt: skip
    owned = Benefit.objects.create(
        initiative=world.initiative, change=world.change, description="Færre avvik", kind="quality",
        measure="count", owner=world.users["unit_leader"],
    )  # fmt: skip
    elsewhere = Benefit.objects.create(
        initiative=world.initiative, change=world.change, description="Kortere kjøring", kind="capacity",
        measure="hours", unit=world.other_unit,
    )  # fmt: skip
    body = unit_page(login(world.users["unit_leader"]), world.unit)
    section = body.split('id="benefits-heading"')[1].split("</section>")[0]
    for shown in (world.benefit, below, owned):
        assert shown.description in section
    assert elsewhere.description not in section
    # The world's benefit was last measured 01.06.2026 and is measured quarterly: due 01.09.2026.
    assert f"{world.indicator.name}: 01.09.2026" in section and "Overdue" in section
    assert "No benefit owner" in section  # the benefit arising in the department has none
    assert "Not all prerequisites are confirmed" in section


def test_the_leader_sees_the_units_competence_gaps_under_the_minimum_group_rule(world, login):
    body = unit_page(login(world.users["unit_leader"]), world.unit)
    section = body.split('id="gaps-heading"')[1].split("</section>")[0]
    # One person answered in the organisation: the figure is hidden, the need is shown.
    assert world.theme.name in section and "Level 3 needed" in section and "fewer than 5 answers" in section
    assert reverse("people:unit", args=[world.unit.pk]) in section


def test_a_middle_manager_of_the_unit_and_the_portfolio_office_see_the_whole_page(busy_world, login):
    world = busy_world
    manager = make_member(world.org, "a-mellomleder", Role.MIDDLE_MANAGER, scope=world.unit)
    for person in (manager, world.users["portfolio_office"], world.users["top_management"]):
        body = unit_page(login(person), world.unit)
        assert 'id="benefits-heading"' in body and 'id="gaps-heading"' in body
        assert "Training is behind: 2 of 10" in body


def test_the_leader_is_told_when_a_solution_was_chosen_without_them(world, login):
    chosen_without = change_to(world, world.unit, phase=Phase.EXECUTION)
    chosen_with = change_to(world, world.department, phase=Phase.EXECUTION)
    involved = activity(chosen_with, "Arbeidsmøte før valget", open_for_input=False)
    involved.leader_units.add(world.department)
    change_to(world, world.department, phase=Phase.PLANNING)  # not chosen yet: nobody is told
    body = unit_page(login(world.users["unit_leader"]), world.unit)
    assert f"{world.unit.name} was not involved before the solution was chosen" in body
    assert f"{world.department.name} was not involved" not in body
    assert chosen_without.initiative.name in body and chosen_with.initiative.name in body


def test_the_leaders_start_page_leads_to_my_unit(world, login):
    change_to(world, world.department)
    _title, count, rest = panels(home(login, world.users["unit_leader"]))["portfolio-unit_changes"]
    assert count == 1 and f'href="{unit_url(world.unit)}"' in rest


# The unit's employees and everyone else


def test_an_employee_of_the_unit_sees_a_read_only_page_without_colleagues_data(busy_world, login):
    world = busy_world
    employee = world.users["employee"]
    set_unit(employee, world.department)  # a department below the unit counts as the unit
    body = unit_page(login(employee), world.unit)
    assert "You see this page as an employee of the unit" in body
    assert world.coming.initiative.name in body and "Trained by go-live so far: 2 of 10 (20 %)" in body
    assert "Kari Testesen – Super-user, night" in body  # whom to ask is meant for them
    assert reverse("people:information", args=[world.coming.pk]) in body  # published
    # No edit links, no competence figures, no completeness of what the project writes.
    for action in (
        reverse("people:training_progress", args=[world.line.pk]),
        reverse("people:agent_add", args=[world.coming.pk]),
        reverse("people:information_edit", args=[world.coming.pk]),
        reverse("people:initiative_readiness", args=[world.coming.initiative_id]),
        reverse("people:unit", args=[world.unit.pk]),
        reverse("organisations:unit_edit", args=[world.unit.pk]),
    ):
        assert action not in body, action
    assert 'id="gaps-heading"' not in body and "points answered" not in body
    # Employees of an affected unit may give input to the open workshop.
    assert reverse("people:input_add", args=[world.workshop.pk]) in body


def test_an_employee_does_not_see_information_that_is_not_published_yet(busy_world, login):
    world = busy_world
    EmployeeInformation.objects.for_org(world.org).update(published=False)
    employee = world.users["employee"]
    set_unit(employee, world.unit)
    body = unit_page(login(employee), world.unit)
    assert reverse("people:information", args=[world.coming.pk]) not in body
    leader_body = unit_page(login(world.users["unit_leader"]), world.unit)
    assert reverse("people:information", args=[world.coming.pk]) in leader_body
    assert "not yet shown to the employees" in leader_body


def test_an_employee_of_another_unit_sees_the_changes_coming_as_before_and_nothing_more(busy_world, login):
    world = busy_world
    employee = world.users["employee"]
    set_unit(employee, world.other_unit)
    body = unit_page(login(employee), world.unit)
    assert world.coming.initiative.name in body and "Sensorer varsler nattevakten" in body
    for hidden in ("Whom to ask", "Training is behind", "Kari Testesen", 'id="benefits-heading"', 'id="gaps-heading"'):
        assert hidden not in body, hidden
    assert reverse("people:training_progress", args=[world.line.pk]) not in body


def test_a_politician_reads_the_changes_but_gets_no_edit_link(busy_world, login):
    body = unit_page(login(busy_world.users["politician"]), busy_world.unit)
    assert busy_world.coming.initiative.name in body and "/edit/" not in body and "/progress/" not in body


def test_another_organisations_unit_is_not_found(world, other_world, login):
    response = login(world.users["unit_leader"]).get(unit_url(other_world.unit))
    assert response.status_code == 404


# The sector leader


ROW = re.compile(
    r'<tr><th scope="row"><a class="ds-link" href="/[^"]*?/(\d+)/">[^<]*</a></th>'
    r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>'
    r'<td class="num">(\d+)</td><td class="num">(\d+)</td></tr>'
)


def breakdown(body: str) -> dict[int, tuple[int, ...]]:
    """Unit id → (changes, employees affected, training behind, agents missing, benefits at risk)."""
    section = body.split('id="units-below-heading"')[1].split("</section>")[0]
    return {int(pk): tuple(int(n) for n in figures) for pk, *figures in ROW.findall(html.unescape(section))}


def test_the_sector_leader_sees_one_row_per_unit_summing_the_units_below_it(world, login):
    leader = sector_leader(world)
    # Into the department (below the nursing home): 10 employees, 2 of 10 trained a week ahead:
    # behind, and one agent needed (10 ÷ 15, rounded up) with none appointed.
    department = change_to(world, world.department, days=7, employees=10)
    train(department, planned=10, trained=2)
    # Into the 24/7 nursing home itself: 30 employees need one agent on each of three shifts; one day agent.
    home = change_to(world, world.unit, days=60, employees=30)
    appoint(home, world.users["employee"], shift="day")
    # Into the home care: 6 employees, 5 of 6 trained, one agent: nothing missing.
    care = change_to(world, world.other_unit, days=20, employees=6)
    train(care, planned=6, trained=5)
    appoint(care, world.users["owner"])
    body = unit_page(login(leader), world.sector)
    rows = breakdown(body)
    # The nursing home: 2 changes, 40 employees, 1 behind, 1 + 2 agents missing, and the world's
    # benefit (arising there, with an overdue measurement) at risk.
    assert rows == {world.unit.pk: (2, 40, 1, 3, 1), world.other_unit.pk: (1, 6, 0, 0, 0)}
    assert body.index(world.unit.name + "</a></th>") > body.index('id="units-below-heading"')


def test_a_unit_leader_gets_the_breakdown_of_their_departments_and_an_employee_none(world, login):
    change_to(world, world.department, employees=4)
    assert breakdown(unit_page(login(world.users["unit_leader"]), world.unit)) == {world.department.pk: (1, 4, 0, 1, 0)}
    employee = world.users["employee"]
    set_unit(employee, world.unit)
    body = unit_page(login(employee), world.unit)
    assert 'id="units-below-heading"' not in body and "Sub-units" in body


# Queries


def add_unit_with_everything(world, n: int, person) -> None:
    """A unit under the sector with a change, a training line, an agent, an open activity,
    information, a competence need, and a benefit arising there with an indicator."""
    unit = OrgUnit.objects.create(organisation=world.org, name=f"Bofellesskap {n}", level="unit", parent=world.sector)
    affected = change_to(world, unit, days=10 + n, employees=12)
    train(affected, planned=12, trained=n)
    appoint(affected, person)
    activity(affected, f"Innspillsmøte {n}")
    EmployeeInformation.objects.create(affected_unit=affected, what="Nytt", published=True)
    CompetenceRequirement.objects.create(affected_unit=affected, theme=world.theme, target_level=2, staff="Alle")
    benefit = Benefit.objects.create(
        initiative=affected.initiative, change=world.change, description=f"Gevinst {n}", kind="capacity",
        measure="hours", unit=unit, owner=world.users["unit_leader"],
    )  # fmt: skip
    Indicator.objects.create(
        benefit=benefit, name=f"Indikator {n}", unit_of_measure="timer", baseline_value=10,
        baseline_date=TODAY - datetime.timedelta(days=100), target_value=5,
        target_date=TODAY + datetime.timedelta(days=300),
    )  # fmt: skip


def test_the_unit_page_runs_the_same_queries_however_many_units_changes_and_benefits(world, login):
    leader = sector_leader(world)
    client = login(leader)
    add_unit_with_everything(world, 1, world.users["employee"])
    with CaptureQueriesContext(connection) as few:
        body = unit_page(client, world.sector)
    assert "Innspillsmøte 1" in body and "Gevinst 1" in body
    for n in range(2, 6):
        add_unit_with_everything(world, n, world.users["employee"])
    with CaptureQueriesContext(connection) as many:
        body = unit_page(client, world.sector)
    assert len(breakdown(body)) == 7  # the nursing home, the home care and five new units
    assert body.count('">Innspillsmøte') == 5 and len(re.findall(r"Indikator \d: ", body)) == 5  # due measurements
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]


@pytest.mark.parametrize("works_in_the_sector", [True, False], ids=["employee of the sector", "politician"])
def test_the_read_only_pages_run_the_same_queries_however_many_changes(world, login, works_in_the_sector):
    reader = world.users["employee"] if works_in_the_sector else world.users["politician"]
    set_unit(reader, world.sector if works_in_the_sector else None)
    client = login(reader)
    add_unit_with_everything(world, 1, world.users["owner"])
    with CaptureQueriesContext(connection) as few:
        unit_page(client, world.sector)
    for n in range(2, 6):
        add_unit_with_everything(world, n, world.users["owner"])
    with CaptureQueriesContext(connection) as many:
        body = unit_page(client, world.sector)
    assert body.count('<article class="unit-change') == 5
    assert body.count('">Innspillsmøte') == (5 if works_in_the_sector else 0)
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]
