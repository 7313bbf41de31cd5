import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import sync_playwright

from .browser import CHROMIUM, CHROMIUM_ARGS
from .factories import make_world


def pytest_configure(config):
    # A fast hasher: the tests create many people; production keeps Django's strong default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The shared cache in memory: fast, and no files left behind (tests/test_surveys_answer.py checks the files).
    settings.CACHES = {**settings.CACHES, "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def world(db):
    return make_world("a", "Fjordvik")


@pytest.fixture
def other_world(db):
    return make_world("b", "Havlund")


@pytest.fixture
def login(client):
    """Sign a user in with the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def pages_in_english(client, world):
    """Pages and messages in English for the world's people and anyone added later; the catalogue
    tests cover bokmål and nynorsk."""
    get_user_model().objects.filter(memberships__organisation=world.org).update(preferred_language="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; a missing browser is an error, never a skip."""
    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a page in a browser window of its own (one person each); all are closed after the test."""
    contexts = []

    def _new_page():
        context = browser.new_context(base_url=live_server.url, locale="nb-NO")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
