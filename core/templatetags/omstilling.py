from django import template

from core import permissions
from core.formatting import format_money, format_number

register = template.Library()


@register.filter
def money(value) -> str:
    """1234567 → '1 234 567 kr'."""
    return format_money(value)


@register.filter
def number(value, decimals: int = 0) -> str:
    """12.5|number:1 → '12,5'; thousands grouped with a non-breaking space."""
    return format_number(value, int(decimals))


@register.inclusion_tag("core/rag.html")
def rag(status: str):
    """A traffic-light status as a tag with text, never colour alone."""
    colours = {"green": "success", "yellow": "warning", "red": "danger"}
    return {"status": status, "colour": colours.get(status, "neutral")}


@register.filter
def percent(value) -> str:
    """0.5 → '50 %' (a ratio shown as a whole percentage)."""
    if value is None or value == "":
        return ""
    return f"{format_number(value * 100)}\xa0%"


@register.simple_tag(takes_context=True)
def can(context, name: str, obj=None) -> bool:
    """``{% can "benefits.measure" indicator as may_measure %}``: the same rule the view checks."""
    request = context.get("request")
    return permissions.can(getattr(request, "actor", None), name, obj)
