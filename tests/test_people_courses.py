"""The course catalogue: Norwegian money and hours, themes and levels, kept by the portfolio office."""

import pytest
from django.urls import reverse

from organisations.models import Region
from people.models import Course, Theme
from people.services.courses import region_courses
from people.services.gaps import courses_by_theme

from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

ADD = reverse("people:course_add")


def course_data(world, **overrides):
    data = {
        "title": "Tjenestedesign i praksis",
        "provider": "NTNU",
        "format": "study",
        "hours": "400,5",
        "cost_per_participant": "12 500",
        "language": "nn",
        "link": "ntnu.no/tjenestedesign",
        "description": "",
    }
    data.update(overrides)
    return data


def test_a_course_is_added_with_norwegian_numbers_and_the_levels_it_builds(world, login):
    second = Theme.objects.for_org(world.org).exclude(pk=world.theme.pk).order_by("order").first()
    data = course_data(world, **{f"theme_{world.theme.pk}": "4", f"theme_{second.pk}": "2"})
    assert login(world.users["portfolio_office"]).post(ADD, data).status_code == 302
    course = Course.objects.for_org(world.org).get(title="Tjenestedesign i praksis")
    assert (str(course.hours), course.cost_per_participant, course.link) == (
        "400.5",
        12500,
        "https://ntnu.no/tjenestedesign",
    )
    assert dict(course.themes_built.values_list("theme_id", "level")) == {world.theme.pk: 4, second.pk: 2}
    assert course.shift_workers_can_take is False
    body = assert_page(login(world.users["employee"]).get(reverse("people:courses")), "Courses")
    assert "12\xa0500\xa0kr" in body and "400,5" in body
    assert f"{world.theme.name} up to level 4" in body


def test_changing_a_course_moves_removes_and_adds_theme_levels(world, login):
    second = Theme.objects.for_org(world.org).exclude(pk=world.theme.pk).order_by("order").first()
    data = course_data(world, title=world.course.title, **{f"theme_{world.theme.pk}": "", f"theme_{second.pk}": "5"})
    response = login(world.users["administrator"]).post(reverse("people:course_edit", args=[world.course.pk]), data)
    assert response.status_code == 302
    assert dict(world.course.themes_built.values_list("theme_id", "level")) == {second.pk: 5}


@pytest.mark.parametrize(("field", "value"), [("hours", "-1"), ("hours", "2000,1"), ("cost_per_participant", "12,5,0")])
def test_impossible_hours_or_cost_are_field_errors_and_nothing_is_saved(world, login, field, value):
    data = course_data(world, **{field: value, f"theme_{world.theme.pk}": "3"})
    response = login(world.users["portfolio_office"]).post(ADD, data)
    assert_page(response, "Add: Course")
    assert list(response.context["form"].errors) == [field]
    assert not Course.objects.for_org(world.org).filter(title="Tjenestedesign i praksis").exists()


def test_a_level_that_is_not_1_to_5_is_a_field_error(world, login):
    response = login(world.users["portfolio_office"]).post(ADD, course_data(world, **{f"theme_{world.theme.pk}": "9"}))
    assert_page(response, "Add: Course")
    assert list(response.context["form"].errors) == [f"theme_{world.theme.pk}"]


def test_only_the_portfolio_office_and_administrators_change_the_catalogue(world, login):
    response = login(world.users["unit_leader"]).post(
        reverse("people:course_edit", args=[world.course.pk]), course_data(world, title="Endret")
    )
    assert response.status_code == 403
    world.course.refresh_from_db()
    assert world.course.title != "Endret"


@pytest.fixture
def neighbours(world, other_world):
    """Fjordvik and Havlund in one region; Havlund shares its course and keeps another to itself."""
    region = Region.objects.create(name="Trøndelag")
    for w in (world, other_world):
        w.org.region = region
        w.org.save()
    other_world.course.shared_with_region = True
    other_world.course.save()
    Course.objects.create(
        organisation=other_world.org, title="Havlund internkurs", provider="HR", format="workshop", hours=2
    )
    return other_world


def test_the_catalogue_shows_courses_the_region_shares_read_only(world, neighbours, login):
    body = assert_page(login(world.users["employee"]).get(reverse("people:courses")), "Courses")
    assert "Shared in the region" in body and neighbours.course.title in body and "Havlund internkurs" not in body
    assert "Shared by" in body
    office = login(world.users["portfolio_office"])
    assert (
        reverse("people:course_edit", args=[neighbours.course.pk])
        not in office.get(reverse("people:courses")).content.decode()
    )
    response = office.post(
        reverse("people:course_edit", args=[neighbours.course.pk]), course_data(world, title="Tatt over")
    )
    assert response.status_code == 404
    neighbours.course.refresh_from_db()
    assert neighbours.course.title == "Havlund gevinstkurs"


def test_a_shared_course_closes_gaps_in_the_theme_of_the_same_name(world, neighbours):
    found = {built.course.title for built in courses_by_theme(world.org)[world.theme.pk]}
    assert found == {world.course.title, neighbours.course.title}


def test_outside_the_region_or_unshared_nothing_crosses(world, neighbours, login):
    neighbours.course.shared_with_region = False
    neighbours.course.save()
    assert list(region_courses(world.org)) == []
    neighbours.course.shared_with_region = True
    neighbours.course.save()
    world.org.region = Region.objects.create(name="Vestland")
    world.org.save()
    body = assert_page(login(world.users["employee"]).get(reverse("people:courses")), "Courses")
    assert neighbours.course.title not in body and "Shared in the region" not in body


def test_a_shared_course_is_copied_into_the_catalogue_with_the_themes_of_the_same_name(world, neighbours, login):
    office = login(world.users["portfolio_office"])
    body = assert_page(office.get(reverse("people:courses")), "Courses")
    adopt = reverse("people:adopt_region_course", args=[neighbours.course.pk])
    assert adopt in body
    response = office.post(adopt)
    assert response.status_code == 302
    copy = Course.objects.for_org(world.org).get(title=neighbours.course.title)
    assert (copy.provider, copy.hours, copy.cost_per_participant, copy.shared_with_region) == (
        neighbours.course.provider,
        neighbours.course.hours,
        neighbours.course.cost_per_participant,
        False,
    )
    shared_levels = {b.theme.name: b.level for b in neighbours.course.themes_built.all()}
    assert shared_levels, "the shared course should build a theme"
    copied_levels = {b.theme.name: b.level for b in copy.themes_built.all()}
    assert copied_levels == {name: level for name, level in shared_levels.items() if name == world.theme.name}
    assert {b.theme.organisation_id for b in copy.themes_built.all()} <= {world.org.pk}


def test_copying_a_course_twice_is_refused_with_a_message(world, neighbours, login):
    office = login(world.users["portfolio_office"])
    adopt = reverse("people:adopt_region_course", args=[neighbours.course.pk])
    office.post(adopt)
    body = assert_page(office.post(adopt, follow=True), "Courses")
    assert "Your catalogue already has a course called" in body
    assert Course.objects.for_org(world.org).filter(title=neighbours.course.title).count() == 1


def test_only_shared_courses_of_the_region_can_be_copied(world, neighbours, login):
    office = login(world.users["portfolio_office"])
    hidden = Course.objects.for_org(neighbours.org).get(title="Havlund internkurs")
    assert office.post(reverse("people:adopt_region_course", args=[hidden.pk])).status_code == 404
    adopt = reverse("people:adopt_region_course", args=[neighbours.course.pk])
    response = login(world.users["unit_leader"]).post(adopt)
    assert response.status_code == 403
    assert not Course.objects.for_org(world.org).filter(title=neighbours.course.title).exists()
