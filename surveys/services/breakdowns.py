"""A closed round's figures split by a background question's answer, read only from released cells.

``surveys.services.release`` released them for the whole organisation only, never crossed with a
unit group and never two background questions together (``docs/privacy.md``, "Surveys"). One query
for the split a page asks for, one for every split in the export, whatever the number of choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Choice, Question, ReleasedCell
from .figures import Column, RoundResults

RATE = ReleasedCell.Kind.RATE.value


@dataclass(frozen=True)
class SplitRow:
    """The people of the whole organisation who picked ``choice``; None where a figure was not released."""

    choice: Choice
    rate: ReleasedCell | None
    cells: list[ReleasedCell | None]


@dataclass(frozen=True)
class Split:
    question: Question
    rows: list[SplitRow]


def background_questions(results: RoundResults) -> list[Question]:
    """The round's questions its results can be split by."""
    return [figures.question for figures in results.questions if figures.question.breakdown]


def split_by(results: RoundResults, asked: str | None) -> Split | None:
    """The split by the background question whose id is ``asked``; None for any other value."""
    question = next((q for q in background_questions(results) if str(q.pk) == asked), None)
    if question is None:
        return None
    cells = ReleasedCell.breakdowns.filter(round=results.round, by_choice__question=question)
    return Split(question, _rows(question, results.columns, list(cells)))


def _rows(question: Question, columns: list[Column], cells: list[ReleasedCell]) -> list[SplitRow]:
    by_place = {(cell.by_choice_id, _key(cell)): cell for cell in cells}
    return [
        SplitRow(
            choice,
            by_place.get((choice.pk, RATE)),
            [by_place.get((choice.pk, column.key)) for column in columns],
        )
        for choice in question.choices.all()
    ]


def _key(cell: ReleasedCell) -> str | int:
    if cell.kind == RATE:
        return RATE
    return cell.topic if cell.kind == ReleasedCell.Kind.TOPIC else cell.question_id


def split_export_rows(results: RoundResults) -> list[list]:
    """The export's rows of every split: per choice, its people, its topics and its questions (released only)."""
    shown = {column.key for column in results.columns}
    questions = [figures.question for figures in results.questions if figures.question.pk not in shown]
    columns = results.columns + [Column(question.pk, question.text()) for question in questions]
    cells = list(ReleasedCell.breakdowns.filter(round=results.round))
    rows = []
    for question in background_questions(results):
        for row in _rows(question, columns, cells):
            if row.rate is None:
                continue
            group = f"{question.text()}: {row.choice.text()}"
            rows.append([group, "", str(ReleasedCell.Kind.RATE.label), row.rate.count, None, None, *[None] * 5])
            for column, cell in zip(columns, row.cells, strict=True):
                if cell is not None:
                    mean = round(cell.mean, 2) if cell.mean is not None else None
                    rows.append([group, "", column.label, cell.count, None, mean, *(cell.distribution or [None] * 5)])
    return rows
