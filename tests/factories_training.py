"""Rows of the people side's training and change-agent part for ``world``, made on first use.

They are created plainly (without writing the plan's cost into the economics), so sweeping their
URLs leaves the world's hand-entered training row in place for the other sweeps.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from people.models import ChangeAgent, TrainingActivity
from portfolio.models import AffectedUnit, Initiative

from .factories import World


def training_activity(world: World) -> TrainingActivity:
    if not hasattr(world, "training_activity"):
        world.training_activity = TrainingActivity.objects.create(
            initiative=world.initiative,
            affected_unit=world.affected,
            target_group="Sykepleiere",
            method="classroom",
            timing="before",
            hours_per_employee=6,
            employees=12,
        )
    return world.training_activity


def change_agent(world: World) -> ChangeAgent:
    if not hasattr(world, "change_agent"):
        world.change_agent = ChangeAgent.objects.create(
            initiative=world.initiative,
            affected_unit=world.affected,
            person=world.users["employee"],
            role="super_user",
            shift="night",
        )
    return world.change_agent


_numbers = itertools.count(1)


def _new_change(world: World, days_to_go_live: int) -> AffectedUnit:
    initiative = Initiative.objects.create(organisation=world.org, name=f"Endring {next(_numbers)}")
    return AffectedUnit.objects.create(
        initiative=initiative,
        unit=world.unit,
        employees_affected=10,
        change_from=timezone.localdate() + datetime.timedelta(days=days_to_go_live),
    )


def add_training_behind(world: World, count: int) -> None:
    """Changes to the unit leader's unit a week from go-live with 2 of 10 trained."""
    for _ in range(count):
        affected = _new_change(world, 7)
        TrainingActivity.objects.create(
            initiative=affected.initiative,
            affected_unit=affected,
            target_group="Alle",
            method="classroom",
            timing="before",
            hours_per_employee=3,
            employees=10,
            trained=2,
        )


def add_agents_in_the_unit(world: World, count: int) -> None:
    """Change agents for changes to the unit above the employee's department."""
    for _ in range(count):
        affected = _new_change(world, 30)
        ChangeAgent.objects.create(
            initiative=affected.initiative,
            affected_unit=affected,
            person=world.users["owner"],
            role="champion",
            shift="day",
        )
