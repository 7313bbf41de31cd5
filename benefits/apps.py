from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Benefits realisation")

    def ready(self) -> None:
        self.register_rules()
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.StrategicGoal,
            models.ProcessStep,
            models.Change,
            models.Benefit,
            models.Prerequisite,
            models.BenefitEstimate,
            models.CostLine,
            models.TrainingCost,
            models.RealisationMeasure,
            models.Indicator,
            models.Measurement,
            models.BenefitPlan,
        ):
            auditlog.register(model)

    def register_rules(self) -> None:
        from . import permissions  # noqa: F401  (importing it registers the app's rules)
