from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        self.register_rules()
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Programme,
            models.Idea,
            models.Initiative,
            models.AffectedUnit,
            models.Stakeholder,
            models.StatusReport,
            models.Deviation,
            models.PhaseChange,
        ):
            auditlog.register(model)

    def register_rules(self) -> None:
        from . import permissions  # noqa: F401  (importing it registers the app's rules)
