from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Benefits realisation")

    def ready(self) -> None:
        from . import navigation, panels, permissions  # noqa: F401  (importing them registers the rules, menu and panels)
