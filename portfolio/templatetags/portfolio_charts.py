"""{% timeline_chart timeline as chart %}: the timeline picture for a template."""

from django import template
from django.utils import timezone

from ..charts import timeline_chart as build_timeline_chart

register = template.Library()


@register.simple_tag
def timeline_chart(timeline):
    return build_timeline_chart(timeline, timezone.localdate())
