from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from django.db.models.signals import pre_save

        from . import navigation  # noqa: F401  (importing it puts the start page in the main menu)
        from .audit_context import stamp_source
        from .audit_registry import register_all

        register_all()
        pre_save.connect(stamp_source, sender=LogEntry, dispatch_uid="core.audit_context.stamp_source")
