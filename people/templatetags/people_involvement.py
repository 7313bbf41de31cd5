"""What the people side shows on pages of other apps (the initiative page, the phase change)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from portfolio.models import Initiative, Phase

from ..services.involvement import InvolvementGap, involvement_gap
from ..services.summary import PeopleSummary, initiative_people_summary

register = template.Library()


@register.simple_tag
def people_summary(initiative: Initiative) -> PeopleSummary:
    """The "People" section of the initiative page (``people/_on_initiative.html``)."""
    return initiative_people_summary(initiative, timezone.localdate())


@register.simple_tag
def gap_on_entering_execution(initiative: Initiative) -> InvolvementGap | None:
    """Who would be left out if the initiative moved into execution now (only from planning)."""
    return involvement_gap(initiative) if initiative.phase == Phase.PLANNING else None
