"""The initiative page's People section and the competence heatmap in Chromium: axe, and at
390 px the heatmap scrolls in its own region while the page does not."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from organisations.models import OrgUnit
from people.models import CompetenceRequirement, Theme
from portfolio.models import AffectedUnit

from .browser import PHONE_WIDTH, assert_page_accessible, sign_in
from .test_people_gaps import staff
from .test_people_summary import figures  # noqa: F401 (figures: the fixture used below)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def summary_figures(request):
    return request.getfixturevalue("figures")


def test_the_people_section_of_the_initiative_page(page, world, summary_figures):
    sign_in(page, world.users["owner"])
    assert_page_accessible(page, world.initiative.get_absolute_url(), world.initiative.name)
    section = page.locator("section[aria-labelledby=people-heading]")
    assert section.locator("tbody tr").count() == 2


def test_a_wide_heatmap_scrolls_in_its_region_not_the_page(page, world):
    for number, theme in enumerate(Theme.objects.for_org(world.org).order_by("order")[:8]):
        unit = OrgUnit.objects.create(
            organisation=world.org, name=f"Avdeling med et langt navn {number}", level="department", parent=world.unit
        )
        affected = AffectedUnit.objects.create(
            initiative=world.initiative, unit=unit, employees_affected=5, change_from=datetime.date(2026, 9, 1)
        )
        CompetenceRequirement.objects.create(affected_unit=affected, theme=theme, target_level=4)
    staff(world, world.unit, [1, 2, 3, 4, 5])
    sign_in(page, world.users["portfolio_office"])
    assert_page_accessible(page, reverse("people:gaps"), "Kompetansegap")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    region = page.locator(".heatmap-scroll")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    assert page.locator("svg.heatmap g.heatmap-cell").count() == 9 * 8
