"""Training plans: the cost formula by hand, the plan written into the economics, progress and the go-live warning."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from benefits.models import CostLine, TrainingCost
from benefits.services.queries import economics_for, initiative_benefits
from core.formatting import format_money
from core.validation import create_valid
from dashboards.registry import panels_for
from organisations.actor import build_actor
from people.models import ChangeAgent, ReadinessSettings, TrainingActivity
from people.services.training import (
    activity_cost,
    readiness,
    readiness_settings,
    save_training_activity,
    training_year,
    with_training_progress,
)
from portfolio.models import AffectedUnit, Initiative

from .browser import assert_page_accessible, sign_in
from .pages import assert_page

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# The change-load fields of the settings form, as they are by default.
LOAD_DEFAULTS = {
    "weight_low": "1",
    "weight_moderate": "5",
    "weight_high": "10",
    "change_load_limit": "20",
    "months_of_change": "3",
}


@pytest.fixture
def english(world):
    """Pages and messages in English: the catalogue tests cover bokmål and nynorsk."""
    get_user_model().objects.filter(memberships__organisation=world.org).update(preferred_language="en")
    with translation.override("en"):
        yield world


@pytest.fixture
def small(world):
    """A small initiative with nothing but one 24/7 unit going live in its second year.

    The unit costs 550 kr an hour, a substitute 420 kr, and the discount rate is 4 %.
    """
    world.org.substitute_hourly_cost = Decimal(420)
    world.org.discount_rate = Decimal(4)
    world.org.save()
    world.unit.hourly_cost = Decimal(550)
    world.unit.save()
    initiative = Initiative.objects.create(
        organisation=world.org, name="Digitalt tilsyn", planned_start=datetime.date(2026, 1, 1)
    )
    affected = AffectedUnit.objects.create(
        initiative=initiative, unit=world.unit, employees_affected=30, change_from=datetime.date(2027, 3, 1)
    )
    return initiative, affected


def plan_line(affected, **values) -> TrainingActivity:
    fields = {
        "target_group": "Sykepleiere på alle vakter",
        "method": "classroom",
        "timing": "before",
        "hours_per_employee": Decimal(6),
        "employees": 12,
        "fees": Decimal(8000),
    }
    fields.update(values)
    return save_training_activity(TrainingActivity(initiative=affected.initiative, affected_unit=affected, **fields))


def economics(initiative):
    initiative.refresh_from_db()
    return economics_for(initiative, initiative_benefits(initiative))


# The formula


def test_cost_of_a_line_by_hand(world, small):
    _initiative, affected = small
    line = plan_line(affected)
    cost = activity_cost(line, world.org)
    # 6 h × 12 × 550 kr = 39 600; substitutes 6 × 12 × 420 kr = 30 240; fees 8 000
    assert (cost.training, cost.substitutes, cost.fees) == (Decimal(39600), Decimal(30240), Decimal(8000))
    assert cost.total == Decimal(77840)


def test_a_unit_without_shifts_needs_no_substitutes(world, small):
    initiative, _affected = small
    world.other_unit.hourly_cost = Decimal(500)
    world.other_unit.save()
    day_unit = AffectedUnit.objects.create(
        initiative=initiative, unit=world.other_unit, employees_affected=10, change_from=datetime.date(2027, 3, 1)
    )
    cost = activity_cost(plan_line(day_unit, employees=10, hours_per_employee=Decimal("2.5"), fees=0), world.org)
    # 2,5 h × 10 × 500 kr = 12 500, no substitutes
    assert (cost.training, cost.substitutes, cost.total) == (Decimal(12500), Decimal(0), Decimal(12500))


def test_training_for_citizens_costs_only_its_fees_and_may_exceed_the_staff(world, small):
    initiative, affected = small
    line = plan_line(affected, method="citizens", employees=200, hours_per_employee=Decimal(2), fees=Decimal(15000))
    cost = activity_cost(line, world.org)
    assert (cost.training, cost.substitutes, cost.total) == (Decimal(0), Decimal(0), Decimal(15000))
    assert not TrainingCost.objects.filter(initiative=initiative).exists()
    assert list(CostLine.objects.filter(initiative=initiative).values_list("kind", "amount")) == [
        ("training", Decimal(15000))
    ]


def test_each_timing_books_its_cost_in_the_year_it_happens():
    go_live = datetime.date(2027, 1, 10)
    assert training_year(go_live, "before") == 2026  # four weeks before: December
    assert training_year(go_live, "at") == 2027
    assert training_year(datetime.date(2026, 11, 1), "after") == 2027  # the first three months of use


# Into the economics


def test_the_plan_lands_in_the_economics_and_replaces_hand_entered_rows(world, small):
    initiative, affected = small
    hand = TrainingCost.objects.create(
        initiative=initiative, affected_unit=affected, year=2027, hours_per_employee=4, employees=10
    )
    before = economics(initiative)
    # by hand: 4 × 10 × (550 + 420) = 38 800 in year 2, discounted by 1.04
    assert round(before.npv_full, 2) == round(Decimal(-38800) / Decimal("1.04"), 2)

    plan_line(affected)

    assert not TrainingCost.objects.filter(initiative=initiative, pk=hand.pk).exists()
    after = economics(initiative)
    # year 2027 (four weeks before 01.03.2027): 39 600 + 30 240 + 8 000 = 77 840, discounted by 1.04
    assert after.npv_technology == 0
    assert round(after.npv_full, 2) == Decimal("-74846.15")
    assert round(after.implementation_gap, 2) == Decimal("74846.15")
    year = next(y for y in after.years if y.year == 2027)
    assert (year.training, year.substitutes) == (Decimal(39600) + Decimal(8000), Decimal(30240))


def test_changing_the_plan_changes_the_npv_at_once_and_removing_it_removes_the_cost(world, small, login):
    initiative, affected = small
    line = plan_line(affected)
    client = login(world.users["portfolio_office"])
    data = {
        "target_group": "Sykepleiere på alle vakter",
        "method": "classroom",
        "timing": "before",
        "hours_per_employee": "3",
        "employees": "12",
        "fees": "8 000",
    }
    response = client.post(reverse("people:training_edit", args=[line.pk]), data)
    assert response.status_code == 302
    # 3 × 12 × 550 + 3 × 12 × 420 + 8 000 = 19 800 + 15 120 + 8 000 = 42 920
    assert round(economics(initiative).npv_full, 2) == round(Decimal(-42920) / Decimal("1.04"), 2)
    assert CostLine.objects.filter(initiative=initiative).count() == 1  # the fee row was replaced, not added

    response = client.post(reverse("people:training_delete", args=[line.pk]))
    assert response.status_code == 302
    assert economics(initiative).npv_full == 0
    assert not TrainingCost.objects.filter(initiative=initiative).exists()
    assert not CostLine.objects.filter(initiative=initiative).exists()


# Ranges


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"employees": 31}, "employees"),  # the unit has 30 affected employees
        ({"hours_per_employee": Decimal(1001)}, "hours_per_employee"),
        ({"fees": Decimal(-1)}, "fees"),
        ({"trained": 13}, "trained"),  # more than the 12 in the plan
    ],
)
def test_values_out_of_range_are_refused_and_nothing_is_saved(world, small, values, field):
    initiative, affected = small
    with pytest.raises(ValidationError) as exc:
        plan_line(affected, **values)
    assert list(exc.value.message_dict) == [field]
    assert not TrainingActivity.objects.filter(initiative=initiative).exists()
    assert not CostLine.objects.filter(initiative=initiative).exists()


def test_the_form_refuses_too_many_people_with_a_field_error(english, small, login):
    initiative, affected = small
    response = login(english.users["portfolio_office"]).post(
        reverse("people:training_add", args=[affected.pk]),
        {"target_group": "Alle", "method": "e_learning", "timing": "at", "hours_per_employee": "1", "employees": "99"},
    )
    assert_page(response, "Add training to the plan for Fjordvik Sykehjem")
    assert dict(response.context["form"].errors) == {"employees": ["Only 30 employees are affected in this unit."]}
    assert not TrainingActivity.objects.filter(initiative=initiative).exists()


# Who may do what


def test_the_unit_leader_records_progress_but_does_not_change_the_plan(world, login):
    line = plan_line(world.affected, fees=0)
    client = login(world.users["unit_leader"])
    assert client.post(reverse("people:training_progress", args=[line.pk]), {"trained": "9"}).status_code == 302
    line.refresh_from_db()
    assert line.trained == 9
    edit = {"target_group": "Alle", "method": "classroom", "timing": "at", "hours_per_employee": "1", "employees": "1"}
    assert client.post(reverse("people:training_edit", args=[line.pk]), edit).status_code == 403
    line.refresh_from_db()
    assert (line.target_group, line.employees) == ("Sykepleiere på alle vakter", 12)


def test_a_politician_cannot_plan_or_record(world, login):
    line = plan_line(world.affected, fees=0)
    client = login(world.users["politician"])
    assert client.post(reverse("people:training_progress", args=[line.pk]), {"trained": "5"}).status_code == 403
    data = {"target_group": "Alle", "method": "classroom", "timing": "at", "hours_per_employee": "1", "employees": "1"}
    assert client.post(reverse("people:training_add", args=[world.affected.pk]), data).status_code == 403
    line.refresh_from_db()
    assert line.trained == 0
    assert TrainingActivity.objects.filter(initiative=world.initiative).count() == 1


def test_another_organisations_plan_line_does_not_exist(world, other_world, login):
    line = plan_line(other_world.affected, fees=0)
    response = login(world.users["administrator"]).post(
        reverse("people:training_progress", args=[line.pk]), {"trained": "3"}
    )
    assert response.status_code == 404
    line.refresh_from_db()
    assert line.trained == 0


# Readiness before go-live


def going_live(world, days: int, *, trained: int, planned: int = 10, **line) -> AffectedUnit:
    initiative = Initiative.objects.create(organisation=world.org, name=f"Går live om {days} dager")
    affected = AffectedUnit.objects.create(
        initiative=initiative,
        unit=world.unit,
        employees_affected=planned,
        change_from=TODAY + datetime.timedelta(days=days),
    )
    fields = {"target_group": "Alle", "method": "classroom", "timing": "before", "hours_per_employee": 2}
    fields.update(line)
    create_valid(
        TrainingActivity, initiative=initiative, affected_unit=affected, employees=planned, trained=trained, **fields
    )
    return affected


def readiness_of(world, affected):
    annotated = with_training_progress(AffectedUnit.objects.for_org(world.org).filter(pk=affected.pk)).get()
    return readiness(annotated, readiness_settings(world.org), TODAY)


def test_warned_under_80_percent_within_two_weeks_of_go_live(world):
    assert readiness_of(world, going_live(world, 10, trained=7)).behind  # 70 % ten days before
    assert not readiness_of(world, going_live(world, 10, trained=8)).behind  # 80 % is enough
    assert not readiness_of(world, going_live(world, 20, trained=0)).behind  # not yet two weeks before
    assert readiness_of(world, going_live(world, 14, trained=0)).behind  # exactly two weeks before


def test_training_after_go_live_and_of_citizens_does_not_count(world):
    assert not readiness_of(world, going_live(world, 5, trained=0, timing="after")).behind
    assert not readiness_of(world, going_live(world, 5, trained=0, method="citizens")).behind


def test_the_thresholds_are_set_per_organisation(world, login):
    response = login(world.users["portfolio_office"]).post(
        reverse("people:readiness_settings"),
        {"trained_share_percent": "60", "warning_days": "30", "employees_per_agent": "10", **LOAD_DEFAULTS},
    )
    assert response.status_code == 302
    saved = ReadinessSettings.objects.for_org(world.org).get()
    assert (saved.trained_share_percent, saved.warning_days, saved.employees_per_agent) == (60, 30, 10)
    assert not readiness_of(world, going_live(world, 20, trained=7)).behind  # 70 % against 60 %
    assert readiness_of(world, going_live(world, 20, trained=5)).behind  # 50 %, 20 days before, within 30


def test_a_threshold_of_zero_percent_is_a_field_error(english, login):
    response = login(english.users["administrator"]).post(
        reverse("people:readiness_settings"),
        {"trained_share_percent": "0", "warning_days": "14", "employees_per_agent": "15", **LOAD_DEFAULTS},
    )
    assert_page(response, "Thresholds for training, change agents and change load")
    assert list(response.context["form"].errors) == ["trained_share_percent"]
    assert not ReadinessSettings.objects.for_org(english.org).exists()


def test_the_people_page_shows_the_plan_its_cost_and_the_warning(english, login):
    world = english
    world.unit.hourly_cost = Decimal(550)
    world.unit.save()
    world.org.substitute_hourly_cost = Decimal(420)
    world.org.save()
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(
        change_from=TODAY + datetime.timedelta(days=7)
    )
    world.affected.refresh_from_db()
    line = plan_line(world.affected)
    line.trained = 6
    line.save()
    body = assert_page(
        login(world.users["employee"]).get(reverse("people:initiative_readiness", args=[world.initiative.pk])),
        "Training and change agents: Fjordvik digitale nattilsyn",
    )
    assert format_money(Decimal(77840)) in body
    assert "Training is behind: 6 of 12 are trained" in body
    assert reverse("people:training_edit", args=[line.pk]) not in body  # an employee only reads


def test_the_start_page_warns_the_unit_leader_and_the_project_owner(world):
    behind = going_live(world, 10, trained=2)
    Initiative.objects.for_org(world.org).filter(pk=behind.initiative_id).update(project_owner=world.users["owner"])
    with translation.override("en"):
        for who in ("unit_leader", "owner"):
            shown = {b.panel.key: b.content for b in panels_for(build_actor(world.users[who], world.org.pk), TODAY)}
            content = shown["people.training_behind"]
            assert content.count == 1 and "2 of 10 trained" in content.rows[0].detail, who
        employee = panels_for(build_actor(world.users["employee"], world.org.pk), TODAY)
        assert "people.training_behind" not in {b.panel.key for b in employee}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_unit_leader_records_progress_on_a_full_page_at_phone_width(page, world):
    leader = world.users["unit_leader"]
    leader.preferred_language = "en"
    leader.save()
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(
        change_from=TODAY + datetime.timedelta(days=7)
    )
    world.affected.refresh_from_db()
    line = plan_line(world.affected)
    with translation.override("en"):
        line_name = str(line)  # as the page names it, in the leader's language
    plan_line(world.affected, method="side_by_side", timing="after", fees=0)
    create_valid(
        ChangeAgent,
        initiative=world.initiative,
        affected_unit=world.affected,
        person=world.users["employee"],
        role="super_user",
        shift="night",
        training_received="Superbrukerkurs hos leverandøren, 2 dager",
    )
    sign_in(page, leader)
    url = reverse("people:initiative_readiness", args=[world.initiative.pk])
    heading = "Training and change agents: Fjordvik digitale nattilsyn"
    assert_page_accessible(page, url, heading)
    assert page.get_by_text("Training is behind: 0 of 12 are trained").is_visible()
    page.get_by_role("link", name=f"Record trained {line_name}").click()
    assert_page_accessible(
        page, page.url.removeprefix(page.url.split("/people/")[0]), f"Record how many are trained: {line_name}"
    )
    page.get_by_label("Trained so far").fill("11")
    page.get_by_role("button", name="Save").click()
    assert_page_accessible(page, url, heading)
    assert not page.get_by_text("Training is behind").count()
    line.refresh_from_db()
    assert line.trained == 11


def test_a_line_planning_more_than_the_unit_now_has_is_named_before_the_plan_is_saved(english, small, login):
    initiative, affected = small
    first = plan_line(affected, employees=25, fees=0)
    AffectedUnit.objects.for_org(english.org).filter(pk=affected.pk).update(employees_affected=20)
    data = {
        "target_group": "Ledere",
        "method": "e_learning",
        "timing": "at",
        "hours_per_employee": "1",
        "employees": "2",
    }
    response = login(english.users["portfolio_office"]).post(reverse("people:training_add", args=[affected.pk]), data)
    assert_page(response, "Add training to the plan for Fjordvik Sykehjem")
    assert response.context["form"].non_field_errors() == [
        f"“{first}” plans 25 people, more than the 20 now affected. Correct it first."
    ]
    assert TrainingActivity.objects.filter(initiative=initiative).count() == 1


def test_the_demo_plan_replaces_the_hand_entered_training_and_leaves_agents_missing():
    from demo.fjordvik import load_fjordvik
    from people.services.agents import initiative_coverage

    org = load_fjordvik(reference=datetime.date(2026, 11, 22)).organisation
    initiative = Initiative.objects.for_org(org).get(name="Digitale nattilsyn")
    lines = TrainingActivity.objects.filter(initiative=initiative)
    assert lines.count() == 8  # four lines in each of the two nursing homes
    generated = {line.cost_row_id for line in lines if line.cost_row_id}
    assert set(TrainingCost.objects.filter(initiative=initiative).values_list("pk", flat=True)) == generated
    assert economics(initiative).totals["substitutes"] > 0  # both homes run around the clock
    gaps = [c.gap for c in initiative_coverage(initiative, readiness_settings(org))]
    assert all(gap > 0 for gap in gaps)
