"""The competence framework: the default every organisation starts with, and editing it."""

import pytest
from django.urls import reverse
from django.utils import translation

from organisations.models import Organisation
from people.defaults import DEFAULT_THEMES
from people.models import Theme
from people.services.framework import seed_default_framework

from .factories import make_world, valid_orgnr
from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


def theme_data(**overrides):
    data = {"name": "Personvern i praksis", "description": "", "order": "200"}
    data.update({f"level_{n}": f"Nivå {n}" for n in range(1, 6)})
    data.update(overrides)
    return data


def test_a_new_organisation_starts_with_the_kompetanseloft_themes_then_the_digcomp_areas(world):
    themes = list(Theme.objects.for_org(world.org).order_by("order"))
    assert [t.source for t in themes] == ["kompetanseloft"] * 7 + ["digcomp"] * 5
    with translation.override("en"):
        english = [str(name) for _source, name, _description, _levels in DEFAULT_THEMES]
    assert english[:7] == [
        "Benefits work",
        "Anchoring",
        "Service design",
        "Change management",
        "User involvement",
        "Governing documents",
        "Service and organisation development",
    ]
    assert english[7:] == [
        "Information and data literacy",
        "Communication and collaboration",
        "Digital content creation",
        "Safety",
        "Problem solving",
    ]
    assert all(t.level_1 and t.level_5 for t in themes)


def test_the_default_is_written_in_the_organisations_language(db):
    nynorsk = Organisation.objects.create(
        name="Fjordnes", municipality_number="4601", org_number=valid_orgnr(), language="nn"
    )
    with translation.override("nn"):
        expected = [str(levels[2]) for _source, _name, _description, levels in DEFAULT_THEMES]
    assert [t.level_3 for t in Theme.objects.for_org(nynorsk).order_by("order")] == expected


def test_seeding_again_adds_nothing_and_each_organisation_has_its_own_copy(world):
    assert seed_default_framework(world.org) == 0
    other = make_world("c", "Vikna")
    world.theme.level_3 = "Endret av Fjordvik"
    world.theme.save()
    assert Theme.objects.for_org(other.org).get(name=world.theme.name).level_3 != "Endret av Fjordvik"


def test_the_framework_page_lists_levels_and_credits_digcomp(world, login):
    body = assert_page(login(world.users["employee"]).get(reverse("people:framework")), "Competence framework")
    assert world.theme.level_4 in body
    assert "DigComp 2.2" in body and "CC BY-SA 4.0" in body
    assert reverse("people:theme_add") not in body  # an employee does not edit the framework


def test_the_portfolio_office_edits_a_level_text(world, login):
    theme = world.theme
    data = theme_data(name=theme.name, level_3="Jeg kan lage en gevinstplan sammen med andre.")
    response = login(world.users["portfolio_office"]).post(reverse("people:theme_edit", args=[theme.pk]), data)
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.level_3 == "Jeg kan lage en gevinstplan sammen med andre."


def test_a_theme_name_already_in_the_framework_is_a_field_error(world, login):
    response = login(world.users["portfolio_office"]).post(
        reverse("people:theme_add"), theme_data(name=world.theme.name.upper())
    )
    assert_page(response, "Add: Competence theme")
    assert list(response.context["form"].errors) == ["name"]
    assert Theme.objects.for_org(world.org).count() == 12


def test_a_new_theme_is_added_with_its_levels(world, login):
    response = login(world.users["administrator"]).post(reverse("people:theme_add"), theme_data())
    assert response.status_code == 302
    theme = Theme.objects.for_org(world.org).get(name="Personvern i praksis")
    assert (theme.source, theme.level_5) == ("own", "Nivå 5")


def test_an_employee_cannot_change_the_framework(world, login):
    response = login(world.users["employee"]).post(
        reverse("people:theme_edit", args=[world.theme.pk]), theme_data(name="Endret")
    )
    assert response.status_code == 403
    world.theme.refresh_from_db()
    assert world.theme.name != "Endret"


def test_a_theme_an_initiative_needs_is_not_removed(world, login):
    response = login(world.users["portfolio_office"]).post(reverse("people:theme_delete", args=[world.theme.pk]))
    assert response.status_code == 302
    assert Theme.objects.for_org(world.org).filter(pk=world.theme.pk).exists()
    unused = Theme.objects.for_org(world.org).exclude(pk=world.theme.pk).first()
    assert (
        login(world.users["portfolio_office"]).post(reverse("people:theme_delete", args=[unused.pk])).status_code == 302
    )
    assert not Theme.objects.for_org(world.org).filter(pk=unused.pk).exists()
