"""Accounts stay with their owner: administrators manage memberships and invite; people keep their credentials."""

import datetime
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from organisations.models import Invitation, Membership, Role

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Et-helt-nytt-passord-2027"


def heading(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


def signs_in(username: str, password: str) -> bool:
    response = Client().post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


def invite(client, world, email: str):
    data = {
        "email": email,
        "first_name": "Nora",
        "last_name": "Nyansatt",
        "title": "Rådgiver",
        "unit": world.unit.pk,
        "roles": ["employee", "benefit_owner"],
    }
    return client.post(reverse("organisations:invitation_create"), data)


def invitation_link(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/\S+)", message.body).group(1)


def roles_of(membership) -> set[str]:
    return set(membership.roles.values_list("role", flat=True))


def test_administrator_cannot_change_the_account_of_a_person_also_in_another_organisation(world, other_world, login):
    # The other municipality's administrator is also a member here.
    person = other_world.users["administrator"]
    person.email = "leder@havlund.example"
    person.save()
    membership = Membership.objects.create(organisation=world.org, user=person)
    client = login(world.users["administrator"])
    url = reverse("organisations:person_edit", args=[membership.pk])
    hijack = {
        "username": "kapret",
        "email": "angriper@example.no",
        "password": "Angriperens-passord-99",
        "first_name": "Kapret",
        "last_name": "Konto",
        "title": "Rådgiver",
        "is_active": "on",
    }
    assert client.post(url, hijack).status_code == 302
    person.refresh_from_db()
    assert (person.username, person.email, person.first_name) == (
        "b-administrator",
        "leder@havlund.example",
        "B-administrator",
    )
    assert person.check_password(PASSWORD)
    assert signs_in("b-administrator", PASSWORD)
    assert not signs_in("kapret", "Angriperens-passord-99")
    membership.refresh_from_db()
    assert membership.title == "Rådgiver"  # the membership itself is the administrator's to keep


def test_membership_form_has_no_account_fields(world, login):
    membership = world.users["employee"].memberships.get()
    response = login(world.users["administrator"]).get(reverse("organisations:person_edit", args=[membership.pk]))
    assert response.status_code == 200
    assert "A-employee Testesen" in heading(response)
    assert set(response.context["form"].fields) == {"title", "unit", "roles", "is_active"}


def test_invitation_creates_an_account_with_the_persons_own_password(world, login, client):
    assert invite(login(world.users["administrator"]), world, "nora@example.no").status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nora@example.no"]
    link = invitation_link(mail.outbox[0])
    invitation = Invitation.objects.for_org(world.org).get(email="nora@example.no")
    token = link.rstrip("/").split("/")[-1]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()  # only a hash is stored
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert world.org.name in heading(page)
    assert page.context["state"] == "new_account"
    assert page.context["form"].initial == {"first_name": "Nora", "last_name": "Nyansatt"}

    mismatch = {"first_name": "Nora", "last_name": "Nyansatt", "password1": NEW_PASSWORD, "password2": "annet"}
    assert client.post(link, mismatch).status_code == 200
    assert not get_user_model().objects.filter(email="nora@example.no").exists()

    answer = {"first_name": "Nora", "last_name": "Nyansatt", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(link, answer)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    user = get_user_model().objects.get(email="nora@example.no")
    assert user.username == "nora@example.no" and user.check_password(NEW_PASSWORD)
    membership = user.memberships.get()
    assert membership.organisation == world.org and membership.unit == world.unit and membership.title == "Rådgiver"
    assert roles_of(membership) == {"employee", "benefit_owner"}
    assert client.get(reverse("portfolio:list")).status_code == 200  # signed in and working here

    client.logout()
    used = client.get(link)
    assert used.status_code == 410
    assert client.post(link, answer).status_code == 410
    assert get_user_model().objects.filter(email__iexact="nora@example.no").count() == 1
    assert signs_in("Nora@Example.no", NEW_PASSWORD)


def test_invitation_to_an_existing_account_adds_a_membership_after_signing_in(world, other_world, login, client):
    kari = other_world.users["employee"]
    kari.email = "kari@havlund.example"
    kari.save()
    invite(login(world.users["administrator"]), world, "Kari@Havlund.example")
    link = invitation_link(mail.outbox[0])
    accounts_before = get_user_model().objects.count()
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert world.org.name in heading(page)
    assert page.context["state"] == "sign_in" and "form" not in page.context
    assert client.post(link, {"password1": "x", "password2": "x"}).status_code == 200
    assert not Membership.objects.for_org(world.org).filter(user=kari).exists()

    # Someone else signed in cannot take the invitation.
    login(other_world.users["politician"])
    assert client.get(link).context["state"] == "other_account"
    client.post(link)
    assert not Membership.objects.for_org(world.org).filter(user=other_world.users["politician"]).exists()
    client.logout()

    signed_in = client.post(f"{reverse('accounts:login')}?next={link}", {"username": kari.email, "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == link
    assert client.get(link).context["state"] == "join"
    assert client.post(link).status_code == 302
    membership = Membership.objects.for_org(world.org).get(user=kari)
    assert roles_of(membership) == {"employee", "benefit_owner"}
    assert Membership.objects.for_org(other_world.org).filter(user=kari, is_active=True).exists()
    kari.refresh_from_db()
    assert kari.check_password(PASSWORD) and kari.username == "b-employee"
    assert get_user_model().objects.count() == accounts_before
    assert client.post(link).status_code == 410


def test_administrator_sees_the_same_whether_or_not_the_address_has_an_account(world, other_world):
    known = other_world.users["top_management"]
    known.email = "kjent@havlund.example"
    known.save()
    answers = []
    for email in ("kjent@havlund.example", "ukjent@nowhere.example"):
        client = Client()  # a fresh session each time, so each answer's messages stand alone
        client.force_login(world.users["administrator"])
        answers.append(invite(client, world, email))
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    shown = [[str(m) for m in get_messages(a.wsgi_request)] for a in answers]
    assert shown[0] == [text.replace("ukjent@nowhere.example", "kjent@havlund.example") for text in shown[1]]
    bodies = [m.body.replace(invitation_link(m), "LINK") for m in mail.outbox]
    assert bodies[0] == bodies[1]
    people = client.get(reverse("organisations:people"))
    assert people.status_code == 200
    body = people.content.decode()
    assert "kjent@havlund.example" in body and "ukjent@nowhere.example" in body
    assert other_world.org.name not in body and known.first_name not in body


def test_inviting_a_current_member_says_so_and_sends_nothing(world, login):
    employee = world.users["employee"]
    employee.email = "ansatt@fjordvik.example"
    employee.save()
    response = invite(login(world.users["administrator"]), world, "ANSATT@fjordvik.example")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mail.outbox == []


def test_expired_resent_and_withdrawn_links_no_longer_work(world, login, client):
    admin = login(world.users["administrator"])
    invite(admin, world, "nora@example.no")
    first_link = invitation_link(mail.outbox[0])
    invitation = Invitation.objects.for_org(world.org).get(email="nora@example.no")
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)

    assert admin.post(reverse("organisations:invitation_resend", args=[invitation.pk])).status_code == 302
    second_link = invitation_link(mail.outbox[1])
    client.logout()
    assert client.get(first_link).status_code == 410
    assert client.get(second_link).status_code == 200

    Invitation.objects.for_org(world.org).filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    expired = client.post(
        second_link, {"first_name": "N", "last_name": "N", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert expired.status_code == 410
    assert not get_user_model().objects.filter(email="nora@example.no").exists()

    login(world.users["administrator"])
    invite(client, world, "nora@example.no")
    third_link = invitation_link(mail.outbox[2])
    pending = Invitation.objects.for_org(world.org).filter(email="nora@example.no", accepted_at__isnull=True)
    assert pending.count() == 1  # inviting again replaces the earlier invitation
    assert client.post(reverse("organisations:invitation_withdraw", args=[pending.get().pk])).status_code == 302
    client.logout()
    assert client.get(third_link).status_code == 410


def test_ending_a_membership_ends_access_at_once_and_keeps_history(world, login):
    employee = world.users["employee"]
    membership = employee.memberships.get()
    employee_client = Client()
    employee_client.force_login(employee)
    assert employee_client.get(reverse("portfolio:list")).status_code == 200

    admin = login(world.users["administrator"])
    url = reverse("organisations:person_edit", args=[membership.pk])
    assert admin.post(url, {"title": "", "roles": ["employee"]}).status_code == 302  # "active" unticked

    assert employee_client.get(reverse("portfolio:list")).status_code == 403
    membership.refresh_from_db()
    assert not membership.is_active and roles_of(membership) == {"employee"}
    world.idea.refresh_from_db()
    assert world.idea.proposer == employee  # what they did stays
    people = admin.get(reverse("organisations:people"))
    assert [row.membership for row in people.context["former"]] == [membership]
    assert membership not in [row.membership for row in people.context["people"]]

    assert admin.post(url, {"title": "", "roles": ["employee"], "is_active": "on"}).status_code == 302
    assert employee_client.get(reverse("portfolio:list")).status_code == 200


def test_ending_one_of_two_memberships_moves_the_session_out_of_that_organisation(world, other_world, login):
    person = other_world.users["employee"]
    membership = Membership.objects.create(organisation=world.org, user=person)
    person_client = Client()
    person_client.force_login(person)
    switch = reverse("accounts:switch_organisation")
    assert person_client.post(switch, {"organisation": world.org.pk}).status_code == 302
    initiative = reverse("portfolio:initiative", args=[world.initiative.pk])
    assert person_client.get(initiative).status_code == 200

    url = reverse("organisations:person_edit", args=[membership.pk])
    assert login(world.users["administrator"]).post(url, {"title": ""}).status_code == 302

    assert person_client.get(initiative).status_code == 404
    assert person_client.post(switch, {"organisation": world.org.pk}).status_code == 404
    assert person_client.get(reverse("portfolio:list")).context["actor"].organisation == other_world.org


def test_administrator_cannot_end_own_membership_or_drop_own_administrator_role(world, login):
    admin = world.users["administrator"]
    membership = admin.memberships.get()
    url = reverse("organisations:person_edit", args=[membership.pk])
    response = login(admin).post(url, {"title": "", "roles": ["employee"]})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"is_active", "roles"}
    membership.refresh_from_db()
    assert membership.is_active and roles_of(membership) == {"administrator"}


def test_own_password_change_needs_the_current_password(world, login):
    employee = world.users["employee"]
    client = login(employee)
    url = reverse("accounts:password_change")
    page = client.get(url)
    assert page.status_code == 200 and heading(page)
    wrong = {"old_password": "feil-passord", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(url, wrong)
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)
    right = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(url, right).status_code == 302
    employee.refresh_from_db()
    assert employee.check_password(NEW_PASSWORD)
    assert client.get(reverse("portfolio:list")).status_code == 200  # still signed in


def test_own_email_change_needs_the_current_password_and_a_free_address(world, other_world, login):
    employee = world.users["employee"]
    other = other_world.users["employee"]
    other.email = "opptatt@havlund.example"
    other.save()
    client = login(employee)
    url = reverse("accounts:email_change")
    assert client.get(url).status_code == 200

    response = client.post(url, {"email": "ny@fjordvik.example", "current_password": "feil"})
    assert response.status_code == 200 and set(response.context["form"].errors) == {"current_password"}
    response = client.post(url, {"email": "OPPTATT@havlund.example", "current_password": PASSWORD})
    assert response.status_code == 200 and set(response.context["form"].errors) == {"email"}
    employee.refresh_from_db()
    assert employee.email == ""

    assert client.post(url, {"email": "ny@fjordvik.example", "current_password": PASSWORD}).status_code == 302
    employee.refresh_from_db()
    assert employee.email == "ny@fjordvik.example" and employee.username == "a-employee"


def test_an_account_that_signs_in_with_its_address_follows_a_new_address(db, login):
    user = make_user("per@example.no", email="per@example.no")
    client = login(user)
    response = client.post(reverse("accounts:email_change"), {"email": "per@ny.example", "current_password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.username, user.email) == ("per@ny.example", "per@ny.example")
    assert signs_in("per@ny.example", PASSWORD)


def test_own_account_page_changes_name_and_language(world, login):
    employee = world.users["employee"]
    client = login(employee)
    page = client.get(reverse("accounts:account"))
    assert page.status_code == 200 and heading(page)
    data = {"first_name": "Eva", "last_name": "Endret", "preferred_language": "nn"}
    assert client.post(reverse("accounts:account"), data).status_code == 302
    employee.refresh_from_db()
    assert (employee.first_name, employee.last_name, employee.preferred_language) == ("Eva", "Endret", "nn")


def test_sign_in_with_email_or_username(world):
    employee = world.users["employee"]
    employee.email = "eva@fjordvik.example"
    employee.save()
    assert signs_in("EVA@fjordvik.example", PASSWORD)
    assert signs_in("a-employee", PASSWORD)
    assert not signs_in("eva@fjordvik.example", "feil-passord")


def test_email_addresses_are_unique_ignoring_case(world):
    make_user("forste", email="felles@example.no")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("andre", email="FELLES@example.no")
    make_user("uten-adresse-1")
    make_user("uten-adresse-2")  # many accounts may still have no address


def test_password_reset_by_email_in_the_persons_language(world, client):
    english = world.users["employee"]
    english.email = "eva@fjordvik.example"
    english.preferred_language = "en"
    english.save()
    norwegian = world.users["politician"]
    norwegian.email = "ola@fjordvik.example"
    norwegian.save()
    url = reverse("accounts:password_reset")
    page = client.get(url)
    assert page.status_code == 200 and heading(page)
    assert reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()

    answers = [client.post(url, {"email": email}) for email in ("EVA@fjordvik.example", "ingen@nowhere.example")]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["eva@fjordvik.example"]
    assert mail.outbox[0].body.startswith("Hello A-employee Testesen,")
    client.post(url, {"email": "ola@fjordvik.example"})
    assert mail.outbox[1].body.startswith("Hei A-politician Testesen,")  # the organisation's bokmål

    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    assert signs_in("eva@fjordvik.example", NEW_PASSWORD)
    assert not client.get(link, follow=True).context["validlink"]  # the link works once


def _row_for(response, user):
    return next(row for row in response.context["people"] if row.membership.user == user)


def test_people_list_shows_email_and_union_role_only_to_those_who_may_see_them(world, login, client):
    representative = world.users["union_representative"]
    representative.email = "tillitsvalgt@fjordvik.example"
    representative.save()
    representative.memberships.update(unit=world.unit)
    with translation.override("nb"):
        union_label = str(Role.UNION_REPRESENTATIVE.label)
    union_role = f"{union_label} ({world.sector.name})"  # the role covers the sector

    colleague_view = login(world.users["employee"]).get(reverse("organisations:people"))
    assert colleague_view.status_code == 200 and heading(colleague_view)
    body = colleague_view.content.decode()
    assert str(representative) in body and world.unit.name in body
    assert "tillitsvalgt@fjordvik.example" not in body
    assert (
        _row_for(colleague_view, representative).roles == [] and _row_for(colleague_view, representative).email is None
    )
    assert union_label not in body
    client.logout()

    own_view = login(representative).get(reverse("organisations:people"))
    assert _row_for(own_view, representative).roles == [union_role]
    assert "tillitsvalgt@fjordvik.example" not in own_view.content.decode()
    client.logout()

    admin_view = login(world.users["administrator"]).get(reverse("organisations:people"))
    body = admin_view.content.decode()
    assert "tillitsvalgt@fjordvik.example" in body and union_label in body
    assert _row_for(admin_view, representative).roles == [union_role]


def test_people_who_left_are_no_longer_offered_but_rows_naming_them_still_save(world):
    from portfolio.forms import InitiativeForm

    owner = world.users["owner"]
    owner.memberships.update(is_active=False)
    leader = world.users["project_leader"]
    leader.memberships.update(is_active=False)
    new = InitiativeForm(organisation=world.org, instance=type(world.initiative)())
    assert owner not in new.fields["project_owner"].queryset
    assert leader not in new.fields["project_leader"].queryset
    assert world.users["administrator"] in new.fields["project_owner"].queryset
    existing = InitiativeForm(organisation=world.org, instance=world.initiative)
    assert owner in existing.fields["project_owner"].queryset  # the row names them today
    assert leader not in existing.fields["project_owner"].queryset
