"""The units a person leads, seen from the top."""

from __future__ import annotations

from django.db.models import Q

from ..actor import Actor
from ..models import OrgUnit, Role


def top_led_units(actor: Actor) -> list[OrgUnit]:
    """The units the person leads (as leader or middle manager) that no other unit they lead is above,
    highest level first: one query, the tree walked by the database."""
    managed = {a.unit_id for a in actor.assignments if a.role == Role.MIDDLE_MANAGER and a.unit_id}
    organisation = actor.organisation
    led = list(
        OrgUnit.objects.for_org(organisation)
        .tree_filter(organisation=organisation)
        .filter(Q(leader=actor.user) | Q(pk__in=managed))
    )
    led_ids = {unit.pk for unit in led}
    top = [unit for unit in led if not led_ids.intersection(unit.tree_path[:-1])]
    return sorted(top, key=lambda unit: (unit.tree_depth, unit.name))
