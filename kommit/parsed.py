"""What a KS/KommIT workbook holds once read: typed rows, and the messages about its cells.

``reader.parse_workbook`` fills these; the importer, the figures and the preview read them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

DIRECT, INDIRECT, QUALITATIVE = "direct", "indirect", "qualitative"


@dataclass(frozen=True)
class CellMessage:
    sheet: str
    cell: str
    message: str

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.sheet, self.cell) if part)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class CellError(CellMessage):
    """A problem that stops the import."""


class CellNotice(CellMessage):
    """Something the import does differently from the workbook, or leaves out."""


@dataclass
class ProjectCard:
    name: str
    purpose: str
    statutory: bool
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    budget: Decimal | None
    service_owner: str
    project_owner: str
    project_leader: str
    business_leader: str


@dataclass
class ParsedStakeholder:
    row: int
    name: str
    involvement: str
    comment: str
    how_affected: str
    influence: int
    attitude: int
    anchoring: str
    communication: str
    training: str


@dataclass
class ParsedStep:
    order: int
    who: str
    what: str


@dataclass
class ParsedProcess:
    name: str
    steps: list[ParsedStep]


@dataclass
class ParsedMeasure:
    description: str
    deadline: datetime.date | None
    cell: str


@dataclass
class ParsedIndicator:
    """Realisation plan E (name), follow-up plan C-F and today's measurement in result follow-up."""

    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    method: str
    measured: Decimal | None
    status: str


@dataclass
class ParsedBenefit:
    index: int  # k = 1..14, the position in every sheet
    name: str
    process: str
    change: str
    goal: str
    prerequisites: list[str]
    type: str  # DIRECT (NOK), INDIRECT (FTE) or QUALITATIVE
    amounts: list[Decimal | None]  # the four year columns; None where blank (always None if qualitative)
    importance: int | None  # 1-5, qualitative benefits only
    measures: list[ParsedMeasure]
    take_out: str
    realised_year: int | None
    realised_date: datetime.date | None
    responsible: str
    indicator: ParsedIndicator | None


@dataclass
class ParsedChange:
    index: int
    process: str
    description: str


@dataclass
class ParsedCosts:
    description: str
    investment: Decimal | None
    operating: list[Decimal | None]
    rate: Decimal | None  # a fraction: 0.04 is 4 %; None when blank (the workbook then uses 0, quirk Q8)


@dataclass
class ParsedWorkbook:
    card: ProjectCard
    stakeholders: list[ParsedStakeholder]
    process_today: ParsedProcess
    process_future: ParsedProcess
    benefits: list[ParsedBenefit]
    changes_without_benefit: list[ParsedChange]
    costs: ParsedCosts
    year_labels: list[int | None]
    assessment: str
    freed_time_use: str
    baseline_date: datetime.date | None  # from the follow-up plan's "Oppdatert:" header
    measured_on: datetime.date | None  # from the result follow-up's "Dato:" header

    def suggested_start_year(self) -> int | None:
        """The investment year the file itself points at: before its first labelled year column, else the start."""
        labels = self.year_labels
        if labels[0] is not None and all(label is None or label == labels[0] + j for j, label in enumerate(labels)):
            return labels[0] - 1
        return self.card.planned_start.year if self.card.planned_start else None


@dataclass
class ParseResult:
    errors: list[CellError] = field(default_factory=list)
    notices: list[CellNotice] = field(default_factory=list)
    workbook: ParsedWorkbook | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.workbook is not None
