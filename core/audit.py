"""Reading the audit log (django-auditlog) for an object's page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
}


@dataclass(frozen=True)
class AuditRow:
    timestamp: datetime.datetime
    actor: str
    action: str
    what: str
    changes: list[tuple[str, str, str]]


def history_for(obj, *, children_key: str | None = None, limit: int = 50) -> list[AuditRow]:
    """Entries for ``obj``, and, with ``children_key``, for rows that name it in their audit data."""
    content_type = ContentType.objects.get_for_model(obj.__class__)
    condition = Q(content_type=content_type, object_pk=str(obj.pk))
    if children_key:
        condition |= Q(**{f"additional_data__{children_key}": obj.pk})
    entries = LogEntry.objects.filter(condition).select_related("actor", "content_type").order_by("-timestamp")
    rows = []
    for entry in entries[:limit]:
        model = entry.content_type.model_class()
        rows.append(
            AuditRow(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor else str(_("the system")),
                action=str(ACTIONS.get(entry.action, "")),
                what=f"{model._meta.verbose_name if model else ''}: {entry.object_repr}",
                changes=[
                    (str(field), str(values[0]), str(values[1])) for field, values in entry.changes_display_dict.items()
                ]
                if entry.action == LogEntry.Action.UPDATE
                else [],
            )
        )
    return rows
