"""Rules of the people side. Every people view and template asks these."""

import rules

from core.permissions import is_member, register_read, register_write
from portfolio.models import AffectedUnit
from portfolio.permissions import can_edit_initiative, manages_portfolio


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
