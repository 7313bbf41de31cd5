"""Deleting personal data that is kept only for a while (see docs/privacy.md)."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q

from organisations.models import Invitation


@transaction.atomic
def purge_expired_data(now: datetime.datetime) -> dict[str, int]:
    """Remove sign-in logs older than the retention period and sessions that have expired.

    The audit log itself is kept (it is the record of who changed what), but the network address
    auditlog stores with each entry is removed after the same period as the sign-in logs.
    Returns how many rows of each kind were removed; running it again removes nothing more.
    """
    cutoff = now - datetime.timedelta(days=settings.SIGN_IN_LOG_RETENTION_DAYS)
    return {
        "sign-in log entries": _delete(AccessLog.objects.filter(attempt_time__lt=cutoff)),
        "failed sign-in attempts": _delete(AccessAttempt.objects.filter(attempt_time__lt=cutoff)),
        "failed sign-in log entries": _delete(AccessFailureLog.objects.filter(attempt_time__lt=cutoff)),
        "expired sessions": _delete(Session.objects.filter(expire_date__lt=now)),
        # An invitation that was accepted or ran out is only an e-mail address and a name: the
        # membership (and the audit log) remember what came of it.
        "finished invitations": _delete(
            Invitation.objects.across_organisations().filter(
                Q(accepted_at__lt=cutoff) | Q(accepted_at__isnull=True, expires_at__lt=cutoff)
            )
        ),
        "network addresses in the audit log": LogEntry.objects.filter(timestamp__lt=cutoff)
        .exclude(remote_addr__isnull=True, remote_port__isnull=True)
        .update(remote_addr=None, remote_port=None),
    }


def _delete(queryset) -> int:
    """Rows of the queryset's own model deleted (not the rows that went with them)."""
    return queryset.delete()[1].get(queryset.model._meta.label, 0)
