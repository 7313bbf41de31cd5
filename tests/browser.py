"""Real Chromium through Playwright, and axe-core accessibility checks inside it."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

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


def serious_violations(page) -> list[str]:
    """Run axe on the page; describe every violation with serious or critical impact."""
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does not
    # govern: the policy forbids the inline <script> that add_script_tag would insert.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sign_in(page, user) -> None:
    from playwright.sync_api import expect

    from .factories import PASSWORD

    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("nav.main-nav")).to_be_visible()


def assert_accessible(page) -> None:
    problems = serious_violations(page)
    assert not problems, f"{page.url}: {problems}"
