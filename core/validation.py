"""The sensible ranges of dates, numbers and texts, defined once and checked on every save path.

Model fields carry these validators, so a form, a service's ``full_clean()`` and the workbook
importer all refuse the same values; forms also read Norwegian input ("450 000,50") through
``core.forms``.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Dates a municipality plans or records anything on: far enough back for old baselines,
# far enough ahead for long realisation plans, and never a typo like 30.11.9999.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
EARLIEST_YEAR = EARLIEST_DATE.year
LATEST_YEAR = LATEST_DATE.year
YEAR_VALIDATORS = [MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)]

#: Employees in one unit, or affected, trained or sharing a saving: more than any Norwegian municipality has.
MAX_PEOPLE = 100_000
PEOPLE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_PEOPLE)]
NOT_NEGATIVE = MinValueValidator(Decimal(0))

#: Longest free text (a description, a comment); single-line names have their own max_length.
TEXT_MAX_LENGTH = 10_000

#: The largest primary key the databases store (64-bit); a longer number is no object of ours.
MAX_ID = 2**63 - 1

# Characters that may stand in multi-line text; every other control character is refused.
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")
# Spaces people and the app itself write inside numbers: "450 000", with a no-break or narrow no-break space.
NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def without_control_characters(text: str, *, multi_line: bool) -> str:
    """``text`` with control characters removed (line breaks and tabs stay in multi-line text)."""
    keep = LINE_BREAKS_AND_TABS if multi_line else frozenset()
    return "".join(c for c in text if c in keep or not is_control(c))


def _refuse_control_characters(value: str, *, multi_line: bool) -> None:
    if without_control_characters(value, multi_line=multi_line) != value:
        raise ValidationError(
            _("Remove the invisible control characters (often brought along when copying text)."),
            code="control_character",
        )


def validate_single_line(value: str) -> None:
    _refuse_control_characters(value, multi_line=False)


def validate_multi_line(value: str) -> None:
    _refuse_control_characters(value, multi_line=True)


@deconstructible
class DateRangeValidator:
    """A date between ``EARLIEST_DATE`` and ``LATEST_DATE``, and with ``not_future`` not after today."""

    def __init__(self, *, not_future: bool = False) -> None:
        self.not_future = not_future

    def __call__(self, value: datetime.date) -> None:
        latest = min(LATEST_DATE, timezone.localdate()) if self.not_future else LATEST_DATE
        if not EARLIEST_DATE <= value <= latest:
            raise ValidationError(
                _("Choose a date from %(earliest)s to %(latest)s."),
                code="date_range",
                params={"earliest": date_format(EARLIEST_DATE), "latest": date_format(latest)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateRangeValidator) and other.not_future == self.not_future


DATE_VALIDATORS = [DateRangeValidator()]
PAST_DATE_VALIDATORS = [DateRangeValidator(not_future=True)]


class NameField(models.CharField):
    """A single-line text (a name, a title, a note) without control characters."""

    default_validators = [validate_single_line]


class LongTextField(models.TextField):
    """A multi-line text of at most ``TEXT_MAX_LENGTH`` characters without control characters."""

    default_validators = [validate_multi_line, MaxLengthValidator(TEXT_MAX_LENGTH)]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        super().__init__(*args, **kwargs)


def parse_id(text: str) -> int | None:
    """An object id posted as text, or None when it is no id any row can have."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= MAX_ID else None


M = TypeVar("M", bound=models.Model)


def save_valid(instance: models.Model, **save_options) -> None:
    """Check ``instance`` by its model's own rules (``full_clean``), then save it.

    Services call this instead of ``save()`` so that no path stores what a form would refuse.
    The organisation is left out of the check: a row under an initiative copies it on save.
    """
    instance.full_clean(exclude=["organisation"])
    instance.save(**save_options)


def create_valid(model: type[M], **values) -> M:
    """``model.objects.create(**values)``, checked by the model's own rules first."""
    instance = model(**values)
    save_valid(instance)
    return instance
