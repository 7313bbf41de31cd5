"""Digital maturity results: each area's level now and the target, the gap, and progress by round.

Read only from released cells (``surveys.services.figures``): an area's level is the mean of the
levels the management group picked, where a level is the picked choice's ``order`` (1–5) and a
single-choice cell holds {choice id: how many picked it}. A level not released (fewer answers than
the round's minimum) stays None and is said in words. Progress reads the whole organisation's
cells of every closed round of the template in one query (and their choices in one more), however
many rounds there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import Choice, Question, ReleasedCell, Round, SurveyTemplate
from ..topics import MATURITY_AREAS
from .figures import RoundResults


@dataclass(frozen=True)
class Level:
    mean: float  # 1–5
    count: int  # people behind it
    description: str  # the level described closest to the mean


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    now: Level | None  # None: not released
    target: Level | None

    @property
    def levels(self) -> tuple[Level | None, Level | None]:
        return self.now, self.target

    @property
    def gap(self) -> float | None:
        return self.target.mean - self.now.mean if self.now and self.target else None


@dataclass(frozen=True)
class Progress:
    """The whole organisation's level now per area (``levels[area][i]`` for ``rounds[i]``), oldest first."""

    rounds: list[Round]
    levels: dict[str, list[float | None]]

    def rows(self) -> list[tuple[str, list[float | None]]]:
        return [(str(MATURITY_AREAS[key]), means) for key, means in self.levels.items()]


@dataclass(frozen=True)
class MaturityResults:
    target_year: int | None
    minimum: int
    areas: list[Area]
    progress: Progress

    @property
    def chart_label(self) -> str:
        if self.target_year:
            return _("Digital maturity per area: the level now and the target for %(year)s, 1 to 5") % {
                "year": self.target_year
            }
        return _("Digital maturity per area: the level now and the target, 1 to 5")


def maturity_results(results: RoundResults) -> MaturityResults | None:
    """The maturity figures of a closed round (None for any other kind of survey)."""
    round = results.round
    if round.template.kind != SurveyTemplate.Kind.MATURITY:
        return None
    levels: dict[tuple[str, str], Level] = {}
    for figures in results.questions:
        question, cell = figures.question, figures.cell
        if question.measure and question.topic in MATURITY_AREAS and cell is not None:
            level = _level(cell, list(question.choices.all()))
            if level is not None:
                levels.setdefault((question.topic, question.measure), level)
    asked = {q.question.topic for q in results.questions if q.question.measure}
    areas = [
        Area(key, str(name), levels.get((key, Question.Measure.NOW)), levels.get((key, Question.Measure.TARGET)))
        for key, name in MATURITY_AREAS.items()
        if key in asked
    ]
    return MaturityResults(round.target_year, results.minimum, areas, progress(round, [a.key for a in areas]))


def progress(round: Round, areas: list[str]) -> Progress:
    """Each area's level now in every closed round of ``round``'s template up to it, oldest first."""
    cells = (
        ReleasedCell.objects.for_org(round.organisation)
        .filter(
            Q(kind=ReleasedCell.Kind.RATE) | Q(kind=ReleasedCell.Kind.QUESTION, question__measure=Question.Measure.NOW),
            round__template=round.template,
            round__state=Round.State.CLOSED,
            round__closes_on__lte=round.closes_on,
            round_unit__isnull=True,
        )
        .select_related("round", "question")
        .order_by("round__closes_on", "round__pk")
    )
    cells = list(cells)
    choices: dict[int, list[Choice]] = {}
    question_ids = {cell.question_id for cell in cells if cell.question_id}
    for choice in Choice.objects.for_org(round.organisation).filter(question_id__in=question_ids):
        choices.setdefault(choice.question_id, []).append(choice)

    rounds = list({cell.round_id: cell.round for cell in cells}.values())
    column = {r.pk: i for i, r in enumerate(rounds)}
    levels: dict[str, list[float | None]] = {key: [None] * len(rounds) for key in areas}
    for cell in cells:
        if cell.question_id and cell.topic in levels:
            level = _level(cell, choices.get(cell.question_id, []))
            if level is not None and levels[cell.topic][column[cell.round_id]] is None:
                levels[cell.topic][column[cell.round_id]] = level.mean
    return Progress(rounds, levels)


def _level(cell: ReleasedCell, choices: list[Choice]) -> Level | None:
    """The mean level of a single-choice cell and the level described closest to it."""
    order = {str(choice.pk): choice.order for choice in choices}
    picked = [(order[pk], n) for pk, n in cell.choices.items() if pk in order and n]
    people = sum(n for _, n in picked)
    if not people:
        return None
    mean = sum(level * n for level, n in picked) / people
    # Ties go to the higher level: 2,5 is described as level 3.
    closest = min(choices, key=lambda choice: (abs(choice.order - mean), -choice.order))
    return Level(mean, people, closest.text())
