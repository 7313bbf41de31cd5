"""Where a change came from when no signed-in person made it: a workbook import, demo data, a command.

django-auditlog records the signed-in person (``AuditlogMiddleware`` sets the actor for each
request). Work outside a request has no person, so the code that does it says what it is::

    with audit_source(Source.IMPORT):
        ...create rows...

Every audit entry written inside the block gets ``"source": "import"`` in its
``additional_data`` (next to the parent keys the models add), and the history shows "workbook
import" instead of an empty name. A web import by a signed-in person keeps the person and adds
the source. The value lives in a context variable, so it is per thread and per task.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    IMPORT = "import", _("workbook import")
    DEMO = "demo", _("demo data")
    COMMAND = "command", _("command")


_current_source: ContextVar[str | None] = ContextVar("audit_source", default=None)


@contextmanager
def audit_source(source: Source) -> Iterator[None]:
    token = _current_source.set(source.value)
    try:
        yield
    finally:
        _current_source.reset(token)


def stamp_source(sender, instance, **kwargs) -> None:
    """``pre_save`` receiver for auditlog's ``LogEntry``: add the current source, if any."""
    source = _current_source.get()
    if source and instance._state.adding:
        instance.additional_data = {**(instance.additional_data or {}), "source": source}
