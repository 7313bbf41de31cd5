"""Who may do what, inside one organisation: an allowed and a forbidden person per page."""

import pytest
from django.urls import reverse

from organisations.models import Invitation

pytestmark = pytest.mark.django_db

# url name, object for the id (or None), who may open the page, who may not
EDIT_PAGES = [
    ("portfolio:initiative_create", None, "portfolio_office", "employee"),
    ("portfolio:initiative_create", None, "top_management", "politician"),
    ("portfolio:initiative_edit", "initiative", "owner", "employee"),
    ("portfolio:initiative_edit", "initiative", "portfolio_office", "politician"),
    ("portfolio:initiative_phase", "initiative", "owner", "middle_manager"),
    ("portfolio:stakeholder_add", "initiative", "owner", "union_representative"),
    ("portfolio:stakeholder_edit", "stakeholder", "administrator", "benefit_owner"),
    ("portfolio:affected_unit_add", "initiative", "portfolio_office", "unit_leader"),
    ("portfolio:affected_unit_edit", "affected", "unit_leader", "middle_manager"),
    ("portfolio:status_report_add", "initiative", "owner", "top_management"),
    ("portfolio:idea_create", None, "employee", "politician"),
    ("portfolio:programme_create", None, "portfolio_office", "project_leader"),
    ("portfolio:programme_edit", "programme", "top_management", "employee"),
    ("organisations:settings", None, "administrator", "portfolio_office"),
    ("organisations:unit_create", None, "administrator", "top_management"),
    ("organisations:unit_edit", "unit", "administrator", "unit_leader"),
    ("organisations:invitation_create", None, "administrator", "portfolio_office"),
]

READ_PAGES = [
    ("core:home", None),
    ("portfolio:list", None),
    ("portfolio:timeline", None),
    ("portfolio:export_csv", None),
    ("portfolio:export_xlsx", None),
    ("portfolio:initiative", "initiative"),
    ("portfolio:stakeholder_matrix", "initiative"),
    ("portfolio:status_report", "report"),
    ("portfolio:ideas", None),
    ("portfolio:programmes", None),
    ("organisations:units", None),
    ("organisations:unit", "unit"),
    ("organisations:people", None),
]


def url_for(world, name, attribute):
    return reverse(name, args=[getattr(world, attribute).pk]) if attribute else reverse(name)


@pytest.mark.parametrize(("name", "attribute", "allowed", "forbidden"), EDIT_PAGES)
def test_edit_pages_follow_roles(world, login, client, name, attribute, allowed, forbidden):
    url = url_for(world, name, attribute)
    assert login(world.users[forbidden]).get(url).status_code == 403
    assert client.post(url, {"name": "x"}).status_code == 403
    client.logout()
    assert login(world.users[allowed]).get(url).status_code == 200


@pytest.mark.parametrize(("name", "attribute"), READ_PAGES)
def test_everyone_in_the_organisation_may_read(world, login, name, attribute):
    # A politician has the fewest rights: read only.
    assert login(world.users["politician"]).get(url_for(world, name, attribute)).status_code == 200


def test_politician_sees_no_edit_buttons(world, login):
    body = login(world.users["politician"]).get(url_for(world, "portfolio:initiative", "initiative")).content.decode()
    assert reverse("portfolio:initiative_edit", args=[world.initiative.pk]) not in body
    assert reverse("portfolio:status_report_add", args=[world.initiative.pk]) not in body


def test_ideas_are_private_to_proposer_and_portfolio_office(world, login, client):
    url = reverse("portfolio:idea", args=[world.idea.pk])
    assert login(world.users["employee"]).get(url).status_code == 200
    client.logout()
    assert login(world.users["middle_manager"]).get(url).status_code == 403
    listing = client.get(reverse("portfolio:ideas")).content.decode()
    assert world.idea.title not in listing
    client.logout()
    assert world.idea.title in login(world.users["portfolio_office"]).get(reverse("portfolio:ideas")).content.decode()


def test_proposer_cannot_decide_on_own_idea(world, login):
    url = reverse("portfolio:idea", args=[world.idea.pk])
    response = login(world.users["employee"]).post(url, {"decision-decision": "accept"})
    assert response.status_code == 403
    world.idea.refresh_from_db()
    assert world.idea.status == "submitted"


def test_deleting_needs_edit_rights(world, login, client):
    url = reverse("portfolio:stakeholder_delete", args=[world.stakeholder.pk])
    assert login(world.users["employee"]).post(url).status_code == 403
    client.logout()
    assert login(world.users["owner"]).post(url).status_code == 302
    assert not world.initiative.stakeholders.exists()


def test_only_administrators_manage_memberships_and_invitations(world, login, client):
    membership = world.users["employee"].memberships.get()
    edit = reverse("organisations:person_edit", args=[membership.pk])
    resend = reverse("organisations:invitation_resend", args=[world.invitation.pk])
    withdraw = reverse("organisations:invitation_withdraw", args=[world.invitation.pk])
    login(world.users["middle_manager"])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Sjef", "roles": ["administrator"], "is_active": "on"}).status_code == 403
    assert client.post(resend).status_code == 403
    assert client.post(withdraw).status_code == 403
    membership.refresh_from_db()
    assert membership.title == "" and not membership.roles.filter(role="administrator").exists()
    assert Invitation.objects.for_org(world.org).filter(pk=world.invitation.pk).exists()
    client.logout()
    login(world.users["administrator"])
    assert client.get(edit).status_code == 200
    assert client.post(withdraw).status_code == 302
    assert not Invitation.objects.for_org(world.org).filter(pk=world.invitation.pk).exists()


def test_person_without_membership_gets_a_clear_page(db, client):
    from .factories import make_user

    client.force_login(make_user("lonely"))
    response = client.get("/")
    assert response.status_code == 403
    assert "organisation" in response.content.decode().lower() or "organisasjon" in response.content.decode().lower()
