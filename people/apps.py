from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("The people side")

    def ready(self) -> None:
        # Importing them registers the rules, the start-page panels, the menu item, the seeding of a new
        # organisation's competence framework and the phase-change receiver; the people side's
        # warnings join the benefits' own, and the economics learns which cost rows the training plans own.
        from benefits.services.warnings import contribute_warnings
        from portfolio import plan_checks

        from . import navigation, panels, permissions, signals  # noqa: F401
        from .services import involvement  # noqa: F401
        from .services.benefit_warnings import PeopleWarnings
        from .services.training import register_generated_costs
        from .services.waves import load_warnings

        contribute_warnings(PeopleWarnings())
        register_generated_costs()
        # The portfolio's wave and affected-unit forms ask what a planned date does to the change load.
        plan_checks.register(load_warnings)
