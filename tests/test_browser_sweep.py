"""Every page of the app in real Chromium at phone width: it loads, axe finds nothing, it reflows.

The pages come from the same URL list as the isolation sweep and the access table, so a new page
is checked here without anyone remembering to add it. Each is opened by a person the access
table allows (the administrator where possible).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from .browser import PHONE_WIDTH, axe_violations, sideways_overflow
from .test_access import ALLOWED, CASES, url_of
from .urls_under_test import POST_ONLY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Files to download, not pages to read.
DOWNLOADS = {
    "portfolio:export_csv",
    "portfolio:export_xlsx",
    "exports:portfolio_xlsx",
    "exports:plan_docx",
    "exports:plan_pdf",
    "kommit:export",
    "people:information_pdf",
    "surveys:results_xlsx",
}
PAGES = [case for case in CASES if case[1] not in POST_ONLY | DOWNLOADS]


def reader_of(key: str) -> str:
    allowed = ALLOWED[key]
    return "administrator" if "administrator" in allowed else sorted(allowed)[0]


@pytest.mark.parametrize(("key", "name", "kind", "get_id"), PAGES, ids=[case[0] for case in PAGES])
def test_every_page_loads_passes_axe_and_reflows_at_phone_width(browser, live_server, world, key, name, kind, get_id):
    client = Client()
    client.force_login(world.users[reader_of(key)])
    context = browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": PHONE_WIDTH, "height": 900}
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    try:
        url = url_of(world, name, kind, get_id)
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        assert page.url.endswith(url), f"{url}: ended at {page.url}"
        heading = page.locator("h1:visible")
        expect(heading).to_have_count(1)
        assert heading.inner_text().strip(), f"{url}: empty heading"
        assert "---------" not in page.content(), f"{url}: an empty choice without words"
        assert axe_violations(page) == [], url
        assert sideways_overflow(page) <= 0, f"{url}: wider than {PHONE_WIDTH} px"
    finally:
        context.close()
