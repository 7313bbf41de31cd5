"""Surveys in the main menu."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(
    MenuItem("surveys.results", _("Survey results"), "surveys:results_index", rule="surveys.view_any_results", order=80)
)
