"""The change load in templates: the heatmap's picture, a unit's own row (the unit page) and the
units an initiative weighs on while they are over their limit (the initiative page)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

from organisations.models import OrgUnit
from portfolio.models import Initiative

from ..load_charts import load_heatmap_svg
from ..services.load import month_start
from ..services.load_heatmap import LoadHeatmap
from ..services.load_warnings import InitiativeOverload, initiative_overload
from ..services.unit_load import UnitLoadRow, unit_load_row

register = template.Library()


@register.simple_tag
def load_heatmap_picture(heatmap: LoadHeatmap) -> SafeString:
    return load_heatmap_svg(heatmap)


@register.simple_tag(takes_context=True)
def unit_load(context, unit: OrgUnit) -> UnitLoadRow:
    """The unit's load in the next twelve months, from this month."""
    organisation = context["request"].actor.organisation
    return unit_load_row(organisation, unit, month_start(timezone.localdate()))


@register.simple_tag
def initiative_overloads(initiative: Initiative) -> list[InitiativeOverload]:
    return initiative_overload(initiative, timezone.localdate())
