"""A person's data: export it (right of access) and erase it (right to erasure), see docs/privacy.md."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from core.audit import ERASED_VALUE, PASSWORD_FIELD
from core.audit_context import Source, audit_source
from core.audit_registry import OUR_APPS
from core.tenancy import TenantModel
from organisations.models import Membership
from people.models import SelfAssessment
from people.services import assessments as self_assessments

from ..models import erased_username

#: Account fields that name or reach the person; erasure blanks them, in the account and its history.
IDENTIFYING_FIELDS = ("username", "first_name", "last_name", "email")


def export_person(user) -> dict[str, Any]:
    """Everything stored about ``user``, as plain data for JSON."""
    memberships = list(user.memberships.select_related("organisation", "unit").prefetch_related("roles"))
    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "preferred_language": user.preferred_language,
            "active": user.is_active,
            "joined": user.date_joined.isoformat(),
            "last_sign_in": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {
                "organisation": str(m.organisation),
                "works_in": str(m.unit) if m.unit else None,
                "job_title": m.title,
                "roles": sorted(str(r.get_role_display()) for r in m.roles.all()),
            }
            for m in memberships
        ],
        "named_in": _named_in(user, [m.organisation for m in memberships]),
        "self_assessments": self_assessments.export_for_person(user),
        "audit_entries_about_the_person": [_entry(e, with_changes=True) for e in _entries_about(user, memberships)],
        "audit_entries_by_the_person": [
            _entry(e, with_changes=False) for e in LogEntry.objects.filter(actor=user).select_related("content_type")
        ],
        "sign_in_log": [
            {
                "signed_in": log.attempt_time.isoformat(),
                "signed_out": log.logout_time.isoformat() if log.logout_time else None,
                "ip_address": log.ip_address,
                "browser": log.user_agent,
            }
            for log in AccessLog.objects.filter(username=user.username).order_by("attempt_time")
        ],
        "failed_sign_ins": [
            {"first_failure": attempt.attempt_time.isoformat(), "failures": attempt.failures_since_start}
            for attempt in AccessAttempt.objects.filter(username=user.username).order_by("attempt_time")
        ],
    }


@transaction.atomic
def erase_person(user) -> None:
    """Anonymise the account and end every membership; history stays readable as "Former member".

    The account row stays, so audit entries, measurements and plans that point to the person keep
    their place. Names, username and e-mail are removed from the account and from the audit log,
    the person can no longer sign in, and their sign-in logs and self-assessments are deleted. Free text that people
    typed (a stakeholder's name, a comment) is not searched: see docs/privacy.md.
    """
    with audit_source(Source.COMMAND):
        memberships = list(user.memberships.select_related("organisation"))
        old_username = user.username
        for field in IDENTIFYING_FIELDS:
            setattr(user, field, "")
        user.username = erased_username(user.pk)
        user.preferred_language = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        for membership in memberships:
            membership.delete()  # its roles go with it; both are audited
        self_assessments.erase_for_person(user)
    scrub_audit_log(user, memberships)
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username=old_username).delete()


def scrub_audit_log(user, memberships: list[Membership]) -> None:
    for entry in _entries_about(user, memberships).filter(content_type=ContentType.objects.get_for_model(user)):
        entry.changes = {
            name: [_erased(value) for value in values] if name in IDENTIFYING_FIELDS else values
            for name, values in (entry.changes or {}).items()
        }
        entry.object_repr = str(user)
        entry.save(update_fields=["changes", "object_repr"])
    membership_type = ContentType.objects.get_for_model(Membership)
    _entries_about(user, memberships).filter(content_type=membership_type).update(object_repr=str(user))
    LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None, remote_port=None)


def _erased(value):
    return value if value in (None, "", "None") else ERASED_VALUE


def _entries_about(user, memberships: list[Membership]):
    content_type = ContentType.objects.get_for_model
    condition = (
        Q(content_type=content_type(get_user_model()), object_pk=str(user.pk))
        | Q(additional_data__person=user.pk)
        | Q(content_type=content_type(Membership), object_pk__in=[str(m.pk) for m in memberships])
    )
    return LogEntry.objects.filter(condition).select_related("content_type").order_by("timestamp", "pk")


def _entry(entry: LogEntry, *, with_changes: bool) -> dict[str, Any]:
    data = {
        "time": entry.timestamp.isoformat(),
        "action": str(dict(LogEntry.Action.choices)[entry.action]),
        "object_type": entry.content_type.model,
        "object": entry.object_repr,
    }
    if with_changes:
        data["changes"] = {name: values for name, values in (entry.changes or {}).items() if name != PASSWORD_FIELD}
        data["password_changed"] = PASSWORD_FIELD in (entry.changes or {})
    return data


def _named_in(user, organisations) -> list[dict[str, str]]:
    """Rows of the person's organisations that name them: owner, leader, who measured …"""
    found = []
    for model in _models_pointing_to_people():
        person_fields = [f for f in model._meta.get_fields() if f.many_to_one and f.related_model is type(user)]
        for organisation in organisations:
            for field in person_fields:
                for row in model.objects.for_org(organisation).filter(**{field.name: user}):
                    found.append(
                        {
                            "organisation": str(organisation),
                            "what": str(model._meta.verbose_name),
                            "as": str(field.verbose_name),
                            "name": str(row),
                        }
                    )
    return found


def _models_pointing_to_people() -> list:
    user_model = get_user_model()
    return [
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if issubclass(model, TenantModel)
        and model not in (Membership, SelfAssessment)  # both exported on their own
        and any(f.many_to_one and f.related_model is user_model for f in model._meta.get_fields())
    ]
