"""The public page on how answers are protected: what is stored, who sees what, in the reader's language."""

import pytest
from django.urls import reverse

from .browser import PHONE_WIDTH, assert_page_accessible
from .pages import assert_page

pytestmark = pytest.mark.django_db


def _url(world, language=""):
    url = reverse("surveys:protection", args=[world.org.pk])
    return f"{url}?lang={language}" if language else url


def test_anyone_reads_how_answers_are_protected_with_the_organisations_minimum(world, client):
    world.org.minimum_group_size = 8
    world.org.save()
    body = assert_page(client.get(_url(world, "en")), "How your answers are protected")
    assert world.org.name in body
    assert "only for groups of at least 8 people" in body
    assert "at least 10 people have written one" in body
    assert "never who" in body


def test_the_page_is_in_the_language_chosen(world, client):
    assert_page(client.get(_url(world, "nn")), "Korleis svara dine er verna")
    assert_page(client.get(_url(world, "nb")), "Slik er svarene dine beskyttet")


def test_an_unknown_organisation_is_not_found(client):
    assert client.get(reverse("surveys:protection", args=[999999])).status_code == 404


def test_the_answer_page_links_to_it(world, client, pages_in_english):
    body = assert_page(client.get(reverse("surveys:answer", args=[world.org.pk])), "Answer the survey")
    assert reverse("surveys:protection", args=[world.org.pk]) in body


@pytest.mark.browser
def test_the_page_on_a_phone(page, world, live_server):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    assert_page_accessible(page, f"{live_server.url}{_url(world, 'en')}", "How your answers are protected")
