"""The latest survey figures of a unit, for its page."""

from __future__ import annotations

from django import template

from organisations.models import OrgUnit

from ..services.unit_results import UnitSurvey, latest_for_unit

register = template.Library()


@register.simple_tag
def unit_surveys(unit: OrgUnit) -> list[UnitSurvey]:
    return latest_for_unit(unit)
