"""The plan document's model: sections of paragraphs, lists, tables and figures of ready-formatted text.

``plan_docx`` and ``plan_pdf`` lay it out; ``plan_document`` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with one header row; every cell is already formatted text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    key: str = ""  # "A" … "G" for the lettered tables of the template
    numeric: frozenset[int] = frozenset()  # columns to align right
    widths: tuple[int, ...] = ()  # relative column widths; empty means equal
    total_rows: int = 0  # how many of the last rows are sums (shown in bold)
    empty_text: str = ""  # said instead of the table when it has no rows


@dataclass(frozen=True)
class Figure:
    """A chart: its SVG (no script, no style element) and the text that says what it shows."""

    svg: str
    caption: str
    description: str


Block = Paragraph | BulletList | Table | Figure


@dataclass(frozen=True)
class Section:
    """A chapter (level 1) or sub-chapter (level 2); ``number`` is empty for the front matter."""

    number: str
    title: str
    level: int
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(frozen=True)
class Signature:
    role: str
    name: str
    date: str


@dataclass(frozen=True)
class PlanStatus:
    version: int | None
    status: str
    approved_on: str
    signatures: tuple[Signature, ...]


@dataclass(frozen=True)
class PlanDocument:
    title: str
    initiative_name: str
    organisation_name: str
    language: str  # BCP 47 tag for the files' metadata: nb-NO, nn-NO or en-GB
    produced_on: str
    status: PlanStatus
    front: tuple[Section, ...]
    chapters: tuple[Section, ...]
    footer: str

    @property
    def sections(self) -> tuple[Section, ...]:
        """Front matter and chapters in reading order."""
        return self.front + self.chapters

    def table(self, key: str) -> Table:
        return next(t for s in self.sections for t in s.tables() if t.key == key)
