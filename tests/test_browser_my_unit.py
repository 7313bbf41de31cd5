"""The unit leader's flow in a real browser: My unit → record training progress → give input to an
open activity → back to My unit, which shows the new figures → the change-load heatmap of the units
she leads; axe and 390 px on every page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from core.formatting import format_number
from organisations.models import Role
from people.services.load import change_load
from portfolio.models import Initiative, Phase

from .browser import assert_accessible, sign_in
from .factories import make_member
from .test_my_unit import activity, appoint, change_to, train

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_bokmål(text: str, **values) -> str:
    with translation.override("nb"):
        return gettext(text) % values


def behind_text(*, trained: int, planned: int, day) -> str:
    return in_bokmål(
        "Training is behind: %(trained)s of %(planned)s are trained for go-live on %(date)s, fewer than %(percent)s %%.",  # noqa: E501
        trained=trained,
        planned=planned,
        date=day.strftime("%d.%m.%Y"),
        percent=80,
    )


def input_count(n: int, unanswered: int) -> str:
    with translation.override("nb"):
        return ngettext("%(n)s input, %(open)s not answered yet", "%(n)s inputs, %(open)s not answered yet", n) % {
            "n": n,
            "open": unanswered,
        }


def go_to_my_unit(page, unit) -> None:
    with translation.override("nb"):
        label = gettext("My unit")
    page.locator("nav.main-nav").get_by_role("link", name=label).click()
    assert_accessible(page, unit.name)


def test_the_unit_leader_records_training_gives_input_and_sees_the_load_from_my_unit(page, world):
    coming = change_to(world, world.unit, days=7, employees=30, description="Sensorer varsler nattevakten")
    line = train(coming, planned=10, trained=2, group="Nattevakter")
    appoint(coming, make_member(world.org, "kari", Role.EMPLOYEE, unit=world.unit), shift="night")
    workshop = activity(coming, "Verksted om varsling")
    trained_cell = page.locator("tr", has_text="Nattevakter").locator("td").nth(4)
    workshop_item = page.locator("li", has_text="Verksted om varsling")

    sign_in(page, world.users["unit_leader"])
    go_to_my_unit(page, world.unit)
    expect(trained_cell).to_have_text("2")
    behind = page.locator(".ds-alert", has_text=behind_text(trained=2, planned=10, day=coming.change_from))
    expect(behind).to_have_count(1)
    expect(workshop_item).to_contain_text(input_count(0, 0))

    page.locator(f'a[href="{reverse("people:training_progress", args=[line.pk])}"]').click()
    with translation.override("nb"):  # the line's method in bokmål, as the page names it
        assert_accessible(page, in_bokmål("Record how many are trained: %(line)s", line=str(line)))
    page.locator("#id_trained").fill("9")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("people:initiative_readiness", args=[coming.initiative_id]))))

    go_to_my_unit(page, world.unit)
    expect(trained_cell).to_have_text("9")
    still_behind = page.locator(".ds-alert", has_text=behind_text(trained=9, planned=10, day=coming.change_from))
    expect(still_behind).to_have_count(0)  # 9 of 10 is no longer behind the 80 % asked for

    page.locator(f'a[href="{reverse("people:input_add", args=[workshop.pk])}"]').click()
    assert_accessible(page, in_bokmål("Give input: %(activity)s", activity=workshop.title))
    page.locator("#id_text").fill("Nattevakten må kunne dempe varslene")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("people:involvement", args=[coming.initiative_id]))))

    go_to_my_unit(page, world.unit)
    expect(workshop_item).to_contain_text(input_count(1, 1))

    # Decided, the change weighs on her unit (30 of 40 at moderate impact: 3,8, plus the training hours;
    # the formula's own tests are in test_people_load).
    Initiative.objects.for_org(world.org).filter(pk=coming.initiative_id).update(phase=Phase.EXECUTION)
    heaviest = max(change_load(world.org, timezone.localdate(), 12).row_for(world.unit.pk).loads)
    assert heaviest >= Decimal("3.8")
    go_to_my_unit(page, world.unit)
    page.get_by_role("link", name=in_bokmål("See the change load per unit and month")).click()
    assert_accessible(page, in_bokmål("Change load"))
    page.locator("details summary").first.click()  # the figures as a table, the picture's alternative
    unit_row = page.locator("table tr", has=page.locator("th", has_text=world.unit.name))
    expect(unit_row.first).to_contain_text(format_number(heaviest, 1))
