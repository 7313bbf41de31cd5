"""Rules for surveys. Every survey view and template asks these."""

import rules

from core.permissions import register_read, register_write
from portfolio.permissions import leads_portfolio, manages_portfolio


@rules.predicate
def leads_a_unit(actor) -> bool:
    return bool(actor.led_unit_ids)


# Rounds: the portfolio office and administrators send them; management and leaders follow the
# response rate (the only thing anyone sees while a round runs, and never who answered).
register_write("surveys.manage_rounds", manages_portfolio)
register_read("surveys.view_rounds", leads_portfolio | leads_a_unit)
