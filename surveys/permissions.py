"""Rules for surveys. Every survey view and template asks these."""

from core.permissions import register_read, register_write
from people.permissions import leads_a_unit
from portfolio.permissions import is_top_management, manages_portfolio

# Templates: the portfolio office and administrators keep them; top management and leaders read them.
register_write("surveys.manage_templates", manages_portfolio)
register_read("surveys.view_templates", manages_portfolio | is_top_management | leads_a_unit)
