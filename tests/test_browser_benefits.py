"""The benefits flow in real Chromium: change → benefit → indicator → measurement → achievement → approval."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from benefits.models import Benefit, BenefitPlan, Change, Indicator
from benefits.services.plans import sign

from .browser import assert_accessible, assert_page_accessible, assert_page_shown, open_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(tab):
    tab.locator("form.edit-form button[type=submit]").click()


def test_benefit_from_change_to_approved_plan(page, new_page, world):
    world.initiative.project_owner = world.users["owner"]
    world.initiative.save()
    overview = f"Gevinstrealisering: {world.initiative.name}"
    sign_in(page, world.users["owner"])
    assert_page_accessible(page, f"/benefits/initiatives/{world.initiative.pk}/", overview)

    page.locator(f"a[href='/benefits/initiatives/{world.initiative.pk}/change/new/']").click()
    assert_page_shown(page, "Legg til: Endring")
    page.locator("#id_description").fill("Saksbehandlere bruker digital sjekkliste")
    page.locator("#id_enabler").fill("Nytt fagsystem")
    save(page)
    assert_page_shown(page, overview)
    change = Change.objects.across_organisations().get(description="Saksbehandlere bruker digital sjekkliste")

    page.locator(f"a[href='/benefits/initiatives/{world.initiative.pk}/benefit/new/']").first.click()
    assert_accessible(page, "Legg til: Gevinst")
    page.locator("#id_change").select_option(str(change.pk))
    page.locator("#id_description").fill("Kortere saksbehandlingstid")
    page.locator("#id_kind").select_option("budget")
    page.locator("#id_measure").select_option("kroner")
    page.locator("#id_owner").select_option(str(world.users["unit_leader"].pk))
    save(page)
    assert_accessible(page, "Kortere saksbehandlingstid")
    benefit = Benefit.objects.across_organisations().get(description="Kortere saksbehandlingstid")

    page.locator(f"a[href='/benefits/benefits/{benefit.pk}/estimates/']").click()
    assert_accessible(page, "Estimater per år")
    page.locator("#id_years-1-optimistic").fill("120000")
    page.locator("#id_years-1-likely").fill("100000")
    page.locator("#id_years-1-pessimistic").fill("60000")
    page.locator("form button[type=submit]").last.click()
    # (120 000 + 3 · 100 000 + 60 000) / 5 = 96 000
    expect(page.get_by_role("cell", name="96\xa0000", exact=True)).to_be_visible()

    assert_page_shown(page, "Kortere saksbehandlingstid")

    page.locator(f"a[href='/benefits/benefits/{benefit.pk}/indicator/new/']").click()
    assert_page_shown(page, "Legg til: Indikator")
    page.locator("#id_name").fill("Dager per sak")
    page.locator("#id_unit_of_measure").fill("dager")
    page.locator("#id_baseline_value").fill("30")
    page.locator("#id_baseline_date").fill("2026-01-01")
    page.locator("#id_target_value").fill("10")
    page.locator("#id_target_date").fill("2027-01-01")
    save(page)
    assert_page_shown(page, "Kortere saksbehandlingstid")
    indicator = Indicator.objects.across_organisations().get(name="Dager per sak")

    page.locator(f"a[href='/benefits/indicators/{indicator.pk}/measurements/new/']").click()
    assert_accessible(page, "Ny måling: Dager per sak")
    page.locator("#id_value").fill("20")
    page.locator("#id_measured_on").fill("2026-06-01")
    save(page)
    assert_page_shown(page, "Kortere saksbehandlingstid")
    # (20 − 30) / (10 − 30) = 50 %
    expect(page.locator(f"#indicator-{indicator.pk}").locator("xpath=..").get_by_text("50\xa0%").first).to_be_visible()

    for path, heading in (
        ("economics/", f"Økonomi: {world.initiative.name}"),
        ("map/", f"Gevinstkart: {world.initiative.name}"),
        ("plan/", "Gevinstrealiseringsplan"),
    ):
        assert_page_accessible(page, f"/benefits/initiatives/{world.initiative.pk}/{path}", heading)
    page.locator("form[action$='/plan/sign/'] button").click()
    expect(page.get_by_text("Godkjenningen din er registrert.")).to_be_visible()
    management = new_page()
    sign_in(management, world.users["top_management"])
    open_page(management, f"/benefits/initiatives/{world.initiative.pk}/plan/", "Gevinstrealiseringsplan")
    management.locator("form[action$='/plan/sign/'] button").click()
    expect(management.get_by_text("Planen er godkjent og låst som versjon 1.")).to_be_visible()
    plan = BenefitPlan.objects.across_organisations().get(initiative=world.initiative)
    assert plan.status == "approved"
    assert plan.approved_by_owner == world.users["owner"]
    assert plan.approved_by_management == world.users["top_management"]
    assert str(benefit.pk) in plan.snapshot


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/benefits/", "Gevinster i porteføljen"),
        ("/benefits/mine/", "Mine gevinster"),
        ("/benefits/at-risk/", "Gevinster i faresonen"),
        ("/benefits/goals/", "Strategiske mål"),
    ],
)
def test_benefits_overviews_are_accessible_and_reflow(page, world, path, heading):
    sign_in(page, world.users["unit_leader"])
    assert_page_accessible(page, path, heading)


def test_import_a_kommit_workbook_in_the_browser(page, world, tmp_path):
    from .test_kommit import build, good_cells

    path = tmp_path / "nattilsyn.xlsx"
    path.write_bytes(build(good_cells(world)))
    sign_in(page, world.users["portfolio_office"])
    assert_page_accessible(page, "/benefits/kommit/import/", "Importer gevinstverktøyet fra KS/KommIT")
    page.locator("#id_workbook").set_input_files(str(path))
    page.locator("#id_start_year").fill("2026")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.get_by_text("Lavere vikarkostnader").first).to_be_visible()
    assert_accessible(page, "Forhåndsvisning av importen: Digitalt nattilsyn")
    page.locator("button[name=step][value=confirm]").click()
    expect(page).to_have_url(re.compile(r"/benefits/initiatives/\d+/$"))
    assert_accessible(page, "Gevinstrealisering: Digitalt nattilsyn")
    assert Benefit.objects.across_organisations().filter(description="Lavere vikarkostnader").exists()


def test_signing_page_with_one_signature_and_after_approval_is_accessible(page, world):
    day = datetime.date(2026, 6, 1)
    sign(world.initiative, world.users["owner"], as_owner=True, as_management=False, on=day)
    url = f"/benefits/initiatives/{world.initiative.pk}/plan/"
    sign_in(page, world.users["top_management"])
    assert_page_accessible(page, url, "Gevinstrealiseringsplan")
    expect(page.locator(".still-to-sign li")).to_have_count(1)
    page.locator("form[action$='/plan/sign/'] button").click()
    expect(page.get_by_text("Planen er godkjent og låst som versjon 1.")).to_be_visible()
    assert_accessible(page, "Gevinstrealiseringsplan")
    expect(page.locator("form[action$='/plan/sign/']")).to_have_count(0)
    assert BenefitPlan.objects.across_organisations().get(initiative=world.initiative).status == "approved"
