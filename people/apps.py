from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and competence")

    def ready(self) -> None:
        from . import panels, permissions, signals  # noqa: F401  (importing them registers rules, panel and seeding)
