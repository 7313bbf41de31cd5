"""Competence figures per unit and the gaps, with the minimum-group rule; hand-computed."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import OrgUnit
from people.models import CompetenceRequirement, Course, CourseTheme
from people.services.gaps import gap_heatmap, unit_competence
from portfolio.models import AffectedUnit, Initiative

from .factories import assessed_member
from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

GAPS = reverse("people:gaps")


def staff(world, unit, levels, prefix="ansatt"):
    """One member of ``unit`` per level in ``levels``, each assessed in the world's theme."""
    for number, level in enumerate(levels):
        assessed_member(world.org, f"{prefix}-{unit.pk}-{number}", unit, {world.theme: level})


def gap_of(world, unit):
    heatmap = gap_heatmap(world.org, None)
    return next(row for row in heatmap.rows if row.unit == unit).gaps[world.theme.pk]


def test_four_answers_show_nothing_and_five_show_the_gap(world):
    staff(world, world.unit, [1, 2, 2, 4])
    gap = gap_of(world, world.unit)
    assert (gap.required, gap.distribution, gap.band) == (3, None, "unknown")
    assessed_member(world.org, "femte", world.unit, {world.theme: 3})
    gap = gap_of(world, world.unit)
    # Levels 1, 2, 2, 4, 3 against level 3 needed: 3 of 5 are below, 60 %.
    assert gap.distribution.per_level == (1, 2, 1, 1, 0)
    assert (gap.below, gap.share_below, gap.band) == (3, Decimal("0.6"), "large")


def test_a_small_department_is_counted_with_its_unit_and_shown_as_the_unit(world):
    staff(world, world.unit, [3, 4, 5])
    staff(world, world.department, [1, 1])
    CompetenceRequirement.objects.create(
        affected_unit=AffectedUnit.objects.create(
            initiative=world.initiative,
            unit=world.department,
            employees_affected=10,
            change_from=datetime.date(2026, 9, 1),
        ),
        theme=world.theme,
        target_level=2,
    )
    unit_gap, department_gap = gap_of(world, world.unit), gap_of(world, world.department)
    # 3 + 2 = 5 answers in the unit's group. Level 3 needed in the unit: the two at level 1 are below (40 %).
    assert (unit_gap.below, unit_gap.distribution.count, unit_gap.band, unit_gap.merged_into) == (
        2,
        5,
        "moderate",
        None,
    )
    # The department's own two answers are never shown alone: its gap reads the unit's group.
    assert department_gap.distribution.group.unit_id == world.unit.pk
    assert (department_gap.below, department_gap.merged_into) == (2, world.unit.name)


def test_needs_of_completed_initiatives_do_not_count(world):
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(phase="completed")
    assert gap_heatmap(world.org, None).rows == []


def test_the_heatmap_shows_level_numbers_and_share_in_words_for_the_unit_leader(world, login):
    staff(world, world.unit, [1, 2, 2, 4, 3])
    body = assert_page(login(world.users["unit_leader"]).get(GAPS), "Competence gaps")
    assert "Level 3 needed" in body
    assert "3 of 5 below (60\xa0%)" in body
    assert 'class="gap gap--large"' in body


def test_a_leader_sees_only_the_units_they_lead(world, login):
    staff(world, world.unit, [1, 2, 2, 4, 3])
    body = assert_page(login(world.users["middle_manager"]).get(GAPS), "Competence gaps")
    assert world.unit.name not in body
    assert "No active initiative has said which competence it needs in your units yet." in body


def test_an_employee_sees_no_figures(world, login):
    assert login(world.users["employee"]).get(GAPS).status_code == 403
    assert login(world.users["employee"]).get(reverse("people:unit", args=[world.unit.pk])).status_code == 403


def test_the_unit_page_lists_courses_that_reach_the_level_needed_shift_friendly_first(world, login):
    staff(world, world.unit, [1, 2, 2, 4, 3])
    classroom = Course.objects.create(
        organisation=world.org, title="Gevinstdag", provider="KS", format="classroom", hours=6, cost_per_participant=0
    )
    CourseTheme.objects.create(course=classroom, theme=world.theme, level=3)
    too_low = Course.objects.create(
        organisation=world.org, title="Gevinster for nybegynnere", provider="KS", format="e_learning", hours=1
    )
    CourseTheme.objects.create(course=too_low, theme=world.theme, level=2)
    item = next(i for i in unit_competence(world.org, world.unit) if i.theme == world.theme)
    # The unit runs 24/7: the e-learning shift workers can take comes before the cheaper classroom day.
    assert [c.course for c in item.courses] == [world.course, classroom]
    body = assert_page(
        login(world.users["unit_leader"]).get(reverse("people:unit", args=[world.unit.pk])),
        f"Competence in {world.unit.name}",
    )
    assert world.course.title in body and "Gevinstdag" in body and "Gevinster for nybegynnere" not in body


def test_no_courses_are_listed_where_no_one_is_below_the_level(world):
    staff(world, world.unit, [3, 3, 4, 5, 5])
    item = next(i for i in unit_competence(world.org, world.unit) if i.theme == world.theme)
    assert (item.gap.below, item.gap.band, item.courses) == (0, "none", [])


def test_the_heatmap_and_unit_page_queries_do_not_grow_with_the_data(world, login):
    client = login(world.users["portfolio_office"])
    unit_url = reverse("people:unit", args=[world.unit.pk])
    staff(world, world.unit, [1, 2, 3, 4, 5])

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = (queries(GAPS), queries(unit_url))
    for number in range(4):
        unit = OrgUnit.objects.create(
            organisation=world.org, name=f"Avdeling {number}", level="department", parent=world.other_unit, headcount=9
        )
        affected = AffectedUnit.objects.create(
            initiative=world.initiative, unit=unit, employees_affected=5, change_from=datetime.date(2026, 9, 1)
        )
        CompetenceRequirement.objects.create(affected_unit=affected, theme=world.theme, target_level=4)
        staff(world, unit, [2, 3, 4, 5, 1, 2], prefix=f"flere{number}")
    assert (queries(GAPS), queries(unit_url)) == before


def test_the_heatmap_says_fewer_than_5_answers_and_never_shows_four(world, login):
    staff(world, world.unit, [1, 1, 1, 1])
    body = assert_page(login(world.users["unit_leader"]).get(GAPS), "Competence gaps")
    assert "fewer than 5 answers" in body and 'class="gap gap--unknown"' in body
    assert "of 4 below" not in body


def test_an_organisation_that_raises_the_minimum_to_6_hides_a_group_of_5(world):
    staff(world, world.unit, [1, 2, 2, 4, 3])
    world.org.minimum_group_size = 6
    world.org.save()
    assert gap_of(world, world.unit).distribution is None


def test_the_unit_page_links_to_its_competence_for_its_leader_only(world, login, client):
    unit_page, competence = (
        reverse("organisations:unit", args=[world.unit.pk]),
        reverse("people:unit", args=[world.unit.pk]),
    )
    assert competence in assert_page(login(world.users["unit_leader"]).get(unit_page), world.unit.name)
    client.logout()
    assert competence not in assert_page(login(world.users["employee"]).get(unit_page), world.unit.name)
