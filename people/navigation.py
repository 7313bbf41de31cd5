"""The people side's place in the main menu: competence (the framework page leads on to one's own
self-assessment, the gaps and the course catalogue)."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("people.competence", _("Competence"), "people:framework", order=75))
register(
    MenuItem("people.change_load", _("Change load"), "people:change_load", rule="people.view_change_load", order=76)
)
