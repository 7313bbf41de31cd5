"""From a closed round of the barriers for middle managers to top management's checklist.

The barriers put on the checklist are those the results page shows with their remedies: the
whole organisation's released figure for the barrier at or below ``BARRIER_POINT_AT_OR_BELOW``
(barriers are released for the whole organisation only). Each remedy of such a barrier becomes one
``RemedyTask``, once per round; top management then gives each an owner and a deadline. Reading the
checklist, what a person owns and each checklist's state takes one query each, whatever the size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from core.validation import save_valid

from ..models import ReleasedCell, RemedyTask, Round, SurveyTemplate
from ..remedies import BARRIER_REMEDIES
from ..topics import BARRIER_POINT_AT_OR_BELOW, BARRIERS


def takes_checklist(round_: Round) -> bool:
    """Only a closed round of the barriers for middle managers has a checklist."""
    return round_.state == Round.State.CLOSED and round_.template.kind == SurveyTemplate.Kind.BARRIERS


def barriers_held_back(round_: Round) -> list[str]:
    """The barriers whose whole-organisation figure is at or below the barrier point, in the report's order."""
    low = ReleasedCell.objects.filter(
        round=round_,
        round_unit__isnull=True,
        kind=ReleasedCell.Kind.TOPIC,
        mean__lte=BARRIER_POINT_AT_OR_BELOW,
    ).values_list("topic", flat=True)
    found = set(low)
    return [key for key in BARRIERS if key in found]


@transaction.atomic
def make_checklist(round_: Round) -> list[RemedyTask]:
    """One item per remedy of each barrier held back, without owner or deadline yet. Only once: a round
    that has a checklist keeps it (a second click makes nothing). Returns the items made."""
    round_ = Round.objects.for_org(round_.organisation).select_for_update().select_related("template").get(pk=round_.pk)
    if not takes_checklist(round_):
        raise ValidationError(_("Only a closed round of the barriers for middle managers has a checklist."))
    if round_.remedy_tasks.exists():
        return []
    made = []
    for barrier in barriers_held_back(round_):
        for remedy in BARRIER_REMEDIES[barrier]:
            task = RemedyTask(round=round_, barrier=barrier, text=str(remedy))
            save_valid(task)  # one at a time, so the audit log records each
            made.append(task)
    return made


@dataclass(frozen=True)
class ChecklistItem:
    task: RemedyTask
    overdue: bool


@dataclass(frozen=True)
class BarrierChecklist:
    label: str
    items: list[ChecklistItem]


def checklist(round_: Round, today: datetime.date) -> list[BarrierChecklist]:
    """The round's items grouped by barrier, in the report's order of the barriers; one query."""
    tasks = list(round_.remedy_tasks.select_related("owner"))
    return [
        BarrierChecklist(str(label), [ChecklistItem(t, t.is_overdue(today)) for t in tasks if t.barrier == key])
        for key, label in BARRIERS.items()
        if any(t.barrier == key for t in tasks)
    ]


def remedies_owned(actor):
    """The remedies ``actor`` owns that are not done, by deadline (overdue first, none last)."""
    return (
        RemedyTask.objects.for_org(actor.organisation)
        .filter(owner=actor.user, done_on__isnull=True)
        .select_related("round")
        .order_by(F("deadline").asc(nulls_last=True), "pk")  # the overdue have the earliest deadlines
    )


@dataclass(frozen=True)
class ChecklistState:
    round_id: int
    title: str
    total: int
    done: int
    overdue: int
    #: Not done, and still without an owner or a deadline.
    unassigned: int


def checklists_open(organisation, today: datetime.date) -> list[ChecklistState]:
    """Each checklist with a remedy not done yet, newest round first, with how far it has come; one query."""
    rows = (
        RemedyTask.objects.for_org(organisation)
        .values("round_id", "round__title", "round__closes_on")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(done_on__isnull=False)),
            overdue=Count("pk", filter=Q(done_on__isnull=True, deadline__lt=today)),
            unassigned=Count("pk", filter=Q(done_on__isnull=True) & (Q(owner__isnull=True) | Q(deadline__isnull=True))),
        )
        .order_by("-round__closes_on", "round_id")
    )
    return [
        ChecklistState(
            row["round_id"], row["round__title"], row["total"], row["done"], row["overdue"], row["unassigned"]
        )
        for row in rows
        if row["done"] < row["total"]
    ]
