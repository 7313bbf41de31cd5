"""Indicator follow-up: achievement, trend and when the next measurement is due."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from ..models import Benefit, Indicator


def achievement(baseline: Decimal, target: Decimal, measured: Decimal) -> Decimal:
    """(measured − baseline) / (target − baseline): 0 at the baseline, 1 at the target."""
    return (measured - baseline) / (target - baseline)


def achievement_expression(measured: str, output_field: models.Field) -> models.Expression:
    """``achievement`` computed by the database for an indicator's field ``measured``."""
    baseline, target = Cast("baseline_value", output_field), Cast("target_value", output_field)
    return (Cast(measured, output_field) - baseline) / (target - baseline)


def expected_achievement(indicator: Indicator, on: datetime.date) -> Decimal | None:
    """Where a straight line from baseline to target says the indicator should be on ``on``."""
    if not (indicator.baseline_date and indicator.target_date):
        return None
    total = (indicator.target_date - indicator.baseline_date).days
    elapsed = (min(max(on, indicator.baseline_date), indicator.target_date) - indicator.baseline_date).days
    return Decimal(elapsed) / Decimal(total)


@dataclass(frozen=True)
class Latest:
    """The newest measurement of an indicator (stored on it by ``benefits.services.measurements``)."""

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


def indicator_status(indicator: Indicator, today: datetime.date) -> IndicatorStatus:
    """From the latest and previous measurement stored on the indicator: no history is read."""
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


# The same rules as conditions on indicator rows, for lists that must know which benefits have a
# warning without loading them (the at-risk list). tests/test_benefits_rules.py checks, day by day,
# that they agree with the functions above.


class DaysBetween(models.Func):
    """Whole days from ``start`` to ``end`` (both dates), in each database's own arithmetic."""

    output_field = models.IntegerField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _first_not_overdue(today: datetime.date, months: int) -> datetime.date:
    """The earliest last measurement whose next one (``months`` later) is not overdue on ``today``."""
    day = add_months(today, -months)
    while add_months(day - datetime.timedelta(days=1), months) >= today:
        day -= datetime.timedelta(days=1)
    while add_months(day, months) < today:
        day += datetime.timedelta(days=1)
    return day


def needing_attention(indicators: QuerySet[Indicator], today: datetime.date) -> QuerySet[Indicator]:
    """The indicators with a warning of their own: no baseline, a measurement overdue
    (``IndicatorStatus.overdue``) or behind the line (``IndicatorStatus.behind``)."""
    today_value = Value(today, output_field=models.DateField())
    no_baseline = Q(baseline_value__isnull=True) | Q(baseline_date__isnull=True)

    # Overdue, qualitative benefits: a checkpoint (baseline, midway, target) passed since the latest
    # measurement; the midway is the baseline plus half the days to the target, rounded down.
    with_checkpoints = Q(benefit__kind=Benefit.Kind.QUALITATIVE, baseline_date__isnull=False, target_date__isnull=False)
    unmeasured_since = {
        "baseline_date": Q(latest_on__isnull=True) | Q(baseline_date__gt=F("latest_on")),
        "target_date": Q(latest_on__isnull=True) | Q(target_date__gt=F("latest_on")),
    }
    checkpoint_missed = (
        Q(baseline_date__lt=today) & unmeasured_since["baseline_date"]
        | Q(target_date__lt=today) & unmeasured_since["target_date"]
        | Q(_midway__lt=DaysBetween(today_value, F("baseline_date")), _midway__gt=F("_latest_day"))
    )
    # Overdue, otherwise: one period after the latest measurement (else the baseline), until the
    # target date has been measured.
    finished = Q(target_date__isnull=False, latest_on__isnull=False, latest_on__gte=F("target_date"))
    period_passed = Q()
    for months in Indicator.Frequency.values:
        period_passed |= Q(frequency=months, _last__lt=_first_not_overdue(today, months))
    overdue = (
        with_checkpoints & checkpoint_missed | ~with_checkpoints & Q(_last__isnull=False) & ~finished & period_passed
    )

    # Behind: (measured − baseline) / (target − baseline) < elapsed / total days, multiplied out (no
    # division), the comparison turned round when the target is below the baseline.
    comparable = Q(
        latest_on__isnull=False,
        baseline_value__isnull=False,
        target_value__isnull=False,
        baseline_date__isnull=False,
        target_date__isnull=False,
    )
    rising, falling = Q(target_value__gt=F("baseline_value")), Q(target_value__lt=F("baseline_value"))
    behind = comparable & (rising & Q(_measured__lt=F("_expected")) | falling & Q(_measured__gt=F("_expected")))
    total = DaysBetween(F("target_date"), F("baseline_date"))
    return indicators.alias(
        _midway=total / Value(2),
        _latest_day=DaysBetween(F("latest_on"), F("baseline_date")),
        _last=Coalesce("latest_on", "baseline_date"),
        _measured=(F("latest_value") - F("baseline_value")) * total,
        _expected=DaysBetween(Least(Greatest("latest_on", "baseline_date"), "target_date"), F("baseline_date"))
        * (F("target_value") - F("baseline_value")),
    ).filter(no_baseline | overdue | behind)
