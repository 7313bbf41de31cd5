from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("The people side")

    def ready(self) -> None:
        # Importing them registers the rules, the start-page panels, the menu item, the seeding of a new
        # organisation's competence framework and the phase-change receiver.
        from . import navigation, panels, permissions, signals  # noqa: F401
        from .services import involvement  # noqa: F401
        from .services.training import register_generated_costs

        register_generated_costs()
