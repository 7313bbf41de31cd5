"""The latest survey figures about an initiative, for its page (portfolio includes the partial and
imports nothing of surveys)."""

from __future__ import annotations

from django import template

from portfolio.models import Initiative

from ..services.latest import InitiativeSurveys, latest_about_initiative, visible_groups

register = template.Library()


@register.simple_tag(takes_context=True)
def initiative_surveys(context, initiative: Initiative) -> InitiativeSurveys:
    return latest_about_initiative(initiative, visible_groups(context["request"].actor))
