"""Sign-in throttling on top of django-axes: the client's real address, and password spraying.

Axes locks a username tried from one address (``AXES_LOCKOUT_PARAMETERS``), so an attacker
elsewhere cannot lock a real person out. That alone lets one address try a common password
against every username; ``SprayAwareDatabaseHandler`` refuses such an address as a whole.
"""

from __future__ import annotations

import ipaddress
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Sum
from django.http import HttpRequest

log = logging.getLogger(__name__)


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy header only when a trusted proxy is configured.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies appends the address it saw to X-Forwarded-For;
    entries further left were written by the client and are ignored.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # With fewer entries than proxies, every entry came from one of ours; the leftmost is the client.
    candidate = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def is_spraying(ip_address: str | None, since) -> bool:
    """Whether one address has failed often, for many different usernames, since ``since``.

    Both conditions must hold: a town hall behind one NAT address makes many failures, but for a
    handful of its own people; a sprayer makes them for many usernames.
    """
    if not ip_address:
        return False
    totals = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), usernames=Count("username", distinct=True)
    )
    return (totals["failures"] or 0) >= settings.SIGN_IN_SPRAY_FAILURE_LIMIT and (
        totals["usernames"] >= settings.SIGN_IN_SPRAY_USERNAMES
    )


class SprayAwareDatabaseHandler(AxesDatabaseHandler):
    """Axes' database handler that also refuses an address spraying passwords across usernames."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        """Checked before the password: a spraying address gets no answer to any guess."""
        if super().is_locked(request, credentials):
            return True
        return is_spraying(request.axes_ip_address, get_cool_off_threshold(request))

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        """After Axes has counted the failure: flag the request so the middleware answers 429."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:
            return
        if is_spraying(request.axes_ip_address, get_cool_off_threshold(request)):
            log.warning("Sign-in refused for an address trying many usernames (password spraying).")
            request.axes_locked_out = True
            request.axes_credentials = credentials
