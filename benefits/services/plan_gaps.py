"""Initiatives whose benefits plan is missing or not yet approved, for the portfolio office."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from organisations.models import Organisation
from portfolio.models import Initiative, Phase

from ..models import BenefitPlan

# A plan is written while planning and must be approved before execution starts.
PAST_PLANNING = (Phase.EXECUTION, Phase.CLOSING, Phase.REALISATION)


def initiatives_without_plan(organisation: Organisation) -> QuerySet[Initiative]:
    """Initiatives in planning with no benefits plan at all."""
    return (
        Initiative.objects.for_org(organisation)
        .filter(phase=Phase.PLANNING)
        .exclude(Exists(BenefitPlan.objects.filter(initiative=OuterRef("pk"))))
        .order_by("name", "pk")
    )


def initiatives_past_planning_without_approval(organisation: Organisation) -> QuerySet[Initiative]:
    """Initiatives beyond planning whose benefits plan has never been approved (or that have none)."""
    approved = BenefitPlan.objects.filter(initiative=OuterRef("pk"), status=BenefitPlan.Status.APPROVED)
    return (
        Initiative.objects.for_org(organisation)
        .filter(phase__in=PAST_PLANNING)
        .exclude(Exists(approved))
        .order_by("name", "pk")
    )
