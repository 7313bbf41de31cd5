"""Rules for ideas, programmes and initiatives. Every portfolio view and template asks these."""

import rules

from core.permissions import is_member, register_read, register_write
from organisations.models import Role

PORTFOLIO_MANAGERS = (Role.PORTFOLIO_OFFICE, Role.ADMINISTRATOR)


@rules.predicate
def manages_portfolio(actor) -> bool:
    return actor.has(*PORTFOLIO_MANAGERS)


@rules.predicate
def is_top_management(actor) -> bool:
    return actor.has(Role.TOP_MANAGEMENT)


@rules.predicate
def runs_initiative(actor, initiative) -> bool:
    """Named project owner or leader, or holding one of those roles scoped to this initiative."""
    if actor.user.pk in (initiative.project_owner_id, initiative.project_leader_id):
        return True
    return any(actor.has_for_initiative(role, initiative.pk) for role in (Role.PROJECT_OWNER, Role.PROJECT_LEADER))


@rules.predicate
def leads_affected_unit(actor, affected) -> bool:
    """The leader of a unit (or of a unit above it) may correct how their own unit is affected."""
    return affected.unit_id in actor.led_unit_ids


@rules.predicate
def proposed_idea(actor, idea) -> bool:
    return idea.proposer_id == actor.user.pk


can_edit_initiative = manages_portfolio | runs_initiative
#: Create initiatives and programmes, see every idea, set strategic goals.
leads_portfolio = manages_portfolio | is_top_management


@rules.predicate
def edits_initiative_of(actor, child) -> bool:
    """For rows under an initiative (affected units, stakeholders)."""
    return can_edit_initiative(actor, child.initiative)


def choosable_units(actor, initiative) -> frozenset[int] | None:
    """The units ``actor`` may put an affected-unit row on: any (None) for the initiative's editors,
    else only the units they lead."""
    return None if can_edit_initiative(actor, initiative) else actor.led_unit_ids


register_read("portfolio.export", is_member)
register_write("portfolio.create_initiative", leads_portfolio)
register_write("portfolio.manage_programmes", leads_portfolio)
register_write("portfolio.change_initiative", can_edit_initiative)
register_write("portfolio.change_affected_unit", edits_initiative_of | leads_affected_unit)
register_write("portfolio.change_initiative_row", edits_initiative_of)
register_write("portfolio.propose_idea", is_member)
register_write("portfolio.review_ideas", manages_portfolio)
register_read("portfolio.view_all_ideas", leads_portfolio)
register_read("portfolio.view_idea", leads_portfolio | proposed_idea)
