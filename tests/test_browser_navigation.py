"""The header on a phone: it folds behind a menu button, so the page's content starts near the top."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .browser import assert_accessible, axe_violations, open_page, sign_in
from .test_dashboards import future_change

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SMALLEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
WELCOME = "Velkommen til Fjordvik"


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_header_folds_into_a_menu_on_a_phone(page, world):
    future_change(world, world.department, description="Nye rutiner for nattevakt")
    sign_in(page, world.users["unit_leader"])
    page.set_viewport_size(PHONE)
    open_page(page, "/", WELCOME)
    assert page.locator("h1").bounding_box()["y"] < 150
    button = page.locator("button.menu-toggle")
    menu = page.get_by_role("navigation", name="Hovedmeny")
    my_unit = menu.locator(f'a[href="{reverse("organisations:unit", args=[world.unit.pk])}"]')
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(page.locator("#language-select")).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    assert not axe_violations(page)
    assert overflow(page) <= 0
    # From the button, the keyboard reaches the switchers, the account links and every place in the menu.
    links = menu.get_by_role("link")
    assert links.count() >= 8
    expect(my_unit).to_be_visible()
    button.focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == links.last.text_content():
            break
    expect(links.last).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(menu).to_be_hidden()

    button.click()
    my_unit.click()
    open_page(page, page.url, world.unit.name)
    expect(menu).to_be_hidden()  # a new page starts with the menu folded
    assert_accessible(page, world.unit.name)


def test_on_a_desktop_everything_stays_in_view(page, world):
    sign_in(page, world.users["politician"])
    page.set_viewport_size(DESKTOP)
    open_page(page, "/", WELCOME)
    expect(page.locator("button.menu-toggle")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_visible()
    expect(page.locator("#language-select")).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()


@pytest.mark.parametrize("who", ["unit_leader", "politician"])
def test_the_smallest_screen_does_not_scroll_sideways(page, world, who):
    sign_in(page, world.users[who])
    page.set_viewport_size(SMALLEST)
    open_page(page, "/", WELCOME)
    assert overflow(page) <= 0
    page.locator("button.menu-toggle").click()
    assert overflow(page) <= 0
    open_page(page, world.initiative.get_absolute_url(), world.initiative.name)
    assert overflow(page) <= 0
