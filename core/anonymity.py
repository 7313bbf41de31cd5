"""The minimum-group rule for figures about people, in one place for self-assessments and surveys.

Answers about people are shown only as figures for groups of at least ``MINIMUM_GROUP_SIZE``
people (an organisation may raise the minimum, never lower it). ``group_units`` decides, for a
unit tree and the number of people who answered in each unit, which units' figures may be shown
and which are merged into the unit above. The groups it returns are disjoint, so no figure can be
subtracted from another to reveal a smaller group: a parent's figure never includes a child that
is shown on its own. A top unit whose group stays too small is not shown at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Fewest people behind any figure shown: KS's 10-FAKTOR shows units from 3; we protect more.
MINIMUM_GROUP_SIZE = 5


def minimum_group_size(organisation) -> int:
    """The organisation's minimum, never below ``MINIMUM_GROUP_SIZE``."""
    return max(MINIMUM_GROUP_SIZE, organisation.minimum_group_size or 0)


@dataclass(frozen=True)
class Group:
    """The people of ``unit_ids`` shown together as the figure of ``unit_id``."""

    unit_id: int
    unit_ids: frozenset[int]
    count: int


@dataclass(frozen=True)
class Grouping:
    groups: dict[int, Group]
    #: Unit id → the unit whose group holds its people (only units inside a shown group).
    shown_in: dict[int, int]
    #: Units whose people are in no shown group: their top unit had too few answers.
    hidden: frozenset[int]

    def group_of(self, unit_id: int) -> Group | None:
        holder = self.shown_in.get(unit_id)
        return self.groups[holder] if holder is not None else None


def group_units(parents: Mapping[int, int | None], counts: Mapping[int, int], minimum: int) -> Grouping:
    """Group the units of a tree so that every shown group has at least ``minimum`` people.

    ``parents`` maps every unit to its parent (None at the top); ``counts`` the people who answered
    in each unit itself (not below it). Working up from the leaves, a unit whose own people plus the
    people merged up from its children reach ``minimum`` is shown; otherwise they move up to its parent.
    """
    if minimum < 1:
        raise ValueError("The minimum group size must be at least 1.")
    children: dict[int | None, list[int]] = {}
    for unit, parent in parents.items():
        children.setdefault(parent if parent in parents else None, []).append(unit)

    groups: dict[int, Group] = {}
    shown_in: dict[int, int] = {}
    hidden: set[int] = set()
    # Units and people carried up from a unit whose group was too small to show.
    carried: dict[int, tuple[set[int], int]] = {}
    for unit in _children_first(children):
        units, count = {unit}, counts.get(unit, 0)
        for child in children.get(unit, ()):
            if child in carried:
                child_units, child_count = carried.pop(child)
                units |= child_units
                count += child_count
        if count >= minimum:
            groups[unit] = Group(unit, frozenset(units), count)
            shown_in.update(dict.fromkeys(units, unit))
        elif parents[unit] in parents:
            carried[unit] = (units, count)
        else:
            hidden |= units
    return Grouping(groups=groups, shown_in=shown_in, hidden=frozenset(hidden))


def _children_first(children: Mapping[int | None, list[int]]) -> list[int]:
    """Every unit, each after all the units below it (without recursion, for deep trees)."""
    order: list[int] = []
    stack = list(children.get(None, ()))
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(children.get(unit, ()))
    return order[::-1]
