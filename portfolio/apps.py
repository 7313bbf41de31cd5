from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
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
