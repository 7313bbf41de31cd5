from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Importing them registers the rules, the menu item, the start-page panels and the seeding of a new
        # organisation's templates.
        from benefits.services.warnings import contribute_warnings
        from people.services.waves import register_measured_readiness

        from . import navigation, panels, permissions, signals  # noqa: F401
        from .services.adoption import AdoptionWarnings
        from .services.readiness import measured_readiness

        # The staff's measured readiness orders the rollout waves the people side suggests, and low
        # adoption warns the benefits whose prerequisites it contradicts.
        register_measured_readiness(measured_readiness)
        contribute_warnings(AdoptionWarnings())
