from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KommitConfig(AppConfig):
    """The KS/KommIT benefits workbook: reading it into a plan and writing a plan back out."""

    name = "kommit"
    verbose_name = _("KS/KommIT workbook")
