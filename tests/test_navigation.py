"""The main menu: each person sees the places they can use, and every place shown opens for them."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.permissions import RULES
from dashboards.menu import registered
from demo.fjordvik import load_fjordvik
from organisations.models import OrgUnit, Role

from .factories import give_role
from .pages import assert_page
from .test_access import EVERYONE

pytestmark = pytest.mark.django_db

EVERY_MEMBER = ["Overview", "Portfolio", "Timeline", "Benefits", "Competence", "Organisation", "People"]
WRITER = [
    "Overview",
    "Portfolio",
    "Timeline",
    "Benefits",
    "My benefits",
    "Ideas",
    "Competence",
    "Organisation",
    "People",
]
WRITER_WITH_UNIT = ["Overview", "My unit", *WRITER[1:]]


def with_change_load(places: list[str]) -> list[str]:
    """The menu of someone who also sees the change load and the survey rounds (management and unit leaders)."""
    at = places.index("Competence") + 1
    return [*places[:at], "Change load", "Surveys", *places[at:]]


def menu(client, url="/") -> list[tuple[str, str, bool]]:
    """The main menu of the page at ``url``: (label, link, marked current) in order."""
    response = client.get(url)
    assert response.status_code == 200
    nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', response.content.decode(), re.S).group(1)
    return [
        (label, href, bool(current))
        for href, current, label in re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    ]


def labels(client, url="/") -> list[str]:
    return [label for label, _href, _current in menu(client, url)]


def in_english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def unit_url(unit) -> str:
    return reverse("organisations:unit", args=[unit.pk])


def test_every_item_names_a_rule_that_exists():
    assert [item for item in registered() if item.rule is not None and not RULES.rule_exists(item.rule)] == []


def test_a_politician_sees_no_place_for_writing(world, login):
    client = login(in_english(world.users["politician"]))
    assert labels(client) == EVERY_MEMBER  # neither ideas nor "my benefits", and no unit of their own


def test_the_portfolio_office_sees_ideas_and_its_own_benefits(world, login):
    client = login(in_english(world.users["portfolio_office"]))
    assert labels(client) == with_change_load(WRITER)


def test_a_unit_leader_reaches_the_unit_they_lead(world, login):
    client = login(in_english(world.users["unit_leader"]))
    links = menu(client)
    assert links[1] == ("My unit", unit_url(world.unit), False)
    assert "Ideas" in labels(client) and "My benefits" in labels(client)


def test_a_middle_manager_reaches_the_unit_their_role_covers(world, login):
    assert menu(login(in_english(world.users["middle_manager"])))[1] == ("My unit", unit_url(world.other_unit), False)


def test_an_employee_reaches_the_unit_they_work_in(world, login):
    employee = in_english(world.users["employee"])
    assert "My unit" not in labels(login(employee))  # works in no unit yet
    employee.memberships.update(unit=world.department)
    assert menu(login(employee))[1] == ("My unit", unit_url(world.department), False)


def test_a_leader_of_a_sector_and_a_unit_below_it_reaches_the_sector(world, login):
    leader = in_english(world.users["unit_leader"])
    OrgUnit.objects.for_org(world.org).filter(pk=world.sector.pk).update(leader=leader)
    assert menu(login(leader))[1] == ("My unit", unit_url(world.sector), False)


def test_a_leader_of_two_units_apart_reaches_the_unit_list_where_both_are(world, login):
    leader = in_english(world.users["unit_leader"])
    give_role(leader.memberships.get(), Role.MIDDLE_MANAGER, world.other_unit)
    client = login(leader)
    assert menu(client)[1] == ("My unit", reverse("organisations:units"), False)
    # On the unit list only the first of the two items leading there is marked current.
    assert [label for label, _href, current in menu(client, reverse("organisations:units")) if current] == ["My unit"]


def test_the_current_page_is_marked_in_the_menu(world, login):
    client = login(in_english(world.users["unit_leader"]))
    assert [label for label, _href, current in menu(client, reverse("portfolio:timeline")) if current] == ["Timeline"]
    assert [label for label, _href, current in menu(client, unit_url(world.unit)) if current] == ["My unit"]
    # A page that is not in the menu marks nothing.
    assert [label for label, _href, current in menu(client, world.initiative.get_absolute_url()) if current] == []


@pytest.mark.parametrize("who", sorted(EVERYONE))
def test_every_place_shown_opens_for_the_person(world, login, who):
    world.users["employee"].memberships.update(unit=world.department)
    client = login(world.users[who])
    links = menu(client)
    assert len(links) >= len(EVERY_MEMBER)
    assert {href: client.get(href).status_code for _label, href, _current in links} == {
        href: 200 for _label, href, _current in links
    }


def test_no_menu_for_someone_signed_out(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert 'class="main-nav"' not in body and 'id="site-tools"' in body


DEMO_MENUS = {
    # Top management and two unit leaders (of the health sector, of a unit) see the change load.
    "kommunedirektor": with_change_load(WRITER_WITH_UNIT),
    "prosjekteier": with_change_load(WRITER_WITH_UNIT),
    "gevinsteier": with_change_load(WRITER_WITH_UNIT),
    "ansatt": WRITER_WITH_UNIT,
    "koordinator": WRITER,
    "politiker": EVERY_MEMBER,
}


def test_demo_roles_see_their_places_and_each_opens(login):
    load_fjordvik(datetime.date(2026, 11, 22))
    people = get_user_model().objects.in_bulk(list(DEMO_MENUS), field_name="username")
    shown = {}
    for username in DEMO_MENUS:
        client = login(in_english(people[username]))
        links = menu(client)
        shown[username] = [label for label, _href, _current in links]
        for _label, href, _current in links:
            assert client.get(href).status_code == 200, (username, href)
    assert shown == DEMO_MENUS
    # The chief executive leads every sector without a leader of its own: "my unit" is the unit list.
    client = login(people["kommunedirektor"])
    assert {label: href for label, href, _current in menu(client)}["My unit"] == reverse("organisations:units")
    # The project owner leads the health and care sector: "my unit" is the sector's page.
    client = login(people["prosjekteier"])
    my_unit = {label: href for label, href, _current in menu(client)}["My unit"]
    assert_page(client.get(my_unit), "Helse og omsorg")
