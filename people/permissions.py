"""Rules for the people side. Every people view and template asks these."""

import rules

from core.permissions import is_member, register_read, register_write
from portfolio.models import AffectedUnit
from portfolio.permissions import (
    can_edit_initiative,
    edits_initiative_of,
    leads_affected_unit,
    leads_portfolio,
    manages_portfolio,
)

from .services.involvement import may_give_input


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


@rules.predicate
def runs_initiative_of_activity(actor, activity) -> bool:
    return can_edit_initiative(actor, activity.initiative)


@rules.predicate
def runs_initiative_of_item(actor, item) -> bool:
    return can_edit_initiative(actor, item.activity.initiative)


@rules.predicate
def speaks_on_activity(actor, activity) -> bool:
    """The activity is open, and the person is an employee or leader of an affected unit, a union
    representative covering one, or runs the initiative (and notes what was said)."""
    return may_give_input(actor, activity)


# Involvement: every member reads it, like every initiative page (politicians too).
register_read("people.view_involvement", is_member)
register_write("people.manage_involvement", can_edit_initiative)
register_write("people.change_activity", runs_initiative_of_activity)
register_write("people.give_input", speaks_on_activity)
register_write("people.answer_input", runs_initiative_of_item)
# Information to employees: written by those who run the initiative or lead the unit.
register_read("people.view_information", is_member)
register_write("people.change_information", edits_initiative_of | leads_affected_unit)

# Training plans and change agents


@rules.predicate
def runs_initiative_of(actor, row) -> bool:
    """Project owner or leader of the row's initiative, or the portfolio office."""
    return can_edit_initiative(actor, row.initiative)


@rules.predicate
def leads_unit_of(actor, row) -> bool:
    """Leads the affected unit (an ``AffectedUnit`` or a row under one), or a unit above it."""
    affected = row if isinstance(row, AffectedUnit) else row.affected_unit
    return affected.unit_id in actor.led_unit_ids


register_read("people.view_initiative", is_member)
# obj: the AffectedUnit (adding a line) or the TrainingActivity
register_write("people.change_training_plan", runs_initiative_of)
register_write("people.record_training_progress", runs_initiative_of | leads_unit_of)
# obj: the AffectedUnit (appointing) or the ChangeAgent
register_write("people.appoint_agents", runs_initiative_of | leads_unit_of)
register_write("people.manage_readiness_settings", manages_portfolio)

# The unit page ("My unit"): its leaders (of the unit or a unit above it, and middle managers whose
# role covers it) and the portfolio office and top management see all of it; the unit's own
# employees (of it or a unit below) a read-only version without personal data about colleagues.


@rules.predicate
def works_in_unit(actor, unit) -> bool:
    """Works in the unit or a unit below it."""
    return unit.pk in actor.unit_and_above_ids


register_read("people.view_unit_page", leads_portfolio | leads_unit)
register_read("people.view_unit_as_staff", works_in_unit)

# Change load: the heatmap of every unit for management, of their own units for leaders.
register_read("people.view_change_load", leads_portfolio | leads_a_unit)
register_read("people.view_all_unit_loads", leads_portfolio)
