"""Saving a benefit's yearly three-point estimates: every row checked by the model's own rules."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Benefit, BenefitEstimate

POINTS = ("optimistic", "likely", "pessimistic")


def save_estimates(benefit: Benefit, rows: Iterable[dict]) -> None:
    """Store each row's year (all three points) or remove it (no points), all or nothing.

    Raises ``ValidationError`` keyed by year when a row breaks a rule of ``BenefitEstimate``.
    """
    existing = {estimate.year: estimate for estimate in benefit.estimates.all()}
    to_save, to_remove, errors = [], [], {}
    for row in rows:
        year = row["year"]
        if row.get("likely") is None:
            if year in existing:
                to_remove.append(existing[year])
            continue
        estimate = existing.get(year) or BenefitEstimate(benefit=benefit, year=year)
        for point in POINTS:
            setattr(estimate, point, row[point])
        try:
            estimate.full_clean()
        except ValidationError as error:
            errors[str(year)] = error.messages
        to_save.append(estimate)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for estimate in to_remove:
            estimate.delete()
        for estimate in to_save:
            estimate.save()
