"""The portfolio's places in the main menu."""

from django.utils.translation import gettext_lazy as _

from dashboards.menu import MenuItem, register

register(MenuItem("portfolio.list", _("Portfolio"), "portfolio:list", order=20))
register(MenuItem("portfolio.timeline", _("Timeline"), "portfolio:timeline", order=30))
# Ideas are where one proposes them and follows them: a politician neither proposes nor sees others' ideas.
register(MenuItem("portfolio.ideas", _("Ideas"), "portfolio:ideas", rule="portfolio.propose_idea", order=60))
