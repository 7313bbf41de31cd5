"""The staff's measured change readiness, for the people side's suggested order of rollout waves.

It reads only released figures (``ReleasedCell``), never the answers: a unit gets the score of the
group that holds its answers (its own, or the unit above it that small units were merged into).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from portfolio.models import Initiative

from ..models import ReleasedCell, Round, SurveyTemplate
from .unit_results import holding_group


def measured_readiness(initiative: Initiative) -> dict[int, Decimal]:
    """Unit id → the mean of the stage means released for its group in the latest closed
    change-readiness round about ``initiative`` (1–5, one decimal); units without a released group
    are left out. Three queries."""
    latest = (
        Round.objects.for_org(initiative.organisation)
        .filter(initiative=initiative, state=Round.State.CLOSED, template__kind=SurveyTemplate.Kind.READINESS)
        .order_by("-closes_on", "-pk")
        .first()
    )
    if latest is None:
        return {}
    stage_means: dict[int, list[float]] = defaultdict(list)
    released = ReleasedCell.objects.filter(round=latest, kind=ReleasedCell.Kind.TOPIC, mean__isnull=False)
    for group_id, mean in released.exclude(round_unit=None).values_list("round_unit_id", "mean"):
        stage_means[group_id].append(mean)
    score = {group: Decimal(sum(means) / len(means)).quantize(Decimal("0.1")) for group, means in stage_means.items()}
    units = {ru.pk: ru for ru in latest.round_units.all()}
    found: dict[int, Decimal] = {}
    for unit_id in (ru.unit_id for ru in units.values() if ru.unit_id is not None):
        if (holder := holding_group(units, unit_id, score)) is not None:
            found[unit_id] = score[holder.pk]
    return found
