"""Real Chromium through Playwright, and axe-core accessibility checks inside it."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOGIN_PATH = "/accounts/login/"
# WCAG 1.4.10 Reflow: content fits 320 CSS px; we check a common phone width, 390 px.
PHONE_WIDTH = 390


def open_page(page, url: str, heading: str) -> None:
    """Go to ``url`` and check that the page meant was shown: status 200, not the sign-in page, its heading."""
    response = page.goto(url)
    assert response is not None, f"{url}: no response"
    assert response.status == 200, f"{url}: status {response.status}"
    assert_page_shown(page, heading)


def assert_page_shown(page, heading: str) -> None:
    """The page is the one meant, not the sign-in page or an error page: exactly one visible h1 saying ``heading``."""
    assert urlparse(page.url).path != LOGIN_PATH, f"{page.url}: sent to sign in"
    headings = page.locator("h1:visible")
    expect(headings).to_have_count(1)
    expect(headings).to_have_text(heading)


def axe_violations(page) -> list[str]:
    """Run axe with the WCAG 2.1 A and AA rules; describe every violation, whatever its impact."""
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does not
    # govern: the policy forbids the inline <script> that add_script_tag would insert.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than a phone screen of PHONE_WIDTH (0 when it reflows)."""
    size = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": size["height"]})
    try:
        return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    finally:
        page.set_viewport_size(size)


def sign_in(page, user) -> None:
    from .factories import PASSWORD

    response = page.goto(LOGIN_PATH)
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text("Logg inn i Omstilling")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("nav.main-nav")).to_be_attached()  # folded behind the menu button on a phone


def assert_accessible(page, heading: str) -> None:
    """The page meant is shown, axe finds no WCAG 2.1 A/AA violation, and it reflows at phone width."""
    assert_page_shown(page, heading)
    problems = axe_violations(page)
    assert not problems, f"{page.url}: {problems}"
    overflow = sideways_overflow(page)
    assert overflow <= 0, f"{page.url}: {overflow} px wider than a {PHONE_WIDTH} px screen"


def assert_page_accessible(page, url: str, heading: str) -> None:
    """Open ``url`` (status 200, the page meant) and check it as ``assert_accessible`` does."""
    open_page(page, url, heading)
    assert_accessible(page, heading)
