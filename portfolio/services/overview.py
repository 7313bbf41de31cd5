"""What the portfolio app puts on each person's start page (see ``portfolio/panels.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from organisations.actor import Actor
from organisations.models import Role

from ..models import AffectedUnit, Deviation, Idea, Initiative, Phase, StatusReport
from .listing import portfolio_queryset
from .phases import CLOSED

STATUS_REPORT_INTERVAL = datetime.timedelta(days=31)  # project leaders report at least monthly
REPORTING_PHASES = (Phase.PLANNING, Phase.EXECUTION, Phase.CLOSING)  # while the project runs


def phase_counts(actor: Actor) -> list[tuple[Phase, int]]:
    counts = dict(
        Initiative.objects.for_org(actor.organisation)
        .values_list("phase")
        .annotate(n=Count("id"))
        .values_list("phase", "n")
    )
    return [(phase, counts.get(phase.value, 0)) for phase in Phase]


def red_initiatives(actor: Actor, *, own_only: bool = False) -> QuerySet[Initiative]:
    """Open initiatives whose latest status report is red; ``own_only``: those the person owns."""
    initiatives = portfolio_queryset(actor.organisation).filter(latest_status="red").exclude(phase__in=CLOSED)
    if own_only:
        initiatives = initiatives.filter(project_owner_id=actor.user.pk)
    return initiatives.order_by("name", "pk")


def deviations_past_deadline(actor: Actor, today: datetime.date, *, own_only: bool = False) -> QuerySet[Deviation]:
    """Deviations in each open initiative's latest status report whose deadline has passed;
    ``own_only``: of initiatives the person owns or leads."""
    newer = StatusReport.objects.filter(
        initiative=OuterRef("report__initiative"), report_date__gt=OuterRef("report__report_date")
    )
    deviations = (
        Deviation.objects.for_org(actor.organisation)
        .filter(deadline__lt=today)
        .exclude(report__initiative__phase__in=CLOSED)
        .exclude(Exists(newer))
        .select_related("report__initiative")
        .order_by("deadline", "pk")
    )
    if own_only:
        user_id = actor.user.pk
        deviations = deviations.filter(
            Q(report__initiative__project_owner_id=user_id) | Q(report__initiative__project_leader_id=user_id)
        )
    return deviations


#: The field naming the person who holds each role on an initiative.
NAMED_AS = {Role.PROJECT_OWNER: "project_owner_id", Role.PROJECT_LEADER: "project_leader_id"}


def initiatives_in_role(actor: Actor, role: str) -> QuerySet[Initiative]:
    """Open initiatives the person is named project owner or leader of (``role``) or holds that role for."""
    scoped = [a.initiative_id for a in actor.assignments if a.role == role and a.initiative_id]
    return (
        portfolio_queryset(actor.organisation)
        .filter(Q(**{NAMED_AS[role]: actor.user.pk}) | Q(pk__in=scoped))
        .exclude(phase__in=CLOSED)
        .order_by("name", "pk")
    )


def status_report_due(initiative: Initiative, today: datetime.date) -> bool:
    """Needs ``latest_report_date`` from ``portfolio_queryset``."""
    if initiative.phase not in REPORTING_PHASES:
        return False
    last = initiative.latest_report_date
    return last is None or last < today - STATUS_REPORT_INTERVAL


def coming_changes(actor: Actor, unit_ids, today: datetime.date) -> QuerySet[AffectedUnit]:
    """Changes to ``unit_ids`` that are still ahead or under way: from today on, or in an initiative
    being executed. Changes of finished initiatives and past changes of others are history."""
    return (
        AffectedUnit.objects.for_org(actor.organisation)
        .filter(unit_id__in=unit_ids)
        .filter(Q(change_from__gte=today) | Q(initiative__phase=Phase.EXECUTION))
        .exclude(initiative__phase__in=CLOSED)
        .select_related("unit", "initiative", "wave")
        .order_by("change_from", "unit__name", "pk")
    )


def own_unit_and_above(actor: Actor) -> list[int]:
    """The person's unit and every unit above it: a change to a sector reaches its departments."""
    return list(actor.unit_and_above_ids)


def ideas_waiting(actor: Actor) -> QuerySet[Idea]:
    return Idea.objects.for_org(actor.organisation).filter(status=Idea.Status.SUBMITTED).order_by("submitted_at", "pk")


def my_open_ideas(actor: Actor) -> QuerySet[Idea]:
    return (
        Idea.objects.for_org(actor.organisation)
        .filter(proposer_id=actor.user.pk, status=Idea.Status.SUBMITTED)
        .order_by("-submitted_at", "pk")
    )
