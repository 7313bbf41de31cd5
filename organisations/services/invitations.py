"""Inviting people by e-mail: the administrator never sees or touches anyone's account.

An invitation carries a random one-time token; only its SHA-256 hash is stored, so a leaked
database does not leak usable links. Whether the address already has an account is decided
only when the invited person opens the link, never shown to the administrator.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services.credentials import account_for_email, language_of

from ..models import Invitation, Membership, Organisation
from .people import set_role_names

VALID_FOR = datetime.timedelta(days=7)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(token)
    invitation.expires_at = timezone.now() + VALID_FOR
    return token


def accept_path(invitation: Invitation, token: str) -> str:
    return reverse("accounts:invitation", args=[invitation.organisation_id, token])


def _send(invitation: Invitation, token: str, base_url: str) -> None:
    account = account_for_email(invitation.email)
    language = language_of(account) if account else invitation.organisation.language
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "link": base_url + accept_path(invitation, token),
    }
    with translation.override(language):
        subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


@transaction.atomic
def invite(organisation: Organisation, data: dict, *, invited_by, base_url: str) -> Invitation:
    """Invite ``data["email"]``; an earlier pending invitation to the same address here is replaced."""
    email = BaseUserManager.normalize_email(data["email"])
    pending_invitations(organisation).filter(email__iexact=email).delete()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        title=data.get("title", ""),
        unit=data.get("unit"),
        role_codes=sorted(data.get("roles", [])),
        invited_by=invited_by,
    )
    token = _new_token(invitation)
    invitation.save()
    _send(invitation, token, base_url)
    return invitation


@transaction.atomic
def resend(invitation: Invitation, base_url: str) -> None:
    """A fresh link and a fresh week; the old link stops working."""
    token = _new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    _send(invitation, token, base_url)


def pending_invitations(organisation: Organisation):
    return Invitation.objects.for_org(organisation).filter(accepted_at__isnull=True)


def usable_invitation(organisation: Organisation, token: str) -> Invitation | None:
    """The invitation behind a link if it is neither used nor expired; else None."""
    return (
        pending_invitations(organisation)
        .filter(token_hash=_hash(token), expires_at__gt=timezone.now())
        .select_related("organisation", "unit")
        .first()
    )


@transaction.atomic
def accept(invitation: Invitation, user) -> Membership | None:
    """Add (or reactivate) ``user``'s membership; None if the link was used meanwhile."""
    claimed = pending_invitations(invitation.organisation).filter(pk=invitation.pk).update(accepted_at=timezone.now())
    if not claimed:
        return None
    membership, _created = Membership.objects.get_or_create(organisation=invitation.organisation, user=user)
    membership.is_active = True
    membership.title = invitation.title
    membership.unit = invitation.unit
    membership.save()
    set_role_names(membership, invitation.role_codes)
    return membership


@transaction.atomic
def create_account_and_accept(invitation: Invitation, first_name: str, last_name: str, password: str):
    """A new account signs in with the invited address; nobody else chose its name or password."""
    user = get_user_model().objects.create_user(
        username=invitation.email.lower(),
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    if accept(invitation, user) is None:
        transaction.set_rollback(True)
        return None
    return user
