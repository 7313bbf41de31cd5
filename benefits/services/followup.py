"""Indicator follow-up: achievement, trend and when the next measurement is due."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from ..models import Benefit, Indicator, Measurement


def achievement(baseline: Decimal, target: Decimal, measured: Decimal) -> Decimal:
    """(measured − baseline) / (target − baseline): 0 at the baseline, 1 at the target."""
    return (measured - baseline) / (target - baseline)


def expected_achievement(indicator: Indicator, on: datetime.date) -> Decimal | None:
    """Where a straight line from baseline to target says the indicator should be on ``on``."""
    if not (indicator.baseline_date and indicator.target_date):
        return None
    total = (indicator.target_date - indicator.baseline_date).days
    elapsed = (min(max(on, indicator.baseline_date), indicator.target_date) - indicator.baseline_date).days
    return Decimal(elapsed) / Decimal(total)


@dataclass(frozen=True)
class Latest:
    """The newest measurement of an indicator (from the ``with_latest`` annotations)."""

    value: Decimal
    measured_on: datetime.date


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    latest: Latest | None
    achievement: Decimal | None
    previous_achievement: Decimal | None
    expected: Decimal | None
    next_due: datetime.date | None

    @property
    def trend(self) -> str:
        """'up', 'down' or 'flat' towards the target since the previous measurement ('' if unknown)."""
        if self.achievement is None or self.previous_achievement is None:
            return ""
        if self.achievement > self.previous_achievement:
            return "up"
        if self.achievement < self.previous_achievement:
            return "down"
        return "flat"

    @property
    def behind(self) -> bool:
        return self.achievement is not None and self.expected is not None and self.achievement < self.expected

    def overdue(self, today: datetime.date) -> bool:
        return self.next_due is not None and self.next_due < today


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day if it is shorter (31.01 + 1 → 28.02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > datetime.MAXYEAR:  # only a date stored before the input ranges can get here
        return datetime.date.max
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def checkpoints(indicator: Indicator) -> list[datetime.date]:
    """A benefit that is not priced is measured three times: at the baseline, midway and at the end."""
    if indicator.benefit.kind != Benefit.Kind.QUALITATIVE or not (indicator.baseline_date and indicator.target_date):
        return []
    midway = indicator.baseline_date + (indicator.target_date - indicator.baseline_date) / 2
    return [indicator.baseline_date, midway, indicator.target_date]


def next_due(indicator: Indicator, latest: Latest | None) -> datetime.date | None:
    """The next checkpoint of a qualitative benefit; otherwise one period after the last measurement
    (or after the baseline). Nothing is due once the target date has been measured."""
    if planned := checkpoints(indicator):
        return next((day for day in planned if latest is None or day > latest.measured_on), None)
    last = latest.measured_on if latest else indicator.baseline_date
    if last is None:
        return None
    due = add_months(last, indicator.frequency)
    if indicator.target_date and latest and latest.measured_on >= indicator.target_date:
        return None
    return due


def with_latest(queryset: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Annotate each indicator with its latest and previous measurement, in the same query.

    Follow-up never needs the whole measurement history, so pages and reminders use these
    annotations (served by the (indicator, measured_on) index) instead of loading every row.
    """
    newest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-id")
    return queryset.annotate(
        latest_value=Subquery(newest.values("value")[:1]),
        latest_on=Subquery(newest.values("measured_on")[:1]),
        previous_value=Subquery(newest.values("value")[1:2]),
    )


def indicator_status(indicator: Indicator, today: datetime.date) -> IndicatorStatus:
    """Needs the annotations of ``with_latest``."""
    latest = Latest(indicator.latest_value, indicator.latest_on) if indicator.latest_on is not None else None
    can_compute = indicator.baseline_value is not None and indicator.target_value is not None
    can_compute = can_compute and indicator.baseline_value != indicator.target_value

    def ach(value):
        return achievement(indicator.baseline_value, indicator.target_value, value) if can_compute else None

    return IndicatorStatus(
        indicator=indicator,
        latest=latest,
        achievement=ach(indicator.latest_value) if latest else None,
        previous_achievement=ach(indicator.previous_value) if indicator.previous_value is not None else None,
        expected=expected_achievement(indicator, latest.measured_on if latest else today),
        next_due=next_due(indicator, latest),
    )
