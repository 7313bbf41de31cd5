"""Formatting helpers and the context every chapter of the plan document reads."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.formatting import NBSP, format_number
from portfolio.models import Initiative

from ..models import Benefit
from ..services.economics import Economics
from ..services.summary import BenefitRow
from .plan_model import Table

EMPTY = "–"
ARROW = " → "
OWN_PRICED = (Benefit.Kind.BUDGET, Benefit.Kind.CAPACITY)

# --- Formatting helpers -----------------------------------------------------------------------


def date_text(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def number_text(value: Decimal | int | None) -> str:
    """A measured value with as many decimals as it has (at most two): 40, 12,5, 0,25."""
    if value is None:
        return ""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = min(2, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(value, decimals)


def percent_text(ratio: Decimal | None) -> str:
    return "" if ratio is None else f"{format_number(ratio * 100)}{NBSP}%"


def or_empty(text) -> str:
    text = "" if text is None else str(text)
    return text or EMPTY


def field_heading(model, name: str) -> str:
    """A model field's translated name as a column heading: the same words as the forms."""
    return capfirst(str(model._meta.get_field(name).verbose_name))


def model_heading(model) -> str:
    return capfirst(str(model._meta.verbose_name))


def make_table(key: str, title: str, header: list[str], rows: list[list[str]], **options) -> Table:
    caption = _("Table %(key)s: %(title)s") % {"key": key, "title": title} if key else title
    return Table(caption=caption, header=tuple(header), rows=tuple(tuple(r) for r in rows), key=key, **options)


# --- Building the document --------------------------------------------------------------------


@dataclass
class PlanContext:
    initiative: Initiative
    today: datetime.date
    rows: list[BenefitRow]
    economics: Economics
    ids: dict[int, str]
    people: dict[int, str]
    benefits: list[Benefit] = field(default_factory=list)

    def person(self, user) -> str:
        if user is None:
            return EMPTY
        return self.people.get(user.pk, str(user))

    def of_kind(self, *kinds: str) -> list[Benefit]:
        return [b for b in self.benefits if b.kind in kinds]
