"""Rules for the competence side. Every people view and template asks these."""

import rules

from core.permissions import is_member, register_read, register_write
from portfolio.permissions import can_edit_initiative, leads_portfolio, manages_portfolio


@rules.predicate
def leads_a_unit(actor) -> bool:
    return bool(actor.led_unit_ids)


@rules.predicate
def leads_unit(actor, unit) -> bool:
    return unit.pk in actor.led_unit_ids


# Every member reads the framework, the catalogue and an initiative's needs; the portfolio office keeps
# the framework and the catalogue.
register_write("people.manage_framework", manages_portfolio)
register_write("people.manage_courses", manages_portfolio)
# What an initiative needs is part of the initiative: whoever may change the initiative sets it.
register_write("people.change_requirements", can_edit_initiative)
# Anyone who works here may assess themselves (politicians and members without a role only read).
register_write("people.self_assess", is_member)
# Figures per unit, never one person's answers: leaders for their units, management for all.
register_read("people.view_competence_overview", leads_portfolio | leads_a_unit)
register_read("people.view_unit_competence", leads_portfolio | leads_unit)
register_read("people.view_all_units", leads_portfolio)
