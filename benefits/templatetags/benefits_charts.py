"""Chart tags: ``{% economics_chart economics as chart %}`` and the like, for the benefits pages."""

from django import template

from .. import charts

register = template.Library()

register.simple_tag(charts.economics_chart, name="economics_chart")
register.simple_tag(charts.planned_by_year_chart, name="planned_by_year_chart")
register.simple_tag(charts.by_sector_chart, name="by_sector_chart")
register.simple_tag(charts.indicator_chart, name="indicator_chart")
