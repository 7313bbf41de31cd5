"""Who may plan, follow up and approve benefits."""

from organisations.actor import Actor
from organisations.models import Role
from portfolio.models import Initiative
from portfolio.permissions import can_edit_initiative

from .models import Benefit, Indicator


def can_edit_plan(actor: Actor, initiative: Initiative) -> bool:
    """Project owner and leader, the portfolio office, and benefit responsibles prepare the plan."""
    return can_edit_initiative(actor, initiative) or actor.has(Role.BENEFIT_RESPONSIBLE)


def can_follow_up(actor: Actor, benefit: Benefit) -> bool:
    """The benefit's owner and responsible keep its measures up to date, as do plan editors."""
    return can_edit_plan(actor, benefit.initiative) or actor.user.pk in (benefit.owner_id, benefit.responsible_id)


def can_measure(actor: Actor, indicator: Indicator) -> bool:
    return can_follow_up(actor, indicator.benefit) or indicator.measured_by_id == actor.user.pk


def can_approve_as_owner(actor: Actor, initiative: Initiative) -> bool:
    return actor.user.pk == initiative.project_owner_id


def can_approve_as_management(actor: Actor) -> bool:
    return actor.has(Role.TOP_MANAGEMENT)


def can_manage_goals(actor: Actor) -> bool:
    return actor.has(Role.PORTFOLIO_OFFICE, Role.ADMINISTRATOR, Role.TOP_MANAGEMENT)
