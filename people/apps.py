from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People side")

    def ready(self) -> None:
        from . import panels, permissions  # noqa: F401  (importing them registers the rules and start-page panels)
