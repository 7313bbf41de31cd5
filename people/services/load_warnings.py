"""Units over their change-load limit: for their leaders, the portfolio office and each initiative
whose change weighs on them in a month they are over.

Each answer reads the organisation's settings, its unit tree and the two load aggregates
(``people.services.load``); the initiative's warning reads its affected units and their training
besides. The number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from organisations.models import Organisation, OrgUnit
from portfolio.models import Initiative

from .load import (
    NOT_COUNTED,
    LoadInputs,
    add_months,
    affected_unit_inputs,
    build_grid,
    load_inputs,
    month_start,
    months_from,
    organisation_units,
)
from .training import readiness_settings

#: How far ahead the warnings look.
MONTHS_AHEAD = 12


@dataclass(frozen=True)
class MonthOver:
    month: datetime.date
    load: Decimal


@dataclass(frozen=True)
class UnitOverload:
    """A unit and the months it is over its limit."""

    unit: OrgUnit
    limit: Decimal
    months: tuple[MonthOver, ...]

    @property
    def worst(self) -> MonthOver:
        """The month with the highest load (the first of them on a tie)."""
        return max(self.months, key=lambda m: (m.load, -m.month.toordinal()))


def overloaded_units(
    organisation: Organisation,
    first_month: datetime.date,
    months: int = MONTHS_AHEAD,
    *,
    unit_ids: Iterable[int] | None = None,
) -> list[UnitOverload]:
    """The units (of ``unit_ids``, or all) over their limit in at least one of ``months`` months
    from ``first_month``, the furthest over their limit first."""
    settings = readiness_settings(organisation)
    units = list(organisation_units(organisation))
    grid = build_grid(units, load_inputs(organisation, settings), months_from(first_month, months), settings)
    wanted = None if unit_ids is None else set(unit_ids)
    found = [
        UnitOverload(row.unit, row.limit, tuple(MonthOver(month, load) for month, load in over))
        for row in grid.rows
        if (wanted is None or row.unit.pk in wanted) and (over := row.over_limit(grid.months))
    ]
    return sorted(found, key=lambda o: -(o.worst.load / o.limit))


@dataclass(frozen=True)
class ContributedMonth:
    month: datetime.date
    load: Decimal  # the unit's whole load
    contribution: Decimal  # what this initiative adds to it


@dataclass(frozen=True)
class InitiativeOverload:
    """An affected unit of the initiative over its limit in months the initiative weighs on it."""

    unit: OrgUnit
    limit: Decimal
    months: tuple[ContributedMonth, ...]


def last_month(inputs: LoadInputs, months_of_change: int) -> datetime.date | None:
    """The last month any of ``inputs`` weighs."""
    ends = [add_months(month_start(i.go_live), months_of_change - 1) for i in inputs.impacts]
    ends += [t.month for t in inputs.training]
    return max(ends, default=None)


def initiative_overload(initiative: Initiative, today: datetime.date) -> list[InitiativeOverload]:
    """The initiative's affected units that are over their limit, from this month on, in a month
    where the initiative's change or training weighs on them (six queries)."""
    if initiative.phase in NOT_COUNTED:
        return []
    organisation = initiative.organisation
    settings = readiness_settings(organisation)
    affected = list(initiative.affected_units.all())
    own = affected_unit_inputs(organisation, affected, settings)
    first = month_start(today)
    last = last_month(own, settings.months_of_change)
    if last is None or last < first:
        return []
    months = months_from(first, (last.year - first.year) * 12 + last.month - first.month + 1)
    units = list(organisation_units(organisation))
    whole = build_grid(units, load_inputs(organisation, settings), months, settings)
    part = build_grid(units, own, months, settings)
    found = []
    for unit_id in dict.fromkeys(a.unit_id for a in affected):
        row, share = whole.row_for(unit_id), part.row_for(unit_id)
        if row is None or share is None:
            continue
        hit = tuple(
            ContributedMonth(month, load, contribution)
            for month, load, contribution in zip(months, row.loads, share.loads, strict=True)
            if contribution > 0 and load > row.limit
        )
        if hit:
            found.append(InitiativeOverload(row.unit, row.limit, hit))
    return found
