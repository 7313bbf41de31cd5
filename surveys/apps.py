from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Importing them registers the rules, the menu item and the seeding of a new organisation's templates.
        from . import navigation, permissions, signals  # noqa: F401
