"""Rules for the organisation: its settings, units, people and roles."""

import rules

from core.permissions import register_write

from .models import Role


@rules.predicate
def is_administrator(actor) -> bool:
    return actor.has(Role.ADMINISTRATOR)


# Units, people and roles are kept by administrators.
register_write("organisations.manage", is_administrator)
