"""Benefits economics and follow-up, against figures computed by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import translation

from benefits.models import (
    Benefit,
    BenefitEstimate,
    BenefitPlan,
    Change,
    CostLine,
    Indicator,
    Measurement,
    Prerequisite,
    TrainingCost,
)
from benefits.services.economics import discount_factor
from benefits.services.followup import achievement, indicator_status
from benefits.services.measurements import save_measurement
from benefits.services.plans import current_plan, differences, plans_awaiting_signature, sign, snapshot
from benefits.services.queries import economics_for, initiative_benefits
from benefits.services.warnings import benefit_warnings, weekly_minutes_per_employee
from core.formatting import format_money
from organisations.actor import build_actor
from organisations.models import Role

from .factories import give_role
from .pages import assert_page

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def english():
    """Error messages are compared in English; the catalogue tests cover bokmål and nynorsk."""
    with translation.override("en"):
        yield


@pytest.fixture
def plan(world):
    """Two benefits and costs over 2026-2027; see the hand computation in each test."""
    initiative = world.initiative  # planned start 2026-01-01
    # Start from an empty plan: the world's own benefits rows would change the sums.
    Benefit.objects.filter(initiative=initiative).delete()
    CostLine.objects.filter(initiative=initiative).delete()
    TrainingCost.objects.filter(initiative=initiative).delete()
    world.unit.hourly_cost = D("500")
    world.unit.save()
    change = Change.objects.create(initiative=initiative, description="Digitalt tilsyn om natten")
    kroner = Benefit.objects.create(
        initiative=initiative, change=change, description="Lavere vikarkostnader", kind="budget", measure="kroner"
    )
    hours = Benefit.objects.create(
        initiative=initiative,
        change=change,
        description="Frigjort tid nattevakt",
        kind="capacity",
        measure="hours",
        unit=world.unit,
        take_out_detail="Mer aktivitet på dagtid",
    )
    BenefitEstimate.objects.create(benefit=kroner, year=2027, optimistic=120000, likely=100000, pessimistic=60000)
    BenefitEstimate.objects.create(benefit=hours, year=2027, optimistic=1200, likely=1000, pessimistic=700)
    CostLine.objects.create(initiative=initiative, year=2026, kind="investment", amount=300000)
    CostLine.objects.create(initiative=initiative, year=2027, kind="operating", amount=50000)
    CostLine.objects.create(initiative=initiative, year=2027, kind="management", amount=10000)
    TrainingCost.objects.create(
        initiative=initiative, affected_unit=world.affected, year=2026, hours_per_employee=4, employees=10
    )
    return kroner, hours


def test_uncertainty_adjusted_estimate():
    # (120 000 + 3 · 100 000 + 60 000) / 5 = 96 000
    assert BenefitEstimate(optimistic=120000, likely=100000, pessimistic=60000).adjusted == 96000


def test_discount_factor_leaves_year_one_undiscounted():
    assert discount_factor(D(4), 1) == 1
    assert discount_factor(D(4), 3) == 1 / D("1.04") ** 2
    with pytest.raises(ValueError, match="−100 %"):
        discount_factor(D(-100), 2)


def test_economics_by_hand(world, plan):
    economics = economics_for(world.initiative, initiative_benefits(world.initiative))
    first, second = economics.years[0], economics.years[1]
    assert (first.year, second.year, len(economics.years)) == (2026, 2027, 10)
    # Hours: (1200 + 3·1000 + 700) / 5 = 980 h × 500 kr (the unit's own hourly cost) = 490 000 kr
    assert second.gross == 96000 + 490000
    assert second.freed_hours == 980
    assert round(second.freed_fte, 4) == round(D(980) / D(1695), 4)
    # Training 2026: 4 h × 10 employees = 40 h × 500 kr = 20 000; the unit runs 24/7: 40 h × 700 kr = 28 000
    assert (first.training, first.substitutes) == (20000, 28000)
    assert first.net_technology == -300000 and first.net_full == -348000
    assert second.net_technology == 536000 and second.net_full == 526000
    # NPV: year 1 undiscounted, year 2 divided by 1.04
    assert round(economics.npv_technology, 2) == round(D(-300000) + D(536000) / D("1.04"), 2)  # 215 384.62
    assert round(economics.npv_full, 2) == round(D(-348000) + D(526000) / D("1.04"), 2)  # 157 769.23
    assert round(economics.implementation_gap, 2) == round(D(48000) + D(10000) / D("1.04"), 2)
    assert economics.payback_year == 2027  # cumulative: −348 000, then +178 000
    assert economics.uses_of_freed_time == ["Mer aktivitet på dagtid"]


def test_uncertainty_range_surrounds_the_estimate(world, plan):
    economics = economics_for(world.initiative, initiative_benefits(world.initiative), simulate=True)
    band = economics.uncertainty
    assert band.p10 < band.p50 < band.p90
    # Every draw lies between all-pessimistic and all-optimistic benefits minus the same costs.
    costs = D(348000) + D(60000) / D("1.04")
    lowest = (D(60000) + D(700) * 500) / D("1.04") - costs
    highest = (D(120000) + D(1200) * 500) / D("1.04") - costs
    assert lowest <= band.p10 and band.p90 <= highest
    again = economics_for(world.initiative, initiative_benefits(world.initiative), simulate=True).uncertainty
    assert again == band  # seeded: the page shows the same range every time


def test_achievement_from_baseline_not_ratio_to_target():
    # A reduction from 100 to 60, measured 80: halfway (the workbook's 80/60 would say 133 %)
    assert achievement(D(100), D(60), D(80)) == D("0.5")
    assert achievement(D(10), D(20), D(25)) == D("1.5")


def test_indicator_status_trend_behind_and_due(world, plan):
    kroner, _hours = plan
    indicator = Indicator.objects.create(
        benefit=kroner,
        name="Vikartimer per måned",
        unit_of_measure="timer",
        baseline_value=100,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=60,
        target_date=datetime.date(2027, 1, 1),
        frequency=3,
    )
    save_measurement(Measurement(indicator=indicator, value=90, measured_on=datetime.date(2026, 4, 1)))
    save_measurement(Measurement(indicator=indicator, value=80, measured_on=datetime.date(2026, 10, 1)))
    status = indicator_status(Indicator.objects.across_organisations().get(pk=indicator.pk), datetime.date(2027, 2, 1))
    assert (status.achievement, status.previous_achievement, status.trend) == (D("0.5"), D("0.25"), "up")
    # Straight line: 273 of 365 days have passed on 01.10.2026, so 74.8 % was expected: behind.
    assert round(status.expected, 3) == round(D(273) / D(365), 3) and status.behind
    assert status.next_due == datetime.date(2027, 1, 1) and status.overdue(datetime.date(2027, 2, 1))


def test_warnings_explain_what_is_missing(world, plan):
    kroner, hours = plan
    hours.owner = world.users["employee"]
    hours.employees_sharing = 100
    hours.take_out = "budget_reduction"
    hours.take_out_year = 2026
    hours.save()
    Prerequisite.objects.create(benefit=hours, description="Ansatte slutter å bruke fysiske nøkler")
    benefits = {b.pk: b for b in initiative_benefits(world.initiative)}
    kwargs = {
        "line_manager_ids": frozenset({world.users["unit_leader"].pk}),
        "change_complete_on": world.affected.change_from,
    }
    day = datetime.date(2026, 11, 1)
    codes = {w.code for w in benefit_warnings(benefits[kroner.pk], [], world.org, day, **kwargs)}
    assert codes == {"no_owner", "no_indicator"}
    codes = {w.code for w in benefit_warnings(benefits[hours.pk], [], world.org, day, **kwargs)}
    # 980 h · 60 / 46 weeks / 100 employees = 12.8 minutes a week, below the 30-minute threshold
    assert round(weekly_minutes_per_employee(benefits[hours.pk]), 1) == D("12.8")
    assert codes == {"owner_not_line_manager", "no_indicator", "cut_before_change", "prerequisites_open", "spread_thin"}


def test_model_rules_reject_bad_input(world, plan, english):
    kroner, _hours = plan
    with pytest.raises(ValidationError) as error:
        BenefitEstimate(benefit=kroner, year=2028, optimistic=10, likely=20, pessimistic=5).full_clean()
    assert error.value.message_dict == {
        NON_FIELD_ERRORS: ["Order the estimates: most pessimistic ≤ most likely ≤ most optimistic."]
    }
    with pytest.raises(ValidationError) as error:
        BenefitEstimate(benefit=kroner, year=2028, optimistic=10, likely=-1, pessimistic=-5).full_clean()
    assert error.value.message_dict == {
        "likely": ["Ensure this value is greater than or equal to 0."],
        "pessimistic": ["Ensure this value is greater than or equal to 0."],
        NON_FIELD_ERRORS: ["Estimates cannot be negative."],
    }
    indicator = Indicator(benefit=kroner, name="X", unit_of_measure="kr", baseline_value=5, target_value=5)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "target_value" in error.value.message_dict
    indicator = Indicator.objects.create(
        benefit=kroner, name="X", unit_of_measure="kr", baseline_value=5, baseline_date=datetime.date(2026, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        Measurement(indicator=indicator, value=1, measured_on=datetime.date(2026, 4, 30)).full_clean()
    assert "measured_on" in error.value.message_dict
    qualitative = Benefit(
        initiative=world.initiative, change=kroner.change, description="Trygghet", kind="qualitative", measure="kroner"
    )
    with pytest.raises(ValidationError) as error:
        qualitative.full_clean()
    assert {"measure", "importance"} <= set(error.value.message_dict)
    world.org.discount_rate = D(-100)
    with pytest.raises(ValidationError) as error:
        world.org.full_clean()
    assert "discount_rate" in error.value.message_dict
    training = TrainingCost(
        initiative=world.initiative, affected_unit=world.affected, year=2026, hours_per_employee=1, employees=31
    )
    with pytest.raises(ValidationError) as error:
        training.full_clean()
    assert error.value.message_dict == {"employees": ["Only 30 employees are affected in this unit."]}


def test_approval_freezes_and_later_changes_show_as_differences(world, plan, english):
    kroner, _hours = plan
    owner, management = world.users["owner"], world.users["top_management"]
    day = datetime.date(2026, 6, 1)
    with pytest.raises(ValidationError) as error:
        sign(world.initiative, world.users["employee"], as_owner=True, as_management=False, on=day)
    assert error.value.messages == ["Only the initiative's project owner can approve as project owner."]
    assert not BenefitPlan.objects.filter(initiative=world.initiative).exists()
    first = sign(world.initiative, owner, as_owner=True, as_management=False, on=day)
    assert first.status == BenefitPlan.Status.DRAFT and first.approved_by_owner == owner
    # A change before the second signature voids the first: the owner signed another plan.
    BenefitEstimate.objects.filter(benefit=kroner).update(optimistic=130000)
    voided = sign(world.initiative, management, as_owner=False, as_management=True, on=day)
    assert voided.status == BenefitPlan.Status.DRAFT and voided.approved_by_owner is None
    approved = sign(world.initiative, owner, as_owner=True, as_management=False, on=day)
    assert approved.status == BenefitPlan.Status.APPROVED and approved.version == 1
    kroner.description = "Lavere vikarbruk"
    kroner.save()
    BenefitEstimate.objects.filter(benefit=kroner).update(likely=90000)
    draft = current_plan(world.initiative)
    assert (draft.version, draft.status) == (2, BenefitPlan.Status.DRAFT)
    found = differences(approved.snapshot, snapshot(initiative_benefits(world.initiative)))
    whats = {(d.what, d.approved, d.now) for d in found}
    assert ("Benefit", "Lavere vikarkostnader", "Lavere vikarbruk") in whats
    # Compared on raw values, shown as Norwegian money: 130 000 kr with non-breaking spaces.
    old = "130\u00a0000\u00a0kr / 100\u00a0000\u00a0kr / 60\u00a0000\u00a0kr"
    new = "130\u00a0000\u00a0kr / 90\u00a0000\u00a0kr / 60\u00a0000\u00a0kr"
    assert ("Estimate 2027", old, new) in whats


def test_next_due_adds_whole_months_and_clips_to_month_end():
    from benefits.services.followup import add_months

    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert add_months(datetime.date(2027, 12, 31), 12) == datetime.date(2028, 12, 31)


def test_qualitative_benefit_is_measured_at_baseline_midway_and_end(world, plan):
    from benefits.services.followup import Latest, next_due

    qualitative = Benefit.objects.create(
        initiative=world.initiative,
        change=plan[0].change,
        description="Tryggere beboere",
        kind="qualitative",
        measure="qualitative",
        importance="high",
    )
    indicator = Indicator.objects.create(
        benefit=qualitative,
        name="Andel trygge beboere",
        unit_of_measure="prosent",
        baseline_value=60,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=90,
        target_date=datetime.date(2026, 12, 31),
        frequency=1,  # ignored: not a monthly measurement
    )
    # Midway between 01.01.2026 and 31.12.2026 (364 days) is 182 days on: 02.07.2026.
    assert next_due(indicator, None) == datetime.date(2026, 1, 1)
    assert next_due(indicator, Latest(D(60), datetime.date(2026, 1, 1))) == datetime.date(2026, 7, 2)
    assert next_due(indicator, Latest(D(75), datetime.date(2026, 7, 10))) == datetime.date(2026, 12, 31)
    assert next_due(indicator, Latest(D(88), datetime.date(2026, 12, 31))) is None


# Plan approval people can trust: two different signers, nothing re-signed, language-free snapshots.

SIGN_DAY, SECOND_DAY = datetime.date(2026, 6, 1), datetime.date(2026, 6, 3)


def _approve(world) -> BenefitPlan:
    sign(world.initiative, world.users["owner"], as_owner=True, as_management=False, on=SIGN_DAY)
    return sign(world.initiative, world.users["top_management"], as_owner=False, as_management=True, on=SECOND_DAY)


def test_a_project_owner_in_top_management_gives_one_signature_and_another_leader_the_second(world, plan, english):
    boss = world.users["owner"]
    give_role(boss.memberships.get(), Role.TOP_MANAGEMENT)
    first = sign(world.initiative, boss, as_owner=True, as_management=True, on=SIGN_DAY)
    assert first.status == BenefitPlan.Status.DRAFT
    assert (first.approved_by_owner, first.approved_by_owner_on, first.approved_by_management) == (boss, SIGN_DAY, None)
    with pytest.raises(ValidationError) as error:
        sign(world.initiative, boss, as_owner=True, as_management=True, on=SECOND_DAY)
    assert error.value.messages == [
        "You have already signed this plan. The other signature must come from another person: "
        f"A member of top management other than {boss}."
    ]
    assert BenefitPlan.objects.filter(initiative=world.initiative).get().approved_by_management is None
    management = world.users["top_management"]
    done = sign(world.initiative, management, as_owner=False, as_management=True, on=SECOND_DAY)
    assert done.status == BenefitPlan.Status.APPROVED
    assert (done.approved_by_owner, done.approved_by_owner_on) == (boss, SIGN_DAY)
    assert (done.approved_by_management, done.approved_by_management_on, done.approved_on) == (
        management,
        SECOND_DAY,
        SECOND_DAY,
    )


def test_an_approved_plan_without_changes_is_not_signed_again(world, plan, english, login):
    approved = _approve(world)
    with pytest.raises(ValidationError) as error:
        sign(world.initiative, world.users["owner"], as_owner=True, as_management=False, on=SECOND_DAY)
    assert error.value.messages == [
        "Nothing has changed since version 1 was approved, so there is nothing new to sign."
    ]
    assert list(BenefitPlan.objects.filter(initiative=world.initiative)) == [approved]
    owner = world.users["owner"]
    owner.preferred_language = "en"
    owner.save()
    client = login(owner)
    page = reverse("benefits:plan", args=[world.initiative.pk])
    body = assert_page(client.get(page), "Benefits realisation plan")
    assert "nothing new to sign" in body
    sign_url = reverse("benefits:plan_sign", args=[world.initiative.pk])
    assert sign_url not in body
    response = client.post(sign_url, follow=True)
    body = assert_page(response, "Benefits realisation plan")
    assert "Nothing has changed since version 1 was approved" in body
    assert list(BenefitPlan.objects.filter(initiative=world.initiative)) == [approved]


def test_the_frozen_plan_reads_the_same_in_every_language_and_shows_money_in_norwegian(world, plan, login):
    kroner, _hours = plan
    with translation.override("nb"):
        approved = _approve(world)
    assert approved.snapshot[str(kroner.pk)]["kind"] == "budget"  # the code, not a label
    owner = world.users["owner"]
    client = login(owner)
    page = reverse("benefits:plan", args=[world.initiative.pk])
    for language, heading in [("nn", "Gevinstrealiseringsplan"), ("en", "Benefits realisation plan")]:
        owner.preferred_language = language
        owner.save()
        response = client.get(page)
        assert_page(response, heading)
        assert response.context["differences"] == []
    BenefitEstimate.objects.filter(benefit=kroner).update(likely=90000)
    response = client.get(page)
    body = assert_page(response, "Benefits realisation plan")
    old = "120\u00a0000\u00a0kr / 100\u00a0000\u00a0kr / 60\u00a0000\u00a0kr"
    new = "120\u00a0000\u00a0kr / 90\u00a0000\u00a0kr / 60\u00a0000\u00a0kr"
    assert [(d.benefit, d.what, d.approved, d.now) for d in response.context["differences"]] == [
        ("Lavere vikarkostnader", "Estimate 2027", old, new)
    ]
    assert f"<td>{old}</td><td>{new}</td>" in body


def test_the_signing_page_shows_what_is_approved_and_who_must_sign(world, plan, login):
    kroner, _hours = plan
    kroner.owner, kroner.responsible = world.users["unit_leader"], world.users["benefit_responsible"]
    kroner.save()
    Indicator.objects.create(
        benefit=kroner,
        name="Vikarkostnad per måned",
        unit_of_measure="kr",
        baseline_value=50000,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=42500,
        target_date=datetime.date(2027, 12, 31),
    )
    owner, management = world.users["owner"], world.users["top_management"]
    sign(world.initiative, owner, as_owner=True, as_management=False, on=SIGN_DAY)
    management.preferred_language = "en"
    management.save()
    response = login(management).get(reverse("benefits:plan", args=[world.initiative.pk]))
    body = assert_page(response, "Benefits realisation plan")
    assert f"Signed by {owner} on 01.06.2026." in body
    assert "Not signed yet." in body
    assert f"A member of top management other than {owner}." in body
    assert reverse("benefits:plan_sign", args=[world.initiative.pk]) in body
    assert "Lavere vikarkostnader" in body and "Frigjort tid nattevakt" in body
    assert str(world.users["unit_leader"]) in body and str(world.users["benefit_responsible"]) in body
    nbsp = "\u00a0"
    assert f"Vikarkostnad per måned: 50{nbsp}000,00 (01.01.2026) → 42{nbsp}500,00 (31.12.2027)" in body
    # NPV by hand (see test_economics_by_hand): −300 000 + 536 000 / 1,04 = 215 384,62 and
    # −348 000 + 526 000 / 1,04 = 157 769,23, shown in whole kroner.
    assert f"215{nbsp}385{nbsp}kr" in body and f"157{nbsp}769{nbsp}kr" in body
    band = response.context["economics"].uncertainty
    assert f"{format_money(band.p10)} – {format_money(band.p90)}" in body


def test_plans_awaiting_signature_asks_the_owner_first_then_top_management(world, plan):
    kroner, _hours = plan
    owner, management = world.users["owner"], world.users["top_management"]

    def waiting(user):
        actor = build_actor(user, world.org.pk)
        return [(p.initiative, p.as_owner) for p in plans_awaiting_signature(actor)]

    assert waiting(owner) == [(world.initiative, True)]
    assert waiting(management) == []
    sign(world.initiative, owner, as_owner=True, as_management=False, on=SIGN_DAY)
    assert waiting(owner) == []
    assert waiting(management) == [(world.initiative, False)]
    assert waiting(world.users["employee"]) == []
    sign(world.initiative, management, as_owner=False, as_management=True, on=SECOND_DAY)
    assert waiting(owner) == [] and waiting(management) == []
    # A change after approval asks the project owner again; a change after their signature, too.
    BenefitEstimate.objects.filter(benefit=kroner).update(likely=90000)
    assert waiting(owner) == [(world.initiative, True)]
    sign(world.initiative, owner, as_owner=True, as_management=False, on=SECOND_DAY)
    assert waiting(owner) == []
    BenefitEstimate.objects.filter(benefit=kroner).update(likely=80000)
    assert waiting(owner) == [(world.initiative, True)]


def test_a_signature_on_a_plan_changed_since_is_not_shown_as_valid(world, plan, login):
    kroner, _hours = plan
    sign(world.initiative, world.users["owner"], as_owner=True, as_management=False, on=SIGN_DAY)
    BenefitEstimate.objects.filter(benefit=kroner).update(likely=90000)
    management = world.users["top_management"]
    management.preferred_language = "en"
    management.save()
    response = login(management).get(reverse("benefits:plan", args=[world.initiative.pk]))
    body = assert_page(response, "Benefits realisation plan")
    assert "that signature no longer counts" in body
    assert "Signed by" not in body and body.count("Not signed yet.") == 2
    assert response.context["missing"] == [
        f"The project owner, {world.users['owner']}.",
        f"A member of top management other than {world.users['owner']}.",
    ]
