"""The surveys' place in the main menu."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("surveys.templates", _("Surveys"), "surveys:templates", rule="surveys.view_templates", order=78))
