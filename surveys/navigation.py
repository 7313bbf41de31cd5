"""Surveys' place in the main menu."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("surveys.rounds", _("Surveys"), "surveys:rounds", rule="surveys.view_rounds", order=78))
