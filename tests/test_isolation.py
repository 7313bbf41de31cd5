"""Tenant isolation: a person in one municipality never sees or changes another's data."""

import pytest

from portfolio.models import AffectedUnit, Initiative, Stakeholder

from .urls_under_test import NO_ID, POST_ONLY, PUBLIC, WITH_ID, WITH_KIND, all_url_names, id_urls, plain_urls

pytestmark = pytest.mark.django_db


def test_every_url_is_in_the_sweep():
    missing = all_url_names() - set(NO_ID) - set(WITH_ID) - {name for name, _kind, _id in WITH_KIND} - PUBLIC
    assert not missing, f"Add these URLs to tests/urls_under_test.py: {sorted(missing)}"


def test_ids_of_another_organisation_are_404_for_get_and_post(world, other_world, login):
    # The other organisation's administrator holds every right there, and none here.
    client = login(other_world.users["administrator"])
    for name, url, _pk in id_urls(world):
        assert client.get(url).status_code == (405 if name in POST_ONLY else 404), name
        assert client.post(url, {"name": "hijack", "to_phase": "planning"}).status_code == 404, name
    assert Initiative.objects.across_organisations().filter(name="hijack").count() == 0
    assert Stakeholder.objects.across_organisations().filter(pk=world.stakeholder.pk).exists()
    assert AffectedUnit.objects.across_organisations().filter(pk=world.affected.pk).exists()


def test_unknown_ids_are_404(world, login):
    client = login(world.users["administrator"])
    for name, url, pk in id_urls(world):
        unknown = url.replace(f"/{pk}/", "/999999/")
        assert client.post(unknown).status_code == 404, name


def test_lists_and_exports_show_only_own_organisation(world, other_world, login):
    client = login(other_world.users["administrator"])
    foreign = [
        world.initiative.name,
        world.unit.name,
        world.idea.title,
        world.programme.name,
        world.users["employee"].username,
        world.stakeholder.name,
        world.report.change_comment,
    ]
    for name, url in plain_urls():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode("utf-8", errors="replace") if name != "portfolio:export_xlsx" else ""
        for text in foreign:
            assert text not in body, (name, text)
    own = client.get("/portfolio/")
    assert other_world.initiative.name in own.content.decode()


def test_forms_offer_only_own_organisation_choices(world, other_world, login):
    client = login(other_world.users["administrator"])
    for url in ["/portfolio/initiatives/new/", "/organisation/units/new/", "/portfolio/ideas/new/"]:
        body = client.get(url).content.decode()
        assert world.sector.name not in body and world.users["owner"].first_name + " Testesen" not in body
    add_unit = f"/portfolio/initiatives/{other_world.initiative.pk}/units/new/"
    response = client.post(add_unit, {"unit": world.unit.pk, "employees_affected": 1, "change_from": "2026-01-01"})
    assert response.status_code == 200  # the form is shown again with an error
    assert (
        not AffectedUnit.objects.across_organisations()
        .filter(initiative=other_world.initiative, unit=world.unit)
        .exists()
    )


def test_switching_to_a_foreign_organisation_is_404(world, other_world, login):
    client = login(other_world.users["administrator"])
    assert client.post("/accounts/organisation/", {"organisation": world.org.pk}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    for name, url in plain_urls() + [(name, url) for name, url, _pk in id_urls(world)]:
        response = client.post(url) if name in POST_ONLY else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
