"""Cost rows that another part of the product writes and keeps (a training plan writes its cost).

Such rows are shown on the economics page as coming from where they are kept, and the row views
refuse to change or remove them by hand: the next write from their source would undo it, or leave
the source pointing at nothing. The app that writes them registers a ``Source`` from its
``AppConfig.ready()`` (the people side does, for training plans), so benefits imports no app
built on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise

from portfolio.models import Initiative

#: (model, primary key) of a row
RowKey = tuple[type[models.Model], int]


@dataclass(frozen=True)
class Source:
    """Where generated rows come from: its name as a tag, why they cannot be changed here, where
    they are kept (a URL name taking the initiative's pk, and the text of the link there) and the
    rows it wrote for an initiative."""

    label: str | Promise
    refusal: str | Promise
    url_name: str
    link_text: str | Promise
    rows: Callable[[Initiative], set[RowKey]]


@dataclass(frozen=True)
class Origin:
    label: str
    refusal: str
    url: str
    link_text: str


_sources: list[Source] = []


def register(source: Source) -> None:
    _sources.append(source)


def generated_rows(initiative: Initiative) -> dict[RowKey, Origin]:
    """Every row of ``initiative`` a source wrote, with where it comes from (one query per source)."""
    origins = {}
    for source in _sources:
        url = reverse(source.url_name, args=[initiative.pk])
        origin = Origin(str(source.label), str(source.refusal), url, str(source.link_text))
        origins.update(dict.fromkeys(source.rows(initiative), origin))
    return origins


def with_origin(rows, origins: dict[RowKey, Origin]) -> list[tuple[models.Model, Origin | None]]:
    """``rows``, each with where it comes from (None: entered by hand); ``origins`` from ``generated_rows``."""
    return [(row, origins.get((type(row), row.pk))) for row in rows]


def refusal(row) -> str | None:
    """Why ``row`` (a row under an initiative) cannot be changed or removed by hand, or None."""
    origin = generated_rows(row.initiative).get((type(row), row.pk))
    return origin.refusal if origin else None
