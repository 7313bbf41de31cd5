"""The portfolio list in pages of 50: page links keep the filters, "show all", exports, query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.models import Initiative, StatusReport

from .browser import assert_accessible, assert_page_accessible, sign_in
from .pages import assert_page

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<td><a class="ds-link" href="/portfolio/initiatives/\d+/">([^<]+)</a>')


def add_initiatives(world, count: int, first: int = 1) -> None:
    """Initiatives "Tiltak 001" … each with a status report; they sort after the world's own initiative."""
    initiatives = Initiative.objects.bulk_create(
        Initiative(organisation=world.org, name=f"Tiltak {n:03}", sector=world.sector, programme=world.programme)
        for n in range(first, first + count)
    )
    StatusReport.objects.bulk_create(
        StatusReport(initiative=i, report_date=datetime.date(2026, 1, 1), overall_status="red", change_status="green")
        for i in initiatives
    )


@pytest.fixture
def office(world, login):
    person = world.users["portfolio_office"]
    person.preferred_language = "en"  # the labels in English whatever the catalogues hold
    person.save()
    return login(person)


def rows(body: str) -> list[str]:
    return ROW.findall(body)


def test_first_page_shows_fifty_and_labelled_links_to_the_others(world, office):
    add_initiatives(world, 60)
    body = assert_page(office.get(reverse("portfolio:list")), "Portfolio")
    shown = rows(body)
    assert shown[0] == world.initiative.name and shown[-1] == "Tiltak 049" and len(shown) == 50
    assert "Showing 1–50 of 61 initiatives" in body
    assert re.search(r'<nav class="ds-pagination[^"]*" aria-label="Pages of the portfolio">', body)
    assert re.search(r'href="\?page=1" aria-label="Page 1" aria-current="true">1</a>', body)
    assert re.search(r'href="\?page=2" aria-label="Page 2">2</a>', body)
    assert 'href="?page=2" rel="next">Next page</a>' in body


def test_the_timeline_draws_fifty_initiatives_a_page_and_all_on_request(world, office):
    add_initiatives(world, 60)
    Initiative.objects.for_org(world.org).update(
        planned_start=datetime.date(2026, 1, 1), planned_end=datetime.date(2027, 6, 30)
    )
    url = reverse("portfolio:timeline")
    first = assert_page(office.get(url), "Timeline")
    assert len(rows(first)) == 50 and "Tiltak 049" in rows(first)
    assert re.search(r'<nav class="ds-pagination[^"]*" aria-label="Pages of the timeline">', first)
    second = assert_page(office.get(url, {"page": 2}), "Timeline")
    assert rows(second) == [f"Tiltak {n:03}" for n in range(50, 61)]
    everything = assert_page(office.get(url, {"all": 1}), "Timeline")
    assert len(rows(everything)) == 61


def test_page_two_starts_with_the_fifty_first_initiative(world, office):
    add_initiatives(world, 60)
    body = assert_page(office.get(reverse("portfolio:list"), {"page": 2}), "Portfolio")
    assert rows(body) == [f"Tiltak {n:03}" for n in range(50, 61)]  # the 51st to the 61st
    assert "Showing 51–61 of 61 initiatives" in body
    assert 'href="?page=1" rel="prev">Previous page</a>' in body


def test_page_links_keep_the_filters(world, office):
    add_initiatives(world, 60)
    body = assert_page(office.get(reverse("portfolio:list"), {"q": "Tiltak", "sort": "-name"}), "Portfolio")
    assert rows(body)[0] == "Tiltak 060" and len(rows(body)) == 50
    assert re.search(r'href="\?q=Tiltak&amp;sort=-name&amp;page=2" aria-label="Page 2">2</a>', body)
    filtered = {"q": "Tiltak", "sort": "-name", "page": 2}
    second = assert_page(office.get(reverse("portfolio:list"), filtered), "Portfolio")
    assert rows(second) == [f"Tiltak {n:03}" for n in range(10, 0, -1)]
    assert "Showing 51–60 of 60 initiatives" in second
    # The export links carry the filters, not the page: an export has every matching initiative.
    assert 'href="/portfolio/export.csv?q=Tiltak&amp;sort=-name"' in second


def test_show_all_lists_every_initiative_and_links_back_to_pages(world, office):
    add_initiatives(world, 60)
    body = assert_page(office.get(reverse("portfolio:list"), {"q": "Tiltak", "all": 1}), "Portfolio")
    assert len(rows(body)) == 60 and "60 initiatives" in body
    assert 'href="?q=Tiltak">Show in pages</a>' in body
    assert 'aria-label="Page 2"' not in body


def test_a_short_list_has_no_page_links(world, office):
    add_initiatives(world, 10)
    body = assert_page(office.get(reverse("portfolio:list")), "Portfolio")
    assert len(rows(body)) == 11 and "11 initiatives" in body
    assert "ds-pagination" not in body and "Show all" not in body


def test_an_impossible_page_number_shows_a_real_page(world, office):
    add_initiatives(world, 60)
    last = assert_page(office.get(reverse("portfolio:list"), {"page": 99}), "Portfolio")
    assert rows(last)[0] == "Tiltak 050"
    first = assert_page(office.get(reverse("portfolio:list"), {"page": "x"}), "Portfolio")
    assert rows(first)[0] == world.initiative.name


def test_export_has_every_initiative_whatever_the_page(world, office):
    add_initiatives(world, 60)
    response = office.get(reverse("portfolio:export_csv"), {"page": 2})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert len(response.content.decode("utf-8-sig").splitlines()) == 1 + 61


@pytest.mark.parametrize("params", [{}, {"page": 2}, {"all": 1}])
def test_query_count_does_not_grow_with_rows(world, office, params):
    add_initiatives(world, 55)
    with CaptureQueriesContext(connection) as few:
        assert_page(office.get(reverse("portfolio:list"), params), "Portfolio")
    add_initiatives(world, 100, first=56)
    with CaptureQueriesContext(connection) as many:
        body = assert_page(office.get(reverse("portfolio:list"), params), "Portfolio")
    assert len(rows(body)) == (156 if params.get("all") else 50)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_are_accessible_and_reflow(world, page):
    add_initiatives(world, 60)
    sign_in(page, world.users["portfolio_office"])
    assert_page_accessible(page, "/portfolio/", "Portefølje")
    page.locator('nav.ds-pagination a[href="?page=2"]').first.click()
    page.wait_for_url("**/portfolio/?page=2")
    assert page.locator('nav.ds-pagination a[aria-current="true"]').inner_text() == "2"
    assert_accessible(page, "Portefølje")
    page.locator('nav.ds-pagination a[href="?all=1"]').click()
    page.wait_for_url("**/portfolio/?all=1")
    assert page.locator("tbody tr").count() == 61
    assert_accessible(page, "Portefølje")
