from django import template

from dashboards.menu import MenuLink, menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[MenuLink]:
    """The places the signed-in member may use (none outside an organisation)."""
    request = context.get("request")
    actor = getattr(request, "actor", None)
    return menu_for(actor, request.path) if actor is not None else []
