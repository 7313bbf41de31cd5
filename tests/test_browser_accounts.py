"""Inviting a person and resetting a password in real Chromium, also at 320 px, with axe checks."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from organisations.models import Membership

from .browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Et-helt-nytt-passord-2027"


def test_invited_person_creates_their_account_and_starts_working(page, browser, live_server, world):
    sign_in(page, world.users["administrator"])
    page.goto("/organisation/people/invite/")
    page.locator("#id_email").fill("nora@example.no")
    page.locator("#id_first_name").fill("Nora")
    page.locator("#id_last_name").fill("Nyansatt")
    page.locator("input[name=roles][value=employee]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("nora@example.no")
    assert_accessible(page, "Personer")

    link = re.search(r"(/accounts/invitation/\S+)", mail.outbox[0].body).group(1)
    small = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport={"width": 320, "height": 800})
    invitee = small.new_page()
    invitee.goto(link)
    assert_accessible(invitee, f"Invitasjon til {world.org.name}")
    assert invitee.evaluate("document.documentElement.scrollWidth") <= 320
    invitee.locator("#id_password1").fill(NEW_PASSWORD)
    invitee.locator("#id_password2").fill(NEW_PASSWORD)
    invitee.locator("main form button[type=submit]").click()
    expect(invitee.locator("nav.main-nav")).to_be_attached()  # folded behind the menu button at 320 px
    assert Membership.objects.for_org(world.org).filter(user__email="nora@example.no", is_active=True).exists()
    small.close()


def test_password_reset_pages_are_accessible_at_320_px(browser, live_server, world):
    employee = world.users["employee"]
    employee.email = "eva@fjordvik.example"
    employee.save()
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("a[href='/accounts/password-reset/']").click()
    assert_accessible(page, "Glemt passord")
    page.locator("#id_email").fill("eva@fjordvik.example")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/accounts/password-reset/sent/$"))
    assert_accessible(page, "Sjekk e-posten din")
    page.goto(re.search(r"(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1))
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    assert_accessible(page, "Velg et nytt passord")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/accounts/password-reset/done/$"))
    context.close()
