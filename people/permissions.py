"""Rules for the people side. Every people view and template asks these."""

import rules

from core.permissions import is_member, register_read, register_write
from portfolio.permissions import can_edit_initiative, edits_initiative_of, leads_affected_unit

from .services.involvement import may_give_input


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
