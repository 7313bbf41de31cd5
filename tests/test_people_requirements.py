"""What an initiative needs of competence in each affected unit."""

import pytest
from django.urls import reverse

from people.models import CompetenceRequirement, Theme

from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


def test_the_initiative_page_links_to_the_competence_it_needs(world, login):
    body = assert_page(login(world.users["employee"]).get(world.initiative.get_absolute_url()), world.initiative.name)
    assert reverse("people:initiative", args=[world.initiative.pk]) in body


def test_everyone_reads_the_needs_and_only_editors_get_the_links(world, login, client):
    url = reverse("people:initiative", args=[world.initiative.pk])
    body = assert_page(login(world.users["employee"]).get(url), "Competence needed")
    assert world.unit.name in body and world.theme.name in body and "Nattevakter" in body
    assert reverse("people:requirement_add", args=[world.affected.pk]) not in body
    client.logout()
    body = assert_page(login(world.users["owner"]).get(url), "Competence needed")
    assert reverse("people:requirement_add", args=[world.affected.pk]) in body
    assert reverse("people:requirement_edit", args=[world.requirement.pk]) in body


def test_the_project_owner_adds_a_need(world, login):
    theme = Theme.objects.for_org(world.org).exclude(pk=world.theme.pk).first()
    response = login(world.users["owner"]).post(
        reverse("people:requirement_add", args=[world.affected.pk]),
        {"theme": theme.pk, "target_level": "2", "staff": "Alle i turnus", "staff_count": "30"},
    )
    assert response.status_code == 302
    need = world.affected.competence_needs.get(theme=theme)
    assert (need.target_level, need.staff, need.staff_count, need.organisation_id) == (
        2,
        "Alle i turnus",
        30,
        world.org.pk,
    )


def test_more_staff_than_are_affected_is_a_field_error_and_nothing_is_saved(world, login):
    theme = Theme.objects.for_org(world.org).exclude(pk=world.theme.pk).first()
    response = login(world.users["owner"]).post(
        reverse("people:requirement_add", args=[world.affected.pk]),
        {"theme": theme.pk, "target_level": "2", "staff_count": "31"},  # 30 are affected
    )
    assert_page(response, f"Add competence need for {world.unit.name}")
    assert list(response.context["form"].errors) == ["staff_count"]
    assert not world.affected.competence_needs.filter(theme=theme).exists()


def test_a_second_need_for_the_same_theme_is_a_field_error(world, login):
    response = login(world.users["owner"]).post(
        reverse("people:requirement_add", args=[world.affected.pk]), {"theme": world.theme.pk, "target_level": "4"}
    )
    assert_page(response, f"Add competence need for {world.unit.name}")
    assert list(response.context["form"].errors) == ["theme"]
    assert world.affected.competence_needs.count() == 1


def test_a_level_outside_1_to_5_is_refused(world, login):
    response = login(world.users["owner"]).post(
        reverse("people:requirement_edit", args=[world.requirement.pk]), {"theme": world.theme.pk, "target_level": "6"}
    )
    assert_page(response, f"Edit competence need for {world.unit.name}")
    assert list(response.context["form"].errors) == ["target_level"]
    world.requirement.refresh_from_db()
    assert world.requirement.target_level == 3


def test_a_unit_leader_who_may_not_change_the_initiative_cannot_set_its_needs(world, login):
    response = login(world.users["unit_leader"]).post(
        reverse("people:requirement_edit", args=[world.requirement.pk]), {"theme": world.theme.pk, "target_level": "1"}
    )
    assert response.status_code == 403
    world.requirement.refresh_from_db()
    assert world.requirement.target_level == 3


def test_a_theme_of_another_organisation_is_not_a_choice(world, other_world, login):
    response = login(world.users["owner"]).post(
        reverse("people:requirement_add", args=[world.affected.pk]),
        {"theme": other_world.theme.pk, "target_level": "2"},
    )
    assert_page(response, f"Add competence need for {world.unit.name}")
    assert list(response.context["form"].errors) == ["theme"]
    assert not CompetenceRequirement.objects.for_org(world.org).filter(theme=other_world.theme).exists()
