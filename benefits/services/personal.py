"""'My benefits': what one benefit owner or responsible must take out, measure and do."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet

from organisations.actor import Actor
from portfolio.services.phases import CLOSED

from ..models import Benefit, Indicator, RealisationMeasure
from .followup import IndicatorStatus, indicator_status
from .queries import benefits_queryset, warning_queryset
from .summary import BenefitRow, benefit_rows
from .warnings import contributed_warnings, with_warnings

#: How far ahead a measurement counts as due, on the person's and the unit's pages.
DUE_WITHIN_DAYS = 14


def my_benefits(actor: Actor) -> QuerySet[Benefit]:
    """The benefits the person owns, answers for or measures an indicator of, by initiative."""
    user_id = actor.user.pk
    return (
        benefits_queryset()
        .filter(organisation=actor.organisation)
        .filter(Q(owner_id=user_id) | Q(responsible_id=user_id) | Q(indicators__measured_by_id=user_id))
        .select_related("initiative")
        .distinct()
        .order_by("initiative__name", "pk")
    )


def my_open_measures(actor: Actor) -> QuerySet[RealisationMeasure]:
    """Realisation measures the person is responsible for and has not finished, by deadline."""
    return (
        RealisationMeasure.objects.for_org(actor.organisation)
        .filter(responsible_id=actor.user.pk)
        .exclude(status=RealisationMeasure.Status.DONE)
        .select_related("benefit__initiative")
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )


def my_due_measurements(
    actor: Actor, today: datetime.date, *, due_within_days: int = DUE_WITHIN_DAYS
) -> list[IndicatorStatus]:
    """Indicators the person measures, or whose benefit they own or answer for, due within the days given
    or overdue; the most overdue first. One query, however many indicators."""
    user_id = actor.user.pk
    indicators = (
        Indicator.objects.for_org(actor.organisation)
        .filter(Q(measured_by_id=user_id) | Q(benefit__owner_id=user_id) | Q(benefit__responsible_id=user_id))
        .select_related("benefit__initiative")
    )
    horizon = today + datetime.timedelta(days=due_within_days)
    statuses = (indicator_status(indicator, today) for indicator in indicators)
    return sorted((s for s in statuses if s.next_due and s.next_due <= horizon), key=lambda s: s.next_due)


def my_benefits_with_warnings(actor: Actor, today: datetime.date) -> list[BenefitRow]:
    """Benefits the person owns or answers for that have at least one warning."""
    user_id = actor.user.pk
    mine = warning_queryset().for_org(actor.organisation).filter(Q(owner_id=user_id) | Q(responsible_id=user_id))
    # Chosen by the database, so only the benefits with a warning are loaded and worded; other apps'
    # warnings are read once for both.
    contributed = contributed_warnings(actor.organisation, today)
    chosen = list(with_warnings(mine, actor.organisation, today, contributed=contributed))
    return benefit_rows(chosen, actor.organisation, today, contributed=contributed)


def my_late_measures(actor: Actor, today: datetime.date) -> QuerySet[RealisationMeasure]:
    """Realisation measures the person is responsible for, not done and past their deadline, oldest first."""
    return (
        RealisationMeasure.objects.for_org(actor.organisation)
        .filter(responsible_id=actor.user.pk, deadline__lt=today)
        .exclude(status=RealisationMeasure.Status.DONE)
        .select_related("benefit__initiative")
        .order_by("deadline", "pk")
    )


def benefits_from_my_units(actor: Actor) -> QuerySet[Benefit]:
    """Benefits that arise in the units the person leads (and below): theirs to take out."""
    return (
        Benefit.objects.for_org(actor.organisation)
        .filter(unit_id__in=actor.led_unit_ids)
        .exclude(initiative__phase__in=CLOSED)
        .select_related("initiative", "unit")
        .order_by("initiative__name", "pk")
    )
