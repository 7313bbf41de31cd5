"""The course catalogue: Norwegian money and hours, themes and levels, kept by the portfolio office."""

import pytest
from django.urls import reverse

from people.models import Course, Theme

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
