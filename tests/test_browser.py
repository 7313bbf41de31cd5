"""Core flows in real Chromium, with an axe check on every main page.

A missing Chromium is an error here, never a skip: CI must fail rather than pass silently.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portfolio.models import AffectedUnit, Idea, Initiative, Phase, Stakeholder, StatusReport

from .browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_propose_accept_and_run_an_initiative(page, world, browser, live_server):
    # An employee proposes an idea.
    sign_in(page, world.users["employee"])
    assert_accessible(page)
    page.goto("/portfolio/ideas/new/")
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Digital vaktbytte")
    page.get_by_label("Problem").fill("Vaktbytter skjer på papir")
    page.get_by_label("Hvem det er for").fill("Ansatte i turnus")
    page.get_by_label(world.unit.name).check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Digital vaktbytte")).to_be_visible()
    idea = Idea.objects.across_organisations().get(title="Digital vaktbytte")

    # The portfolio office scores it and accepts it as an initiative.
    office = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    sign_in(office, world.users["portfolio_office"])
    office.goto(f"/portfolio/ideas/{idea.pk}/")
    assert_accessible(office)
    office.get_by_label("Strategisk verdi").select_option("4")
    office.get_by_label("Økonomisk gevinst").select_option("3")
    office.get_by_label("Kvalitetsgevinst").select_option("5")
    office.get_by_label("Risiko").select_option("2")
    office.get_by_role("button", name="Lagre poengsum").click()
    expect(office.get_by_text("4,00")).to_be_visible()
    office.get_by_label("Godkjenn som tiltak").check()
    office.get_by_role("button", name="Lagre beslutning").click()
    expect(office.get_by_role("heading", name="Digital vaktbytte")).to_be_visible()
    initiative = Initiative.objects.across_organisations().get(name="Digital vaktbytte")
    assert initiative.phase == Phase.CONCEPT

    # Affected unit, stakeholder, phase change and status report.
    office.get_by_role("link", name="Legg til berørt enhet").click()
    assert_accessible(office)
    office.get_by_label(re.compile(r"^Enhet( \(påkrevd\))?$")).select_option(label=world.unit.name)
    office.get_by_label("Berørte ansatte").fill("25")
    office.get_by_label("Endringen gjelder fra").fill("2027-01-15")
    office.get_by_role("button", name="Lagre").click()
    expect(office.get_by_role("cell", name="15.01.2027")).to_be_visible()
    assert AffectedUnit.objects.across_organisations().get(initiative=initiative).employees_affected == 25

    office.get_by_role("link", name="Legg til interessent").click()
    office.get_by_label(re.compile(r"^Interessent( \(påkrevd\))?$")).fill("Tillitsvalgte")
    office.get_by_label("Innflytelse").select_option("3")
    office.get_by_label("Holdning").select_option("-1")
    office.get_by_role("button", name="Lagre").click()
    assert Stakeholder.objects.across_organisations().get(initiative=initiative).attitude == -1
    office.get_by_role("link", name="Vis matrise").click()
    assert_accessible(office)
    expect(office.locator("table.matrix").get_by_role("cell", name="Tillitsvalgte")).to_be_visible()
    office.go_back()

    office.get_by_role("link", name="Endre fase").click()
    assert_accessible(office)
    office.get_by_label("Ny fase").select_option("planning")
    office.get_by_role("button", name="Lagre").click()
    expect(office.locator(".ds-tag", has_text="Planlegge")).to_be_visible()

    office.get_by_role("link", name="Skriv statusrapport").click()
    assert_accessible(office)
    office.get_by_label(re.compile(r"^Samlet status( \(påkrevd\))?$")).select_option("yellow")
    office.get_by_label(re.compile(r"^Status for endringsledelse( \(påkrevd\))?$")).select_option("red")
    office.get_by_label(re.compile(r"^Avvik( \(påkrevd\))?$")).first.fill("Opplæring er forsinket")
    office.get_by_label("Alvorlighetsgrad").first.select_option("3")
    office.get_by_role("button", name="Lagre statusrapport").click()
    report = StatusReport.objects.across_organisations().get(initiative=initiative)
    assert report.change_status == "red" and report.deviations.count() == 1

    # The portfolio shows the latest status, filters without a reload, and is accessible.
    office.goto("/portfolio/")
    assert_accessible(office)
    office.get_by_label("Status", exact=True).select_option("yellow")
    expect(office.get_by_role("link", name="Digital vaktbytte")).to_be_visible()
    expect(office.get_by_role("link", name=world.initiative.name)).to_have_count(0)
    assert "status=yellow" in office.url


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/portfolio/",
        "/portfolio/timeline/",
        "/portfolio/ideas/",
        "/portfolio/programmes/",
        "/portfolio/initiatives/new/",
        "/organisation/",
        "/organisation/people/",
        "/organisation/units/new/",
        "/organisation/people/invite/",
        "/accounts/me/",
        "/accounts/me/password/",
        "/organisation/settings/",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(page, world, path):
    world.users["administrator"].memberships.get().roles.create(role="portfolio_office")
    sign_in(page, world.users["administrator"])
    page.goto(path)
    assert_accessible(page)


def test_object_pages_are_accessible(page, world):
    sign_in(page, world.users["owner"])
    for path in [
        world.initiative.get_absolute_url(),
        f"/portfolio/initiatives/{world.initiative.pk}/edit/",
        f"/portfolio/status/{world.report.pk}/",
        f"/organisation/units/{world.unit.pk}/",
        f"/portfolio/affected-units/{world.affected.pk}/edit/",
    ]:
        page.goto(path)
        assert_accessible(page)


def test_form_errors_are_accessible_and_in_the_users_language(page, world):
    sign_in(page, world.users["portfolio_office"])
    page.goto("/portfolio/initiatives/new/")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Ingenting ble lagret")).to_be_visible()
    assert_accessible(page)


def test_language_switch_to_nynorsk_and_english(page, world):
    sign_in(page, world.users["employee"])
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Bytt språk").click()
    expect(page.get_by_role("navigation", name="Hovudmeny")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nn"
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    assert_accessible(page)
