"""Involvement and "you said, we did": who was left out, who may speak, and answering input.

"Involved" means taking part in an activity held before the solution was chosen (in Konsept or
Planlegge). When an initiative steps from planning into execution without the leaders of all its
affected units and union representatives involved, the step is allowed and an
``InvolvementWarning`` is recorded with the phase change (``record_warning``, a receiver of the
``PhaseChange`` save, so every path that changes a phase records it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.validation import create_valid, save_valid
from organisations.actor import Actor
from organisations.models import OrgUnit
from portfolio.models import AffectedUnit, Initiative, Phase, PhaseChange
from portfolio.permissions import can_edit_initiative
from portfolio.services.overview import own_unit_and_above
from portfolio.services.phases import CLOSED

from ..models import InputItem, InvolvementActivity, InvolvementWarning
from ..models.involvement import BEFORE_CHOICE

# Who was left out: the one place that decides it. Everything below builds on these two.


def _leader_involved() -> Exists:
    """For an ``AffectedUnit`` row: its unit's leader took part in an activity before the choice."""
    return Exists(
        InvolvementActivity.objects.filter(
            initiative=OuterRef("initiative"), phase__in=BEFORE_CHOICE, leader_units=OuterRef("unit")
        )
    )


def _union_involved() -> Exists:
    """For an ``Initiative`` row: union representatives took part in an activity before the choice."""
    return Exists(
        InvolvementActivity.objects.filter(
            initiative=OuterRef("pk"), phase__in=BEFORE_CHOICE, union_representatives=True
        )
    )


def units_left_out(affected: QuerySet[AffectedUnit]) -> QuerySet[AffectedUnit]:
    """The affected units among ``affected`` whose leader was not involved before the choice."""
    return affected.exclude(_leader_involved())


def with_gaps(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """``initiatives`` annotated with ``leaders_left_out`` and ``union_left_out``."""
    left_out = AffectedUnit.objects.filter(initiative=OuterRef("pk")).exclude(_leader_involved())
    return initiatives.annotate(leaders_left_out=Exists(left_out), union_left_out=~_union_involved())


@dataclass(frozen=True)
class InvolvementGap:
    units: list[OrgUnit]  # affected units whose leader was not involved
    union_left_out: bool

    def __bool__(self) -> bool:
        return bool(self.units) or self.union_left_out


def involvement_gap(initiative: Initiative) -> InvolvementGap:
    """Who had not been involved before the solution was chosen (two queries)."""
    units = [a.unit for a in units_left_out(initiative.affected_units.select_related("unit")).order_by("unit__name")]
    scoped = Initiative.objects.for_org(initiative.organisation_id).filter(pk=initiative.pk)
    union = with_gaps(scoped).filter(union_left_out=True).exists()
    return InvolvementGap(units, union)


@receiver(post_save, sender=PhaseChange, dispatch_uid="people.record_involvement_warning")
def record_warning(sender, instance: PhaseChange, created: bool, **kwargs) -> None:
    """A step from planning into execution records who was left out, inside the same transaction."""
    if not created or instance.from_phase != Phase.PLANNING or instance.to_phase != Phase.EXECUTION:
        return
    gap = involvement_gap(instance.initiative)
    if gap:
        warning = create_valid(
            InvolvementWarning,
            initiative=instance.initiative,
            phase_change=instance,
            union_left_out=gap.union_left_out,
        )
        warning.units_left_out.add(*gap.units)


def open_activities(initiative: Initiative) -> QuerySet[InvolvementActivity]:
    """Activities that take input now, for the employees' information page."""
    if initiative.phase in CLOSED:
        return initiative.involvement_activities.none()
    return initiative.involvement_activities.filter(open_for_input=True).order_by("-held_on", "-pk")


def recorded_warnings(initiative: Initiative) -> list[InvolvementWarning]:
    """The warnings recorded at the initiative's steps into execution, newest first."""
    return list(
        initiative.involvement_warnings.select_related("phase_change")
        .prefetch_related("units_left_out")
        .order_by("-phase_change__changed_on", "-pk")
    )


# What the start-page panels list.


def initiatives_with_gaps(organisation) -> QuerySet[Initiative]:
    """Initiatives being executed that chose their solution without someone who should have been involved."""
    return (
        with_gaps(Initiative.objects.for_org(organisation).filter(phase=Phase.EXECUTION))
        .filter(Q(leaders_left_out=True) | Q(union_left_out=True))
        .order_by("name", "pk")
    )


def my_units_left_out(actor: Actor) -> QuerySet[AffectedUnit]:
    """Units the person leads that an initiative in execution did not involve before its choice."""
    return (
        units_left_out(
            AffectedUnit.objects.for_org(actor.organisation).filter(
                unit_id__in=actor.led_unit_ids, initiative__phase=Phase.EXECUTION
            )
        )
        .select_related("initiative", "unit")
        .order_by("initiative__name", "unit__name", "pk")
    )


# Who may speak, and as whom.


@dataclass(frozen=True)
class Speaker:
    """How a person may give input to an initiative: the groups they speak for and the units."""

    voices: tuple[str, ...]
    unit_ids: frozenset[int]


def speaker(actor: Actor, initiative: Initiative) -> Speaker:
    """The project notes input from anyone; employees and leaders of an affected unit speak for
    it; union representatives speak for the affected units their role covers."""
    # Read through the related manager, so a page that prefetched the affected units asks no more.
    affected = {a.unit_id for a in initiative.affected_units.all()}
    if can_edit_initiative(actor, initiative):
        return Speaker(tuple(InputItem.Voice.values), frozenset(affected))
    voices: list[str] = []
    units: set[int] = set()
    union_units = actor.union_unit_ids & affected
    if union_units:
        voices.append(InputItem.Voice.UNION)
        units |= union_units
    led = actor.led_unit_ids & affected
    if led:
        voices.append(InputItem.Voice.UNIT_LEADER)
        units |= led
    own = set(own_unit_and_above(actor)) & affected
    if own:
        voices.append(InputItem.Voice.EMPLOYEE)
        units |= own
    return Speaker(tuple(voices), frozenset(units))


def may_give_input(actor: Actor, activity: InvolvementActivity) -> bool:
    initiative = activity.initiative
    return activity.open_for_input and initiative.phase not in CLOSED and bool(speaker(actor, initiative).voices)


# Changing things.


@transaction.atomic
def give_input(activity: InvolvementActivity, *, by, text: str, voice: str, unit, signed: bool, on: datetime.date):
    return create_valid(
        InputItem,
        activity=activity,
        author=by,
        text=text,
        voice=voice,
        unit=unit,
        signed=signed and voice != InputItem.Voice.UNION,
        given_on=on,
    )


def answer(item: InputItem, *, response: str, reason: str, on: datetime.date) -> InputItem:
    item.response = response
    item.reason = reason
    item.answered_on = None if response == InputItem.Response.OPEN else on
    save_valid(item)
    return item


@dataclass(frozen=True)
class ActivityWithInput:
    activity: InvolvementActivity
    items: list[InputItem]
    may_give_input: bool


def you_said_we_did(actor: Actor, initiative: Initiative) -> list[ActivityWithInput]:
    """Every activity of the initiative with its input and answers, newest first (four queries)."""
    activities = (
        initiative.involvement_activities.prefetch_related("leader_units", "employee_units", "items__unit")
        .select_related("initiative")
        .order_by("-held_on", "-id")
    )
    voices = speaker(actor, initiative).voices if initiative.phase not in CLOSED else ()
    return [ActivityWithInput(a, list(a.items.all()), a.open_for_input and bool(voices)) for a in activities]
