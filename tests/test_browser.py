"""Core flows in real Chromium, with an axe check on every main page.

A missing Chromium is an error here, never a skip: CI must fail rather than pass silently.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portfolio.models import AffectedUnit, Idea, Initiative, Phase, Stakeholder, StatusReport

from .browser import assert_accessible, assert_page_accessible, assert_page_shown, open_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_propose_accept_and_run_an_initiative(page, new_page, world):
    # An employee proposes an idea.
    sign_in(page, world.users["employee"])
    assert_accessible(page, "Velkommen til Fjordvik")
    assert_page_accessible(page, "/portfolio/ideas/new/", "Foreslå en idé")
    page.get_by_label("Tittel").fill("Digital vaktbytte")
    page.get_by_label("Problem").fill("Vaktbytter skjer på papir")
    page.get_by_label("Hvem det er for").fill("Ansatte i turnus")
    page.get_by_label(world.unit.name).check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Digital vaktbytte")).to_be_visible()
    idea = Idea.objects.across_organisations().get(title="Digital vaktbytte")

    # The portfolio office scores it and accepts it as an initiative.
    office = new_page()
    sign_in(office, world.users["portfolio_office"])
    assert_page_accessible(office, f"/portfolio/ideas/{idea.pk}/", "Digital vaktbytte")
    office.get_by_label("Strategisk verdi").select_option("4")
    office.get_by_label("Økonomisk gevinst").select_option("3")
    office.get_by_label("Kvalitetsgevinst").select_option("5")
    office.get_by_label("Risiko").select_option("2")
    office.get_by_role("button", name="Lagre poengsum").click()
    expect(office.get_by_text("4,00")).to_be_visible()
    office.get_by_label("Godkjenn som tiltak").check()
    office.get_by_role("button", name="Lagre beslutning").click()
    # Accepting leads straight to the new initiative's project card, then back to its page.
    expect(office).to_have_url(re.compile(r"/portfolio/initiatives/\d+/edit/$"))
    assert_page_shown(office, "Rediger tiltak")
    office.get_by_role("link", name="Digital vaktbytte").click()
    expect(office).to_have_url(re.compile(r"/portfolio/initiatives/\d+/$"))
    assert_page_shown(office, "Digital vaktbytte")
    expect(office.get_by_text("Prosjektkortet mangler fortsatt:")).to_be_visible()
    initiative = Initiative.objects.across_organisations().get(name="Digital vaktbytte")
    assert initiative.phase == Phase.CONCEPT

    # Affected unit, stakeholder, phase change and status report.
    office.get_by_role("link", name="Legg til berørt enhet").click()
    assert_accessible(office, "Legg til: Berørt enhet")
    office.get_by_label(re.compile(r"^Enhet( \(påkrevd\))?$")).select_option(str(world.unit.pk))
    office.get_by_label("Berørte ansatte").fill("25")
    office.get_by_label("Endringen gjelder fra").fill("2027-01-15")
    office.get_by_role("button", name="Lagre").click()
    expect(office.get_by_role("cell", name="15.01.2027", exact=True)).to_be_visible()
    assert AffectedUnit.objects.across_organisations().get(initiative=initiative).employees_affected == 25

    office.get_by_role("link", name="Legg til interessent").click()
    office.get_by_label(re.compile(r"^Interessent( \(påkrevd\))?$")).fill("Tillitsvalgte")
    office.get_by_label("Innflytelse").select_option("3")
    office.get_by_label("Holdning").select_option("-1")
    office.get_by_role("button", name="Lagre").click()
    assert_page_shown(office, "Digital vaktbytte")
    assert Stakeholder.objects.across_organisations().get(initiative=initiative).attitude == -1
    office.get_by_role("link", name="Vis matrise").click()
    assert_accessible(office, "Interessentmatrise")
    expect(office.locator("table.matrix").get_by_role("cell", name="Tillitsvalgte")).to_be_visible()
    office.go_back()

    office.get_by_role("link", name="Endre fase").click()
    assert_accessible(office, "Endre fase")
    office.get_by_label("Ny fase").select_option("planning")
    office.get_by_role("button", name="Lagre").click()
    expect(office.locator(".ds-tag", has_text="Planlegge")).to_be_visible()

    office.get_by_role("link", name="Skriv statusrapport").click()
    assert_accessible(office, "Skriv statusrapport")
    office.get_by_label(re.compile(r"^Samlet status( \(påkrevd\))?$")).select_option("yellow")
    office.get_by_label(re.compile(r"^Status for endringsledelse( \(påkrevd\))?$")).select_option("red")
    office.locator("button[name=add_deviation]").click()  # a report starts with no deviation rows
    office.get_by_label(re.compile(r"^Avvik( \(påkrevd\))?$")).first.fill("Opplæring er forsinket")
    office.get_by_label("Alvorlighetsgrad").first.select_option("3")
    office.get_by_role("button", name="Lagre statusrapport").click()
    assert_page_shown(office, "Digital vaktbytte")
    report = StatusReport.objects.across_organisations().get(initiative=initiative)
    assert report.change_status == "red" and report.deviations.count() == 1

    # The portfolio shows the latest status, filters without a reload, and is accessible.
    assert_page_accessible(office, "/portfolio/", "Portefølje")
    office.get_by_label("Status", exact=True).select_option("yellow")
    expect(office.get_by_role("link", name="Digital vaktbytte")).to_be_visible()
    expect(office.get_by_role("link", name=world.initiative.name)).to_have_count(0)
    assert "status=yellow" in office.url


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Velkommen til Fjordvik"),
        ("/portfolio/", "Portefølje"),
        ("/portfolio/timeline/", "Tidslinje"),
        ("/portfolio/ideas/", "Ideer"),
        ("/portfolio/programmes/", "Programmer"),
        ("/portfolio/initiatives/new/", "Nytt tiltak"),
        ("/organisation/", "Fjordvik"),
        ("/organisation/people/", "Personer"),
        ("/organisation/units/new/", "Ny enhet"),
        ("/organisation/people/invite/", "Inviter en person"),
        ("/accounts/me/", "Min konto"),
        ("/accounts/me/password/", "Endre passord"),
        ("/organisation/settings/", "Innstillinger for organisasjonen"),
    ],
)
def test_main_pages_are_accessible_and_reflow(page, world, path, heading):
    world.users["administrator"].memberships.get().roles.create(role="portfolio_office")
    sign_in(page, world.users["administrator"])
    assert_page_accessible(page, path, heading)


def test_object_pages_are_accessible_and_reflow(page, world):
    sign_in(page, world.users["owner"])
    for path, heading in [
        (world.initiative.get_absolute_url(), world.initiative.name),
        (f"/portfolio/initiatives/{world.initiative.pk}/edit/", "Rediger tiltak"),
        (f"/portfolio/status/{world.report.pk}/", "Statusrapport 01.10.2026"),
        (f"/organisation/units/{world.unit.pk}/", world.unit.name),
        (f"/portfolio/affected-units/{world.affected.pk}/edit/", "Rediger: Berørt enhet"),
    ]:
        assert_page_accessible(page, path, heading)


def test_form_errors_are_accessible_and_in_the_users_language(page, world):
    sign_in(page, world.users["portfolio_office"])
    open_page(page, "/portfolio/initiatives/new/", "Nytt tiltak")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Ingenting ble lagret")).to_be_visible()
    assert_accessible(page, "Nytt tiltak")


def test_language_switch_to_nynorsk_and_english(page, world):
    sign_in(page, world.users["employee"])
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Bytt språk").click()
    expect(page.get_by_role("navigation", name="Hovudmeny")).to_be_visible()
    assert_page_shown(page, "Velkomen til Fjordvik")
    assert page.locator("html").get_attribute("lang") == "nn"
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    assert_accessible(page, "Welcome to Fjordvik")
