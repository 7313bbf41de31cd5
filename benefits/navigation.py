"""The benefits app's places in the main menu."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("benefits.portfolio", _("Benefits"), "benefits:portfolio", order=40))
register(MenuItem("benefits.mine", _("My benefits"), "benefits:mine", rule="benefits.own_benefits", order=50))
