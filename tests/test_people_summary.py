"""The "People" section of the initiative page: one summary per affected unit, read in a fixed
number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisations.models import OrgUnit
from people.models import ChangeAgent, EmployeeInformation, InvolvementActivity, TrainingActivity
from people.models.information import EmployeeInformation as Information
from people.services.summary import initiative_people_summary
from portfolio.models import AffectedUnit, Initiative, Phase

from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

TODAY = timezone.localdate()
COMPLETE = {field: "Skrevet" for field in Information.CHECKLIST}


def to_execution(initiative) -> None:
    Initiative.objects.for_org(initiative.organisation).filter(pk=initiative.pk).update(phase=Phase.EXECUTION)
    initiative.phase = Phase.EXECUTION


@pytest.fixture
def figures(world):
    """The world's initiative in execution. The 24/7 nursing home (30 affected, go-live in ten
    days) has its competence need, 9 of 12 trained, one night-shift agent, three checklist points
    written and a leader who was never involved. The home care service (15 affected) has its
    leader involved before the choice, complete information and nothing else."""
    affected = world.affected
    affected.change_from = TODAY + datetime.timedelta(days=10)
    affected.save()
    TrainingActivity.objects.create(
        initiative=world.initiative,
        affected_unit=affected,
        target_group="Alle",
        method="classroom",
        timing="before",
        hours_per_employee=3,
        employees=12,
        trained=9,
    )
    ChangeAgent.objects.create(
        initiative=world.initiative,
        affected_unit=affected,
        person=world.users["employee"],
        role="super_user",
        shift="night",
    )
    EmployeeInformation.objects.create(affected_unit=affected, what="Hva", why="Hvorfor", who="Hvem")
    home_care = AffectedUnit.objects.create(
        initiative=world.initiative, unit=world.other_unit, employees_affected=15, change_from=TODAY
    )
    EmployeeInformation.objects.create(affected_unit=home_care, published=True, **COMPLETE)
    workshop = InvolvementActivity.objects.create(
        initiative=world.initiative, title="Verksted", held_on=TODAY, phase="planning", method="workshop"
    )
    workshop.leader_units.add(world.other_unit)
    to_execution(world.initiative)
    return affected, home_care


def test_each_unit_gets_its_figures(world, figures):
    nursing_home, home_care = figures
    summary = initiative_people_summary(world.initiative, TODAY)
    first, second = summary.units
    assert (first.affected, second.affected) == (home_care, nursing_home)  # by go-live
    # 9 of 12 is 75 %, under the 80 % wanted from 14 days before go-live
    assert (second.needs, second.training.trained, second.training.planned, second.training.behind) == (1, 9, 12, True)
    # 24/7 with 30 affected: ⌈30 ÷ (3 × 15)⌉ = 1 agent on each of three shifts; only night has one
    assert (len(second.agents.agents), second.agents.needed, second.agents.gap) == (1, 3, 2)
    assert (second.information.complete, second.information_missing) == (False, 6)
    assert second.involvement == "left_out"
    # 15 affected, no shifts: ⌈15 ÷ 15⌉ = 1 agent needed, none appointed
    assert (first.needs, first.training.planned, first.training.behind) == (0, 0, False)
    assert (first.agents.needed, first.agents.gap) == (1, 1)
    assert (first.information.complete, first.information_missing) == (True, 0)
    assert first.involvement == "involved"
    assert [unit.pk for unit in summary.gap.units] == [world.unit.pk]
    assert summary.chosen_without and not summary.before_choice


def test_before_the_choice_a_leader_not_involved_is_not_yet_involved(world):
    summary = initiative_people_summary(world.initiative, TODAY)
    assert [u.involvement for u in summary.units] == ["not_yet"]
    assert summary.before_choice and not summary.chosen_without


def initiative_with_units(world, count: int) -> Initiative:
    initiative = Initiative.objects.create(organisation=world.org, name=f"{count} enheter")
    for number in range(count):
        unit = OrgUnit.objects.create(
            organisation=world.org,
            name=f"Enhet {count}.{number}",
            level=OrgUnit.Level.UNIT,
            parent=world.sector,
            runs_24_7=number % 2 == 0,
        )
        affected = AffectedUnit.objects.create(
            initiative=initiative, unit=unit, employees_affected=20, change_from=TODAY + datetime.timedelta(days=5)
        )
        TrainingActivity.objects.create(
            initiative=initiative,
            affected_unit=affected,
            target_group="Alle",
            method="e_learning",
            timing="at",
            hours_per_employee=1,
            employees=20,
            trained=number,
        )
        ChangeAgent.objects.create(
            initiative=initiative, affected_unit=affected, person=world.users["employee"], role="champion", shift="day"
        )
        EmployeeInformation.objects.create(affected_unit=affected, what="Hva")
        affected.competence_needs.create(theme=world.theme, target_level=2)
        activity = InvolvementActivity.objects.create(
            initiative=initiative, title=f"Møte {number}", held_on=TODAY, phase="concept", method="workshop"
        )
        activity.leader_units.add(unit)
    return initiative


def test_the_summary_reads_as_many_queries_for_five_units_as_for_one(world):
    one, five = initiative_with_units(world, 1), initiative_with_units(world, 5)
    counts = []
    for initiative in (one, five):
        with CaptureQueriesContext(connection) as queries:
            summary = initiative_people_summary(initiative, TODAY)
            [(u.information.complete, u.agents.gap, u.training.behind, u.affected.unit.name) for u in summary.units]
        counts.append(len(queries))
    assert len(summary.units) == 5
    assert [u.needs for u in summary.units] == [1] * 5
    assert sorted(u.training.trained for u in summary.units) == [0, 1, 2, 3, 4]  # sums not multiplied by the joins
    assert counts == [5, 5]


def test_the_initiative_page_has_one_people_section_linking_to_each_part(world, figures, login):
    nursing_home, home_care = figures
    initiative = world.initiative
    body = assert_page(login(world.users["owner"]).get(initiative.get_absolute_url()), initiative.name)
    assert body.count('id="people-heading"') == 1
    assert ">People</h2>" in body
    assert "9 of 12 trained" in body and "Behind before go-live" in body
    assert "1 of 3 needed" in body and "2 missing" in body
    assert "6 checklist items missing" in body and ">Complete</a>" in body
    assert "Chosen without the leader" in body and "Leader involved" in body
    assert "The solution was chosen without involving:" in body  # the involvement warning
    for url in (
        reverse("people:initiative", args=[initiative.pk]) + f"#unit-{nursing_home.pk}",
        reverse("people:initiative_readiness", args=[initiative.pk]) + f"#unit-{nursing_home.pk}",
        reverse("people:information", args=[nursing_home.pk]),
        reverse("people:information", args=[home_care.pk]),
        reverse("people:involvement", args=[initiative.pk]),
        reverse("people:information_list", args=[initiative.pk]),
    ):
        assert f'href="{url}"' in body
