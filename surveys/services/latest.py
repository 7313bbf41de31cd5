"""The latest readiness and adoption the staff reported, for the initiative's page and the start page.

Released figures only (``ReleasedCell``), never the answers. Who sees which groups follows the
results page: everyone who may see a round sees the whole organisation's figures, the portfolio
office and top management every group, a unit leader the groups of the units they lead. The topic
figures, the barrier point and the walk to the group holding a unit's answers are the unit page's
(``unit_results``). Each function runs a fixed number of queries, whatever the number of rounds,
units and cells.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from benefits.services.followup import add_months
from core.permissions import can
from organisations.actor import Actor
from organisations.models import Organisation, Role
from portfolio.models import AffectedUnit, Initiative
from portfolio.services.overview import coming_changes
from portfolio.services.phases import CLOSED

from ..models import Choice, Question, ReleasedCell, Round, RoundUnit, SurveyTemplate
from ..remedies import READINESS_REMEDIES
from .adoption import ADOPTED_AT_OR_BELOW, IN_USE
from .unit_results import TopicFigure, barrier_point, holding_group, topic_figures

READINESS, ADOPTION = SurveyTemplate.Kind.READINESS, SurveyTemplate.Kind.ADOPTION
#: The adoption topic whose choices say what stops people.
OBSTACLES = "obstacles"
OBSTACLES_SHOWN = 3
#: A barrier point matters most when the change goes live within this many months.
URGENT_WITHIN_MONTHS = 3


def visible_groups(actor: Actor) -> frozenset[int] | None:
    """The units whose groups ``actor`` sees in results: None for all (as the results page decides)."""
    return None if can(actor, "surveys.view_all_groups") else actor.led_unit_ids


def _latest_per(rounds, key) -> dict:
    """The first round per ``key(round)`` of rounds ordered newest first within each key."""
    latest: dict = {}
    for round_ in rounds:
        latest.setdefault(key(round_), round_)
    return latest


def _newest_first(rounds):
    return rounds.filter(state=Round.State.CLOSED).order_by("-closes_on", "-pk")


# The initiative's page


@dataclass(frozen=True)
class GroupLatest:
    """A released group of a round: the whole organisation (``name`` says so) or a unit with those merged into it."""

    name: str
    covers: list[str]
    rate: ReleasedCell
    topics: list[TopicFigure]
    barrier_point: TopicFigure | None
    in_use: TopicFigure | None

    @property
    def first_remedy(self) -> str:
        return str(READINESS_REMEDIES[self.barrier_point.key][0]) if self.barrier_point else ""


@dataclass(frozen=True)
class RoundLatest:
    round: Round
    groups: list[GroupLatest]
    #: The whole organisation's most chosen obstacles (adoption): (choice, people), most chosen first.
    obstacles: list[tuple[str, int]]

    @property
    def is_adoption(self) -> bool:
        return self.round.template.kind == ADOPTION


@dataclass(frozen=True)
class InitiativeSurveys:
    readiness: RoundLatest | None
    adoption: RoundLatest | None

    @property
    def rounds(self) -> list[RoundLatest]:
        return [latest for latest in (self.readiness, self.adoption) if latest is not None]


def latest_about_initiative(initiative: Initiative, visible_unit_ids: frozenset[int] | None) -> InitiativeSurveys:
    """The latest closed readiness and adoption rounds about ``initiative`` with the released groups
    of ``visible_unit_ids`` (None: every group) and the whole organisation. Three queries at most."""
    rounds = Round.objects.for_org(initiative.organisation).filter(
        initiative=initiative, template__kind__in=[READINESS, ADOPTION]
    )
    latest = _latest_per(_newest_first(rounds).select_related("template"), lambda r: r.template.kind)
    if not latest:
        return InitiativeSurveys(None, None)
    obstacle_questions = Q(
        kind=ReleasedCell.Kind.QUESTION,
        round_unit=None,
        question__topic=OBSTACLES,
        question__kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE],
    )
    cells = list(
        ReleasedCell.objects.filter(
            Q(kind__in=[ReleasedCell.Kind.RATE, ReleasedCell.Kind.TOPIC]) | obstacle_questions,
            round__in=list(latest.values()),
        ).select_related("round_unit")
    )
    by_round: dict[int, list[ReleasedCell]] = defaultdict(list)
    for cell in cells:
        by_round[cell.round_id].append(cell)
    asked = [c.question_id for c in cells if c.kind == ReleasedCell.Kind.QUESTION]
    choices = list(Choice.objects.filter(question_id__in=asked).order_by("order")) if asked else []
    found = {
        kind: _round_latest(round_, by_round[round_.pk], choices, visible_unit_ids) for kind, round_ in latest.items()
    }
    return InitiativeSurveys(found.get(READINESS), found.get(ADOPTION))


def _round_latest(
    round_: Round, cells: list[ReleasedCell], choices: list[Choice], visible_unit_ids: frozenset[int] | None
) -> RoundLatest:
    kind = round_.template.kind
    topics: dict[int | None, list[ReleasedCell]] = defaultdict(list)
    for cell in cells:
        if cell.kind == ReleasedCell.Kind.TOPIC and cell.mean is not None:
            topics[cell.round_unit_id].append(cell)
    rates = sorted(
        (c for c in cells if c.kind == ReleasedCell.Kind.RATE),
        key=lambda c: (c.round_unit_id is not None, c.round_unit.name if c.round_unit else ""),
    )
    groups = []
    for rate in rates:
        unit = rate.round_unit
        if unit is not None and visible_unit_ids is not None and unit.unit_id not in visible_unit_ids:
            continue
        figures = topic_figures(kind, topics[rate.round_unit_id])
        groups.append(
            GroupLatest(
                name=unit.name if unit else _("Whole organisation"),
                covers=rate.covers,
                rate=rate,
                topics=figures,
                barrier_point=barrier_point(kind, figures),
                in_use=next((topic for topic in figures if topic.key == IN_USE), None),
            )
        )
    return RoundLatest(round_, groups, _obstacles(cells, choices))


def _obstacles(cells: list[ReleasedCell], choices: list[Choice]) -> list[tuple[str, int]]:
    picked = []
    for cell in cells:
        if cell.kind == ReleasedCell.Kind.QUESTION:
            for choice in choices:
                if choice.question_id == cell.question_id and cell.choices.get(str(choice.pk)):
                    picked.append((choice.text(), cell.choices[str(choice.pk)]))
    return sorted(picked, key=lambda item: -item[1])[:OBSTACLES_SHOWN]


# The start page: a unit leader's groups before go-live


@dataclass(frozen=True)
class UnitReadiness:
    affected: AffectedUnit
    round: Round
    group: str
    barrier_point: TopicFigure | None

    def urgent(self, today: datetime.date) -> bool:
        """A stage holds the group back and the change goes live within the next months."""
        go_live = self.affected.change_from
        return self.barrier_point is not None and today <= go_live <= add_months(today, URGENT_WITHIN_MONTHS)


def readiness_in_led_units(actor: Actor, today: datetime.date) -> list[UnitReadiness]:
    """Changes still coming to the units ``actor`` leads, each with the released readiness of its group
    (a group of a unit they lead) in the latest closed readiness round about the initiative. Four queries."""
    led = actor.led_unit_ids
    changes = list(coming_changes(actor, led, today))
    if not changes:
        return []
    rounds = Round.objects.for_org(actor.organisation).filter(
        template__kind=READINESS, initiative_id__in={c.initiative_id for c in changes}
    )
    latest = _latest_per(_newest_first(rounds).select_related("template"), lambda r: r.initiative_id)
    if not latest:
        return []
    units: dict[int, dict[int, RoundUnit]] = defaultdict(dict)
    for round_unit in RoundUnit.objects.filter(round__in=list(latest.values())):
        units[round_unit.round_id][round_unit.pk] = round_unit
    released: dict[int, dict[int, list[ReleasedCell]]] = defaultdict(lambda: defaultdict(list))
    cells = ReleasedCell.objects.filter(round__in=list(latest.values()), kind=ReleasedCell.Kind.TOPIC)
    for cell in cells.filter(mean__isnull=False).exclude(round_unit=None):
        released[cell.round_id][cell.round_unit_id].append(cell)
    found = []
    for change in changes:
        round_ = latest.get(change.initiative_id)
        if round_ is None:
            continue
        holder = holding_group(units[round_.pk], change.unit_id, released[round_.pk])
        if holder is None or holder.unit_id not in led:
            continue  # merged into a group above the units they lead: that group is not theirs to see
        figures = topic_figures(READINESS, released[round_.pk][holder.pk])
        found.append(UnitReadiness(change, round_, holder.name, barrier_point(READINESS, figures)))
    return found


# The start page: top management's and the portfolio office's view across initiatives


@dataclass(frozen=True)
class HeldBack:
    round: Round
    barrier_point: TopicFigure


def readiness_held_back(organisation: Organisation) -> list[HeldBack]:
    """Open initiatives whose latest closed readiness round has a barrier point for the whole
    organisation, the lowest first. Two queries."""
    rounds = (
        Round.objects.for_org(organisation)
        .filter(template__kind=READINESS)
        .exclude(initiative=None)
        .exclude(initiative__phase__in=CLOSED)
    )
    latest = _latest_per(_newest_first(rounds).select_related("initiative"), lambda r: r.initiative_id)
    if not latest:
        return []
    whole: dict[int, list[ReleasedCell]] = defaultdict(list)
    cells = ReleasedCell.objects.filter(round__in=list(latest.values()), kind=ReleasedCell.Kind.TOPIC)
    for cell in cells.filter(round_unit=None, mean__isnull=False):
        whole[cell.round_id].append(cell)
    found = [
        HeldBack(round_, point)
        for round_ in latest.values()
        if (point := barrier_point(READINESS, topic_figures(READINESS, whole[round_.pk]))) is not None
    ]
    return sorted(found, key=lambda item: (item.barrier_point.mean, item.round.initiative.name))


# The start page: adoption after go-live


@dataclass(frozen=True)
class LowAdoption:
    round: Round
    group: str
    mean: float


def low_adoption(actor: Actor) -> list[LowAdoption]:
    """Initiatives whose latest closed adoption round released "working the new way" at or below the
    threshold the benefits are warned at, for a group ``actor`` sees (the lowest of them). The
    portfolio office and top management see every initiative, others those they own or lead. Two queries."""
    rounds = Round.objects.for_org(actor.organisation).filter(template__kind=ADOPTION).exclude(initiative=None)
    if not can(actor, "surveys.view_all_groups"):
        runs = [Role.PROJECT_OWNER, Role.PROJECT_LEADER]
        scoped = [a.initiative_id for a in actor.assignments if a.role in runs and a.initiative_id]
        user = actor.user.pk
        rounds = rounds.filter(
            Q(initiative__project_owner=user) | Q(initiative__project_leader=user) | Q(initiative_id__in=scoped)
        )
    latest = _latest_per(_newest_first(rounds).select_related("initiative"), lambda r: r.initiative_id)
    if not latest:
        return []
    visible = visible_groups(actor)
    lowest: dict[int, ReleasedCell] = {}
    cells = ReleasedCell.objects.filter(
        round__in=list(latest.values()), kind=ReleasedCell.Kind.TOPIC, topic=IN_USE, mean__isnull=False
    )
    for cell in cells.select_related("round_unit"):
        unit = cell.round_unit
        if unit is not None and visible is not None and unit.unit_id not in visible:
            continue
        if cell.round_id not in lowest or cell.mean < lowest[cell.round_id].mean:
            lowest[cell.round_id] = cell
    found = [
        LowAdoption(round_, cell.round_unit.name if cell.round_unit else _("Whole organisation"), cell.mean)
        for round_ in latest.values()
        if (cell := lowest.get(round_.pk)) is not None and cell.mean <= ADOPTED_AT_OR_BELOW
    ]
    return sorted(found, key=lambda item: (item.mean, item.round.initiative.name))
