"""Retention of sign-in data, and a person's data exported and erased."""

import datetime
import io
import json

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from core.audit import history_for
from organisations.models import Invitation, Membership, Role, RoleAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def sign_in_rows(username: str, when: datetime.datetime) -> None:
    """One row of each kind django-axes keeps, dated ``when`` (its time fields are set on insert)."""
    common = {"username": username, "ip_address": "10.0.0.1", "user_agent": "Firefox", "path_info": "/login/"}
    rows = [
        AccessLog.objects.create(**common, http_accept="*/*"),
        AccessAttempt.objects.create(**common, http_accept="*/*", get_data="", post_data="", failures_since_start=2),
        AccessFailureLog.objects.create(**common, http_accept="*/*", locked_out=False),
    ]
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(attempt_time=when)


def test_purge_removes_only_what_is_past_its_retention_and_can_run_twice(world, settings):
    settings.SIGN_IN_LOG_RETENTION_DAYS = 90
    now = timezone.now()
    sign_in_rows("old", now - datetime.timedelta(days=91))
    sign_in_rows("recent", now - datetime.timedelta(days=89))
    Session.objects.create(session_key="expired", session_data="x", expire_date=now - datetime.timedelta(minutes=1))
    Session.objects.create(session_key="current", session_data="x", expire_date=now + datetime.timedelta(days=1))
    entry = LogEntry.objects.get_for_object(world.initiative).get()
    LogEntry.objects.filter(pk=entry.pk).update(remote_addr="10.0.0.2", timestamp=now - datetime.timedelta(days=91))
    old_invitation = world.invitation
    Invitation.objects.filter(organisation=world.org, pk=old_invitation.pk).update(
        expires_at=now - datetime.timedelta(days=91)
    )
    pending = Invitation.objects.create(
        organisation=world.org, email="ny@example.org", token_hash="b" * 64, expires_at=now + datetime.timedelta(days=3)
    )
    fresh = LogEntry.objects.get_for_object(world.org).first() or LogEntry.objects.latest("timestamp")
    LogEntry.objects.filter(pk=fresh.pk).update(remote_addr="10.0.0.3")

    out = io.StringIO()
    call_command("purge_expired_data", stdout=out)
    text = out.getvalue()
    assert "Removed 1 sign-in log entries." in text
    assert "Removed 1 failed sign-in attempts." in text
    assert "Removed 1 failed sign-in log entries." in text
    assert "Removed 1 expired sessions." in text
    assert "Removed 1 network addresses in the audit log." in text
    assert "Removed 1 finished invitations." in text
    assert list(Invitation.objects.filter(organisation=world.org).values_list("pk", flat=True)) == [pending.pk]
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        assert list(model.objects.values_list("username", flat=True)) == ["recent"]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]
    assert LogEntry.objects.get(pk=entry.pk).remote_addr is None
    assert LogEntry.objects.get(pk=fresh.pk).remote_addr == "10.0.0.3"
    assert LogEntry.objects.filter(pk=entry.pk).exists()  # the audit trail itself is kept

    again = io.StringIO()
    call_command("purge_expired_data", stdout=again)
    assert again.getvalue().count("Removed 0 ") == 6
    assert AccessLog.objects.count() == 1 and Session.objects.count() == 1


def test_export_lists_account_memberships_roles_and_audit_entries_never_a_hash(world):
    person = world.users["union_representative"]
    with set_actor(world.users["administrator"]):
        person.email = "tv@fjordvik.no"
        person.save()
        person.set_password("Et-helt-nytt-passord-2026")
        person.save()
    sign_in_rows(person.username, timezone.now())
    out = io.StringIO()
    call_command("export_person_data", person.username, stdout=out)
    data = json.loads(out.getvalue())
    assert data["account"]["email"] == "tv@fjordvik.no" and data["account"]["username"] == person.username
    assert data["memberships"] == [
        {"organisation": "Fjordvik", "works_in": None, "job_title": "", "roles": ["Union representative"]}
    ]
    about = data["audit_entries_about_the_person"]
    assert {entry["object_type"] for entry in about} == {"user", "membership", "roleassignment"}
    assert any(entry.get("changes", {}).get("email") == ["", "tv@fjordvik.no"] for entry in about)
    assert any(entry["password_changed"] for entry in about)
    assert [log["ip_address"] for log in data["sign_in_log"]] == ["10.0.0.1"]
    assert person.password not in out.getvalue() and "Et-helt-nytt" not in out.getvalue()


def test_export_names_the_rows_that_point_to_the_person(world):
    out = io.StringIO()
    call_command("export_person_data", world.users["owner"].username, stdout=out)
    named = json.loads(out.getvalue())["named_in"]
    assert {"organisation": "Fjordvik", "what": "initiative", "as": "project owner", "name": world.initiative.name} in (
        named
    )


def test_export_of_an_unknown_person_is_an_error(world):
    with pytest.raises(CommandError):
        call_command("export_person_data", "finnes-ikke", stdout=io.StringIO())


def test_erasure_needs_confirmation(world):
    person = world.users["employee"]
    with pytest.raises(CommandError):
        call_command("erase_person", person.username, stdout=io.StringIO())
    person.refresh_from_db()
    assert person.is_active and not person.is_erased


def test_erasure_anonymises_the_person_and_keeps_history_readable(world):
    person = world.users["owner"]
    old_name, old_username = str(person), person.username
    with set_actor(person):
        world.initiative.name = "Endret av eieren"
        world.initiative.save()
    with set_actor(world.users["administrator"]):
        person.email = "eier@fjordvik.no"
        person.save()
    LogEntry.objects.filter(actor=person).update(actor_email="eier@fjordvik.no", remote_addr="10.0.0.9")
    sign_in_rows(old_username, timezone.now())

    call_command("erase_person", old_username, "--yes", stdout=io.StringIO())

    person.refresh_from_db()
    assert person.is_erased and str(person) == "Former member"
    assert (person.first_name, person.last_name, person.email) == ("", "", "")
    assert not person.has_usable_password() and not person.is_active
    assert not Membership.objects.across_organisations().filter(user=person).exists()
    assert not RoleAssignment.objects.across_organisations().filter(membership__user=person).exists()
    assert not AccessLog.objects.filter(username=old_username).exists()
    everything = " ".join(f"{e.changes} {e.object_repr} {e.actor_email}" for e in LogEntry.objects.all())
    assert old_username not in everything and "eier@fjordvik.no" not in everything
    assert old_name not in everything
    assert not LogEntry.objects.filter(actor=person, remote_addr__isnull=False).exists()

    rows = list(history_for(world.initiative, children_key="initiative"))
    assert rows[0].actor == "Former member" and rows[0].changes[0].endswith("→ Endret av eieren")
    assert any("Project owner: Former member" in line for row in rows for line in row.changes)


def test_the_person_page_shows_an_erased_email_as_erased(world, login):
    person = world.users["employee"]
    with set_actor(world.users["administrator"]):
        person.email = "ansatt@fjordvik.no"
        person.save()
    membership = Membership.objects.for_org(world.org).get(user=person)
    RoleAssignment.objects.create(membership=membership, role=Role.BENEFIT_OWNER)
    from accounts.services.personal_data import scrub_audit_log

    scrub_audit_log(person, [membership])  # as erasure does, without ending the membership
    response = login(world.users["administrator"]).get(reverse("organisations:person_edit", args=[membership.pk]))
    assert response.status_code == 200
    shown = [line for row in response.context["history"] for line in row.changes]
    assert "Email address: — → (erased)" in shown
