"""The one permission layer: named rules that views, templates, commands and the API all ask.

Each app registers its rules in its ``permissions.py`` (imported from the app's ``ready()``)
with ``register_read`` or ``register_write``. Predicates take ``(actor, obj)`` where the actor
is ``organisations.actor.Actor``. A write rule always refuses a read-only actor (a politician),
so no view or template can forget it, even when a row names that person.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied

RULES = rules.RuleSet()
#: Names of the rules that change data; each refuses read-only actors.
WRITE_RULES: set[str] = set()


@rules.predicate
def is_read_only(actor) -> bool:
    return actor.is_read_only


@rules.predicate
def is_member(actor) -> bool:
    """Everyone with a membership in the organisation may read its pages."""
    return actor is not None


def register_read(name: str, predicate) -> None:
    RULES.add_rule(name, predicate)


def register_write(name: str, predicate) -> None:
    RULES.add_rule(name, ~is_read_only & predicate)
    WRITE_RULES.add(name)


def can(actor, name: str, obj=None) -> bool:
    """May ``actor`` do ``name`` (with ``obj``)? An unknown rule name is a programming error."""
    if not RULES.rule_exists(name):
        raise KeyError(f"No permission rule named {name!r}")
    return actor is not None and RULES.test_rule(name, actor, obj)


def require(actor, name: str, obj=None) -> None:
    """Answer 403 unless ``actor`` may do ``name``."""
    if not can(actor, name, obj):
        raise PermissionDenied
