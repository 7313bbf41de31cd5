"""Rules for planning, following up and approving benefits."""

import rules

from core.permissions import is_member, register_write
from organisations.models import Role
from portfolio.permissions import can_edit_initiative, is_top_management, leads_portfolio


@rules.predicate
def responsible_for_plan(actor, initiative) -> bool:
    """Benefit responsible scoped to this initiative, or named responsible on one of its benefits."""
    if actor.has_for_initiative(Role.BENEFIT_RESPONSIBLE, initiative.pk):
        return True
    return initiative.benefits.filter(responsible_id=actor.user.pk).exists()


can_edit_plan = can_edit_initiative | responsible_for_plan


@rules.predicate
def follows_up_benefit(actor, benefit) -> bool:
    """Its named owner or responsible, a benefit owner of its initiative, or a leader of its unit."""
    if actor.user.pk in (benefit.owner_id, benefit.responsible_id):
        return True
    if actor.has_for_initiative(Role.BENEFIT_OWNER, benefit.initiative_id):
        return True
    return benefit.unit_id is not None and benefit.unit_id in actor.led_unit_ids


@rules.predicate
def edits_plan_of_benefit(actor, benefit) -> bool:
    return can_edit_plan(actor, benefit.initiative)


# The named people's own check first: it needs no query, and rules stops at the first yes.
can_follow_up = follows_up_benefit | edits_plan_of_benefit


@rules.predicate
def measures_indicator(actor, indicator) -> bool:
    return indicator.measured_by_id == actor.user.pk or can_follow_up(actor, indicator.benefit)


@rules.predicate
def is_project_owner_of(actor, initiative) -> bool:
    return actor.user.pk == initiative.project_owner_id


register_write("benefits.change_plan", can_edit_plan)
register_write("benefits.follow_up", can_follow_up)
register_write("benefits.measure", measures_indicator)
register_write("benefits.sign_as_owner", is_project_owner_of)
register_write("benefits.sign_as_management", is_top_management)
register_write("benefits.sign_plan", is_project_owner_of | is_top_management)
register_write("benefits.manage_goals", leads_portfolio)
# Anyone who may write can be named owner, responsible or measurer of benefits ("my benefits"); a
# politician never is.
register_write("benefits.own_benefits", is_member)
