"""Cross-cutting behaviour: sign-in throttling, languages and formats, query counts, demo data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.fjordvik import DEMO_PASSWORD, load_fjordvik
from organisations.models import OrgUnit, Role, RoleAssignment
from portfolio.models import AffectedUnit, Initiative, Phase, Stakeholder, StatusReport

from .factories import PASSWORD
from .pages import assert_page

pytestmark = pytest.mark.django_db


def test_sign_in_is_throttled_after_five_failures(world, client):
    user = world.users["employee"]
    statuses = [
        client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"}).status_code
        for _attempt in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_in_with_right_password(world, client):
    user = world.users["employee"]
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_language_follows_person_then_organisation(world, login):
    client = login(world.users["employee"])
    assert 'lang="nb"' in assert_page(client.get("/"), "Velkommen til Fjordvik")
    world.org.language = "nn"
    world.org.save()
    assert 'lang="nn"' in assert_page(client.get("/"), "Velkomen til Fjordvik")
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/portfolio/"})
    assert response.status_code == 302 and response["Location"] == "/portfolio/"
    world.users["employee"].refresh_from_db()
    assert world.users["employee"].preferred_language == "en"
    assert 'lang="en"' in assert_page(client.get("/"), "Welcome to Fjordvik")


def test_language_switch_refuses_foreign_redirects(world, login):
    client = login(world.users["employee"])
    response = client.post(reverse("core:set_language"), {"language": "nn", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    world.users["employee"].refresh_from_db()
    assert world.users["employee"].preferred_language == "nn"


def test_dates_and_money_are_norwegian_in_every_language(world, login):
    client = login(world.users["employee"])
    for language in ("nb", "nn", "en"):
        assert client.post(reverse("core:set_language"), {"language": language}).status_code == 302
        body = assert_page(client.get(world.initiative.get_absolute_url()), world.initiative.name)
        assert f'lang="{language}"' in body
        assert "01.01.2026" in body and "30.06.2027" in body
        assert "1\xa0000\xa0000\xa0kr" in body


def add_initiatives(world, count: int, first: int = 0):
    for n in range(first, first + count):
        initiative = Initiative.objects.create(
            organisation=world.org, name=f"Ekstra {n}", sector=world.sector, programme=world.programme
        )
        StatusReport.objects.create(
            initiative=initiative, report_date=datetime.date(2026, 1, 1), overall_status="red", change_status="green"
        )
        AffectedUnit.objects.create(
            initiative=initiative, unit=world.other_unit, employees_affected=1, change_from=datetime.date(2026, 1, 1)
        )
        Stakeholder.objects.create(initiative=initiative, name=f"S{n}", influence=1, attitude=0)


def shows_initiatives(response, heading: str, last: int) -> None:
    """The page loaded and lists the added initiatives up to ``Ekstra {last}``."""
    assert f"Ekstra {last}<" in assert_page(response, heading)


def exports_initiatives(response, _heading, last: int) -> None:
    """The CSV export has a header, the world's initiative and ``last + 1`` added ones."""
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = response.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + 1 + last + 1 and any(row.startswith(f"Ekstra {last};") for row in rows)


@pytest.mark.parametrize(
    ("url_name", "heading", "check"),
    [
        ("portfolio:list", "Portefølje", shows_initiatives),
        ("portfolio:timeline", "Tidslinje", shows_initiatives),
        ("core:home", "Velkommen til Fjordvik", lambda response, heading, _last: assert_page(response, heading)),
        ("portfolio:export_csv", None, exports_initiatives),
        ("organisations:units", "Fjordvik", lambda response, heading, _last: assert_page(response, heading)),
    ],
)
def test_query_count_does_not_grow_with_the_portfolio(world, login, url_name, heading, check):
    client = login(world.users["portfolio_office"])
    url = reverse(url_name)
    add_initiatives(world, 2)
    with CaptureQueriesContext(connection) as few:
        check(client.get(url), heading, 1)
    add_initiatives(world, 25, first=2)
    with CaptureQueriesContext(connection) as many:
        check(client.get(url), heading, 26)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_initiative_page_query_count_does_not_grow_with_its_rows(world, login):
    client = login(world.users["owner"])
    url = world.initiative.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        assert_page(client.get(url), world.initiative.name)
    for n in range(10):
        Stakeholder.objects.create(initiative=world.initiative, name=f"Interessent {n}", influence=2, attitude=1)
        StatusReport.objects.create(
            initiative=world.initiative,
            report_date=datetime.date(2026, 2, n + 1),
            overall_status="green",
            change_status="green",
        )
    with CaptureQueriesContext(connection) as many:
        page = assert_page(client.get(url), world.initiative.name)
    assert "Interessent 9" in page
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_demo_municipality_is_complete():
    result = load_fjordvik(reference=datetime.date(2026, 11, 22))
    org = result.organisation
    assert 35 <= OrgUnit.objects.for_org(org).count() <= 50
    initiatives = Initiative.objects.for_org(org)
    assert initiatives.count() == 21
    assert set(initiatives.values_list("phase", flat=True)) == set(Phase.values)
    assert OrgUnit.objects.for_org(org).filter(runs_24_7=True).exists()
    roles = set(RoleAssignment.objects.for_org(org).values_list("role", flat=True))
    assert roles == set(Role.values)
    for initiative in initiatives:
        assert initiative.stakeholders.exists() and initiative.affected_units.exists()
        changes = list(initiative.phase_changes.order_by("changed_on", "id"))
        assert changes[-1].to_phase == initiative.phase
        assert [c.changed_on for c in changes] == sorted(c.changed_on for c in changes)
    assert result.users["portefolje"].check_password(DEMO_PASSWORD)
