"""Who is asking, in which organisation, with which roles: built once per request."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .models import Membership, Organisation, OrgUnit, Role


@dataclass(frozen=True)
class Actor:
    user: object
    organisation: Organisation
    membership: Membership
    roles: frozenset[str]

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @cached_property
    def led_unit_ids(self) -> frozenset[int]:
        """Units the person leads, with every unit below them; worked out only when a page asks."""
        return led_unit_ids(self.organisation, self.user)

    @property
    def is_read_only(self) -> bool:
        """Politicians see, but never change anything."""
        return self.roles <= {Role.POLITICIAN}


def led_unit_ids(organisation: Organisation, user) -> frozenset[int]:
    units = list(OrgUnit.objects.for_org(organisation).values_list("id", "parent_id", "leader_id"))
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id, _leader in units:
        children.setdefault(parent_id, []).append(unit_id)
    stack = [unit_id for unit_id, _parent, leader in units if leader == user.pk]
    found: set[int] = set()
    while stack:
        unit_id = stack.pop()
        if unit_id not in found:
            found.add(unit_id)
            stack.extend(children.get(unit_id, []))
    return frozenset(found)


def build_actor(user, organisation_id: int | None) -> Actor | None:
    """The actor for ``user`` in the chosen organisation, or their first one; None if none.

    Only active memberships count, so ending one ends the person's access there on their
    very next request, whatever their session remembers.
    """
    memberships = user.memberships.filter(is_active=True).select_related("organisation").order_by("organisation__name")
    chosen = next((m for m in memberships if m.organisation_id == organisation_id), None)
    chosen = chosen or next(iter(memberships), None)
    if chosen is None:
        return None
    roles = frozenset(chosen.roles.values_list("role", flat=True))
    return Actor(
        user=user,
        organisation=chosen.organisation,
        membership=chosen,
        roles=roles,
    )
