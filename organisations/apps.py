from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        self.register_rules()
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Organisation)
        auditlog.register(models.OrgUnit)
        auditlog.register(models.Membership)

    def register_rules(self) -> None:
        from . import permissions  # noqa: F401  (importing it registers the app's rules)
