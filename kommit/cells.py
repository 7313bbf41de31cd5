"""Reading one cell of a KS/KommIT workbook as the value it should hold, with an error per bad cell.

``CellReader`` turns the cells ``sheets.read_cells`` found into text, numbers, choices and dates,
collecting a ``CellError`` for each cell that does not hold what it should and a ``CellNotice``
for what Omstilling does not keep; ``reader._Reader`` reads the sheets with it.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl.utils import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel

from core.exports import FORMULA_STARTS

from . import template as T
from .parsed import (
    CellError,
    CellNotice,
)
from .sheets import EMPTY, Cell, Cells

ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)
#: The largest amount the models hold (14 digits, 2 of them decimals).
MAX_AMOUNT = Decimal(10) ** 12
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_IN_LABEL = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR_IN_TEXT = re.compile(r"\b(\d{4})\b")
_STRATEGY_LABEL = re.compile(r"^(" + "|".join(T.STRATEGY_LABELS) + r"):[ \t]?", re.MULTILINE)


def split_strategy(text: str) -> tuple[str, str, str]:
    """The one strategy cell as (anchoring, communication, training).

    Text written as "Forankring: …" / "Kommunikasjon: …" / "Opplæring: …" lines (how the exporter
    writes three different texts) is split; any other text is the strategy for all three.
    """
    pieces = _STRATEGY_LABEL.split(text)
    if len(pieces) < 3 or pieces[0].strip():
        return text, text, text
    found = {label: body.strip() for label, body in zip(pieces[1::2], pieces[2::2], strict=True)}
    return tuple(found.get(label, "") for label in T.STRATEGY_LABELS)  # type: ignore[return-value]


def join_strategy(anchoring: str, communication: str, training: str) -> str:
    """The inverse of ``split_strategy``."""
    if anchoring == communication == training:
        return anchoring
    parts = zip(T.STRATEGY_LABELS, (anchoring, communication, training), strict=True)
    return "\n".join(f"{label}: {text}" for label, text in parts if text)


def to_date(value, epoch=None) -> datetime.date | None:
    """A real date, an Excel serial number or dd.mm.yyyy (or yyyy-mm-dd) text; raises ValueError if none."""
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        converted = from_excel(value, epoch) if epoch else from_excel(value)
        if converted is None or not isinstance(converted, datetime.datetime | datetime.date):
            raise ValueError(value)
        result = converted.date() if isinstance(converted, datetime.datetime) else converted
    elif isinstance(value, str):
        match = _DATE_TEXT.match(value)
        iso = _ISO_DATE_TEXT.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
        elif iso:
            year, month, day = (int(g) for g in iso.groups())
        else:
            raise ValueError(value)
        result = datetime.date(year, month, day)
    else:
        raise ValueError(value)
    if not EARLIEST_YEAR <= result.year <= LATEST_YEAR:
        raise ValueError(value)
    return result


def show_value(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class CellReader:
    """Reads the cells of one workbook, collecting errors and notices as it goes."""

    def __init__(self, cells: Cells, epoch):
        self.cells = cells
        self.epoch = epoch
        self.errors: list[CellError] = []
        self.notices: list[CellNotice] = []

    # Cells -------------------------------------------------------------------------------

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.errors.append(CellError(sheet, cell, message))

    def notice(self, sheet: str, cell: str, message: str) -> None:
        self.notices.append(CellNotice(sheet, cell, message))

    def cell(self, sheet: str, cell: str) -> Cell:
        row, column = coordinate_to_tuple(cell)
        last_row, last_column = T.READ_AREAS[sheet]
        if row > last_row or column > last_column:
            raise ValueError(f"{sheet}!{cell} is outside the area read; widen template.READ_AREAS")
        return self.cells[sheet].get(cell, EMPTY)

    def raw(self, sheet: str, cell: str):
        """The cell's value; a formula counts with its saved result. None (and an error) for error values."""
        source = self.cell(sheet, cell)
        value = source.value
        if source.formula is not None and value is None:
            self.error(
                sheet,
                cell,
                _("This cell holds a formula whose result is not saved in the file. Type the value instead."),
            )
            return None
        if isinstance(value, str) and value.strip() in ERROR_VALUES:
            self.error(
                sheet,
                cell,
                _("The cell holds the Excel error %(error)s. Correct it in Excel and try again.")
                % {"error": value.strip()},
            )
            return None
        return value

    def text(self, sheet: str, cell: str, max_length: int | None = None) -> str:
        value = self.raw(sheet, cell)
        if value is None:
            return ""
        if isinstance(value, datetime.datetime | datetime.date):
            text = value.strftime("%d.%m.%Y")
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value).strip()
        # The exporter protects text that would start a formula with an apostrophe (core.exports.safe_cell).
        if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
            text = text[1:]
        if max_length is not None and len(text) > max_length:
            self.error(
                sheet,
                cell,
                _("The text is %(length)s characters long; at most %(max)s fit here.")
                % {"length": len(text), "max": max_length},
            )
            return text[:max_length]
        return text

    def number(self, sheet: str, cell: str, *, negative: bool = False) -> Decimal | None:
        value = self.raw(sheet, cell)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.error(
                sheet,
                cell,
                _("Write a number here, not text (the cell holds “%(value)s”).") % {"value": show_value(value)},
            )
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.error(sheet, cell, _("Write a number here."))
            return None
        if not number.is_finite() or abs(number) >= MAX_AMOUNT:
            self.error(sheet, cell, _("The number is too large."))
            return None
        if number < 0 and not negative:
            self.error(sheet, cell, _("The number cannot be negative."))
            return None
        return number

    def choice(self, sheet: str, cell: str, allowed: tuple[int, ...]) -> int | None:
        """A whole number from a list cell (influence, attitude, importance); list values may arrive as text."""
        value = self.raw(sheet, cell)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = None
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            number = int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*[-−]?\d+\s*", value):
            number = int(value.strip().replace("−", "-"))
        if number not in allowed:
            self.error(
                sheet,
                cell,
                _("“%(value)s” is not one of the values in the list: %(allowed)s.")
                % {"value": show_value(value), "allowed": ", ".join(str(a) for a in allowed)},
            )
            return None
        return number

    def date(self, sheet: str, cell: str) -> datetime.date | None:
        value = self.raw(sheet, cell)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return to_date(value, self.epoch)
        except (ValueError, TypeError, OverflowError):
            self.error(
                sheet,
                cell,
                _("“%(value)s” is not a date we can read. Write it as dd.mm.yyyy, for example 22.11.2026.")
                % {"value": show_value(value)},
            )
            return None

    def label_date(self, sheet: str, cell: str) -> datetime.date | None:
        """A date typed into a header such as "Dato: ____" (as text or as a real date); None if there is none."""
        value = self.raw(sheet, cell)
        if isinstance(value, datetime.datetime | datetime.date) or (
            isinstance(value, int | float) and not isinstance(value, bool)
        ):
            return self.date(sheet, cell)
        if not isinstance(value, str):
            return None
        match = _DATE_IN_LABEL.search(value)
        if not match:
            return None
        try:
            return to_date(match.group(0))
        except ValueError:
            self.error(sheet, cell, _("“%(value)s” is not a date we can read.") % {"value": show_value(match.group(0))})
            return None

    def year_label(self, sheet: str, cell: str) -> int | None:
        value = self.raw(sheet, cell)
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            year = int(value)
        elif isinstance(value, str) and (match := _YEAR_IN_TEXT.search(value)):
            year = int(match.group(1))
        else:
            return None
        return year if 2000 <= year <= LATEST_YEAR else None

    def realised(self, sheet: str, cell: str) -> tuple[int | None, datetime.date | None]:
        """ "Når blir gevinsten realisert?": a year, a date or free text; (year, date) where they can be read."""
        value = self.raw(sheet, cell)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None, None
        if isinstance(value, int | float) and not isinstance(value, bool) and 2000 <= value <= LATEST_YEAR:
            return int(value), None
        try:
            found = to_date(value, self.epoch)
        except (ValueError, TypeError, OverflowError):
            match = _YEAR_IN_TEXT.search(str(value))
            if match and 2000 <= int(match.group(1)) <= LATEST_YEAR:
                return int(match.group(1)), None
            self.notice(
                sheet,
                cell,
                _("“%(value)s” gives no year, so the year the benefit is taken out is left empty.")
                % {"value": show_value(value)},
            )
            return None, None
        if found.year < 2000:
            self.notice(sheet, cell, _("The year the benefit is taken out must be 2000 or later; left empty."))
            return None, None
        return found.year, found
