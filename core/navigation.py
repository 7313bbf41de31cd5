"""The start page's place in the main menu."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("core.home", _("Overview"), "core:home", order=0))
