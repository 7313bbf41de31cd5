"""The org unit tree, built from one query."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Organisation, OrgUnit


@dataclass
class Node:
    unit: OrgUnit
    children: list[Node] = field(default_factory=list)


def unit_tree(organisation: Organisation) -> list[Node]:
    units = OrgUnit.objects.for_org(organisation).select_related("leader").order_by("name")
    nodes = {unit.pk: Node(unit) for unit in units}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    return roots
