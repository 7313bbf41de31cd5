"""Rollout waves: which units go live together, and on what date."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from core.validation import save_valid

from ..models import AffectedUnit, Initiative, RolloutWave


def next_wave_number(initiative: Initiative) -> int:
    highest = initiative.waves.aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def save_wave(wave: RolloutWave, units: Iterable[AffectedUnit]) -> RolloutWave:
    """Save ``wave`` holding exactly ``units`` (affected units of its initiative).

    The units in it change on its go-live date; a unit taken out of it keeps the date it had.
    """
    chosen = {unit.pk for unit in units}
    rows = list(wave.initiative.affected_units.select_related("wave").order_by("pk"))
    for affected in rows:  # taken out first, so they keep the date they had
        if wave.pk is not None and affected.wave_id == wave.pk and affected.pk not in chosen:
            affected.wave = None
            save_valid(affected)
    save_valid(wave)  # the units still in the wave follow its date (``RolloutWave.save``)
    for affected in rows:
        if affected.pk in chosen and affected.wave_id != wave.pk:
            affected.wave = wave
            save_valid(affected)
    return wave
