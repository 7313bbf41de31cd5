"""People in an organisation: their membership, roles, and what colleagues may see of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from core.permissions import can
from core.validation import save_valid

from ..actor import Actor
from ..models import ROLE_SCOPES, Membership, Role, RoleAssignment


def set_role_names(membership: Membership, names: Iterable[str]) -> None:
    """Give ``membership`` exactly the roles ``names``, for forms that pick roles by name.

    A role the person already holds keeps the scope it has (if still allowed); a new one covers the
    organisation, or for a middle manager the unit the person works in.
    """
    names = set(names)
    held = membership.roles.select_related("unit", "initiative")
    kept = [a for a in held if a.role in names and a.scope in ROLE_SCOPES[a.role]]
    added = [RoleAssignment.with_default_scope(membership, name) for name in sorted(names - {a.role for a in kept})]
    set_roles(membership, kept + added)


def scoped_roles(membership: Membership | None = None):
    """Role assignments that cover one unit or one initiative (of ``membership``, or of anyone)."""
    scoped = RoleAssignment.objects.filter(Q(unit__isnull=False) | Q(initiative__isnull=False))
    return membership.roles.filter(pk__in=scoped.values("pk")) if membership else scoped


def set_roles(membership: Membership, wanted: Iterable[RoleAssignment]) -> None:
    """Give ``membership`` exactly the ``wanted`` roles with their scopes (unsaved rows or kept ones).

    Each role is checked against the scopes it allows (``ROLE_SCOPES``); a wrong scope raises a
    ``ValidationError`` naming the field, and nothing is changed. The one place roles are set.
    """
    wanted = list(wanted)
    for assignment in wanted:
        assignment.membership = membership
        assignment.organisation_id = membership.organisation_id
        assignment.full_clean(exclude=["membership", "organisation"], validate_unique=False)
    keys = {(a.role, a.unit_id, a.initiative_id) for a in wanted}
    if len(keys) != len(wanted):
        raise ValidationError({"role": _("The same role is given twice for the same scope.")})
    with transaction.atomic():
        current = {(a.role, a.unit_id, a.initiative_id): a for a in membership.roles.all()}
        for key, assignment in current.items():
            if key not in keys:
                assignment.delete()  # one by one, so each removal is audited
        for assignment in wanted:
            if (assignment.role, assignment.unit_id, assignment.initiative_id) not in current:
                save_valid(assignment)


@transaction.atomic
def save_membership(membership: Membership, data: dict) -> Membership:
    """Save a person's place in the organisation and their roles; never their account."""
    membership.title = data.get("title", "")
    membership.unit = data.get("unit")
    membership.is_active = data.get("is_active", membership.is_active)
    save_valid(membership)
    set_role_names(membership, data.get("roles", []))
    return membership


@dataclass(frozen=True)
class PersonRow:
    membership: Membership
    roles: list[str]
    email: str | None


def visible_roles(actor: Actor, membership: Membership) -> list[str]:
    """Roles (with their scope) the actor may see; union membership is special-category personal data."""
    sees_union = can(actor, "organisations.view_union_role", membership)
    return [
        str(assignment)
        for assignment in membership.roles.all()
        if sees_union or assignment.role != Role.UNION_REPRESENTATIVE
    ]


def people_rows(actor: Actor, *, active: bool = True) -> list[PersonRow]:
    """The people list as ``actor`` may see it: e-mail addresses only for administrators."""
    memberships = (
        Membership.objects.for_org(actor.organisation)
        .filter(is_active=active)
        .select_related("user", "unit")
        .prefetch_related(Prefetch("roles", queryset=RoleAssignment.objects.select_related("unit", "initiative")))
        .order_by("user__first_name", "user__last_name")
    )
    shows_email = can(actor, "organisations.manage")
    return [PersonRow(m, visible_roles(actor, m), m.user.email if shows_email else None) for m in memberships]
