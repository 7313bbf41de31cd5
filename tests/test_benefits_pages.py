"""The benefits pages through the test client: rights per role, bad input, query counts."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits.models import Benefit, BenefitEstimate, BenefitPlan, Change, Indicator, Measurement
from benefits.services.measurements import save_measurement
from portfolio.models import Initiative

from .pages import assert_page

pytestmark = pytest.mark.django_db


def url(name, *args, **kwargs):
    return reverse(f"benefits:{name}", args=args or None, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("page", "heading", "allowed", "forbidden"),
    [
        (lambda w: url("part_add", pk=w.initiative.pk, kind="benefit"), "Legg til: Gevinst", "owner", "employee"),
        (
            lambda w: url("part_add", pk=w.initiative.pk, kind="change"),
            "Legg til: Endring",
            "benefit_responsible",
            "politician",
        ),
        (
            lambda w: url("part_edit", pk=w.cost.pk, kind="cost"),
            "Rediger: Kostnad",
            "portfolio_office",
            "benefit_owner",
        ),
        (lambda w: url("estimates", w.benefit.pk), "Estimater per år", "owner", "top_management"),
        (
            lambda w: url("benefit_part_add", pk=w.benefit.pk, kind="indicator"),
            "Legg til: Indikator",
            "unit_leader",
            "employee",
        ),
        (
            lambda w: url("benefit_part_edit", pk=w.measure.pk, kind="measure"),
            "Rediger: Realiseringstiltak",
            "unit_leader",
            "middle_manager",
        ),
        (
            lambda w: url("measurement_add", w.indicator.pk),
            "Ny måling: Fjordvik runder per natt",
            "benefit_responsible",
            "employee",
        ),
        (lambda w: url("goal_add"), "Legg til: Strategisk mål", "top_management", "project_leader"),
    ],
)
def test_edit_rights(world, login, client, page, heading, allowed, forbidden):
    target = page(world)
    assert login(world.users[forbidden]).get(target).status_code == 403
    client.logout()
    assert_page(login(world.users[allowed]).get(target), heading)


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("initiative", "Gevinstrealisering: Fjordvik digitale nattilsyn"),
        ("economics", "Økonomi: Fjordvik digitale nattilsyn"),
        ("map", "Gevinstkart: Fjordvik digitale nattilsyn"),
        ("plan", "Gevinstrealiseringsplan"),
    ],
)
def test_everyone_reads_the_benefits_pages(world, login, name, heading):
    page = assert_page(login(world.users["politician"]).get(url(name, world.initiative.pk)), heading)
    if name in ("initiative", "map"):
        assert world.benefit.description in page


def test_add_change_then_benefit_then_indicator_and_measurement(world, login):
    client = login(world.users["owner"])
    response = client.post(url("part_add", pk=world.initiative.pk, kind="change"), {"description": "Ny arbeidsflyt"})
    assert response.status_code == 302
    change = Change.objects.across_organisations().get(description="Ny arbeidsflyt")
    data = {"change": change.pk, "description": "Raskere vedtak", "kind": "budget", "measure": "kroner"}
    response = client.post(url("part_add", pk=world.initiative.pk, kind="benefit"), data)
    benefit = Benefit.objects.across_organisations().get(description="Raskere vedtak")
    assert response.status_code == 302 and response["Location"] == benefit.get_absolute_url()
    indicator_data = {
        "name": "Dager til vedtak",
        "unit_of_measure": "dager",
        "baseline_value": "30",
        "baseline_date": "2026-01-01",
        "target_value": "10",
        "target_date": "2027-01-01",
        "frequency": "3",
    }
    assert client.post(url("benefit_part_add", pk=benefit.pk, kind="indicator"), indicator_data).status_code == 302
    indicator = Indicator.objects.across_organisations().get(name="Dager til vedtak")
    measured = client.post(url("measurement_add", indicator.pk), {"value": "20", "measured_on": "2026-06-01"})
    assert measured.status_code == 302
    page = assert_page(client.get(benefit.get_absolute_url()), "Raskere vedtak")
    # (20 − 30) / (10 − 30) = 50 %
    assert "50\xa0%" in page


def test_benefit_needs_a_change_and_bad_input_saves_nothing(world, login):
    client = login(world.users["owner"])
    Benefit.objects.across_organisations().all().delete()
    Change.objects.across_organisations().all().delete()
    response = client.post(
        url("part_add", pk=world.initiative.pk, kind="benefit"),
        {"description": "Uten endring", "kind": "budget", "measure": "kroner"},
    )
    assert response.status_code == 200 and "change" in response.context["form"].errors
    assert not Benefit.objects.across_organisations().exists()


def test_target_equal_to_baseline_and_measurement_before_baseline(world, login):
    client = login(world.users["owner"])
    data = {"name": "X", "unit_of_measure": "kr", "baseline_value": "5", "target_value": "5", "frequency": "3"}
    response = client.post(url("benefit_part_add", pk=world.benefit.pk, kind="indicator"), data)
    assert response.status_code == 200 and "target_value" in response.context["form"].errors
    assert not Indicator.objects.filter(benefit=world.benefit, name="X").exists()
    response = client.post(url("measurement_add", world.indicator.pk), {"value": "1", "measured_on": "2025-12-31"})
    assert response.status_code == 200 and "measured_on" in response.context["form"].errors
    assert Measurement.objects.filter(indicator=world.indicator).count() == 1


def test_estimates_formset_saves_all_or_nothing(world, login):
    client = login(world.users["owner"])
    data = {"years-TOTAL_FORMS": "2", "years-INITIAL_FORMS": "2"}
    data.update({"years-0-year": "2026", "years-0-optimistic": "10", "years-0-likely": "8", "years-0-pessimistic": "5"})
    data.update(
        {"years-1-year": "2027", "years-1-optimistic": "10", "years-1-likely": "20", "years-1-pessimistic": "5"}
    )
    response = client.post(url("estimates", world.benefit.pk), data)
    # 2027 is out of order (likely 20 > optimistic 10): the error is on that row and 2026 is not saved either.
    assert response.status_code == 200
    assert [bool(errors) for errors in response.context["formset"].errors] == [False, True]
    assert not BenefitEstimate.objects.filter(benefit=world.benefit, year=2026).exists()
    data["years-1-likely"] = "7"
    data["years-1-optimistic"] = "-1"
    response = client.post(url("estimates", world.benefit.pk), data)
    assert response.status_code == 200
    assert [bool(errors) for errors in response.context["formset"].errors] == [False, True]
    assert not BenefitEstimate.objects.filter(benefit=world.benefit, year=2026).exists()
    data["years-1-optimistic"] = "9"
    assert client.post(url("estimates", world.benefit.pk), data).status_code == 302
    assert list(BenefitEstimate.objects.filter(benefit=world.benefit).values_list("year", "likely")) == [
        (2026, 8),
        (2027, 7),
    ]


def test_plan_signed_by_owner_and_top_management(world, login, client):
    sign = url("plan_sign", world.initiative.pk)
    assert login(world.users["employee"]).post(sign).status_code == 403
    assert not BenefitPlan.objects.filter(initiative=world.initiative).exists()
    client.logout()
    assert login(world.users["owner"]).post(sign).status_code == 302
    assert (
        BenefitPlan.objects.across_organisations().get(initiative=world.initiative).approved_by_owner
        == world.users["owner"]
    )
    client.logout()
    assert login(world.users["top_management"]).post(sign).status_code == 302
    plan = BenefitPlan.objects.across_organisations().get(initiative=world.initiative)
    assert plan.status == "approved" and plan.approved_on == datetime.date.today()
    # Top management approves plans but may not edit benefits.
    edit = client.post(url("part_edit", pk=world.benefit.pk, kind="benefit"), {"description": "Forsøk"})
    assert edit.status_code == 403
    assert Benefit.objects.across_organisations().get(pk=world.benefit.pk).description == world.benefit.description
    Benefit.objects.across_organisations().filter(pk=world.benefit.pk).update(description="Endret beskrivelse")
    page = assert_page(client.get(url("plan", world.initiative.pk)), "Gevinstrealiseringsplan")
    assert "Endret beskrivelse" in page and world.benefit.description in page


def add_benefits(world, count, first=0):
    change = world.change
    for n in range(first, first + count):
        benefit = Benefit.objects.create(
            initiative=world.initiative,
            change=change,
            description=f"B{n}",
            kind="budget",
            measure="kroner",
            owner=world.users["unit_leader"],
        )
        BenefitEstimate.objects.create(benefit=benefit, year=2027, optimistic=3, likely=2, pessimistic=1)
        indicator = Indicator.objects.create(
            benefit=benefit,
            name=f"I{n}",
            unit_of_measure="kr",
            baseline_value=0,
            target_value=10,
            baseline_date=datetime.date(2026, 1, 1),
            measured_by=world.users["unit_leader"],
        )
        for month in (2, 3, 4):
            save_measurement(Measurement(indicator=indicator, value=month, measured_on=datetime.date(2026, month, 1)))


# What each page shows of the rows: with 2 added benefits, then with 14. On the economics page 2027's
# gross benefit grows by each kroner benefit's adjusted estimate (3 + 3·2 + 1) / 5 = 2 kr on top of the
# world's 980 hours × 650 kr = 637 000 kr.
@pytest.mark.parametrize(
    ("page", "heading", "few_shows", "many_shows"),
    [
        (lambda w: url("portfolio"), "Gevinster i porteføljen", "Fjordvik digitale nattilsyn", "Fjordvik digitale"),
        (
            lambda w: url("initiative", w.initiative.pk),
            "Gevinstrealisering: Fjordvik digitale nattilsyn",
            ">B1<",
            ">B13<",
        ),
        (
            lambda w: url("economics", w.initiative.pk),
            "Økonomi: Fjordvik digitale nattilsyn",
            "637\xa0004",
            "637\xa0028",
        ),
        (lambda w: url("mine"), "Mine gevinster", ">B1<", ">B13<"),
        (lambda w: url("at_risk"), "Gevinster i faresonen", ">B1<", ">B13<"),
        (lambda w: url("benefit", w.benefit.pk), "Fjordvik færre nattrunder", "runder per natt", "runder per natt"),
    ],
)
def test_query_count_does_not_grow_with_benefits_and_measurements(world, login, page, heading, few_shows, many_shows):
    """The page is shown (status, heading, its rows) with as many queries for 2 added benefits as for 14."""
    client = login(world.users["unit_leader"])
    add_benefits(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert few_shows in assert_page(client.get(page(world)), heading)
    add_benefits(world, 12, first=2)
    with CaptureQueriesContext(connection) as many:
        assert many_shows in assert_page(client.get(page(world)), heading)
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_portfolio_figures_equal_each_initiatives_own_economics(world, login):
    """The portfolio sums in the database; an initiative's page sums in Python: same numbers."""
    from benefits.services.portfolio import portfolio_benefits
    from benefits.services.queries import economics_for, initiative_benefits

    add_benefits(world, 3)
    Benefit.objects.across_organisations().filter(description="B0").update(
        measure="hours", kind="capacity", unit=world.unit
    )
    overview = portfolio_benefits(world.org)
    line = next(line for line in overview.lines if line.initiative.pk == world.initiative.pk)
    own = economics_for(world.initiative, initiative_benefits(world.initiative))
    assert round(line.economics.npv_full, 2) == round(own.npv_full, 2)
    assert round(line.economics.npv_technology, 2) == round(own.npv_technology, 2)
    assert round(line.planned, 2) == round(own.totals["gross"], 2)
    assert line.economics.start_year == own.start_year
    # 2027: the world's hour benefit (980 h) and B0 (2 h) at the organisation's 650 kr/h, plus B1 and B2 at 2 kr
    assert {y: round(v, 2) for y, v, _share in overview.years} == {2027: round(D(982 * 650 + 4), 2)}


def test_rows_under_a_benefit_can_be_removed_but_an_indicator_keeps_its_measurements(world, login):
    client = login(world.users["unit_leader"])  # the benefit's owner follows it up
    page = assert_page(client.get(world.benefit.get_absolute_url()), world.benefit.description)
    remove_prerequisite = url("benefit_part_delete", kind="prerequisite", pk=world.prerequisite.pk)
    assert remove_prerequisite in page
    assert client.post(remove_prerequisite).status_code == 302
    assert not world.benefit.prerequisites.exists()
    assert client.post(url("benefit_part_delete", kind="measure", pk=world.measure.pk)).status_code == 302
    assert not world.benefit.measures.exists()
    # The world's indicator has a measurement: it stays, and the page offers no remove button for it.
    kept = client.post(url("benefit_part_delete", kind="indicator", pk=world.indicator.pk))
    assert kept.status_code == 302
    assert world.benefit.indicators.filter(pk=world.indicator.pk).exists()
    assert Measurement.objects.filter(indicator=world.indicator).count() == 1
    page = assert_page(client.get(world.benefit.get_absolute_url()), world.benefit.description)
    assert url("benefit_part_delete", kind="indicator", pk=world.indicator.pk) not in page


def test_the_portfolio_says_when_an_initiative_has_no_figures_yet_instead_of_zero_kroner(world, login):
    empty = Initiative.objects.create(organisation=world.org, name="Ny idé uten plan", sector=world.sector)
    reader = world.users["employee"]
    reader.preferred_language = "en"
    reader.save()
    page = assert_page(login(reader).get(url("portfolio")), "Benefits in the portfolio")
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in page.split("<tr>")[1:] if "</a>" in row}
    assert "No estimates or costs yet" in rows[empty.name]
    assert "No estimates or costs yet" not in rows[world.initiative.name]
    assert "kr" in rows[world.initiative.name]
