"""What the latest surveys said in a unit, for its page: released figures only, for the group that
holds the unit's answers (its own, or the unit above it that small units were merged into)."""

from __future__ import annotations

from dataclasses import dataclass

from organisations.models import OrgUnit

from ..models import ReleasedCell, Round, SurveyTemplate
from ..topics import BARRIER_POINT_AT_OR_BELOW, TOPICS

#: The kinds a unit page shows: how ready the staff are for a change, and whether they use it after.
SHOWN_KINDS = (SurveyTemplate.Kind.READINESS, SurveyTemplate.Kind.ADOPTION)


@dataclass(frozen=True)
class TopicFigure:
    label: str
    mean: float
    count: int

    @property
    def holds_back(self) -> bool:
        return self.mean <= BARRIER_POINT_AT_OR_BELOW


@dataclass(frozen=True)
class UnitSurvey:
    round: Round
    group: str  # the unit whose group holds this unit's answers
    topics: list[TopicFigure]

    @property
    def barrier_point(self) -> TopicFigure | None:
        """For change readiness: the first stage scoring 3 or lower."""
        if self.round.template.kind != SurveyTemplate.Kind.READINESS:
            return None
        return next((topic for topic in self.topics if topic.holds_back), None)


def latest_for_unit(unit: OrgUnit) -> list[UnitSurvey]:
    """The latest closed round of each shown kind that asked ``unit``, with its group's released topic
    figures; a round where the unit's answers are in no released group is left out. Three queries."""
    rounds = (
        Round.objects.for_org(unit.organisation)
        .filter(state=Round.State.CLOSED, template__kind__in=SHOWN_KINDS, round_units__unit=unit)
        .select_related("template")
        .order_by("-closes_on", "-pk")
    )
    latest: dict[str, Round] = {}
    for round_ in rounds:
        latest.setdefault(round_.template.kind, round_)
    if not latest:
        return []
    cells = ReleasedCell.objects.filter(
        round__in=list(latest.values()), kind=ReleasedCell.Kind.TOPIC, mean__isnull=False
    ).select_related("round_unit")
    figures: dict[int, dict[int, list[ReleasedCell]]] = {}
    for cell in cells.exclude(round_unit=None):
        figures.setdefault(cell.round_id, {}).setdefault(cell.round_unit_id, []).append(cell)
    found = []
    for kind in SHOWN_KINDS:
        round_ = latest.get(kind)
        if round_ is None:
            continue
        holder = _holder(round_, unit, figures.get(round_.pk, {}))
        if holder is None:
            continue
        order = list(TOPICS.get(kind, {}))
        held = sorted(figures[round_.pk][holder.pk], key=lambda c: order.index(c.topic) if c.topic in order else 99)
        labels = TOPICS.get(kind, {})
        topics = [TopicFigure(str(labels.get(c.topic, c.topic)), c.mean, c.count) for c in held]
        found.append(UnitSurvey(round_, holder.name, topics))
    return found


def _holder(round_: Round, unit: OrgUnit, released: dict):
    """The round unit whose released group holds ``unit``'s answers, walking up the tree as it was."""
    round_units = {ru.pk: ru for ru in round_.round_units.all()}
    current = next((ru for ru in round_units.values() if ru.unit_id == unit.pk), None)
    while current is not None and current.pk not in released:
        current = round_units.get(current.parent_id)
    return current
