"""Reading the audit log (django-auditlog) for a page, in words people read.

auditlog stores each changed field as text: ``"None"`` for empty, ``"True"``, ``"1234.50"``,
``"2026-11-22"``, a choice's stored value and a foreign key's id. ``history_for`` turns them into
"—", yes/no, Norwegian numbers and dates, choice labels and names. Names behind foreign keys are
looked up in one query per kind of object, and only inside the page's organisation, so a history
never shows another municipality's rows. Who made a change is the person's name, or the source
of work done without a signed-in person (see ``core.audit_context``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditlog.context import auditlog_disabled
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Membership, Organisation, Role, RoleAssignment

from .audit_context import Source
from .audit_registry import MONEY_FIELDS
from .formatting import format_money, format_number
from .tenancy import TenantModel

#: Entries shown open; the rest of a history is folded away.
RECENT_ENTRIES = 5
#: The most entries one page reads.
HISTORY_LIMIT = 200
#: A changed password is logged as this field without values.
PASSWORD_FIELD = "password"  # noqa: S105 (a field name)
EMPTY = "—"
#: What ``erase_person`` leaves in place of a person's name, username or e-mail in old entries.
ERASED_VALUE = "[erased]"
LONGEST_TEXT = 200
#: Numbers shown without thousands grouping.
UNGROUPED_NUMBERS = {"year", "version", "order"}
#: Fields that say which row or tenant an entry is about, not what changed; the row's
#: ``tenant_parent`` (a benefit's initiative, a role's membership) is left out too.
HIDDEN_FIELDS = {"id", "organisation"}

ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
}


@dataclass(frozen=True)
class AuditRow:
    timestamp: datetime.datetime
    actor: str
    action: str
    what: str
    changes: list[str]


@dataclass(frozen=True)
class History:
    recent: list[AuditRow]
    earlier: list[AuditRow]
    truncated: bool

    def __iter__(self) -> Iterator[AuditRow]:
        return iter(self.recent + self.earlier)

    def __len__(self) -> int:
        return len(self.recent) + len(self.earlier)


def history_for(obj, *, children_key: str | None = None) -> History:
    """Entries for ``obj``, and, with ``children_key``, for rows that name it in their audit data."""
    condition = Q(content_type=ContentType.objects.get_for_model(obj.__class__), object_pk=str(obj.pk))
    if children_key:
        condition |= Q(**{f"additional_data__{children_key}": obj.pk})
    organisation_id = obj.pk if isinstance(obj, Organisation) else obj.organisation_id
    return read_history(condition, organisation_id, show_union_roles=False)


def read_history(condition: Q, organisation_id: int, *, show_union_roles: bool) -> History:
    """The entries matching ``condition``, newest first, worded for people.

    A union-representative role is special-category data (trade-union membership): its
    assignments are left out unless ``show_union_roles`` (administrators and the person).
    """
    entries = list(
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[: HISTORY_LIMIT + 1]
    )
    truncated = len(entries) > HISTORY_LIMIT
    entries = [e for e in entries[:HISTORY_LIMIT] if show_union_roles or not is_union_role_entry(e)]
    names = _related_names(entries, organisation_id)
    rows = [_row(entry, names) for entry in entries]
    return History(recent=rows[:RECENT_ENTRIES], earlier=rows[RECENT_ENTRIES:], truncated=truncated)


def is_union_role_entry(entry: LogEntry) -> bool:
    if entry.content_type.model_class() is not RoleAssignment:
        return False
    return Role.UNION_REPRESENTATIVE.value in (entry.changes or {}).get("role", [])


def log_password_change(user) -> None:
    """Record that a person's password changed, never the password or its hash."""
    if not auditlog_disabled.get():
        LogEntry.objects.log_create(user, action=LogEntry.Action.UPDATE, changes={PASSWORD_FIELD: ["", ""]})


def actor_label(entry: LogEntry) -> str:
    source = (entry.additional_data or {}).get("source")
    source_label = str(Source(source).label) if source in Source.values else None
    if entry.actor is not None:
        name = str(entry.actor)
        return _("%(name)s (%(source)s)") % {"name": name, "source": source_label} if source_label else name
    return capfirst(source_label) if source_label else _("Not recorded")


def _row(entry: LogEntry, names: dict) -> AuditRow:
    model = entry.content_type.model_class()
    verbose_name = capfirst(model._meta.verbose_name) if model else ""
    return AuditRow(
        timestamp=entry.timestamp,
        actor=actor_label(entry),
        action=str(ACTIONS.get(entry.action, "")),
        what=f"{verbose_name}: {entry.object_repr}",
        changes=list(_change_lines(entry, model, names)) if model else [],
    )


def _change_lines(entry: LogEntry, model: type[models.Model], names: dict) -> Iterator[str]:
    for name, values in (entry.changes or {}).items():
        if not _shown(model, name):
            continue
        field = _field(model, name)
        if isinstance(field, models.ForeignObjectRel):  # a reverse relation: auditlog writes a placeholder
            continue
        label = capfirst(field.verbose_name) if field is not None else name
        if name == PASSWORD_FIELD and model is get_user_model():
            yield _("%(field)s: changed (the value is never logged)") % {"field": label}
        elif isinstance(values, dict):  # a many-to-many change
            objects = ", ".join(values.get("objects", []))
            if values.get("operation") == "add":
                yield _("%(field)s: added %(objects)s") % {"field": label, "objects": objects}
            else:
                yield _("%(field)s: removed %(objects)s") % {"field": label, "objects": objects}
        else:
            old, new = (_display(model, field, value, names) for value in values)
            if entry.action == LogEntry.Action.UPDATE:
                yield _("%(field)s: %(old)s → %(new)s") % {"field": label, "old": old, "new": new}
            elif (shown := new if entry.action == LogEntry.Action.CREATE else old) != EMPTY:
                yield _("%(field)s: %(value)s") % {"field": label, "value": shown}


def _shown(model: type[models.Model], name: str) -> bool:
    return name not in HIDDEN_FIELDS and name != getattr(model, "tenant_parent", None)


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _is_empty(value) -> bool:
    return value is None or value in ("", "None")


def _display(model: type[models.Model], field: models.Field | None, value, names: dict) -> str:
    if _is_empty(value):
        return EMPTY
    text = str(value)
    if text == ERASED_VALUE:
        return _("(erased)")
    if field is None:
        return _shorten(text)
    if field.is_relation and field.many_to_one:
        return names.get((field.related_model, text), _("(deleted)"))
    if field.flatchoices:
        return str({str(key): label for key, label in field.flatchoices}.get(text, text))
    if isinstance(field, models.BooleanField):
        return _("Yes") if text == "True" else _("No")
    if isinstance(field, models.DateTimeField):
        return _datetime(text)
    if isinstance(field, models.DateField):
        return _date(text)
    if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
        return _number(model, field, text)
    return _shorten(text)


def _number(model: type[models.Model], field: models.Field, text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if (model._meta.label, field.name) in MONEY_FIELDS:
        return format_money(number)
    if field.name in UNGROUPED_NUMBERS:
        return text
    decimals = max(0, -number.normalize().as_tuple().exponent)
    return format_number(number, decimals)


def _date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return text


def _datetime(text: str) -> str:
    """auditlog stores date-times without a zone, in UTC."""
    try:
        moment = datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)
    except ValueError:
        return text
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _shorten(text: str) -> str:
    return text if len(text) <= LONGEST_TEXT else text[: LONGEST_TEXT - 1] + "…"


def _related_names(entries: Iterable[LogEntry], organisation_id: int) -> dict:
    """{(model, id as text): name} for every foreign key in the entries: one query per model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes or {}).items():
            field = _field(model, name) if model and _shown(model, name) and not isinstance(values, dict) else None
            if field is not None and field.is_relation and field.many_to_one:
                wanted[field.related_model].update(str(v) for v in values if not _is_empty(v))
    names: dict = {}
    for model, ids in wanted.items():
        for pk, name in _names_in_organisation(model, ids, organisation_id).items():
            names[(model, str(pk))] = name
    return names


def _names_in_organisation(model: type[models.Model], ids: set[str], organisation_id: int) -> dict:
    numeric = [int(pk) for pk in ids if pk.isdigit()]
    if model is get_user_model():
        # People are named only while they are members here; anyone else is a former member.
        members = Membership.objects.for_org(organisation_id).filter(user_id__in=numeric).select_related("user")
        found = {m.user_id: str(m.user) for m in members}
        return {pk: found.get(pk, _("Former member")) for pk in numeric}
    if model is Organisation:
        return {organisation.pk: str(organisation) for organisation in Organisation.objects.filter(pk=organisation_id)}
    if issubclass(model, TenantModel):
        rows = model.objects.for_org(organisation_id).filter(pk__in=numeric)
    else:
        rows = model._base_manager.filter(pk__in=numeric)
    # Some names come from related rows (a status report is named by its initiative).
    rows = rows.select_related()
    return {row.pk: str(row) for row in rows}
