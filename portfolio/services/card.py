"""What an initiative's project card still lacks before it can be planned."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from organisations.models import OrgUnit

from ..models import Idea, Initiative

#: Fields a project card needs before planning, with the words the initiative page shows.
CARD_FIELDS = {
    "project_owner_id": _("a project owner"),
    "project_leader_id": _("a project leader"),
    "planned_start": _("a planned start"),
    "planned_end": _("a planned end"),
    "budget": _("a budget"),
    "sector_id": _("the owning sector"),
}


def missing_on_card(initiative: Initiative) -> list[str]:
    """The card's empty fields, and the affected units when none are named yet."""
    missing = [str(label) for field, label in CARD_FIELDS.items() if getattr(initiative, field) in (None, "")]
    if not initiative.affected_units.exists():
        missing.append(str(_("the units it affects")))
    return missing


def idea_units_not_affected(initiative: Initiative, idea: Idea | None) -> list[OrgUnit]:
    """Units the idea named that the initiative does not list as affected yet."""
    if idea is None:
        return []
    affected = initiative.affected_units.values("unit_id")
    return list(idea.units.exclude(pk__in=affected).order_by("name"))
