"""A closed round's results as pages and exports show them, read only from the released cells.

Nothing here reads an answer: every figure was released when the round closed
(``surveys.services.release``). Four queries whatever the number of responses or units: the
round's questions and their choices, its released cells, and the organisation-level cells of every
closed round of the same template (the trends).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.anonymity import minimum_group_size
from core.formatting import format_number
from core.heatmap import Band, Cell, heatmap_svg

from ..models import Question, ReleasedCell, Round, RoundUnit, SurveyTemplate
from ..remedies import BARRIER_REMEDIES, READINESS_REMEDIES
from ..topics import BARRIER_POINT_AT_OR_BELOW, READINESS_STAGES, TOPICS

# Plain strings: comparing with the enum members costs more, thousands of times a page.
TOPIC, QUESTION = ReleasedCell.Kind.TOPIC.value, ReleasedCell.Kind.QUESTION.value


@dataclass(frozen=True)
class Column:
    key: str | int  # a topic, or a question id where the template has no topics
    label: str


@dataclass
class GroupRow:
    """A group's line: the whole organisation (``unit`` None), or a unit with those merged into it."""

    name: str
    rate: ReleasedCell
    covers: list[str]
    cells: list[ReleasedCell | None] = field(default_factory=list)
    #: Each question (not free text) with the group's cell, where it was released.
    questions: list[tuple[Question, ReleasedCell]] = field(default_factory=list)
    barrier_point: Column | None = None


@dataclass(frozen=True)
class QuestionFigures:
    question: Question
    cell: ReleasedCell | None  # the whole organisation's
    choices: list[tuple[str, int]]


@dataclass(frozen=True)
class Remedies:
    column: Column
    mean: float
    remedies: Sequence[str]


@dataclass(frozen=True)
class Trend:
    round: Round
    rate: ReleasedCell | None
    cells: list[ReleasedCell | None]


@dataclass
class RoundResults:
    round: Round
    minimum: int
    columns: list[Column]
    rows: list[GroupRow]
    questions: list[QuestionFigures]
    texts: list[ReleasedCell]
    trends: list[Trend]
    #: The whole organisation's barrier point (readiness) or barriers (middle managers), with remedies.
    remedies: list[Remedies]

    @property
    def organisation(self) -> GroupRow:
        return self.rows[0]


def closed_rounds_for(organisation, visible_unit_ids: frozenset[int] | None) -> list[Round]:
    """Closed rounds, newest first: all for None, else those that asked a unit in ``visible_unit_ids``."""
    rounds = Round.objects.for_org(organisation).filter(state=Round.State.CLOSED)
    if visible_unit_ids is not None:
        asked = RoundUnit.objects.for_org(organisation).filter(unit_id__in=visible_unit_ids)
        rounds = rounds.filter(pk__in=asked.values("round_id"))
    return list(rounds.select_related("template", "initiative").order_by("-closes_on", "title"))


def round_minimum(round: Round) -> int:
    return max(round.minimum_group, minimum_group_size(round.organisation))


def round_results(
    round: Round, visible_unit_ids: frozenset[int] | None, *, group_questions: bool = False
) -> RoundResults:
    """The released figures of ``round``: every group for None, else the organisation and the groups
    held by units in ``visible_unit_ids`` (every viewer sees the same groups, some see fewer).
    ``group_questions``: each group's figures per question too (the export; the page shows topics)."""
    asked = Question.objects.filter(template=round.template, version=round.version)
    questions = list(asked.prefetch_related("choices"))
    released = ReleasedCell.objects.filter(round=round).select_related("round_unit", "question")
    if not group_questions:
        released = released.exclude(kind=QUESTION, round_unit__isnull=False)
    cells = list(released)
    columns = _columns(round.template.kind, questions)
    by_place = {(c.round_unit_id, _column_key(c)): c for c in cells if c.kind != ReleasedCell.Kind.RATE}

    rates = sorted(
        (c for c in cells if c.kind == ReleasedCell.Kind.RATE),
        key=lambda c: (c.round_unit_id is not None, c.round_unit.name if c.round_unit else ""),
    )
    rows = []
    for rate in rates:
        unit = rate.round_unit
        if unit is not None and visible_unit_ids is not None and unit.unit_id not in visible_unit_ids:
            continue
        row = GroupRow(name=unit.name if unit else _("Whole organisation"), rate=rate, covers=rate.covers)
        row.cells = [by_place.get((rate.round_unit_id, column.key)) for column in columns]
        row.questions = [
            (q, by_place[rate.round_unit_id, q.pk]) for q in questions if (rate.round_unit_id, q.pk) in by_place
        ]
        if round.template.kind == SurveyTemplate.Kind.READINESS:
            row.barrier_point = _barrier_point(columns, row.cells)
        rows.append(row)

    question_figures = [
        QuestionFigures(q, by_place.get((None, q.pk)), _choices(q, by_place.get((None, q.pk))))
        for q in questions
        if q.kind != Question.Kind.TEXT
    ]
    texts = [c for c in cells if c.kind == ReleasedCell.Kind.TEXT]
    return RoundResults(
        round=round,
        minimum=round_minimum(round),
        columns=columns,
        rows=rows,
        questions=question_figures,
        texts=texts,
        trends=_trends(round, columns),
        remedies=_remedies(round.template.kind, columns, rows[0].cells if rows else []),
    )


def _columns(kind: str, questions: list[Question]) -> list[Column]:
    scale = [q for q in questions if q.kind == Question.Kind.SCALE]
    topics = TOPICS.get(kind)
    if topics:
        asked = {q.topic for q in scale}
        return [Column(key, str(label)) for key, label in topics.items() if key in asked]
    return [Column(q.pk, q.text()) for q in scale]


def _column_key(cell: ReleasedCell) -> str | int:
    return cell.topic if cell.kind == TOPIC else cell.question_id


def _barrier_point(columns: list[Column], cells: list[ReleasedCell | None]) -> Column | None:
    """The first readiness stage scoring at or below the barrier point (stages shown in their order)."""
    for column, cell in zip(columns, cells, strict=True):
        known = column.key in READINESS_STAGES and cell and cell.mean is not None
        if known and cell.mean <= BARRIER_POINT_AT_OR_BELOW:
            return column
    return None


def _remedies(kind: str, columns: list[Column], cells: list[ReleasedCell | None]) -> list[Remedies]:
    if kind == SurveyTemplate.Kind.READINESS:
        point = _barrier_point(columns, cells)
        if point is None:
            return []
        mean = cells[columns.index(point)].mean
        return [Remedies(point, mean, [str(r) for r in READINESS_REMEDIES[point.key]])]
    if kind == SurveyTemplate.Kind.BARRIERS:
        return [
            Remedies(column, cell.mean, [str(r) for r in BARRIER_REMEDIES[column.key]])
            for column, cell in zip(columns, cells, strict=True)
            if cell and cell.mean is not None and cell.mean <= BARRIER_POINT_AT_OR_BELOW
        ]
    return []


def _choices(question: Question, cell: ReleasedCell | None) -> list[tuple[str, int]]:
    if cell is None or question.kind == Question.Kind.SCALE:
        return []
    return [(choice.text(), cell.choices.get(str(choice.pk), 0)) for choice in question.choices.all()]


def _trends(round: Round, columns: list[Column]) -> list[Trend]:
    """The whole organisation's figures in every closed round of the template, oldest first (only
    topics: questions differ between versions). Earlier rounds' groups never split (see release)."""
    cells = ReleasedCell.objects.for_org(round.organisation).filter(
        round__template=round.template,
        round__state=Round.State.CLOSED,
        round_unit__isnull=True,
        kind__in=[ReleasedCell.Kind.RATE, ReleasedCell.Kind.TOPIC],
    )
    per_round: dict[int, Trend] = {}
    for cell in cells.select_related("round").order_by("round__closes_on", "round__pk"):
        trend = per_round.setdefault(cell.round_id, Trend(cell.round, None, [None] * len(columns)))
        if cell.kind == ReleasedCell.Kind.RATE:
            per_round[cell.round_id] = Trend(cell.round, cell, trend.cells)
        else:
            for i, column in enumerate(columns):
                if column.key == cell.topic:
                    trend.cells[i] = cell
    return list(per_round.values()) if len(per_round) > 1 else []


# The heatmap: groups × topics (or statements)


def mean_band(cell: ReleasedCell | None) -> str:
    if cell is None or cell.mean is None:
        return "unknown"
    if cell.mean >= 4:
        return "good"
    if cell.mean > BARRIER_POINT_AT_OR_BELOW:
        return "low"
    if cell.mean > 2:
        return "medium"
    return "high"


def legend(minimum: int) -> list[Band]:
    return [
        Band("good", _("4 or more: in place"), "good"),
        Band("low", _("Above 3, under 4: some way to go"), "low"),
        Band("medium", _("Above 2, up to 3: holding people back"), "medium"),
        Band("high", _("2 or lower: a clear barrier"), "high"),
        Band("unknown", _("Fewer than %(minimum)s answers: not shown") % {"minimum": minimum}, "unknown"),
    ]


def results_heatmap(results: RoundResults):
    minimum = results.minimum
    rows = [row.name for row in results.rows]
    columns = [column.label for column in results.columns]
    cells = [
        [_heatmap_cell(row.name, col, cell, minimum) for col, cell in zip(results.columns, row.cells, strict=True)]
        for row in results.rows
    ]
    label = _("Average score per group and topic, 1 to 5")
    return heatmap_svg(rows, columns, cells, label=label, legend=legend(minimum))


def _heatmap_cell(group: str, column: Column, cell: ReleasedCell | None, minimum: int) -> Cell:
    if cell is None or cell.mean is None:
        title = _("%(group)s, %(topic)s: fewer than %(minimum)s answers") % {
            "group": group,
            "topic": column.label,
            "minimum": minimum,
        }
        return Cell("unknown", _("Fewer than %(minimum)s") % {"minimum": minimum}, title, _("answers"))
    mean = format_number(cell.mean, 1)
    title = _("%(group)s, %(topic)s: average %(mean)s from %(count)s people") % {
        "group": group,
        "topic": column.label,
        "mean": mean,
        "count": cell.count,
    }
    return Cell(mean_band(cell), mean, title)


# The export: released cells only


def export_rows(results: RoundResults) -> tuple[list[str], list[list]]:
    header = [
        _("Group"),
        _("Units it covers"),
        _("Topic or question"),
        _("People"),
        _("People asked"),
        _("Average"),
        *[_("Answers %(value)s") % {"value": value} for value in range(1, 6)],
    ]
    rows = []
    for row in results.rows:
        covers = ", ".join(row.covers)
        rows.append([row.name, covers, _("Response rate"), row.rate.count, row.rate.invited, None, *[None] * 5])
        for column, cell in zip(results.columns, row.cells, strict=True):
            if cell is not None:
                distribution = cell.distribution or [None] * 5
                rows.append([row.name, covers, column.label, cell.count, None, round(cell.mean, 2), *distribution])
        for question, cell in row.questions:
            mean = round(cell.mean, 2) if cell.mean is not None else None
            rows.append([row.name, covers, question.text(), cell.count, None, mean, *(cell.distribution or [None] * 5)])
            for choice in question.choices.all():
                picked = cell.choices.get(str(choice.pk), 0)
                rows.append([row.name, covers, f"{question.text()}: {choice.text()}", picked, None, None, *[None] * 5])
    return header, rows
