"""The change history in real Chromium: folded entries open, accessible, usable at 320 px."""

from __future__ import annotations

import pytest
from auditlog.context import set_actor
from playwright.sync_api import expect

from organisations.models import Membership, Role, RoleAssignment

from .browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_person_history_folds_older_entries_and_is_accessible(page, world):
    admin = world.users["administrator"]
    membership = Membership.objects.for_org(world.org).get(user=world.users["employee"])
    with set_actor(admin):
        for title in ("Sykepleier", "Fagsykepleier", "Avdelingssykepleier", "Leder", "Rådgiver", "Seniorrådgiver"):
            membership.title = title
            membership.save()
        RoleAssignment.objects.create(membership=membership, role=Role.UNION_REPRESENTATIVE)
    page.set_viewport_size({"width": 320, "height": 900})
    sign_in(page, admin)
    page.goto(f"/organisation/people/{membership.pk}/edit/")
    history = page.locator("section[aria-labelledby=history-heading]")
    expect(history.get_by_role("heading", name="Endringshistorikk")).to_be_visible()
    earlier = history.locator("details")
    expect(earlier.locator("td", has_text="Fagsykepleier").first).not_to_be_visible()
    earlier.locator("summary").click()
    expect(earlier.locator("td", has_text="Sykepleier").first).to_be_visible()
    expect(history.locator("li", has_text="Tillitsvalgt")).to_have_count(1)  # administrators see the union role
    assert_accessible(page, f"Medlemskapet til {membership.user}")
