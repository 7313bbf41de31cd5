"""Fjordvik's people side shows every case of the minimum-group rule."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Q

from benefits.models import Benefit
from benefits.services.warnings import contributed_warnings
from demo.fjordvik import load_fjordvik
from demo.fjordvik_involvement import CHOSEN_WITHOUT_THEM
from demo.fjordvik_load import OVERLOADED
from organisations.actor import build_actor
from organisations.models import OrgUnit
from people.models import Course, InputItem
from people.services.assessments import shared_with
from people.services.gaps import gap_heatmap
from people.services.involvement import with_gaps
from people.services.load import change_load
from portfolio.models import Initiative, Phase

pytestmark = pytest.mark.django_db


def test_the_demo_has_needs_courses_and_answers_above_and_below_the_minimum():
    result = load_fjordvik(reference=datetime.date(2026, 11, 22))
    org = result.organisation
    assert Course.objects.for_org(org).count() == 6
    rows = {row.unit.name: row for row in gap_heatmap(org, None).rows}
    home_care = rows["Hjemmetjenesten"]
    assert {gap.distribution.count for gap in home_care.gaps.values()} == {6}  # 4 + 2 merged in from a department
    assert all(gap.distribution is None for gap in rows["Fjordtun sykehjem"].gaps.values())
    assert {gap.distribution.count for gap in rows["Fjordvik skole"].gaps.values()} == {5}
    leader = result.users["mellomleder"]
    assert OrgUnit.objects.for_org(org).get(name="Hjemmetjenesten").leader == leader
    assert len(shared_with(build_actor(leader, org.pk))) == 2


def test_one_demo_initiative_chose_its_solution_without_those_affected():
    org = load_fjordvik(reference=datetime.date(2026, 11, 22)).organisation
    flagged = with_gaps(Initiative.objects.for_org(org).filter(phase=Phase.EXECUTION)).filter(
        Q(leaders_left_out=True) | Q(union_left_out=True)
    )
    assert list(flagged.values_list("name", flat=True)) == [CHOSEN_WITHOUT_THEM]
    answered = InputItem.objects.for_org(org).exclude(response=InputItem.Response.OPEN)
    assert answered.exists() and not answered.filter(reason="").exists()  # "you said, we did", with reasons


def test_the_home_care_service_is_over_its_change_load_limit_when_two_changes_land_together():
    org = load_fjordvik(reference=datetime.date(2026, 11, 22)).organisation
    grid = change_load(org, datetime.date(2026, 11, 1), 24)
    overloaded = {row.unit.name for row in grid.rows if row.over_limit(grid.months)}
    assert overloaded == {OVERLOADED}
    home_care = next(row for row in grid.rows if row.unit.name == OVERLOADED)
    # Both changes are high impact (weight 10) for 74 and 70 of the 74 employees, plus 4 hours of
    # training for the 74 in the month they go live: (740 + 700 + 296) / 74 = 23.5.
    assert max(home_care.loads) == Decimal("23.5")


def test_the_demo_benefit_of_the_overloaded_unit_is_warned():
    org = load_fjordvik(reference=datetime.date(2026, 11, 22)).organisation
    warned = contributed_warnings(org, datetime.date(2026, 11, 22))
    codes = {
        Benefit.objects.for_org(org).get(pk=pk).description: {w.code for w in warnings}
        for pk, warnings in warned.items()
    }
    assert codes["Mindre dobbeltdokumentasjon i hjemmetjenesten"] == {"unit_overloaded"}
    assert codes["Færre fysiske tilsyn om natten"] == {"training_behind"}  # Fjordtun's night-time supervision
