"""Rules for the organisation: its settings, units, people and roles."""

import rules

from core.permissions import register_read, register_write

from .models import Role


@rules.predicate
def is_administrator(actor) -> bool:
    return actor.has(Role.ADMINISTRATOR)


# Units, people and roles are kept by administrators.
register_write("organisations.manage", is_administrator)


@rules.predicate
def is_the_person(actor, membership) -> bool:
    return membership is not None and membership.user_id == actor.user.pk


# Holding the union-representative role is special-category personal data (trade-union membership).
register_read("organisations.view_union_role", is_administrator | is_the_person)
