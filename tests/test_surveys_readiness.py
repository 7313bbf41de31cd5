"""The staff's readiness measured in a survey orders the rollout waves the people side suggests."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from organisations.models import Membership
from people.services.waves import suggested_order
from portfolio.models import AffectedUnit
from surveys.models import Round
from surveys.services.readiness import measured_readiness
from surveys.services.rounds import close_round

from .pages import assert_page
from .survey_results_data import add_responses, every_stage, make_round, readiness_template, released_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_units(world):
    """The change reaches the unit (leader judges 1), its department (not judged) and the other unit
    (leader judges 5)."""
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(readiness=1)
    go_live = datetime.date(2026, 9, 1)
    for unit, readiness in ((world.department, None), (world.other_unit, 5)):
        AffectedUnit.objects.create(
            initiative=world.initiative, unit=unit, employees_affected=5, change_from=go_live, readiness=readiness
        )
    return world


def surveyed(world, *, initiative=True):
    """A closed readiness round: the unit's 6 answer 4 on every statement and its department's 2 answer 2
    (too few alone: counted in the unit's group, (6 × 4 + 2 × 2) / 8 = 3,5); the other unit's 5 answer 2."""
    template = readiness_template(world.org)
    tree = {"Sector": (None, 0), "Unit": ("Sector", 12), "Dept": ("Unit", 3), "Other": ("Sector", 10)}
    org_units = {"Sector": world.sector, "Unit": world.unit, "Dept": world.department, "Other": world.other_unit}
    round, units = make_round(world.org, template, tree, org_units=org_units)
    if initiative:
        Round.objects.for_org(world.org).filter(pk=round.pk).update(initiative=world.initiative)
    add_responses(round, units["Unit"], [every_stage(template, 4)] * 6)
    add_responses(round, units["Dept"], [every_stage(template, 2)] * 2)
    add_responses(round, units["Other"], [every_stage(template, 2)] * 5)
    return close_round(round)


def test_a_unit_gets_the_readiness_of_the_group_holding_its_answers(three_units):
    w = three_units
    surveyed(w)
    assert measured_readiness(w.initiative) == {
        w.unit.pk: Decimal("3.5"),
        w.department.pk: Decimal("3.5"),
        w.other_unit.pk: Decimal("2.0"),
    }


def test_the_staffs_readiness_wins_over_the_leaders_judgement_in_the_suggested_order(three_units):
    w = three_units
    by_leader = [s.affected.unit for s in suggested_order(w.initiative)]
    assert by_leader[0] == w.other_unit  # judged 5 by its leader
    surveyed(w)
    order = suggested_order(w.initiative)
    assert [s.affected.unit for s in order][-1] == w.other_unit  # its staff said 2,0
    assert "2,0" in order[-1].reason


def test_a_round_about_another_initiative_or_none_does_not_count(three_units):
    w = three_units
    surveyed(w, initiative=False)
    assert measured_readiness(w.initiative) == {}


def test_the_unit_page_shows_the_latest_released_figures_and_the_barrier_point(world, login, pages_in_english):
    round = released_round(world)  # the unit's 6 answered 4 everywhere; the other unit's 5 answered 3
    page = assert_page(
        login(world.users["unit_leader"]).get(reverse("organisations:unit", args=[world.unit.pk])), world.unit.name
    )
    section = page[page.index('id="unit-surveys-heading"') :]
    assert round.title in section and "Understanding why: 4,0 of 5" in section
    assert "barrier point" not in section
    other = login(world.users["portfolio_office"]).get(reverse("organisations:unit", args=[world.other_unit.pk]))
    section = assert_page(other, world.other_unit.name)[other.content.decode().index('id="unit-surveys-heading"') :]
    assert "Understanding why: 3,0 of 5" in section and "The barrier point is “Understanding why”" in section


def test_the_units_staff_do_not_get_the_survey_section(world, login, pages_in_english):
    released_round(world)
    Membership.objects.for_org(world.org).filter(user=world.users["employee"]).update(unit=world.department)
    page = assert_page(
        login(world.users["employee"]).get(reverse("organisations:unit", args=[world.department.pk])),
        world.department.name,
    )
    assert "unit-surveys-heading" not in page
