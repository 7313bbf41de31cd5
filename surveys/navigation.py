"""The surveys' place in the main menu: the rounds, with the templates and results one step away."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("surveys.rounds", _("Surveys"), "surveys:rounds", rule="surveys.view_rounds", order=78))
