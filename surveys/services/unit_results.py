"""What the latest surveys said in a unit, for its page: released figures only, for the group that
holds the unit's answers (its own, or the unit above it that small units were merged into).

The pieces shared with the initiative's page and the start-page panels (``latest.py``) live here:
a group's topic figures in the order results show them, the barrier point, and the walk up the
round's unit tree to the group holding a unit's answers."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass

from organisations.models import OrgUnit

from ..models import ReleasedCell, Round, RoundUnit, SurveyTemplate
from ..topics import BARRIER_POINT_AT_OR_BELOW, READINESS_STAGES, TOPICS

#: The kinds a unit page shows: how ready the staff are for a change, and whether they use it after.
SHOWN_KINDS = (SurveyTemplate.Kind.READINESS, SurveyTemplate.Kind.ADOPTION)


@dataclass(frozen=True)
class TopicFigure:
    key: str
    label: str
    mean: float
    count: int

    @property
    def holds_back(self) -> bool:
        return self.mean <= BARRIER_POINT_AT_OR_BELOW


def topic_figures(kind: str, cells: Iterable[ReleasedCell]) -> list[TopicFigure]:
    """A group's released topic cells (with a mean) as figures, in the order results show the topics."""
    labels = TOPICS.get(kind, {})
    order = list(labels)
    held = sorted(cells, key=lambda c: order.index(c.topic) if c.topic in order else len(order))
    return [TopicFigure(c.topic, str(labels.get(c.topic, c.topic)), c.mean, c.count) for c in held]


def barrier_point(kind: str, topics: list[TopicFigure]) -> TopicFigure | None:
    """For change readiness: the first stage scoring 3 or lower (``topics`` in the stages' order)."""
    if kind != SurveyTemplate.Kind.READINESS:
        return None
    return next((topic for topic in topics if topic.key in READINESS_STAGES and topic.holds_back), None)


def holding_group(round_units: dict[int, RoundUnit], unit_id: int, released: Container[int]) -> RoundUnit | None:
    """The round unit (of ``round_units``, id → unit, one round's) whose released group holds the
    answers of ``unit_id``, walking up the tree as it was; ``released``: round units with figures."""
    current = next((ru for ru in round_units.values() if ru.unit_id == unit_id), None)
    while current is not None and current.pk not in released:
        current = round_units.get(current.parent_id)
    return current


@dataclass(frozen=True)
class UnitSurvey:
    round: Round
    group: str  # the unit whose group holds this unit's answers
    topics: list[TopicFigure]

    @property
    def barrier_point(self) -> TopicFigure | None:
        return barrier_point(self.round.template.kind, self.topics)


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
        released = figures.get(round_.pk, {})
        holder = holding_group({ru.pk: ru for ru in round_.round_units.all()}, unit.pk, released)
        if holder is None:
            continue
        found.append(UnitSurvey(round_, holder.name, topic_figures(kind, released[holder.pk])))
    return found
