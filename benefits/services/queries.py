"""Fetching an initiative's benefits data with a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet

from organisations.models import OrgUnit
from portfolio.models import AffectedUnit, Initiative

from ..models import Benefit, CostLine, Indicator, Prerequisite, TrainingCost
from .economics import Economics, compute
from .warnings import largest_yearly_estimate


def with_warning_facts(queryset: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """What the warnings need besides the indicators, computed in the same query."""
    return queryset.annotate(
        has_open_prerequisites=Exists(Prerequisite.objects.filter(benefit=OuterRef("pk"), confirmed=False)),
        largest_yearly_estimate=largest_yearly_estimate(),
    )


def benefits_queryset() -> QuerySet[Benefit]:
    """Benefits with everything their pages show."""
    return with_warning_facts(
        Benefit.objects.select_related("owner", "responsible", "unit", "change", "goal").prefetch_related(
            "estimates",
            "prerequisites",
            "measures__responsible",
            Prefetch("indicators", queryset=Indicator.objects.select_related("measured_by")),
        )
    )


def warning_queryset() -> QuerySet[Benefit]:
    """Benefits with just what the warnings and a list row need: for long lists."""
    return with_warning_facts(Benefit.objects.select_related("owner", "initiative").prefetch_related("indicators"))


def initiative_benefits(initiative: Initiative) -> list[Benefit]:
    return list(benefits_queryset().filter(initiative=initiative))


def initiative_costs(initiative: Initiative) -> tuple[list[CostLine], list[TrainingCost]]:
    lines = list(CostLine.objects.filter(initiative=initiative))
    training = list(
        TrainingCost.objects.filter(initiative=initiative).select_related("affected_unit__unit__organisation")
    )
    return lines, training


def economics_for(initiative: Initiative, benefits: list[Benefit], *, simulate: bool = False) -> Economics:
    lines, training = initiative_costs(initiative)
    return compute(initiative, benefits, lines, training, simulate=simulate)


def line_manager_ids(organisation) -> frozenset[int]:
    return frozenset(OrgUnit.objects.for_org(organisation).exclude(leader=None).values_list("leader_id", flat=True))


def change_complete_dates(organisation, initiative_ids=None) -> dict[int, datetime.date]:
    """Per initiative, the date the last affected unit starts working in the new way."""
    rows = AffectedUnit.objects.for_org(organisation)
    if initiative_ids is not None:
        rows = rows.filter(initiative_id__in=initiative_ids)
    return dict(rows.values("initiative_id").annotate(last=Max("change_from")).values_list("initiative_id", "last"))
