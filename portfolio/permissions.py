"""Who may do what with ideas and initiatives. Every portfolio view asks these functions."""

from organisations.actor import Actor
from organisations.models import Role

from .models import AffectedUnit, Idea, Initiative

PORTFOLIO_MANAGERS = (Role.PORTFOLIO_OFFICE, Role.ADMINISTRATOR)


def can_create_initiative(actor: Actor) -> bool:
    return actor.has(*PORTFOLIO_MANAGERS, Role.TOP_MANAGEMENT)


def can_edit_initiative(actor: Actor, initiative: Initiative) -> bool:
    if actor.has(*PORTFOLIO_MANAGERS):
        return True
    return actor.user.pk in (initiative.project_owner_id, initiative.project_leader_id)


def can_edit_affected_unit(actor: Actor, affected: AffectedUnit) -> bool:
    """The leader of a unit (or of a unit above it) may correct how their own unit is affected."""
    return can_edit_initiative(actor, affected.initiative) or affected.unit_id in actor.led_unit_ids


def can_propose_idea(actor: Actor) -> bool:
    return not actor.is_read_only


def can_review_ideas(actor: Actor) -> bool:
    return actor.has(*PORTFOLIO_MANAGERS)


def can_view_all_ideas(actor: Actor) -> bool:
    return actor.has(*PORTFOLIO_MANAGERS, Role.TOP_MANAGEMENT)


def can_view_idea(actor: Actor, idea: Idea) -> bool:
    return can_view_all_ideas(actor) or idea.proposer_id == actor.user.pk
