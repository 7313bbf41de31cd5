from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Benefits realisation")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (importing it registers the app's rules)
