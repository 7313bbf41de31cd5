"""The benefits flow in real Chromium: change → benefit → indicator → measurement → achievement → approval."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from benefits.models import Benefit, BenefitPlan, Change, Indicator

from .browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(tab):
    tab.locator("form.edit-form button[type=submit]").click()


def test_benefit_from_change_to_approved_plan(page, world, browser, live_server):
    world.initiative.project_owner = world.users["owner"]
    world.initiative.save()
    sign_in(page, world.users["owner"])
    page.goto(f"/benefits/initiatives/{world.initiative.pk}/")
    assert_accessible(page)

    page.locator(f"a[href='/benefits/initiatives/{world.initiative.pk}/change/new/']").click()
    page.locator("#id_description").fill("Saksbehandlere bruker digital sjekkliste")
    page.locator("#id_enabler").fill("Nytt fagsystem")
    save(page)
    change = Change.objects.across_organisations().get(description="Saksbehandlere bruker digital sjekkliste")

    page.locator(f"a[href='/benefits/initiatives/{world.initiative.pk}/benefit/new/']").first.click()
    assert_accessible(page)
    page.locator("#id_change").select_option(str(change.pk))
    page.locator("#id_description").fill("Kortere saksbehandlingstid")
    page.locator("#id_kind").select_option("budget")
    page.locator("#id_measure").select_option("kroner")
    page.locator("#id_owner").select_option(str(world.users["unit_leader"].pk))
    save(page)
    benefit = Benefit.objects.across_organisations().get(description="Kortere saksbehandlingstid")
    expect(page.locator("h1")).to_have_text("Kortere saksbehandlingstid")
    assert_accessible(page)

    page.locator(f"a[href='/benefits/benefits/{benefit.pk}/estimates/']").click()
    assert_accessible(page)
    page.locator("#id_years-1-optimistic").fill("120000")
    page.locator("#id_years-1-likely").fill("100000")
    page.locator("#id_years-1-pessimistic").fill("60000")
    page.locator("form button[type=submit]").last.click()
    # (120 000 + 3 · 100 000 + 60 000) / 5 = 96 000
    expect(page.get_by_role("cell", name="96\xa0000", exact=True)).to_be_visible()

    page.locator(f"a[href='/benefits/benefits/{benefit.pk}/indicator/new/']").click()
    page.locator("#id_name").fill("Dager per sak")
    page.locator("#id_unit_of_measure").fill("dager")
    page.locator("#id_baseline_value").fill("30")
    page.locator("#id_baseline_date").fill("2026-01-01")
    page.locator("#id_target_value").fill("10")
    page.locator("#id_target_date").fill("2027-01-01")
    save(page)
    indicator = Indicator.objects.across_organisations().get(name="Dager per sak")

    page.locator(f"a[href='/benefits/indicators/{indicator.pk}/measurements/new/']").click()
    assert_accessible(page)
    page.locator("#id_value").fill("20")
    page.locator("#id_measured_on").fill("2026-06-01")
    save(page)
    # (20 − 30) / (10 − 30) = 50 %
    expect(page.locator(f"#indicator-{indicator.pk}").locator("xpath=..").get_by_text("50\xa0%").first).to_be_visible()

    for path in ("economics/", "map/", "plan/"):
        page.goto(f"/benefits/initiatives/{world.initiative.pk}/{path}")
        assert_accessible(page)
    page.locator("form[action$='/plan/sign/'] button").click()
    management = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    sign_in(management, world.users["top_management"])
    management.goto(f"/benefits/initiatives/{world.initiative.pk}/plan/")
    management.locator("form[action$='/plan/sign/'] button").click()
    plan = BenefitPlan.objects.across_organisations().get(initiative=world.initiative)
    assert plan.status == "approved"
    assert plan.approved_by_owner == world.users["owner"]
    assert plan.approved_by_management == world.users["top_management"]
    assert str(benefit.pk) in plan.snapshot


@pytest.mark.parametrize("path", ["/benefits/", "/benefits/mine/", "/benefits/at-risk/", "/benefits/goals/"])
def test_benefits_overviews_are_accessible(page, world, path):
    sign_in(page, world.users["unit_leader"])
    page.goto(path)
    assert_accessible(page)


def test_import_a_kommit_workbook_in_the_browser(page, world, tmp_path):
    from .test_kommit import build, good_cells

    path = tmp_path / "nattilsyn.xlsx"
    path.write_bytes(build(good_cells(world)))
    sign_in(page, world.users["portfolio_office"])
    page.goto("/benefits/kommit/import/")
    assert_accessible(page)
    page.locator("#id_workbook").set_input_files(str(path))
    page.locator("#id_start_year").fill("2026")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.get_by_text("Lavere vikarkostnader").first).to_be_visible()
    assert_accessible(page)
    page.locator("button[name=step][value=confirm]").click()
    expect(page).to_have_url(re.compile(r"/benefits/initiatives/\d+/$"))
    assert_accessible(page)
    assert Benefit.objects.across_organisations().filter(description="Lavere vikarkostnader").exists()
