"""From results to action: a closed round about an initiative goes into its involvement log, where the
leaders answer each finding with what they will do ("you said, we did").

Only released figures become findings: what holds back (a topic at 3 or lower of 5) in each released
group, said by "employees" of the group's unit, never by a person.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.formatting import format_number
from core.validation import create_valid
from people.models import InputItem, InvolvementActivity
from people.models.involvement import ACTIVITY_PHASES

from ..models import ReleasedCell, Round
from ..topics import BARRIER_POINT_AT_OR_BELOW, TOPICS

#: An activity in a phase an initiative can no longer be in (completed, stopped) is logged as realisation.
LATEST_PHASE = ACTIVITY_PHASES[-1][0]


def involvement_activity(round_: Round) -> InvolvementActivity | None:
    """The activity a round was recorded as, if it was."""
    if round_.initiative_id is None:
        return None
    return round_.initiative.involvement_activities.filter(
        method=InvolvementActivity.Method.SURVEY, title=round_.title, held_on=round_.closes_on
    ).first()


@transaction.atomic
def record_in_involvement(round_: Round) -> InvolvementActivity:
    """Record a closed round about an initiative as a survey in its involvement log, with one input
    item per released figure that holds back; recording twice gives the same activity."""
    if round_.state != Round.State.CLOSED or round_.initiative_id is None:
        raise ValidationError(_("Only a closed round about an initiative can go into its involvement log."))
    if (existing := involvement_activity(round_)) is not None:
        return existing
    initiative = round_.initiative
    phases = {value for value, _label in ACTIVITY_PHASES}
    activity = create_valid(
        InvolvementActivity,
        initiative=initiative,
        title=round_.title,
        held_on=round_.closes_on,
        phase=initiative.phase if initiative.phase in phases else LATEST_PHASE,
        method=InvolvementActivity.Method.SURVEY,
        description=_("The survey “%(survey)s”: what holds back, by the figures released for each group.")
        % {"survey": round_.template.shown_name()},
    )
    asked = [ru.unit_id for ru in round_.round_units.all() if ru.unit_id is not None]
    activity.employee_units.add(*asked)
    labels = TOPICS.get(round_.template.kind, {})
    cells = (
        ReleasedCell.objects.filter(
            round=round_, kind=ReleasedCell.Kind.TOPIC, mean__lte=BARRIER_POINT_AT_OR_BELOW, mean__isnull=False
        )
        .select_related("round_unit")
        .order_by("round_unit__name", "topic")
    )
    for cell in cells:
        group = cell.round_unit.name if cell.round_unit else round_.organisation.name
        create_valid(
            InputItem,
            activity=activity,
            text=_("Staff in %(group)s: “%(topic)s” %(mean)s of 5 (%(count)s answers).")
            % {
                "group": group,
                "topic": labels.get(cell.topic, cell.topic),
                "mean": format_number(cell.mean, 1),
                "count": cell.count,
            },
            voice=InputItem.Voice.EMPLOYEE,
            unit_id=cell.round_unit.unit_id if cell.round_unit else None,
            given_on=round_.closes_on,
        )
    return activity
