"""Rules for surveys. Every survey view and template asks these."""

import rules

from core.permissions import register_read, register_write
from people.permissions import leads_a_unit
from portfolio.permissions import leads_portfolio, manages_portfolio

from .services.checklist import takes_checklist

# Templates: the portfolio office and administrators keep them; top management and leaders read them.
register_write("surveys.manage_templates", manages_portfolio)
register_read("surveys.view_templates", leads_portfolio | leads_a_unit)

# Rounds: the portfolio office and administrators send them; management and leaders follow the
# response rate (the only thing anyone sees while a round runs, and never who answered).
register_write("surveys.manage_rounds", manages_portfolio)
register_read("surveys.view_rounds", leads_portfolio | leads_a_unit)


@rules.predicate
def leads_a_unit_asked(actor, round) -> bool:
    """Leads a unit asked in the round (or a unit above one): they see the organisation's figures and
    their own units' groups, as every leader reads the same groups."""
    led = actor.led_unit_ids
    return bool(led) and any(unit_id in led for unit_id in round.round_units.values_list("unit_id", flat=True))


@rules.predicate
def owns_a_remedy_of(actor, round) -> bool:
    """Owns a remedy on the round's checklist (barriers: figures for the whole organisation only)."""
    return round.remedy_tasks.filter(owner=actor.user).exists()


# Results of a closed round: the portfolio office and top management for every group, leaders of the
# units asked for theirs, and the owner of a remedy on the round's checklist. Never one person's
# answers: only released figures exist to be shown.
register_read("surveys.view_results", leads_portfolio | leads_a_unit_asked | owns_a_remedy_of)
register_read("surveys.view_all_groups", leads_portfolio)
# The list of closed rounds: those who may see the results of some round (a leader sees the rounds
# that asked their units).
register_read("surveys.view_any_results", leads_portfolio | leads_a_unit)


# The checklist from the barriers for middle managers (part "barriers"): top management, the portfolio
# office and administrators make it and keep it; each remedy's owner records it done.


@rules.predicate
def is_closed_barriers_round(actor, round) -> bool:
    return round is not None and takes_checklist(round)


@rules.predicate
def owns_remedy(actor, task) -> bool:
    return task is not None and task.owner_id == actor.user.pk


register_write("surveys.manage_checklist", leads_portfolio & is_closed_barriers_round)
register_write("surveys.change_remedy", leads_portfolio | owns_remedy)
