"""Account rules that belong to the person, never to an organisation's administrator."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q


def account_for_email(email: str):
    """The one account that owns ``email`` (as address or as sign-in name), or None."""
    users = get_user_model().objects.order_by("pk")
    # An address match wins over a sign-in name that merely looks like the address.
    return users.filter(email__iexact=email).first() or users.filter(username__iexact=email).first()


def email_in_use(email: str, *, except_user=None) -> bool:
    users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    if except_user is not None:
        users = users.exclude(pk=except_user.pk)
    return users.exists()


def sign_in_name(login: str) -> str:
    """The username to authenticate: people may sign in with their e-mail address or username."""
    if "@" in login:
        username = get_user_model().objects.filter(email__iexact=login).values_list("username", flat=True).first()
        if username:
            return username
    return login


def change_email(user, email: str) -> None:
    """Give the account a new address; an account that signs in with its address follows it."""
    if user.username.lower() == user.email.lower():
        user.username = email.lower()
    user.email = email
    user.save(update_fields=["email", "username"])


def language_of(user) -> str:
    """The language to write to a person in: their own choice, else their organisation's."""
    if user.preferred_language:
        return user.preferred_language
    membership = user.memberships.filter(is_active=True).select_related("organisation").order_by("pk").first()
    return membership.organisation.language if membership else settings.LANGUAGE_CODE
