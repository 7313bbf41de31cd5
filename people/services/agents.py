"""Change agents: coverage per affected unit (and per shift in 24/7 units), gaps, and whom to ask.

Coverage is agents ÷ affected employees against the organisation's target of one agent per
``employees_per_agent`` employees (default 15): a unit needs ⌈employees ÷ target⌉ agents. A unit
that works around the clock needs them on every shift: each of day, evening and night needs
⌈employees ÷ (3 × target)⌉, since colleagues ask whoever is at work with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from organisations.actor import Actor
from organisations.models import Organisation
from portfolio.models import AffectedUnit, Initiative
from portfolio.services.overview import own_unit_and_above
from portfolio.services.phases import CLOSED

from ..models import ChangeAgent, ReadinessSettings
from ..models.agents import Shift
from .training import readiness_settings

SHIFTS = len(Shift)


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class ShiftCoverage:
    shift: Shift
    agents: int
    required: int

    @property
    def gap(self) -> int:
        return max(0, self.required - self.agents)


@dataclass(frozen=True)
class Coverage:
    affected: AffectedUnit
    agents: list[ChangeAgent]
    employees_per_agent: int
    required: int
    shifts: list[ShiftCoverage]  # only for units with 24/7 shifts

    @property
    def gap(self) -> int:
        """Agents still missing: per shift in 24/7 units, else for the unit as a whole."""
        if self.shifts:
            return sum(s.gap for s in self.shifts)
        return max(0, self.required - len(self.agents))

    @property
    def needed(self) -> int:
        """Agents needed in all: the sum over the shifts in 24/7 units, else the unit's number."""
        return sum(s.required for s in self.shifts) if self.shifts else self.required

    @property
    def employees_per_agent_now(self) -> int | None:
        """Affected employees per agent today, rounded up; None without agents."""
        return ceil_div(self.affected.employees_affected, len(self.agents)) if self.agents else None


def coverage(affected: AffectedUnit, agents: list[ChangeAgent], settings: ReadinessSettings) -> Coverage:
    """``affected`` with ``unit`` loaded; ``agents`` are those appointed in it."""
    per_agent = settings.employees_per_agent
    employees = affected.employees_affected
    shifts = []
    if affected.unit.runs_24_7:
        per_shift = ceil_div(employees, SHIFTS * per_agent)
        shifts = [ShiftCoverage(s, sum(1 for a in agents if a.shift == s), per_shift) for s in Shift]
    return Coverage(affected, agents, per_agent, ceil_div(employees, per_agent), shifts)


def coverage_of(affected_units: Iterable[AffectedUnit], agents: Iterable[ChangeAgent], settings) -> list[Coverage]:
    by_unit: dict[int, list[ChangeAgent]] = {}
    for agent in agents:
        by_unit.setdefault(agent.affected_unit_id, []).append(agent)
    return [coverage(affected, by_unit.get(affected.pk, []), settings) for affected in affected_units]


def initiative_coverage(initiative: Initiative, settings: ReadinessSettings) -> list[Coverage]:
    """Coverage of every affected unit of ``initiative``, with its agents."""
    agents = ChangeAgent.objects.filter(initiative=initiative).select_related("person")
    return coverage_of(initiative.affected_units.select_related("unit"), agents, settings)


def agent_coverage_gaps_in_units(organisation: Organisation, unit_ids: Iterable[int]) -> list[Coverage]:
    """For a unit page: the open initiatives' affected units among ``unit_ids`` short of agents."""
    affected = (
        AffectedUnit.objects.for_org(organisation)
        .filter(unit_id__in=list(unit_ids))
        .exclude(initiative__phase__in=CLOSED)
        .select_related("unit", "initiative")
        .order_by("change_from", "pk")
    )
    agents = ChangeAgent.objects.for_org(organisation).filter(affected_unit__in=affected).select_related("person")
    return [c for c in coverage_of(affected, agents, readiness_settings(organisation)) if c.gap]


def whom_to_ask(actor: Actor) -> QuerySet[ChangeAgent]:
    """The agents of open initiatives in the person's own unit and the units above it."""
    return (
        ChangeAgent.objects.for_org(actor.organisation)
        .filter(affected_unit__unit_id__in=own_unit_and_above(actor))
        .exclude(initiative__phase__in=CLOSED)
        .select_related("person", "initiative", "affected_unit__unit")
        .order_by("initiative__name", "shift", "person__first_name", "pk")
    )
