"""The suggested order of an initiative's units for its rollout waves, on the initiative page."""

from __future__ import annotations

from django import template

from portfolio.models import Initiative

from ..services.waves import SuggestedUnit, suggested_order

register = template.Library()


@register.simple_tag(name="suggested_order")
def suggested_order_tag(initiative: Initiative) -> list[SuggestedUnit]:
    return suggested_order(initiative)
