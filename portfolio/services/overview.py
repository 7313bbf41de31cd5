"""What each person sees first: the portfolio at a glance and what concerns them."""

from __future__ import annotations

from django.db.models import Count, Q

from core.permissions import can
from organisations.actor import Actor

from ..models import AffectedUnit, Idea, Initiative, Phase
from .listing import portfolio_queryset


def home_overview(actor: Actor) -> dict:
    organisation = actor.organisation
    initiatives = portfolio_queryset(organisation)
    counts = dict(
        Initiative.objects.for_org(organisation).values_list("phase").annotate(n=Count("id")).values_list("phase", "n")
    )
    user_id = actor.user.pk
    return {
        "phase_counts": [(phase, counts.get(phase.value, 0)) for phase in Phase],
        "red_initiatives": initiatives.filter(latest_status="red"),
        "my_initiatives": initiatives.filter(
            Q(project_owner_id=user_id) | Q(project_leader_id=user_id) | Q(service_owner_id=user_id)
        ),
        "my_units_affected": AffectedUnit.objects.for_org(organisation)
        .filter(unit_id__in=actor.led_unit_ids)
        .select_related("unit", "initiative")
        .order_by("change_from"),
        "ideas_waiting": Idea.objects.for_org(organisation).filter(status=Idea.Status.SUBMITTED).count()
        if can(actor, "portfolio.review_ideas")
        else None,
        "my_ideas": Idea.objects.for_org(organisation).filter(proposer_id=user_id)[:5],
    }
