"""Recording, changing and removing measurements: the only code that does.

Each indicator keeps a copy of its latest and previous measurement (``Indicator.latest_value``,
``latest_on``, ``previous_value``, ``previous_on``) so that follow-up, warnings and the portfolio
figures never read the measurement history. Every path that adds, edits or deletes a measurement
(the pages, the workbook import, the demo data) goes through ``save_measurement`` or
``delete_measurement``, which keep that copy true in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from core.validation import save_valid

from ..models import Indicator, Measurement


def save_measurement(measurement: Measurement) -> Measurement:
    """Add or change a measurement (checked by the model's own rules) and update its indicator."""
    with transaction.atomic():
        _lock(measurement.indicator)
        save_valid(measurement)
        refresh_latest(measurement.indicator)
    return measurement


def delete_measurement(measurement: Measurement) -> None:
    """Remove a measurement; the indicator's latest and previous fall back to the ones before it."""
    indicator = measurement.indicator
    with transaction.atomic():
        _lock(indicator)
        measurement.delete()
        refresh_latest(indicator)


def refresh_latest(indicator: Indicator) -> None:
    """Copy the indicator's two newest measurements onto it (newest by date, then by entry)."""
    newest = list(indicator.measurements.order_by("-measured_on", "-id").values_list("value", "measured_on")[:2])
    (latest_value, latest_on), (previous_value, previous_on) = [*newest, (None, None), (None, None)][:2]
    fields = {
        "latest_value": latest_value,
        "latest_on": latest_on,
        "previous_value": previous_value,
        "previous_on": previous_on,
    }
    # A plain UPDATE: the copy is derived data, not a change anyone made to the indicator (no audit entry).
    Indicator.objects.for_org(indicator.organisation_id).filter(pk=indicator.pk).update(**fields)
    for name, value in fields.items():
        setattr(indicator, name, value)


def refresh_latest_of(indicators: Iterable[Indicator]) -> None:
    """For rows written in bulk (``bulk_create`` skips the services): the benchmark's data."""
    for indicator in indicators:
        refresh_latest(indicator)


def _lock(indicator: Indicator) -> None:
    # Two measurements saved at once for one indicator: the second waits, then sees the first.
    list(Indicator.objects.for_org(indicator.organisation_id).select_for_update().filter(pk=indicator.pk).values("pk"))
