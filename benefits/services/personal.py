"""'My benefits': what one benefit owner or responsible must take out, measure and do."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from organisations.actor import Actor

from ..models import RealisationMeasure
from .followup import IndicatorStatus
from .queries import benefits_queryset
from .summary import BenefitRow, benefit_rows


@dataclass(frozen=True)
class MyBenefits:
    rows: list[BenefitRow]
    due: list[IndicatorStatus]
    measures: list[RealisationMeasure]


def my_benefits(actor: Actor, today: datetime.date, *, due_within_days: int = 14) -> MyBenefits:
    user_id = actor.user.pk
    benefits = list(
        benefits_queryset()
        .filter(organisation=actor.organisation)
        .filter(Q(owner_id=user_id) | Q(responsible_id=user_id) | Q(indicators__measured_by_id=user_id))
        .select_related("initiative")
        .distinct()
    )
    rows = benefit_rows(benefits, actor.organisation, today)
    horizon = today + datetime.timedelta(days=due_within_days)
    due = sorted(
        (s for row in rows for s in row.indicators if s.next_due and s.next_due <= horizon),
        key=lambda s: s.next_due,
    )
    measures = list(
        RealisationMeasure.objects.for_org(actor.organisation)
        .filter(responsible_id=user_id)
        .exclude(status=RealisationMeasure.Status.DONE)
        .select_related("benefit__initiative")
    )
    return MyBenefits(rows=rows, due=due, measures=measures)
