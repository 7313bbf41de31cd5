"""Lays initiatives out on a time axis: positions as percentages of the shown period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..models import Initiative


@dataclass(frozen=True)
class Bar:
    initiative: Initiative
    left: float
    width: float


@dataclass(frozen=True)
class Tick:
    label: str
    left: float


@dataclass(frozen=True)
class Timeline:
    start: datetime.date
    end: datetime.date
    bars: list[Bar]
    ticks: list[Tick]
    today_left: float | None
    undated: list[Initiative]


def _position(day: datetime.date, start: datetime.date, span_days: int) -> float:
    return round(100 * (day - start).days / span_days, 2)


def build_timeline(initiatives, today: datetime.date) -> Timeline | None:
    dated = [i for i in initiatives if i.planned_start and i.planned_end]
    undated = [i for i in initiatives if not (i.planned_start and i.planned_end)]
    if not dated:
        return Timeline(today, today, [], [], None, undated) if undated else None
    start = datetime.date(min(i.planned_start for i in dated).year, 1, 1)
    last_year = max(i.planned_end for i in dated).year
    # A year past 9999 does not exist: an end stored before the input ranges stops at the last day.
    end = datetime.date(last_year + 1, 1, 1) if last_year < datetime.MAXYEAR else datetime.date.max
    span = (end - start).days
    bars = [
        Bar(
            initiative=i,
            left=_position(i.planned_start, start, span),
            width=max(_position(i.planned_end, start, span) - _position(i.planned_start, start, span), 0.5),
        )
        for i in sorted(dated, key=lambda i: (i.planned_start, i.name))
    ]
    ticks = [
        Tick(label=str(year), left=_position(datetime.date(year, 7, 1), start, span))
        for year in range(start.year, end.year)
    ]
    today_left = _position(today, start, span) if start <= today <= end else None
    return Timeline(start, end, bars, ticks, today_left, undated)
