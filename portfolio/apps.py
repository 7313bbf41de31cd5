from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (importing it registers the app's rules)
