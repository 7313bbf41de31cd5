"""The benefits map (gevinstkart): enablers → changes → intermediate benefits → end benefits → goals.

Laid out in five columns for an SVG drawn in the page; the same structure gives the text alternative.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Benefit, Change

NODE_WIDTH = 190
NODE_HEIGHT = 64
COLUMN_GAP = 40
ROW_GAP = 16
LINE_CHARS = 26


@dataclass
class Node:
    key: str
    label: str
    column: int
    x: int = 0
    y: int = 0
    targets: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return textwrap.wrap(self.label, LINE_CHARS)[:3]


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass
class BenefitsMap:
    columns: list[str]
    nodes: list[Node]
    edges: list[Edge]
    width: int
    height: int


def build_map(changes: list[Change], benefits: list[Benefit]) -> BenefitsMap:
    columns = [_("Enablers"), _("Changes"), _("Intermediate benefits"), _("End benefits"), _("Strategic goals")]
    nodes: dict[str, Node] = {}

    def node(key: str, label: str, column: int) -> Node:
        return nodes.setdefault(key, Node(key=key, label=label, column=column))

    for change in changes:
        change_node = node(f"c{change.pk}", change.description, 1)
        if change.enabler:
            node(f"e:{change.enabler}", change.enabler, 0).targets.append(change_node.key)
    for benefit in benefits:
        column = 2 if benefit.intermediate_id else 3
        benefit_node = node(f"b{benefit.pk}", benefit.description, column)
        node(f"c{benefit.change_id}", str(benefit.change), 1).targets.append(benefit_node.key)
        if benefit.intermediate_id:
            benefit_node.targets.append(f"b{benefit.intermediate_id}")
        if benefit.goal_id:
            goal = node(f"g{benefit.goal_id}", benefit.goal.name, 4)
            benefit_node.targets.append(goal.key)

    height = 0
    for column in range(5):
        in_column = [n for n in nodes.values() if n.column == column]
        for row, item in enumerate(in_column):
            item.x = column * (NODE_WIDTH + COLUMN_GAP)
            item.y = 40 + row * (NODE_HEIGHT + ROW_GAP)
        height = max(height, 40 + len(in_column) * (NODE_HEIGHT + ROW_GAP))
    edges = [
        Edge(
            x1=source.x + NODE_WIDTH,
            y1=source.y + NODE_HEIGHT // 2,
            x2=nodes[target].x,
            y2=nodes[target].y + NODE_HEIGHT // 2,
        )
        for source in nodes.values()
        for target in source.targets
        if target in nodes
    ]
    return BenefitsMap(
        columns=columns, nodes=list(nodes.values()), edges=edges, width=5 * NODE_WIDTH + 4 * COLUMN_GAP, height=height
    )
