from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("The people side")

    def ready(self) -> None:
        # Importing them registers the rules, the start-page panels, the menu item, the seeding of a new
        # organisation's competence framework and the phase-change receiver.
        from portfolio import plan_checks

        from . import navigation, panels, permissions, signals  # noqa: F401
        from .services import involvement  # noqa: F401
        from .services.waves import load_warnings

        # The portfolio's wave and affected-unit forms ask what a planned date does to the change load.
        plan_checks.register(load_warnings)
