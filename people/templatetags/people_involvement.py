"""What the people side shows on pages of other apps (the initiative page, the phase change)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from portfolio.models import Initiative, Phase

from ..models.involvement import BEFORE_CHOICE
from ..services.information import InformationPage, pages_of
from ..services.involvement import InvolvementGap, involvement_gap

register = template.Library()


@dataclass(frozen=True)
class InvolvementSummary:
    gap: InvolvementGap
    before_choice: bool  # still time to involve those missing
    chosen_without: bool  # in execution, chosen without them: the warning
    pages: list[InformationPage]


@register.simple_tag
def involvement_summary(initiative: Initiative) -> InvolvementSummary:
    return InvolvementSummary(
        gap=involvement_gap(initiative),
        before_choice=initiative.phase in BEFORE_CHOICE,
        chosen_without=initiative.phase == Phase.EXECUTION,
        pages=pages_of(initiative),
    )


@register.simple_tag
def gap_on_entering_execution(initiative: Initiative) -> InvolvementGap | None:
    """Who would be left out if the initiative moved into execution now (only from planning)."""
    return involvement_gap(initiative) if initiative.phase == Phase.PLANNING else None
