"""The people side of one initiative at a glance, per affected unit, for its project leader.

For each affected unit: how many competence needs it has, how far its training for go-live has
come (and whether it is behind), its change-agent coverage, how complete the information to its
employees is, and whether its leader was involved before the solution was chosen. Everything is
read in a fixed number of queries, however many units the initiative affects.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from portfolio.models import AffectedUnit, Initiative, Phase

from ..models import ChangeAgent, CompetenceRequirement
from ..models.involvement import BEFORE_CHOICE
from .agents import Coverage, coverage_of
from .information import InformationPage, page_of
from .involvement import InvolvementGap, involvement_gap
from .training import Readiness, readiness, readiness_settings, with_training_progress


@dataclass(frozen=True)
class UnitPeopleSummary:
    affected: AffectedUnit
    needs: int  # competence needs stated for the unit
    training: Readiness
    agents: Coverage
    information: InformationPage
    leader_left_out: bool  # its leader took part in no activity before the solution was chosen
    before_choice: bool  # the initiative has not chosen its solution yet

    @property
    def information_missing(self) -> int:
        return self.information.total - self.information.filled

    @property
    def involvement(self) -> str:
        """involved; not_yet (there is still time before the choice); left_out (chosen without them)."""
        if not self.leader_left_out:
            return "involved"
        return "not_yet" if self.before_choice else "left_out"


@dataclass(frozen=True)
class PeopleSummary:
    units: list[UnitPeopleSummary]
    gap: InvolvementGap  # who was not involved before the solution was chosen
    before_choice: bool  # still time to involve those missing
    chosen_without: bool  # in execution, chosen without them: the warning


def _needs_count() -> Coalesce:
    """For an ``AffectedUnit`` row: its competence needs, counted apart from the training sums."""
    needs = (
        CompetenceRequirement.objects.filter(affected_unit=OuterRef("pk"))
        .values("affected_unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(needs, output_field=IntegerField()), 0)


def initiative_people_summary(initiative: Initiative, today: datetime.date) -> PeopleSummary:
    """Every affected unit of ``initiative`` with its people-side figures (five queries)."""
    settings = readiness_settings(initiative.organisation)
    units = list(
        with_training_progress(initiative.affected_units.select_related("unit", "information"))
        .annotate(needs=_needs_count())
        .order_by("change_from", "unit__name", "pk")
    )
    agents = ChangeAgent.objects.filter(initiative=initiative).only("affected_unit", "shift")
    coverage = coverage_of(units, agents, settings)
    gap = involvement_gap(initiative)
    left_out = {unit.pk for unit in gap.units}
    before_choice = initiative.phase in BEFORE_CHOICE
    return PeopleSummary(
        units=[
            UnitPeopleSummary(
                affected=affected,
                needs=affected.needs,
                training=readiness(affected, settings, today),
                agents=agents_in_unit,
                information=page_of(affected),
                leader_left_out=affected.unit_id in left_out,
                before_choice=before_choice,
            )
            for affected, agents_in_unit in zip(units, coverage, strict=True)
        ],
        gap=gap,
        before_choice=before_choice,
        chosen_without=initiative.phase == Phase.EXECUTION,
    )
