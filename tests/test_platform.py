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

pytestmark = pytest.mark.django_db


def test_sign_in_is_throttled_after_five_failures(world, client):
    user = world.users["employee"]
    for _attempt in range(5):
        response = client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"})
        assert response.status_code in (200, 429)
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
    assert 'lang="nb"' in client.get("/").content.decode()
    world.org.language = "nn"
    world.org.save()
    assert 'lang="nn"' in client.get("/").content.decode()
    client.post(reverse("core:set_language"), {"language": "en", "next": "/portfolio/"})
    world.users["employee"].refresh_from_db()
    assert world.users["employee"].preferred_language == "en"
    assert 'lang="en"' in client.get("/").content.decode()


def test_language_switch_refuses_foreign_redirects(world, login):
    client = login(world.users["employee"])
    response = client.post(reverse("core:set_language"), {"language": "nn", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_dates_and_money_are_norwegian_in_every_language(world, login):
    client = login(world.users["employee"])
    for language in ("nb", "nn", "en"):
        client.post(reverse("core:set_language"), {"language": language})
        body = client.get(world.initiative.get_absolute_url()).content.decode()
        assert "01.01.2026" in body and "30.06.2027" in body
        assert "1\xa0000\xa0000\xa0kr" in body


def add_initiatives(world, count: int):
    for n in range(count):
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


@pytest.mark.parametrize(
    "url_name", ["portfolio:list", "portfolio:timeline", "core:home", "portfolio:export_csv", "organisations:units"]
)
def test_query_count_does_not_grow_with_the_portfolio(world, login, url_name):
    client = login(world.users["portfolio_office"])
    url = reverse(url_name)
    add_initiatives(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_initiatives(world, 25)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_initiative_page_query_count_does_not_grow_with_its_rows(world, login):
    client = login(world.users["owner"])
    url = world.initiative.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        Stakeholder.objects.create(initiative=world.initiative, name=f"S{n}", influence=2, attitude=1)
        StatusReport.objects.create(
            initiative=world.initiative,
            report_date=datetime.date(2026, 2, n + 1),
            overall_status="green",
            change_status="green",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_demo_municipality_is_complete():
    result = load_fjordvik(reference=datetime.date(2026, 11, 22))
    org = result.organisation
    assert 35 <= OrgUnit.objects.for_org(org).count() <= 50
    initiatives = Initiative.objects.for_org(org)
    assert initiatives.count() == 20
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
