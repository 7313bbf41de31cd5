"""The change-load heatmap: units (in tree order) × months, each cell banded against the unit's limit."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from core.formatting import format_number
from organisations.models import Organisation, OrgUnit

from .load import change_load

#: Below this share of its limit a unit's load is light.
LIGHT_SHARE = Decimal("0.5")


def band(load: Decimal, limit: Decimal) -> str:
    """none (no change), light (under half the limit), heavy (up to the limit) or over."""
    if load <= 0:
        return "none"
    if load > limit:
        return "over"
    return "light" if load < limit * LIGHT_SHARE else "heavy"


@dataclass(frozen=True)
class LoadCell:
    month: datetime.date
    load: Decimal
    band: str
    text: str  # the load in Norwegian format, 12,5

    @property
    def over(self) -> bool:
        return self.band == "over"


@dataclass(frozen=True)
class HeatmapRow:
    unit: OrgUnit
    depth: int  # 0 for the highest unit shown
    limit: Decimal
    cells: tuple[LoadCell, ...]


@dataclass(frozen=True)
class LoadHeatmap:
    months: tuple[datetime.date, ...]
    rows: tuple[HeatmapRow, ...]

    @property
    def months_over(self) -> int:
        return sum(cell.over for row in self.rows for cell in row.cells)


def load_heatmap(
    organisation: Organisation,
    first_month: datetime.date,
    month_count: int,
    *,
    visible_unit_ids: Collection[int] | None = None,
    sector: OrgUnit | None = None,
) -> LoadHeatmap:
    """The units the viewer may see (``visible_unit_ids``, or all), within ``sector`` if given."""
    grid = change_load(organisation, first_month, month_count)
    shown = [
        row
        for row in grid.rows
        if (visible_unit_ids is None or row.unit.pk in visible_unit_ids)
        and (sector is None or sector.pk in row.unit.tree_path)
    ]
    top = min((len(row.unit.tree_path) for row in shown), default=1)
    texts: dict[Decimal, str] = {}  # most cells share a few values: each is formatted once

    def cell(month: datetime.date, load: Decimal, limit: Decimal) -> LoadCell:
        text = texts.get(load) or texts.setdefault(load, format_number(load, 1))
        return LoadCell(month, load, band(load, limit), text)

    rows = tuple(
        HeatmapRow(
            row.unit,
            len(row.unit.tree_path) - top,
            row.limit,
            tuple(cell(month, load, row.limit) for month, load in zip(grid.months, row.loads, strict=True)),
        )
        for row in shown
    )
    return LoadHeatmap(grid.months, rows)
