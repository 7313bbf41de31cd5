"""Start pages built from panels: each person sees what needs them, with a count and a link to act."""

import datetime
import html
import itertools
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from benefits.models import Benefit, BenefitEstimate, BenefitPlan, Indicator, Measurement, RealisationMeasure
from benefits.services.measurements import save_measurement
from benefits.services.portfolio import portfolio_benefits
from core.formatting import format_money
from dashboards.registry import registered
from organisations.models import Organisation, Role
from portfolio.models import AffectedUnit, Deviation, Idea, Initiative, Phase, StatusReport

from .browser import assert_page_accessible, sign_in
from .factories import make_member, valid_orgnr
from .pages import assert_page

TODAY = timezone.localdate()
_names = itertools.count(1)


def home(login, user) -> str:
    """The start page in English (panel titles are checked in the language they are written in)."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return assert_page(login(user).get(reverse("core:home")), f"Welcome to {user.memberships.get().organisation.name}")


def panels(body: str) -> dict[str, tuple[str, int, str]]:
    """Each panel shown: its key → (title, count, the rest of its HTML)."""
    found = {}
    for key, heading, rest in re.findall(
        r'<section class="ds-card stack" aria-labelledby="panel-([\w-]+)">\s*<h2[^>]*>(.*?)</h2>(.*?)</section>',
        body,
        re.S,
    ):
        title, count = re.match(r"(.*?) <span[^>]*>(\d+)</span>", heading).groups()
        found[key] = (html.unescape(title), int(count), rest)
    return found


def initiative(world, phase=Phase.CONCEPT, **fields) -> Initiative:
    created = Initiative.objects.create(organisation=world.org, name=f"Tiltak {next(_names)}", **fields)
    Initiative.objects.for_org(world.org).filter(pk=created.pk).update(phase=phase)
    created.phase = phase
    return created


def benefit(world, **fields) -> Benefit:
    return Benefit.objects.create(
        initiative=world.initiative,
        change=world.change,
        description=f"Gevinst {next(_names)}",
        kind="capacity",
        measure="hours",
        **fields,
    )


def due_indicator(world, user, *, days_ago: int) -> Indicator:
    """A monthly indicator never measured, its baseline ``days_ago``: due a month after the baseline."""
    return Indicator.objects.create(
        benefit=world.benefit,
        name=f"Indikator {next(_names)}",
        unit_of_measure="antall",
        frequency=Indicator.Frequency.MONTHLY,
        baseline_value=10,
        baseline_date=TODAY - datetime.timedelta(days=days_ago),
        target_value=5,
        target_date=TODAY + datetime.timedelta(days=365),
        measured_by=user,
    )


def report(initiative_, status="green", days_ago=3) -> StatusReport:
    return StatusReport.objects.create(
        initiative=initiative_,
        report_date=TODAY - datetime.timedelta(days=days_ago),
        overall_status=status,
        change_status="green",
    )


def future_change(world, unit, *, days=30, description="") -> AffectedUnit:
    return AffectedUnit.objects.create(
        initiative=initiative(world),
        unit=unit,
        employees_affected=5,
        change_from=TODAY + datetime.timedelta(days=days),
        change_description=description,
    )


def add_ideas(proposer):
    def add(world, n):
        for _ in range(n):
            Idea.objects.create(
                organisation=world.org, title="Idé", problem="p", target_group="t", proposer=world.users[proposer]
            )

    return add


def set_unit(user, unit) -> None:
    user.memberships.update(unit=unit)


@pytest.fixture
def quiet_world(world):
    """The world without the follow-up that would otherwise be due from its people."""
    world.indicator.delete()
    return world


# Benefit owners and responsible


def test_measurements_due_and_overdue_for_the_measurer(quiet_world, login):
    world = quiet_world
    responsible = world.users["benefit_responsible"]
    overdue = due_indicator(world, responsible, days_ago=45)
    due_indicator(world, responsible, days_ago=25)  # due in about five days
    due_indicator(world, responsible, days_ago=1)  # due in a month: not yet
    title, count, rest = panels(home(login, responsible))["benefits-due"]
    assert (title, count) == ("Measurements due", 2)
    assert reverse("benefits:measurement_add", args=[overdue.pk]) in rest
    assert "was due" in rest and reverse("benefits:mine") in rest


def test_measurements_due_not_shown_to_others(quiet_world, login):
    due_indicator(quiet_world, quiet_world.users["benefit_responsible"], days_ago=45)
    assert "benefits-due" not in panels(home(login, quiet_world.users["employee"]))


def test_benefits_with_warnings_for_their_owner(world, login):
    # The world's benefit has a prerequisite not yet confirmed.
    title, count, rest = panels(home(login, world.users["unit_leader"]))["benefits-warnings"]
    assert (title, count) == ("My benefits with warnings", 1)
    assert world.benefit.get_absolute_url() in rest
    assert "benefits-warnings" not in panels(home(login, world.users["portfolio_office"]))


def test_late_measures_for_their_responsible(world, login):
    responsible = world.users["benefit_responsible"]
    late = RealisationMeasure.objects.create(
        benefit=world.benefit, description="Ny turnus", responsible=responsible, deadline=TODAY - datetime.timedelta(1)
    )
    RealisationMeasure.objects.create(
        benefit=world.benefit,
        description="Ferdig",
        responsible=responsible,
        deadline=TODAY - datetime.timedelta(1),
        status=RealisationMeasure.Status.DONE,
    )
    RealisationMeasure.objects.create(
        benefit=world.benefit, description="Senere", responsible=responsible, deadline=TODAY + datetime.timedelta(9)
    )
    title, count, rest = panels(home(login, responsible))["benefits-late_measures"]
    assert (title, count) == ("My measures past their deadline", 1)
    assert late.description in rest and world.benefit.get_absolute_url() in rest
    assert "benefits-late_measures" not in panels(home(login, world.users["unit_leader"]))


# Unit leaders and employees


def test_unit_leader_sees_current_and_future_changes_only(world, login):
    coming = future_change(world, world.department)  # below the unit the leader leads
    underway = AffectedUnit.objects.create(
        initiative=initiative(world, Phase.EXECUTION),
        unit=world.unit,
        employees_affected=3,
        change_from=TODAY - datetime.timedelta(days=40),
    )
    past = AffectedUnit.objects.create(
        initiative=initiative(world, Phase.REALISATION),
        unit=world.unit,
        employees_affected=3,
        change_from=datetime.date(2023, 3, 1),
    )
    title, count, rest = panels(home(login, world.users["unit_leader"]))["portfolio-unit_changes"]
    assert (title, count) == ("Changes coming to the units I lead", 2)
    assert coming.initiative.name in rest and underway.initiative.name in rest
    assert past.initiative.name not in rest
    assert "portfolio-unit_changes" not in panels(home(login, world.users["employee"]))


def test_unit_leader_sees_benefits_expected_from_their_units(world, login):
    title, count, rest = panels(home(login, world.users["unit_leader"]))["benefits-from_my_units"]
    assert (title, count) == ("Benefits expected from my units", 1)
    assert world.benefit.get_absolute_url() in rest
    # The middle manager leads another unit, where no benefit arises.
    assert "benefits-from_my_units" not in panels(home(login, world.users["middle_manager"]))


def test_employee_sees_changes_to_their_own_unit_and_what_they_mean(world, login):
    employee = world.users["employee"]
    set_unit(employee, world.department)
    change = future_change(world, world.unit, days=20, description="Nattevakten bruker sensorer")
    future_change(world, world.other_unit)  # another unit: not theirs
    title, count, rest = panels(home(login, employee))["portfolio-own_unit_changes"]
    assert (title, count) == ("Changes coming to my unit", 1)
    assert change.initiative.get_absolute_url() in rest
    assert "Nattevakten bruker sensorer" in rest
    assert change.change_from.strftime("%d.%m.%Y") in rest


def test_employee_without_anything_gets_no_empty_section(world, login):
    world.idea.delete()
    employee = world.users["employee"]
    set_unit(employee, world.other_unit)
    body = home(login, employee)
    assert panels(body) == {} and "<h2" not in body
    assert "Nothing needs you right now." in body


# Portfolio office


def test_portfolio_office_sees_ideas_waiting(world, login):
    Idea.objects.create(organisation=world.org, title="Parkert", problem="p", target_group="t", status="parked")
    title, count, rest = panels(home(login, world.users["portfolio_office"]))["portfolio-ideas_waiting"]
    assert (title, count) == ("Ideas waiting for assessment", 1)
    assert reverse("portfolio:idea", args=[world.idea.pk]) in rest
    assert "portfolio-ideas_waiting" not in panels(home(login, world.users["employee"]))


def test_a_long_panel_shows_five_rows_and_links_to_the_rest(world, login):
    add_ideas("employee")(world, 6)
    _title, count, rest = panels(home(login, world.users["portfolio_office"]))["portfolio-ideas_waiting"]
    assert count == 7 and rest.count("<li>") == 5
    assert f'href="{reverse("portfolio:ideas")}?status=submitted">Assess ideas (2 more)</a>' in rest


def test_portfolio_office_sees_plan_gaps(world, login):
    planning = initiative(world, Phase.PLANNING)
    planned = initiative(world, Phase.PLANNING)
    BenefitPlan.objects.create(initiative=planned, version=1)
    executing = initiative(world, Phase.EXECUTION)
    BenefitPlan.objects.create(initiative=executing, version=1)  # a draft only
    approved = initiative(world, Phase.EXECUTION)
    BenefitPlan.objects.create(initiative=approved, version=1, status=BenefitPlan.Status.APPROVED)
    shown = panels(home(login, world.users["portfolio_office"]))
    title, count, rest = shown["benefits-without_plan"]
    assert (title, count) == ("Initiatives in planning without a benefits plan", 1)
    assert reverse("benefits:plan", args=[planning.pk]) in rest
    title, count, rest = shown["benefits-plans_not_approved"]
    assert (title, count) == ("Plans not approved after planning", 1)
    assert reverse("benefits:plan", args=[executing.pk]) in rest
    others = panels(home(login, world.users["project_leader"]))
    assert "benefits-without_plan" not in others and "benefits-plans_not_approved" not in others


# Project leaders, owners and top management


def test_project_leader_sees_their_initiatives_with_status_report_due(world, login):
    leader = world.users["project_leader"]
    fresh = initiative(world, Phase.EXECUTION, project_leader=leader)
    report(fresh, days_ago=3)
    # The world's initiative (the leader's role covers it) is being executed and last reported long ago.
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(phase=Phase.EXECUTION)
    StatusReport.objects.filter(initiative=world.initiative).update(report_date=TODAY - datetime.timedelta(days=60))
    title, count, rest = panels(home(login, leader))["portfolio-led"]
    assert (title, count) == ("Initiatives I lead", 2)
    assert reverse("portfolio:status_report_add", args=[world.initiative.pk]) in rest
    assert fresh.get_absolute_url() in rest
    assert "status report due" in rest.split(fresh.name)[0]  # the one due comes first
    assert "portfolio-led" not in panels(home(login, world.users["employee"]))


def test_no_status_report_is_due_before_planning_or_after_closing(world, login):
    leader = world.users["project_leader"]
    initiative(world, Phase.CONCEPT, project_leader=leader)
    initiative(world, Phase.REALISATION, project_leader=leader)
    title, count, rest = panels(home(login, leader))["portfolio-led"]
    assert (title, count) == ("Initiatives I lead", 3)  # with the world's initiative, in concept
    assert "status report due" not in rest


def test_named_project_leader_without_the_role_sees_their_initiative(world, login):
    named = initiative(world, Phase.EXECUTION, project_leader=world.users["benefit_owner"])
    title, count, rest = panels(home(login, world.users["benefit_owner"]))["portfolio-led"]
    assert (title, count) == ("Initiatives I lead", 1)
    assert reverse("portfolio:status_report_add", args=[named.pk]) in rest


def test_project_owner_sees_the_initiatives_they_own(world, login):
    owner = world.users["owner"]
    red = initiative(world, Phase.EXECUTION, project_owner=owner)
    report(red, "red")
    initiative(world, Phase.COMPLETED, project_owner=owner)  # finished: not on the start page
    initiative(world, Phase.EXECUTION, project_owner=world.users["top_management"])  # someone else's
    title, count, rest = panels(home(login, owner))["portfolio-owned"]
    assert (title, count) == ("Initiatives I own", 2)  # with the world's initiative
    assert red.get_absolute_url() in rest and world.initiative.get_absolute_url() in rest
    assert "<strong>Execution · status red</strong>" in rest
    assert f"{reverse('portfolio:list')}?owner={owner.pk}" in rest
    assert "portfolio-owned" not in panels(home(login, world.users["employee"]))


def test_a_project_owner_role_for_one_initiative_shows_it_as_owned(world, login):
    scoped_owner = world.users["project_owner"]
    owned = initiative(world, Phase.PLANNING)
    scoped_owner.memberships.get().roles.update(initiative=owned)
    title, count, rest = panels(home(login, scoped_owner))["portfolio-owned"]
    assert (title, count) == ("Initiatives I own", 1) and owned.get_absolute_url() in rest


def test_red_initiatives_and_late_deviations(world, login):
    red = initiative(world, Phase.EXECUTION, project_owner=world.users["owner"])
    red_report = report(red, "red")
    Deviation.objects.create(
        report=red_report, description="Leverandør forsinket", importance=3, deadline=TODAY - datetime.timedelta(5)
    )
    Deviation.objects.create(
        report=red_report, description="Ikke ennå", importance=1, deadline=TODAY + datetime.timedelta(5)
    )
    report(initiative(world, Phase.EXECUTION), "red")  # someone else's
    shown = panels(home(login, world.users["owner"]))
    assert shown["portfolio-red"][:2] == ("Initiatives with red status", 1)
    title, count, rest = shown["portfolio-deviations"]
    assert (title, count) == ("Deviations past their deadline", 1)
    assert reverse("portfolio:status_report", args=[red_report.pk]) in rest and "Leverandør forsinket" in rest
    assert panels(home(login, world.users["top_management"]))["portfolio-red"][1] == 2
    Initiative.objects.for_org(world.org).filter(pk=red.pk).update(project_leader=world.users["project_leader"])
    assert panels(home(login, world.users["project_leader"]))["portfolio-deviations"][1] == 1
    assert "portfolio-deviations" not in panels(home(login, world.users["employee"]))
    assert "portfolio-red" not in panels(home(login, world.users["employee"]))


def test_deviations_of_an_older_report_are_not_shown(world, login):
    owned = initiative(world, Phase.EXECUTION, project_owner=world.users["owner"])
    Deviation.objects.create(
        report=report(owned, days_ago=40), description="Gammel", importance=2, deadline=TODAY - datetime.timedelta(5)
    )
    report(owned, days_ago=2)
    assert "portfolio-deviations" not in panels(home(login, world.users["owner"]))


def test_politician_sees_the_portfolio_summary_and_no_empty_section(world, login):
    initiative(world, Phase.EXECUTION)
    initiative(world, Phase.EXECUTION)
    body = home(login, world.users["politician"])
    shown = panels(body)
    title, count, rest = shown["portfolio-summary"]
    assert (title, count) == ("The portfolio by phase", 3)
    assert f"{reverse('portfolio:list')}?phase=execution" in rest and "Execution</a> – 2" in rest
    assert "more)" not in rest  # the phases are a summary, not the first rows of a longer list
    assert "?phase=planning" not in rest  # phases with no initiative are left out
    assert all(count for _title, count, _rest in shown.values())
    assert body.count("<h2") == len(shown)
    assert "portfolio-summary" not in panels(home(login, world.users["employee"]))


def test_top_management_sees_benefits_planned_and_realised(quiet_world, login):
    world = quiet_world
    BenefitEstimate.objects.create(benefit=world.benefit, year=TODAY.year, optimistic=100, likely=100, pessimistic=100)
    # Baseline 10, target 5, measured 8.75 this year → (8.75 − 10) / (5 − 10) = 25 %.
    indicator = due_indicator(world, None, days_ago=10)
    save_measurement(Measurement(indicator=indicator, value=Decimal("8.75"), measured_on=TODAY))
    planned = {year: value for year, value, _share in portfolio_benefits(world.org).years}
    title, count, rest = panels(home(login, world.users["top_management"]))["benefits-planned_and_realised"]
    assert (title, count) == ("Benefits planned and realised", len([y for y in planned if abs(y - TODAY.year) <= 2]))
    assert reverse("benefits:portfolio") in rest
    expected = f"{TODAY.year} – planned {format_money(planned[TODAY.year])}, measured achievement 25 %"
    assert expected in html.unescape(rest)
    assert "benefits-planned_and_realised" not in panels(home(login, world.users["project_leader"]))


def test_politician_in_an_empty_organisation_gets_a_friendly_line(db, login):
    empty = Organisation.objects.create(name="Tomvik", municipality_number="4601", org_number=valid_orgnr())
    body = home(login, make_member(empty, "tom-politiker", Role.POLITICIAN))
    assert "<h2" not in body and "Nothing needs you right now." in body


def test_every_panel_is_registered_once_by_the_app_that_owns_it():
    keys = [panel.key for panel in registered()]
    assert len(keys) == len(set(keys))
    assert {key.split(".")[0] for key in keys} == {"benefits", "people", "portfolio", "surveys"}


# In a real browser, at phone width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["unit_leader", "politician"])
def test_start_page_is_accessible_for_two_roles(page, world, who):
    future_change(world, world.department, description="Nye rutiner for nattevakt")
    sign_in(page, world.users[who])
    assert_page_accessible(page, "/", "Velkommen til Fjordvik")
    assert page.locator("main section h2").count() >= 1


def test_plans_waiting_for_a_signature_reach_the_owner_then_top_management(world, login):
    plan_url = reverse("benefits:plan", args=[world.initiative.pk])
    title, count, rest = panels(home(login, world.users["owner"]))["benefits-signatures"]
    assert (title, count) == ("Plans waiting for my signature", 1)
    assert plan_url in rest and "as project owner" in rest
    assert "benefits-signatures" not in panels(home(login, world.users["top_management"]))  # not yet
    assert (
        login(world.users["owner"]).post(reverse("benefits:plan_sign", args=[world.initiative.pk])).status_code == 302
    )
    title, count, rest = panels(home(login, world.users["top_management"]))["benefits-signatures"]
    assert count == 1 and plan_url in rest and "as top management" in rest
    assert "benefits-signatures" not in panels(home(login, world.users["owner"]))
    assert "benefits-signatures" not in panels(home(login, world.users["employee"]))
