"""One unit's change load for its own page: month by month against its limit, with the initiatives
whose changes and training make it up.

Six queries whatever the data: the settings, the unit tree, the two load aggregates, and the
changes (with their initiatives) and training in the unit and the units below it around the period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from organisations.models import Organisation, OrgUnit
from portfolio.models import AffectedUnit, Initiative

from .load import (
    NOT_COUNTED,
    add_months,
    affected_unit_inputs,
    build_grid,
    load_inputs,
    months_from,
    organisation_units,
)
from .load_warnings import MONTHS_AHEAD
from .training import readiness_settings

#: Training falls up to 28 days before and 90 days after go-live (``TIMING_OFFSET``): changes
#: going live this many months outside the period may still weigh in it.
TRAINING_REACH_MONTHS = 4


@dataclass(frozen=True)
class Contribution:
    initiative: Initiative
    load: Decimal


@dataclass(frozen=True)
class MonthLoad:
    month: datetime.date
    load: Decimal
    over: bool
    contributions: tuple[Contribution, ...]  # the largest first


@dataclass(frozen=True)
class UnitLoadRow:
    unit: OrgUnit
    limit: Decimal
    months: tuple[MonthLoad, ...]

    @property
    def months_over(self) -> list[MonthLoad]:
        return [m for m in self.months if m.over]


def unit_load_row(
    organisation: Organisation, unit: OrgUnit, first_month: datetime.date, month_count: int = MONTHS_AHEAD
) -> UnitLoadRow:
    """``unit``'s load in each of ``month_count`` months from ``first_month`` and what makes it up."""
    settings = readiness_settings(organisation)
    months = months_from(first_month, month_count)
    units = [u for u in organisation_units(organisation) if unit.pk in u.tree_path]
    row = build_grid(units, load_inputs(organisation, settings), months, settings).row_for(unit.pk)
    reach = max(settings.months_of_change, TRAINING_REACH_MONTHS)
    affected = list(
        AffectedUnit.objects.for_org(organisation)
        .filter(
            unit__in=[u.pk for u in units],
            change_from__gte=add_months(months[0], -reach),
            change_from__lt=add_months(months[-1], TRAINING_REACH_MONTHS),
        )
        .exclude(initiative__phase__in=NOT_COUNTED)
        .select_related("initiative")
    )
    inputs = affected_unit_inputs(organisation, affected, settings)
    initiatives = {a.initiative_id: a.initiative for a in affected}
    shares = {
        pk: build_grid(units, inputs.of_initiative(pk), months, settings).row_for(unit.pk).loads for pk in initiatives
    }
    cells = []
    for index, (month, load) in enumerate(zip(months, row.loads, strict=True)):
        contributions = sorted(
            (Contribution(initiatives[pk], loads[index]) for pk, loads in shares.items() if loads[index] > 0),
            key=lambda c: (-c.load, c.initiative.name),
        )
        cells.append(MonthLoad(month, load, load > row.limit, tuple(contributions)))
    return UnitLoadRow(unit, row.limit, tuple(cells))
