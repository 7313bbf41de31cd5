"""Rollout waves on the people side: which units to start with, and what a planned date would do to
the change load.

``suggested_order`` ranks an initiative's affected units for the waves: the units judged most ready
first (the research advises starting with the most motivated units, DOMAIN.md §3), then those with
the lowest change load around their planned go-live. ``load_warnings`` is the check the portfolio's
wave and affected-unit forms ask before saving (registered in ``people.apps``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.formatting import format_number
from organisations.models import Organisation, OrgUnit
from portfolio.models import AffectedUnit, Initiative

from ..models import TrainingActivity
from .load import add_months, change_load, month_start, what_if_replaced, what_if_training

#: The months looked at around a unit's go-live: this many before and after the month itself.
MONTHS_AROUND = 1
HIGHEST_READINESS = 5


def month_name(month: datetime.date) -> str:
    """ "mars 2027" in the interface language."""
    return date_format(month, "YEAR_MONTH_FORMAT")


def load_text(load: Decimal) -> str:
    """A load as people read it: 23,5, and 20 rather than 20,0."""
    return format_number(load, 0 if load == load.to_integral_value() else 1)


#: Readiness measured elsewhere (the surveys' change-readiness rounds): initiative → unit id → a score
#: from 1 to 5. Apps register a source from their ``ready()``; people does not depend on them.
MeasuredReadiness = Callable[[Initiative], dict[int, Decimal]]
_measured: list[MeasuredReadiness] = []


def register_measured_readiness(source: MeasuredReadiness) -> None:
    if source not in _measured:
        _measured.append(source)


@dataclass(frozen=True)
class SuggestedUnit:
    """An affected unit in the suggested order, with the highest load it carries around its go-live."""

    affected: AffectedUnit
    load: Decimal
    month: datetime.date  # the month of that load
    measured: Decimal | None = None  # the staff's own readiness, where a survey has measured it

    @property
    def readiness(self) -> Decimal:
        """What the order goes by: the staff's measured readiness, else the leader's judgement, else 0."""
        if self.measured is not None:
            return self.measured
        return Decimal(self.affected.readiness or 0)

    @property
    def reason(self) -> str:
        load = {"load": load_text(self.load), "month": month_name(self.month)}
        if self.measured is not None:
            return _("the staff's readiness %(readiness)s of %(most)s in a survey; load %(load)s in %(month)s") % {
                "readiness": format_number(self.measured, 1),
                "most": HIGHEST_READINESS,
                **load,
            }
        if self.affected.readiness is None:
            return _("readiness not judged; load %(load)s in %(month)s") % load
        return _("ready %(readiness)s of %(most)s; load %(load)s in %(month)s") % {
            "readiness": self.affected.readiness,
            "most": HIGHEST_READINESS,
            **load,
        }


def _month_number(day: datetime.date) -> int:
    return day.year * 12 + day.month


def suggested_order(initiative: Initiative) -> list[SuggestedUnit]:
    """The initiative's affected units, most ready first (5 → 1, not judged last; the staff's readiness
    measured in a survey wins over the leader's judgement), then the lowest
    change load in the months around each unit's planned go-live (the unit's whole load, this
    change included), then by name.

    One query for the units and one load grid for all of them, whatever their number.
    """
    affected = list(initiative.affected_units.select_related("unit"))
    if not affected:
        return []
    first = add_months(month_start(min(a.change_from for a in affected)), -MONTHS_AROUND)
    last = add_months(month_start(max(a.change_from for a in affected)), MONTHS_AROUND)
    month_count = _month_number(last) - _month_number(first) + 1
    grid = change_load(initiative.organisation, first, month_count, unit_ids={a.unit_id for a in affected})
    measured: dict[int, Decimal] = {}
    for source in _measured:
        measured.update(source(initiative))
    suggested = []
    for unit in affected:
        row = grid.row_for(unit.unit_id)
        go_live = _month_number(unit.change_from)
        around = [
            (load, month)
            for month, load in zip(grid.months, row.loads, strict=True)
            if abs(_month_number(month) - go_live) <= MONTHS_AROUND
        ]
        load, month = max(around, key=lambda pair: pair[0])  # the earliest month at a tie
        suggested.append(SuggestedUnit(unit, load, month, measured.get(unit.unit_id)))
    suggested.sort(key=lambda s: (-s.readiness, s.load, s.affected.unit.name))
    return suggested


def load_warnings(
    organisation: Organisation,
    stored: Sequence[AffectedUnit],
    planned: Sequence[AffectedUnit],
    go_live: datetime.date | None,
) -> list[str]:
    """The units a planned date would newly put over their change-load limit, in words."""
    return _in_words(what_if_replaced(organisation, stored, planned, go_live=go_live))


def training_load_warnings(
    organisation: Organisation, stored: TrainingActivity | None, planned: TrainingActivity
) -> list[str]:
    """The units a planned training line would newly put over their change-load limit, in words."""
    return _in_words(what_if_training(organisation, stored, planned))


def _in_words(found: list[tuple[OrgUnit, datetime.date, Decimal, Decimal]]) -> list[str]:
    return [
        _("%(unit)s would be over its change-load limit in %(month)s: load %(load)s, limit %(limit)s.")
        % {"unit": unit.name, "month": month_name(month), "load": load_text(load), "limit": load_text(limit)}
        for unit, month, load, limit in found
    ]
