"""Who is asking, in which organisation, with which roles and scopes: built once per request."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q

from .models import READ_ONLY_ROLES, Membership, Organisation, OrgUnit, Role


@dataclass(frozen=True)
class Assignment:
    """One role and what it covers: neither id for the whole organisation."""

    role: str
    unit_id: int | None = None
    initiative_id: int | None = None


@dataclass(frozen=True)
class Actor:
    user: object
    organisation: Organisation
    membership: Membership
    assignments: frozenset[Assignment]
    #: The person's other active memberships, for the organisation switcher (read with this one).
    other_memberships: tuple[Membership, ...] = ()

    @cached_property
    def roles(self) -> frozenset[str]:
        """Every role held, whatever it covers."""
        return frozenset(a.role for a in self.assignments)

    def has(self, *roles: str) -> bool:
        """Holds one of ``roles`` in any scope (roles that only fit the organisation are never scoped)."""
        return bool(self.roles.intersection(roles))

    def has_for_initiative(self, role: str, initiative_id: int) -> bool:
        """Holds ``role`` scoped to this initiative (a role for the whole organisation does not count)."""
        return Assignment(role, initiative_id=initiative_id) in self.assignments

    @property
    def is_read_only(self) -> bool:
        """Politicians see, but never change anything, even if another role or a row names them.

        A member with no role at all only reads too, until an administrator gives them one.
        """
        return not self.roles or bool(self.roles & READ_ONLY_ROLES)

    @cached_property
    def led_unit_ids(self) -> frozenset[int]:
        """Units the person leads, with every unit below them; worked out only when a page asks."""
        scoped = {a.unit_id for a in self.assignments if a.role == Role.MIDDLE_MANAGER and a.unit_id}
        return led_unit_ids(self.organisation, self.user, scoped)

    @cached_property
    def unit_and_above_ids(self) -> tuple[int, ...]:
        """The unit the person works in and every unit above it (a change to a sector reaches its
        departments); empty without a unit. One query, the first time a page asks."""
        unit_id = self.membership.unit_id
        if unit_id is None:
            return ()
        tree = OrgUnit.objects.for_org(self.organisation).tree_filter(organisation=self.organisation)
        return tuple(tree.get(pk=unit_id).tree_path)

    @cached_property
    def union_unit_ids(self) -> frozenset[int]:
        """The units the person's union-representative roles cover (every unit for one covering the
        organisation); empty without the role. One query, the first time a page asks."""
        scopes = [a.unit_id for a in self.assignments if a.role == Role.UNION_REPRESENTATIVE]
        if not scopes:
            return frozenset()
        units = OrgUnit.objects.for_org(self.organisation)
        if None not in scopes:
            units = OrgUnit.objects.with_units_below(self.organisation, scopes)
        return frozenset(units.values_list("pk", flat=True))


def led_unit_ids(organisation: Organisation, user, managed_unit_ids=frozenset()) -> frozenset[int]:
    """The units ``user`` leads (as leader or middle manager of them) and every unit below, from SQL."""
    roots = OrgUnit.objects.for_org(organisation).filter(Q(leader=user) | Q(pk__in=managed_unit_ids))
    below = OrgUnit.objects.with_units_below(organisation, roots.values_list("pk", flat=True))
    return frozenset(below.values_list("pk", flat=True))


def build_actor(user, organisation_id: int | None) -> Actor | None:
    """The actor for ``user`` in the chosen organisation, or their first one; None if none.

    Only active memberships count, so ending one ends the person's access there on their
    very next request, whatever their session remembers.
    """
    memberships = list(
        user.memberships.filter(is_active=True).select_related("organisation").order_by("organisation__name")
    )
    chosen = next((m for m in memberships if m.organisation_id == organisation_id), None)
    chosen = chosen or next(iter(memberships), None)
    if chosen is None:
        return None
    assignments = frozenset(
        Assignment(role, unit_id, initiative_id)
        for role, unit_id, initiative_id in chosen.roles.values_list("role", "unit_id", "initiative_id")
    )
    others = tuple(m for m in memberships if m is not chosen)
    return Actor(
        user=user,
        organisation=chosen.organisation,
        membership=chosen,
        assignments=assignments,
        other_memberships=others,
    )
