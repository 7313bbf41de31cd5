"""Fjordvik's people side shows every case of the minimum-group rule."""

import datetime

import pytest

from demo.fjordvik import load_fjordvik
from organisations.actor import build_actor
from organisations.models import OrgUnit
from people.models import Course
from people.services.assessments import shared_with
from people.services.gaps import gap_heatmap

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
