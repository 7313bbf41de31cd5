"""Checks that a test-client response is the page meant before a test looks at anything else on it."""

from __future__ import annotations

import html
import re

from django.utils.html import strip_tags

H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def assert_page(response, heading: str) -> str:
    """The page loaded: status 200 and exactly one h1, saying ``heading``. Returns the page's HTML.

    An error page, the sign-in page or another page has another status or heading, so text found
    on the page afterwards really is on the page meant.
    """
    assert response.status_code == 200, f"status {response.status_code}"
    body = response.content.decode()
    headings = [" ".join(html.unescape(strip_tags(h)).split()) for h in H1.findall(body)]
    assert headings == [heading], headings
    return body
