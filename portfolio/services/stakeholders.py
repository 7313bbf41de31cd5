"""The stakeholder matrix: influence (rows, high first) × attitude (columns)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Stakeholder


@dataclass(frozen=True)
class MatrixRow:
    influence_label: str
    cells: list[list[Stakeholder]]


def stakeholder_matrix(stakeholders: list[Stakeholder]) -> list[MatrixRow]:
    attitudes = [a.value for a in Stakeholder.Attitude]
    rows = []
    for influence in sorted(Stakeholder.Influence, key=lambda i: -i.value):
        cells = [
            [s for s in stakeholders if s.influence == influence.value and s.attitude == attitude]
            for attitude in attitudes
        ]
        rows.append(MatrixRow(influence_label=str(influence.label), cells=cells))
    return rows
