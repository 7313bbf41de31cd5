"""The organisation's places in the main menu: the person's own unit, the units and the people."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

from .actor import Actor
from .services.units import top_led_units


def my_unit_url(actor: Actor) -> str | None:
    """The page of the unit the person leads; the unit list when they lead several apart (each is
    there, in its place in the tree); else the unit they work in; none for someone with neither."""
    top = top_led_units(actor)
    if len(top) > 1:
        return reverse("organisations:units")
    unit_id = top[0].pk if top else actor.membership.unit_id
    return reverse("organisations:unit", args=[unit_id]) if unit_id else None


register(MenuItem("organisations.my_unit", _("My unit"), "organisations:unit", order=10, url_for=my_unit_url))
register(MenuItem("organisations.units", _("Organisation"), "organisations:units", order=80))
register(MenuItem("organisations.people", _("People"), "organisations:people", order=90))
