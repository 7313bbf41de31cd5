"""The organisation's competence framework."""

from __future__ import annotations

from ..defaults import default_themes
from ..models import Theme


def seed_default_framework(organisation) -> int:
    """Give ``organisation`` the default themes unless it has themes already; returns how many were added."""
    if Theme.objects.for_org(organisation).exists():
        return 0
    return len(Theme.objects.bulk_create(default_themes(Theme, organisation)))


def themes_of(organisation):
    return Theme.objects.for_org(organisation).order_by("order", "name")
