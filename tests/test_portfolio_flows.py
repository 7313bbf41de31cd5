"""The portfolio through its pages: good input is saved and audited, bad input saves nothing."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from organisations.models import OrgUnit
from portfolio.models import AffectedUnit, Deviation, Idea, Initiative, Phase, Stakeholder, StatusReport
from portfolio.services.ideas import accept_idea

from .pages import assert_page

pytestmark = pytest.mark.django_db


def initiative_data(world, **overrides):
    data = {
        "name": "Digital tilsynsplan",
        "purpose": "Bedre tilsyn",
        "planned_start": "2026-01-01",
        "planned_end": "2026-12-31",
        "budget": "500000",
        "sector": world.sector.pk,
        "project_owner": world.users["owner"].pk,
    }
    data.update(overrides)
    return data


def test_create_initiative_starts_in_concept_with_history(world, login):
    response = login(world.users["portfolio_office"]).post(
        reverse("portfolio:initiative_create"), initiative_data(world)
    )
    initiative = Initiative.objects.across_organisations().get(name="Digital tilsynsplan")
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert initiative.organisation == world.org and initiative.phase == Phase.CONCEPT
    assert initiative.phase_changes.get().to_phase == Phase.CONCEPT


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"planned_end": "2025-12-31"}, "planned_end"),
        ({"budget": "-1"}, "budget"),
        ({"name": ""}, "name"),
        ({"planned_start": "31.02.2026"}, "planned_start"),
    ],
)
def test_bad_initiative_input_is_explained_and_nothing_saved(world, login, overrides, field):
    client = login(world.users["portfolio_office"])
    client.cookies["django_language"] = "nb"
    response = client.post(reverse("portfolio:initiative_create"), initiative_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Initiative.objects.across_organisations().filter(name="Digital tilsynsplan").exists()
    assert "Ingenting ble lagret" in response.content.decode()


def test_editing_is_audited_field_by_field_and_shown_on_the_page(world, login):
    client = login(world.users["owner"])
    data = initiative_data(world, name="Nytt navn", budget="750000")
    assert client.post(reverse("portfolio:initiative_edit", args=[world.initiative.pk]), data).status_code == 302
    entry = LogEntry.objects.get_for_object(world.initiative).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == world.users["owner"]
    assert entry.changes["name"] == [world.initiative.name, "Nytt navn"]
    assert entry.changes["budget"][1] == "750000"
    page = assert_page(client.get(world.initiative.get_absolute_url()), "Nytt navn")
    assert world.users["owner"].get_full_name() in page


def test_child_rows_are_audited_on_the_initiative_page(world, login):
    client = login(world.users["owner"])
    assert client.post(reverse("portfolio:stakeholder_delete", args=[world.stakeholder.pk])).status_code == 302
    assert not Stakeholder.objects.across_organisations().filter(pk=world.stakeholder.pk).exists()
    page = client.get(world.initiative.get_absolute_url())
    assert_page(page, world.initiative.name)
    rows = page.context["history"]
    assert any(world.stakeholder.name in row.what and row.actor == str(world.users["owner"]) for row in rows)


def test_phase_change_through_page_and_skip_refused(world, login):
    client = login(world.users["owner"])
    url = reverse("portfolio:initiative_phase", args=[world.initiative.pk])
    refused = client.post(url, {"to_phase": Phase.EXECUTION, "changed_on": "2026-03-01"})
    assert refused.status_code == 200 and "to_phase" in refused.context["form"].errors
    assert client.post(url, {"to_phase": Phase.PLANNING, "changed_on": "2026-03-01"}).status_code == 302
    world.initiative.refresh_from_db()
    assert world.initiative.phase == Phase.PLANNING
    back = client.post(url, {"to_phase": Phase.CONCEPT, "changed_on": "2026-03-02", "comment": ""})
    assert back.status_code == 200 and "comment" in back.context["form"].errors
    world.initiative.refresh_from_db()
    assert world.initiative.phase == Phase.PLANNING


def test_affected_unit_rules(world, login):
    client = login(world.users["owner"])
    url = reverse("portfolio:affected_unit_add", args=[world.initiative.pk])
    too_many = client.post(url, {"unit": world.other_unit.pk, "employees_affected": 31, "change_from": "2026-05-01"})
    assert too_many.status_code == 200
    assert "employees_affected" in too_many.context["form"].errors  # the unit has 30 employees
    twice = client.post(url, {"unit": world.unit.pk, "employees_affected": 5, "change_from": "2026-05-01"})
    assert twice.status_code == 200 and "unit" in twice.context["form"].errors
    assert AffectedUnit.objects.filter(initiative=world.initiative).count() == 1
    ok = client.post(url, {"unit": world.other_unit.pk, "employees_affected": 30, "change_from": "2026-05-01"})
    assert ok.status_code == 302
    assert AffectedUnit.objects.filter(initiative=world.initiative).count() == 2


def test_unit_leader_may_correct_own_unit_only(world, login):
    client = login(world.users["unit_leader"])
    url = reverse("portfolio:affected_unit_edit", args=[world.affected.pk])
    response = client.post(url, {"unit": world.unit.pk, "employees_affected": 35, "change_from": "2026-10-01"})
    assert response.status_code == 302
    world.affected.refresh_from_db()
    assert world.affected.employees_affected == 35
    # The home care unit is not theirs: its row stays as it was.
    other = AffectedUnit.objects.create(
        initiative=world.initiative, unit=world.other_unit, employees_affected=10, change_from="2026-09-01"
    )
    url = reverse("portfolio:affected_unit_edit", args=[other.pk])
    response = client.post(url, {"unit": world.other_unit.pk, "employees_affected": 20, "change_from": "2026-10-01"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.employees_affected == 10


def test_status_report_with_deviation_and_latest_status_in_portfolio(world, login):
    client = login(world.users["owner"])
    data = {
        "report_date": "2026-11-01",
        "overall_status": "yellow",
        "change_status": "red",
        "change_comment": "Vikarer mangler",
        "deviations-TOTAL_FORMS": "3",
        "deviations-INITIAL_FORMS": "0",
        "deviations-0-description": "Opplæring forsinket",
        "deviations-0-importance": "3",
        "deviations-0-responsible": "Enhetsleder",
        "deviations-0-deadline": "2026-12-01",
    }
    assert client.post(reverse("portfolio:status_report_add", args=[world.initiative.pk]), data).status_code == 302
    report = StatusReport.objects.across_organisations().get(report_date="2026-11-01")
    assert report.author == world.users["owner"] and report.organisation == world.org
    assert Deviation.objects.across_organisations().get(report=report).organisation == world.org
    listing = client.get(reverse("portfolio:list"), {"status": "yellow"})
    assert_page(listing, "Portefølje")
    assert list(listing.context["initiatives"]) == [world.initiative]


def test_bad_deviation_saves_no_report(world, login):
    client = login(world.users["owner"])
    data = {
        "report_date": "2026-11-01",
        "overall_status": "green",
        "change_status": "green",
        "deviations-TOTAL_FORMS": "1",
        "deviations-INITIAL_FORMS": "0",
        "deviations-0-description": "Mangler viktighet",
    }
    response = client.post(reverse("portfolio:status_report_add", args=[world.initiative.pk]), data)
    assert response.status_code == 200
    assert "importance" in response.context["deviations"].errors[0]
    assert not StatusReport.objects.across_organisations().filter(report_date="2026-11-01").exists()


def test_idea_flow_propose_score_accept(world, login, client):
    proposed = login(world.users["employee"]).post(
        reverse("portfolio:idea_create"),
        {"title": "Vaktbytte-app", "problem": "Papir", "target_group": "Turnus", "units": [world.unit.pk]},
    )
    assert proposed.status_code == 302
    idea = Idea.objects.across_organisations().get(title="Vaktbytte-app")
    assert idea.proposer == world.users["employee"] and idea.organisation == world.org
    client.logout()
    office = login(world.users["portfolio_office"])
    url = reverse("portfolio:idea", args=[idea.pk])
    scored = office.post(
        url, {"score-score_strategic": 4, "score-score_economic": 3, "score-score_quality": 5, "score-score_risk": 2}
    )
    assert scored.status_code == 302
    page = office.get(url)
    assert_page(page, "Vaktbytte-app")
    # (0.35·4 + 0.25·3 + 0.25·5 + 0.15·(6 − 2)) / 1.00 = 4.00
    assert page.context["total"] == 4
    rejected = office.post(url, {"decision-decision": "reject", "decision-reason": ""})
    assert rejected.status_code == 200 and "reason" in rejected.context["decision_form"].errors
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED
    response = office.post(url, {"decision-decision": "accept", "decision-reason": "God idé"})
    idea.refresh_from_db()
    # Straight on to the project card the new initiative still has to get.
    edit = reverse("portfolio:initiative_edit", args=[idea.initiative.pk])
    assert idea.status == Idea.Status.ACCEPTED and response["Location"] == edit


def test_an_initiative_from_an_idea_lists_what_its_card_lacks_and_the_ideas_units(world, login):
    world.idea.units.set([world.unit, world.other_unit])
    initiative = accept_idea(world.idea, by=world.users["portfolio_office"], on=datetime.date(2026, 5, 1))
    AffectedUnit.objects.create(
        initiative=initiative, unit=world.unit, employees_affected=3, change_from=datetime.date(2026, 9, 1)
    )
    client = login(world.users["portfolio_office"])
    page = assert_page(client.get(initiative.get_absolute_url()), initiative.name)
    assert "Prosjektkortet mangler fortsatt: en prosjekteier, en prosjektleder" in page
    assert "enhetene det berører" not in page  # it has one affected unit
    add = reverse("portfolio:affected_unit_add", args=[initiative.pk])
    assert f"{add}?unit={world.other_unit.pk}" in page and f"{add}?unit={world.unit.pk}" not in page
    assert f"foreslått av {world.users['employee']}" in page
    form = client.get(f"{add}?unit={world.other_unit.pk}").context["form"]
    assert form.initial["unit"] == world.other_unit.pk
    # Someone who may not edit the initiative is not told to complete it.
    reader = login(world.users["employee"]).get(initiative.get_absolute_url())
    assert "Prosjektkortet mangler" not in assert_page(reader, initiative.name)


def test_portfolio_filters_and_sorting(world, login):
    Initiative.objects.create(organisation=world.org, name="Aaa først", budget=10)
    client = login(world.users["employee"])
    by_budget = client.get(reverse("portfolio:list"), {"sort": "-budget"})
    assert_page(by_budget, "Portefølje")
    assert [i.name for i in by_budget.context["initiatives"]] == [world.initiative.name, "Aaa først"]
    by_sector = client.get(reverse("portfolio:list"), {"sector": world.sector.pk})
    assert_page(by_sector, "Portefølje")
    assert [i.name for i in by_sector.context["initiatives"]] == [world.initiative.name]
    partial = client.get(reverse("portfolio:list"), headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode() and world.initiative.name in partial.content.decode()


def test_exports_contain_filtered_rows_and_defuse_formulas(world, login):
    world.initiative.name = '=HYPERLINK("http://evil")'
    world.initiative.save()
    client = login(world.users["employee"])
    response = client.get(reverse("portfolio:export_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0].startswith("'=")
    assert "1000000" in rows[1]
    assert "01.01.2026" in rows[1]
    response = client.get(reverse("portfolio:export_xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.cell(2, 1).value.startswith("'=")
    assert sheet.cell(2, 9).value == 1000000
    empty = client.get(reverse("portfolio:export_csv"), {"phase": "completed"})
    assert empty.status_code == 200
    assert len(list(csv.reader(io.StringIO(empty.content.decode("utf-8-sig")), delimiter=";"))) == 1


def test_unit_made_its_own_ancestor_through_the_form(world, login):
    client = login(world.users["administrator"])
    url = reverse("organisations:unit_edit", args=[world.unit.pk])
    response = client.post(
        url, {"name": world.unit.name, "level": "department", "parent": world.department.pk, "headcount": 40}
    )
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    assert OrgUnit.objects.across_organisations().get(pk=world.unit.pk).parent == world.sector


def settings_data(world, **overrides):
    data = {
        "name": "Fjordvik",
        "kind": "municipality",
        "municipality_number": "4600",
        "org_number": world.org.org_number,
        "language": "nb",
        "weight_strategic": "0.35",
        "weight_economic": "0.25",
        "weight_quality": "0.25",
        "weight_risk": "0.15",
        "hourly_cost": "700",
        "substitute_hourly_cost": "750",
        "hours_per_fte": "1695",
        "discount_rate": "4",
        "small_saving_minutes": "30",
        "minimum_group_size": "5",
    }
    return data | overrides


def test_economics_settings_reject_a_discount_rate_of_minus_100(world, login):
    client = login(world.users["administrator"])
    response = client.post(reverse("organisations:settings"), settings_data(world, discount_rate="-100"))
    assert response.status_code == 200 and "discount_rate" in response.context["form"].errors
    world.org.refresh_from_db()
    assert world.org.hourly_cost == 650
    assert client.post(reverse("organisations:settings"), settings_data(world, discount_rate="3,5")).status_code == 302
    world.org.refresh_from_db()
    assert (world.org.discount_rate, world.org.hourly_cost) == (Decimal("3.5"), 700)


def test_invalid_organisation_number_in_settings(world, login):
    client = login(world.users["administrator"])
    response = client.post(
        reverse("organisations:settings"), settings_data(world, org_number="964338532", language="nn")
    )
    assert response.status_code == 200 and "org_number" in response.context["form"].errors
    world.org.refresh_from_db()
    assert world.org.language == "nb"


def test_administrator_sets_membership_title_unit_and_roles(world, login):
    membership = world.users["employee"].memberships.get()
    client = login(world.users["administrator"])
    url = reverse("organisations:person_edit", args=[membership.pk])
    data = {
        "title": "Sykepleier",
        "unit": world.unit.pk,
        "roles": ["middle_manager", "benefit_owner"],
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.title == "Sykepleier" and membership.unit == world.unit and membership.is_active
    assert set(membership.roles.values_list("role", flat=True)) == {"middle_manager", "benefit_owner"}
    data["roles"] = ["middle_manager"]
    assert client.post(url, data).status_code == 302
    assert set(membership.roles.values_list("role", flat=True)) == {"middle_manager"}
