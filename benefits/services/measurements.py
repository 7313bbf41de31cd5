"""Recording, correcting and removing measurements: every path that writes one goes through here."""

from __future__ import annotations

from django.db import transaction

from core.validation import save_valid

from ..models import Measurement


def save_measurement(measurement: Measurement) -> Measurement:
    """Store a new or corrected measurement, checked by the model's own rules."""
    with transaction.atomic():
        save_valid(measurement)
    return measurement


def delete_measurement(measurement: Measurement) -> None:
    """Remove a measurement recorded by mistake (the audit log keeps what it said)."""
    with transaction.atomic():
        measurement.delete()
