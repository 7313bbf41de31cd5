"""Rules for surveys. Every survey view and template asks these."""

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
