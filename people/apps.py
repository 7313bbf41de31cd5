from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("The people side")

    def ready(self) -> None:
        # Importing them registers the rules, the start-page panels and the phase-change receiver.
        from . import panels, permissions  # noqa: F401
        from .services import involvement  # noqa: F401
