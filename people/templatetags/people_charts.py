"""The people side's pictures for templates.

``{% load people_charts %}{% gap_heatmap_picture heatmap as picture %}``
"""

from django import template
from django.utils.safestring import SafeString

from ..charts import gap_heatmap_svg
from ..services.gaps import Heatmap

register = template.Library()


@register.simple_tag
def gap_heatmap_picture(heatmap: Heatmap) -> SafeString:
    return gap_heatmap_svg(heatmap)
