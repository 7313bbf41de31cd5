from __future__ import annotations

from django.db import transaction

from core.validation import create_valid, save_valid

from ..models import Membership, Organisation, RoleAssignment


@transaction.atomic
def save_person(organisation: Organisation, user, data: dict) -> Membership:
    """Save a person with their membership and exact set of roles in ``organisation``."""
    if data.get("password"):
        user.set_password(data["password"])
    save_valid(user)
    membership, _created = Membership.objects.get_or_create(organisation=organisation, user=user)
    membership.title = data.get("title", "")
    membership.unit = data.get("unit")
    save_valid(membership)
    wanted = set(data.get("roles", []))
    current = set(membership.roles.values_list("role", flat=True))
    for assignment in membership.roles.filter(role__in=current - wanted):
        assignment.delete()  # one by one, so each removal is audited
    for role in sorted(wanted - current):
        create_valid(RoleAssignment, membership=membership, role=role)
    return membership
