"""Top management's checklist on the results page of a round of the barriers for middle managers."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..models import Round
from ..services.checklist import BarrierChecklist, checklist, takes_checklist

register = template.Library()


@register.simple_tag
def barrier_checklist(round_: Round) -> list[BarrierChecklist] | None:
    """The round's checklist grouped by barrier; None for a round that has none (not barriers, or open)."""
    return checklist(round_, timezone.localdate()) if takes_checklist(round_) else None
