"""Start pages built from panels that the apps owning the data contribute.

An app defines ``Panel``s in its own ``panels.py`` and registers them from its ``AppConfig.ready()``.
The start page asks ``panels_for(actor, today)``: each panel that concerns the actor is built,
panels with nothing to show are dropped, and the rest come most urgent first.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from django.utils.formats import date_format

from core.permissions import can
from organisations.actor import Actor
from organisations.models import Role

ROWS_SHOWN = 5  # a panel shows this many rows; its link leads to the rest


class Urgency(IntEnum):
    """Lower sorts first on the start page."""

    OVERDUE = 0
    ACTION = 1
    INFO = 2


@dataclass(frozen=True)
class PanelRow:
    text: str
    url: str = ""
    detail: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class PanelContent:
    """What one panel shows: ``count`` items in all, the first of them as rows, and where to act."""

    count: int
    urgency: Urgency
    rows: list[PanelRow] = field(default_factory=list)
    link: str = ""
    link_text: str = ""
    more: int = 0  # items not shown as rows (the link leads to them)

    @property
    def color(self) -> str:
        """The Designsystemet colour of the count."""
        return {Urgency.OVERDUE: "danger", Urgency.ACTION: "warning"}.get(self.urgency, "info")


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    applies: Callable[[Actor], bool]
    build: Callable[[Actor, datetime.date], PanelContent]
    order: int = 100  # among panels of the same urgency, lower comes first

    @property
    def html_id(self) -> str:
        return "panel-" + self.key.replace(".", "-")


@dataclass(frozen=True)
class BuiltPanel:
    panel: Panel
    content: PanelContent


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    if panel.key in _panels and _panels[panel.key] is not panel:
        raise ValueError(f"A start-page panel named {panel.key!r} is already registered")
    _panels[panel.key] = panel
    return panel


def registered() -> list[Panel]:
    return list(_panels.values())


def panels_for(actor: Actor, today: datetime.date) -> list[BuiltPanel]:
    """The panels that concern ``actor`` and have something to show, most urgent first."""
    built = (BuiltPanel(panel, panel.build(actor, today)) for panel in _panels.values() if panel.applies(actor))
    shown = [b for b in built if b.content.count]
    return sorted(shown, key=lambda b: (b.content.urgency, b.panel.order))


def from_queryset(
    queryset, to_row: Callable[[object], PanelRow], *, urgency: Urgency, link: str, link_text: str
) -> PanelContent:
    """A panel of a queryset's rows: two queries (the count and the first rows), whatever its size."""
    count = queryset.count()
    rows = [to_row(item) for item in queryset[:ROWS_SHOWN]] if count else []
    return PanelContent(count, urgency, rows, link, link_text, more=count - len(rows))


def from_list(items: list, to_row: Callable[[object], PanelRow], *, urgency: Urgency, link: str, link_text: str):
    """A panel of items already computed in Python (the first of them as rows)."""
    rows = [to_row(item) for item in items[:ROWS_SHOWN]]
    return PanelContent(len(items), urgency, rows, link, link_text, more=len(items) - len(rows))


# Shared by the apps' panels.


def short_date(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def leads_units(actor: Actor) -> bool:
    return bool(actor.led_unit_ids)


def oversees_portfolio(actor: Actor) -> bool:
    """Top management and politicians follow the portfolio as a whole."""
    return actor.has(Role.TOP_MANAGEMENT, Role.POLITICIAN)


def runs_portfolio(actor: Actor) -> bool:
    """The portfolio office (and administrators, who may what it may)."""
    return can(actor, "portfolio.review_ideas")
