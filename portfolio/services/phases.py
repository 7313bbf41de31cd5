"""Phase rules of an initiative: Konsept → Planlegge → Gjennomføre → Avslutte → Realisere.

Forward, an initiative moves one phase at a time (no skipping). It may step one phase back
with a comment. From realisation it is completed; any active initiative may be stopped,
with a reason. Completed and stopped initiatives are closed.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.validation import create_valid, save_valid

from ..models import Initiative, Phase, PhaseChange

ORDER = [Phase.CONCEPT, Phase.PLANNING, Phase.EXECUTION, Phase.CLOSING, Phase.REALISATION]
CLOSED = {Phase.COMPLETED, Phase.STOPPED}


def allowed_next_phases(current: str) -> list[Phase]:
    if current in CLOSED:
        return []
    index = ORDER.index(Phase(current))
    allowed: list[Phase] = []
    if index > 0:
        allowed.append(ORDER[index - 1])
    if index + 1 < len(ORDER):
        allowed.append(ORDER[index + 1])
    else:
        allowed.append(Phase.COMPLETED)
    allowed.append(Phase.STOPPED)
    return allowed


def validate_phase_change(current: str, target: str, comment: str) -> None:
    if target == current:
        raise ValidationError({"to_phase": _("The initiative is already in this phase.")})
    if current in CLOSED:
        raise ValidationError({"to_phase": _("A completed or stopped initiative cannot change phase.")})
    if target not in allowed_next_phases(current):
        raise ValidationError({"to_phase": _("An initiative moves one phase at a time; it cannot skip phases.")})
    going_back = target in ORDER and ORDER.index(Phase(target)) < ORDER.index(Phase(current))
    if (going_back or target == Phase.STOPPED) and not comment.strip():
        raise ValidationError({"comment": _("Say why the initiative is stopped or moved back.")})


def record_creation(initiative: Initiative, *, by, on: datetime.date, comment: str = "") -> PhaseChange:
    """The first entry of the phase history: the initiative starts in its current phase."""
    return create_valid(
        PhaseChange,
        initiative=initiative,
        from_phase="",
        to_phase=initiative.phase,
        changed_on=on,
        changed_by=by,
        comment=comment,
    )


@transaction.atomic
def change_phase(initiative: Initiative, target: str, *, by, on: datetime.date, comment: str = "") -> PhaseChange:
    validate_phase_change(initiative.phase, target, comment)
    last = initiative.phase_changes.order_by("-changed_on", "-id").first()
    if last and on < last.changed_on:
        raise ValidationError({"changed_on": _("The date cannot be before the previous phase change.")})
    change = create_valid(
        PhaseChange,
        initiative=initiative,
        from_phase=initiative.phase,
        to_phase=target,
        changed_on=on,
        changed_by=by,
        comment=comment,
    )
    initiative.phase = target
    save_valid(initiative, update_fields=["phase"])
    return change
