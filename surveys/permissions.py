"""Rules for surveys. Every survey view and template asks these."""

import rules

from core.permissions import register_read, register_write
from people.permissions import leads_a_unit
from portfolio.permissions import leads_portfolio, manages_portfolio

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


# Results of a closed round: the portfolio office and top management for every group, leaders of the
# units asked for theirs. Never one person's answers: only released figures exist to be shown.
register_read("surveys.view_results", leads_portfolio | leads_a_unit_asked)
register_read("surveys.view_all_groups", leads_portfolio)
# The list of closed rounds: those who may see the results of some round (a leader sees the rounds
# that asked their units).
register_read("surveys.view_any_results", leads_portfolio | leads_a_unit)
