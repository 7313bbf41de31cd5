"""Every start-page panel runs a constant number of queries, whatever the data size: one case per panel
adds a little data, then more, and checks the count does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.models import Benefit, BenefitEstimate, BenefitPlan, RealisationMeasure
from dashboards.registry import registered
from organisations.actor import build_actor
from people.models import EmployeeInformation
from portfolio.models import AffectedUnit, Deviation, Initiative, Phase

from .factories import assessed_member
from .factories_checklist import add_barrier_checklists, add_owned_remedies
from .factories_load import add_overloaded_departments
from .factories_training import add_agents_in_the_unit, add_training_behind
from .test_dashboards import (
    TODAY,
    _names,
    add_ideas,
    benefit,
    due_indicator,
    future_change,
    initiative,
    report,
    set_unit,
)
from .test_surveys_latest import adoption_about, readiness_about

pytestmark = pytest.mark.django_db


def add_due(world, n):
    for _ in range(n):
        due_indicator(world, world.users["benefit_responsible"], days_ago=45)


def add_late_measures(world, n):
    for _ in range(n):
        RealisationMeasure.objects.create(
            benefit=benefit(world),
            description="Tiltak",
            responsible=world.users["benefit_responsible"],
            deadline=TODAY - datetime.timedelta(3),
        )


def add_warned_benefits(world, n):
    for _ in range(n):
        benefit(world, owner=world.users["unit_leader"])  # no indicator: a warning


def add_unit_benefits(world, n):
    for _ in range(n):
        benefit(world, unit=world.department)


def add_initiatives(phase, **fields):
    def add(world, n):
        for _ in range(n):
            initiative(world, phase, **{k: world.users[v] for k, v in fields.items()})

    return add


def add_unplanned_execution(world, n):
    for _ in range(n):
        BenefitPlan.objects.create(initiative=initiative(world, Phase.EXECUTION), version=1)


def add_red(world, n):
    for _ in range(n):
        report(initiative(world, Phase.EXECUTION, project_owner=world.users["owner"]), "red")


def add_deviations(world, n):
    for _ in range(n):
        late = report(initiative(world, Phase.EXECUTION, project_owner=world.users["owner"]), "yellow")
        Deviation.objects.create(report=late, description="Sen", importance=2, deadline=TODAY - datetime.timedelta(2))


def add_led(world, n):
    for index in range(n):
        led = initiative(world, Phase.EXECUTION, project_leader=world.users["project_leader"])
        report(led, days_ago=3 if index % 2 else 50)


def add_unit_changes(world, n):
    for _ in range(n):
        future_change(world, world.department)


def add_shared_assessments(world, n):
    """Employees of the unit leader's unit who share their self-assessment with their leader."""
    for _ in range(n):
        assessed_member(world.org, f"deler-{next(_names)}", world.unit, {world.theme: 3}, shared=True)


def add_planned_years(world, n):
    for _ in range(n):
        year = TODAY.year - 2 + next(_names) % 5
        BenefitEstimate.objects.create(benefit=benefit(world), year=year, optimistic=9, likely=8, pessimistic=7)


def add_drafts_signed_by_the_owner(world, count):
    """Plans signed by their project owner and waiting for top management."""
    for _ in range(count):
        initiative = Initiative.objects.create(
            organisation=world.org, name=f"Signert {next(_names)}", project_owner=world.users["owner"]
        )
        BenefitPlan.objects.create(
            initiative=initiative,
            version=1,
            approved_by_owner=world.users["owner"],
            approved_by_owner_on=TODAY,
            snapshot={"benefits": []},
        )


def add_owned_plans_to_sign(world, count):
    """Initiatives the project owner owns, each with a benefit, one with an approved plan changed since."""
    for index in range(count):
        owned = initiative(world, Phase.PLANNING, project_owner=world.users["owner"])
        changed = Benefit.objects.create(
            initiative=owned, change=world.change, description="Gevinst", kind="capacity", measure="hours"
        )
        BenefitEstimate.objects.create(benefit=changed, year=2027, optimistic=3, likely=2, pessimistic=1)
        if index % 2:
            BenefitPlan.objects.create(initiative=owned, version=1, status=BenefitPlan.Status.APPROVED, snapshot={})


def add_owned(world, count):
    for index in range(count):
        owned = initiative(world, Phase.EXECUTION, project_owner=world.users["owner"])
        report(owned, "red" if index % 2 else "green")


def add_chosen_without_involvement(world, n):
    """Initiatives in execution affecting the department, with nobody involved before the choice."""
    for _ in range(n):
        AffectedUnit.objects.create(
            initiative=initiative(world, Phase.EXECUTION),
            unit=world.department,
            employees_affected=2,
            change_from=TODAY,
        )


def add_published_information(world, n):
    for _ in range(n):
        EmployeeInformation.objects.create(affected_unit=future_change(world, world.department), published=True)


def add_readiness_in_led_units(world, n):
    """Changes coming to the unit leader's department, each with a closed readiness round that asked it."""
    for _ in range(n):
        change = future_change(world, world.department)
        units = {"Avdelinga": (None, 6, world.department)}
        readiness_about(world, change.initiative, units=units)


def add_low_adoption(world, n):
    for _ in range(n):
        adoption_about(world, initiative(world, Phase.REALISATION, project_owner=world.users["owner"]))


def add_readiness_held_back(world, n):
    for _ in range(n):
        readiness_about(world, initiative(world, Phase.EXECUTION))


QUERY_CASES = {
    "benefits.signatures": ("top_management", add_drafts_signed_by_the_owner),
    "benefits.signatures[owner]": ("owner", add_owned_plans_to_sign),
    "benefits.planned_and_realised": ("politician", add_planned_years),
    "benefits.due": ("benefit_responsible", add_due),
    "benefits.late_measures": ("benefit_responsible", add_late_measures),
    "benefits.warnings": ("unit_leader", add_warned_benefits),
    "benefits.from_my_units": ("unit_leader", add_unit_benefits),
    "benefits.without_plan": ("portfolio_office", add_initiatives(Phase.PLANNING)),
    "benefits.plans_not_approved": ("portfolio_office", add_unplanned_execution),
    "portfolio.red": ("top_management", add_red),
    "portfolio.deviations": ("owner", add_deviations),
    "portfolio.led": ("project_leader", add_led),
    "portfolio.owned": ("owner", add_owned),
    "portfolio.summary": ("politician", add_initiatives(Phase.EXECUTION)),
    "portfolio.ideas_waiting": ("portfolio_office", add_ideas("employee")),
    "portfolio.my_ideas": ("employee", add_ideas("employee")),
    "portfolio.unit_changes": ("unit_leader", add_unit_changes),
    "portfolio.own_unit_changes": ("employee", add_unit_changes),
    "people.shared_with_me": ("unit_leader", add_shared_assessments),
    "people.involvement_gaps": ("portfolio_office", add_chosen_without_involvement),
    "people.left_out": ("unit_leader", add_chosen_without_involvement),
    "people.information_for_me": ("employee", add_published_information),
    "people.training_behind": ("unit_leader", add_training_behind),
    "people.whom_to_ask": ("employee", add_agents_in_the_unit),
    "people.my_units_overloaded": ("unit_leader", add_overloaded_departments),
    "people.units_overloaded": ("portfolio_office", add_overloaded_departments),
    "surveys.readiness_in_my_units": ("unit_leader", add_readiness_in_led_units),
    "surveys.readiness_held_back": ("top_management", add_readiness_held_back),
    "surveys.low_adoption": ("owner", add_low_adoption),
    "surveys.low_adoption[portfolio_office]": ("portfolio_office", add_low_adoption),
    "surveys.remedies_owned": ("unit_leader", add_owned_remedies),
    "surveys.barrier_checklists": ("top_management", add_barrier_checklists),
}


def build(world, key, user_key):
    panel = next(p for p in registered() if p.key == key.split("[")[0])
    actor = build_actor(world.users[user_key], world.org.pk)
    assert panel.applies(actor)  # which also works out the units led, once per request
    return panel, actor


def test_every_panel_has_a_query_count_case():
    assert {case.split("[")[0] for case in QUERY_CASES} == {panel.key for panel in registered()}


@pytest.mark.parametrize("key", sorted(QUERY_CASES))
def test_panel_queries_do_not_grow_with_the_data(world, key, django_assert_num_queries):
    user_key, add = QUERY_CASES[key]
    set_unit(world.users["employee"], world.department)
    add(world, 1)
    panel, actor = build(world, key, user_key)
    with CaptureQueriesContext(connection) as first:
        before = panel.build(actor, TODAY).count
    add(world, 8)
    panel, actor = build(world, key, user_key)
    with django_assert_num_queries(len(first.captured_queries)):
        after = panel.build(actor, TODAY).count
    assert before >= 1 and after > before
