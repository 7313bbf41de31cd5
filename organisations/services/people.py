"""People in an organisation: their membership, roles, and what colleagues may see of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from ..actor import Actor
from ..models import Membership, Role, RoleAssignment
from ..permissions import can_manage_organisation


@transaction.atomic
def set_roles(membership: Membership, roles: Iterable[str]) -> None:
    """Give ``membership`` exactly ``roles``: the one place roles are set on a membership."""
    wanted = set(roles)
    current = set(membership.roles.values_list("role", flat=True))
    for assignment in membership.roles.filter(role__in=current - wanted):
        assignment.delete()  # one by one, so each removal is audited
    for role in sorted(wanted - current):
        RoleAssignment.objects.create(membership=membership, role=role)


@transaction.atomic
def save_membership(membership: Membership, data: dict) -> Membership:
    """Save a person's place in the organisation and their roles; never their account."""
    membership.title = data.get("title", "")
    membership.unit = data.get("unit")
    membership.is_active = data.get("is_active", membership.is_active)
    membership.save()
    set_roles(membership, data.get("roles", []))
    return membership


@dataclass(frozen=True)
class PersonRow:
    membership: Membership
    roles: list[str]
    email: str | None


def visible_roles(actor: Actor, membership: Membership) -> list[str]:
    """Role names the actor may see; union membership is special-category personal data."""
    sees_union = can_manage_organisation(actor) or membership.user_id == actor.user.pk
    return [
        assignment.get_role_display()
        for assignment in membership.roles.all()
        if sees_union or assignment.role != Role.UNION_REPRESENTATIVE
    ]


def people_rows(actor: Actor, *, active: bool = True) -> list[PersonRow]:
    """The people list as ``actor`` may see it: e-mail addresses only for administrators."""
    memberships = (
        Membership.objects.for_org(actor.organisation)
        .filter(is_active=active)
        .select_related("user", "unit")
        .prefetch_related("roles")
        .order_by("user__first_name", "user__last_name")
    )
    shows_email = can_manage_organisation(actor)
    return [PersonRow(m, visible_roles(actor, m), m.user.email if shows_email else None) for m in memberships]
