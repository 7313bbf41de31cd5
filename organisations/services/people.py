from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ROLE_SCOPES, Membership, Organisation, RoleAssignment


@transaction.atomic
def save_person(organisation: Organisation, user, data: dict) -> Membership:
    """Save a person with their membership and exact set of roles in ``organisation``.

    The roles come as names; a role the person already holds keeps the scopes it has (if they are
    allowed), a new one covers the organisation, or for a middle manager the unit the person works in.
    """
    if data.get("password"):
        user.set_password(data["password"])
    user.save()
    membership, _created = Membership.objects.get_or_create(organisation=organisation, user=user)
    membership.title = data.get("title", "")
    membership.unit = data.get("unit")
    membership.save()
    names = set(data.get("roles", []))
    held = membership.roles.select_related("unit", "initiative")
    kept = [a for a in held if a.role in names and a.scope in ROLE_SCOPES[a.role]]
    added = [RoleAssignment.with_default_scope(membership, name) for name in sorted(names - {a.role for a in kept})]
    set_roles(membership, kept + added)
    return membership


def set_roles(membership: Membership, wanted: Iterable[RoleAssignment]) -> None:
    """Give ``membership`` exactly the ``wanted`` roles with their scopes (unsaved rows or kept ones).

    Each role is checked against the scopes it allows (``ROLE_SCOPES``); a wrong scope raises a
    ``ValidationError`` naming the field, and nothing is changed.
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
                assignment.save()
