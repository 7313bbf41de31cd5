"""Reading a filled-in KS/KommIT benefits workbook into typed data, with an error per bad cell.

``parse_workbook`` never raises on a bad file: every problem becomes a ``CellError`` (sheet, cell,
translated message), and only a file without errors yields a ``ParsedWorkbook``. It reads the
input cells only (docs/kommit-workbook.md §10); the workbook's own figures are recomputed in
``figures.py``. Things the file holds that Omstilling does not keep are reported as
``CellNotice``\\ s, so the preview can say so.

Rules worth knowing:
- A number cell must hold a number. Text, even "400 000" typed as text, is an error: the workbook
  itself ignores or chokes on such text (doc §5), so its figures would be wrong too.
- Dates may be real dates, Excel serial numbers or text written dd.mm.yyyy.
- A cell holding an Excel error value (#DIV/0!, #VALUE!, #REF! …) is an error.
- An input cell with a formula counts with the value Excel saved for it.
- The interest rate is a fraction (4 % = 0.04); a rate above 1 is refused (quirk Q7).

The file is checked as a zip archive before openpyxl sees it (``package.py``), then opened once
in openpyxl's read-only mode, which streams a sheet's XML instead of building it. A template
sheet whose declared size is far beyond the template is refused, and of the others only the area
the importer reads (``template.READ_AREAS``) is parsed, however many rows follow it.
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel

from core.exports import FORMULA_STARTS

from . import template as T
from .package import MAX_FILE_BYTES, not_a_workbook, package_problem
from .parsed import (
    DIRECT,
    INDIRECT,
    QUALITATIVE,
    CellError,
    CellNotice,
    ParsedBenefit,
    ParsedChange,
    ParsedCosts,
    ParsedIndicator,
    ParsedMeasure,
    ParsedProcess,
    ParsedStakeholder,
    ParsedStep,
    ParsedWorkbook,
    ParseResult,
    ProjectCard,
)
from .sheets import EMPTY, Cell, Cells, fingerprint_errors, read_cells, refusals

ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)
#: The largest amount the models hold (14 digits, 2 of them decimals).
MAX_AMOUNT = Decimal(10) ** 12
#: More freed FTE in one benefit and year than this is surely hours typed as FTE.
MAX_FTE = Decimal(100_000)
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100
TYPE_BY_LABEL = {T.TYPE_DIRECT: DIRECT, T.TYPE_INDIRECT: INDIRECT, T.TYPE_QUALITATIVE: QUALITATIVE}
DEFAULT_INFLUENCE, DEFAULT_ATTITUDE, DEFAULT_IMPORTANCE = 2, 0, 3
# Lengths of the model fields the texts go into.
NAME_LENGTH, BENEFIT_LENGTH, PERSON_LENGTH, UNIT_LENGTH = 200, 300, 200, 50

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_IN_LABEL = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR_IN_TEXT = re.compile(r"\b(\d{4})\b")
_STRATEGY_LABEL = re.compile(r"^(" + "|".join(T.STRATEGY_LABELS) + r"):[ \t]?", re.MULTILINE)


def parse_workbook(file_obj: BinaryIO | bytes | str | Path) -> ParseResult:
    """Read a filled-in KommIT workbook. Bad files give errors, never exceptions."""
    data = _read_bytes(file_obj)
    problem = package_problem(data)
    if problem:
        return ParseResult(errors=[CellError("", "", problem)])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # x14 conditional formats and extensions are not supported
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            try:
                errors = refusals(workbook)
                if errors:
                    return ParseResult(errors=errors)
                names = workbook.sheetnames
                cells = read_cells(workbook)
                epoch = workbook.epoch
            finally:
                workbook.close()  # a read-only workbook keeps its archive open until closed
    except Exception:  # any failure to open or read is the same answer to the user
        return ParseResult(errors=[CellError("", "", not_a_workbook())])

    errors = fingerprint_errors(names, cells)
    if errors:
        return ParseResult(errors=errors)
    reader = _Reader(cells, epoch)
    workbook = reader.parse()
    if reader.errors:
        return ParseResult(errors=reader.errors, notices=reader.notices)
    return ParseResult(notices=reader.notices, workbook=workbook)


def _read_bytes(file_obj) -> bytes:
    """The file's bytes; never more than one byte past the upload limit, so a huge file costs nothing."""
    if isinstance(file_obj, bytes):
        return file_obj
    if isinstance(file_obj, str | Path):
        with Path(file_obj).open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    if hasattr(file_obj, "seek"):
        file_obj.seek(0)
    return file_obj.read(MAX_FILE_BYTES + 1)


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


def _show(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class _Reader:
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
                _("Write a number here, not text (the cell holds “%(value)s”).") % {"value": _show(value)},
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
                % {"value": _show(value), "allowed": ", ".join(str(a) for a in allowed)},
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
                % {"value": _show(value)},
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
            self.error(sheet, cell, _("“%(value)s” is not a date we can read.") % {"value": _show(match.group(0))})
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
                % {"value": _show(value)},
            )
            return None, None
        if found.year < 2000:
            self.notice(sheet, cell, _("The year the benefit is taken out must be 2000 or later; left empty."))
            return None, None
        return found.year, found

    # Sheets ------------------------------------------------------------------------------

    def parse(self) -> ParsedWorkbook:
        card = self.card()
        stakeholders = self.stakeholders()
        today = self.process(T.PROCESS_TODAY)
        future = self.process(T.PROCESS_FUTURE)
        costs = self.costs()
        freed_time_use = self.text(T.ECONOMICS, T.FREED_TIME_USE)
        benefits, changes = self.benefits(freed_time_use)
        year_labels = [self.year_label(T.ECONOMICS, f"{c}{T.BENEFIT_YEAR_LABEL_ROW}") for c in T.YEAR_COLUMNS]
        assessment = self.text(T.ECONOMICS, T.ASSESSMENT)
        if assessment:
            self.notice(T.ECONOMICS, T.ASSESSMENT, _("The overall assessment is not kept in Omstilling."))
        return ParsedWorkbook(
            card=card,
            stakeholders=stakeholders,
            process_today=today,
            process_future=future,
            benefits=benefits,
            changes_without_benefit=changes,
            costs=costs,
            year_labels=year_labels,
            assessment=assessment,
            freed_time_use=freed_time_use,
            baseline_date=self.label_date(T.FOLLOW_UP, T.FOLLOW_UP_UPDATED),
            measured_on=self.label_date(T.RESULTS, T.RESULTS_DATE),
        )

    def card(self) -> ProjectCard:
        s = T.FORSIDE
        name = self.text(s, T.CARD_NAME, NAME_LENGTH)
        if not name and not self.errors_at(s, T.CARD_NAME):
            self.error(s, T.CARD_NAME, _("The project has no name. Write it on the project card."))
        statutory_text = self.text(s, T.CARD_STATUTORY)
        statutory = statutory_text.casefold() == T.STATUTORY_YES.casefold()
        if statutory_text and statutory_text.casefold() not in (T.STATUTORY_YES.casefold(), T.STATUTORY_NO.casefold()):
            self.error(
                s, T.CARD_STATUTORY, _("Answer “Ja” or “Nei” (the cell holds “%(value)s”).") % {"value": statutory_text}
            )
        start = self.date(s, T.CARD_START)
        end = self.date(s, T.CARD_END)
        if start and end and end < start:
            self.error(
                s,
                T.CARD_END,
                _("The planned end (%(end)s) is before the planned start (%(start)s).")
                % {"end": end.strftime("%d.%m.%Y"), "start": start.strftime("%d.%m.%Y")},
            )
        business_leader = self.text(s, T.CARD_BUSINESS_LEADER, PERSON_LENGTH)
        if business_leader:
            self.notice(s, T.CARD_BUSINESS_LEADER, _("Omstilling has no field for the head of the organisation."))
        budget = self.number(s, T.CARD_BUDGET)
        return ProjectCard(
            name=name,
            purpose=self.text(s, T.CARD_PURPOSE),
            statutory=statutory,
            planned_start=start,
            planned_end=end,
            budget=budget.quantize(Decimal(1)) if budget is not None else None,
            service_owner=self.text(s, T.CARD_SERVICE_OWNER, PERSON_LENGTH),
            project_owner=self.text(s, T.CARD_PROJECT_OWNER, PERSON_LENGTH),
            project_leader=self.text(s, T.CARD_PROJECT_LEADER, PERSON_LENGTH),
            business_leader=business_leader,
        )

    def stakeholders(self) -> list[ParsedStakeholder]:
        found = []
        lost = 0
        for row in T.STAKEHOLDER_ROWS:
            name = self.text(T.STAKEHOLDER_LIST, f"A{row}", NAME_LENGTH)
            involvement = self.text(T.STAKEHOLDER_LIST, f"B{row}")
            comment = self.text(T.STAKEHOLDER_LIST, f"C{row}")
            a = T.STAKEHOLDER_ANALYSIS
            how_affected = self.text(a, f"B{row}")
            influence = self.choice(a, f"C{row}", T.INFLUENCE_VALUES)
            attitude = self.choice(a, f"D{row}", T.ATTITUDE_VALUES)
            strategy = self.text(a, f"E{row}")
            if not name:
                if how_affected or influence is not None or attitude is not None or strategy:
                    self.notice(a, f"B{row}", _("This row has no stakeholder name in the stakeholder list; skipped."))
                continue
            if involvement or comment:
                lost += 1
            if influence is None:
                influence = DEFAULT_INFLUENCE
                self.notice(a, f"C{row}", _("No influence given; set to 2 (medium)."))
            if attitude is None:
                attitude = DEFAULT_ATTITUDE
                self.notice(a, f"D{row}", _("No attitude given; set to 0 (neutral)."))
            anchoring, communication, training = split_strategy(strategy)
            found.append(
                ParsedStakeholder(
                    row=row,
                    name=name,
                    involvement=involvement,
                    comment=comment,
                    how_affected=how_affected,
                    influence=influence,
                    attitude=attitude,
                    anchoring=anchoring,
                    communication=communication,
                    training=training,
                )
            )
        if lost:
            self.notice(
                T.STAKEHOLDER_LIST,
                "B5:C19",
                ngettext(
                    "How %(count)s stakeholder is involved, and the comments, are not kept in Omstilling.",
                    "How %(count)s stakeholders are involved, and the comments, are not kept in Omstilling.",
                    lost,
                )
                % {"count": lost},
            )
        return found

    def process(self, sheet: str) -> ParsedProcess:
        name = self.text(sheet, T.PROCESS_NAME)
        steps = []
        for row in T.PROCESS_ROWS:
            who = self.text(sheet, f"A{row}", NAME_LENGTH)
            what = self.text(sheet, f"B{row}")
            notes = self.text(sheet, f"C{row}")
            what = "\n\n".join(part for part in (what, notes) if part)
            if who or what:
                steps.append(ParsedStep(order=len(steps) + 1, who=who, what=what))
        if name:
            self.notice(sheet, T.PROCESS_NAME, _("The process name is not kept; the steps are."))
        return ParsedProcess(name=name, steps=steps)

    def costs(self) -> ParsedCosts:
        s = T.ECONOMICS
        rate = self.number(s, T.RATE, negative=True)
        if rate is not None and rate > 1:
            self.error(
                s,
                T.RATE,
                _(
                    "The interest rate is %(rate)s, which is %(percent)s %%. The workbook stores the rate as a "
                    "fraction (4 %% is 0.04), so this looks like a percentage typed as a whole number. "
                    "Write it as a percentage in Excel and try again."
                )
                % {"rate": rate, "percent": rate * 100},
            )
            rate = None
        elif rate is not None and rate <= -1:
            self.error(s, T.RATE, _("The interest rate must be greater than −1 (minus one hundred percent)."))
            rate = None
        elif rate is None and not self.errors_at(s, T.RATE):
            self.notice(
                s,
                T.RATE,
                _("No interest rate: the workbook then does not discount at all, as if the rate were zero."),
            )
        return ParsedCosts(
            description=self.text(s, T.COST_DESCRIPTION, BENEFIT_LENGTH),
            investment=self.number(s, T.INVESTMENT),
            operating=[self.number(s, f"{c}{T.OPERATING_ROW}") for c in T.YEAR_COLUMNS],
            rate=rate,
        )

    def errors_at(self, sheet: str, cell: str) -> bool:
        return any(e.sheet == sheet and e.cell == cell for e in self.errors)

    def benefits(self, freed_time_use: str) -> tuple[list[ParsedBenefit], list[ParsedChange]]:
        benefits, changes = [], []
        lost_processes = 0
        for k in range(1, T.BENEFITS + 1):
            benefit = self.benefit(k, freed_time_use)
            if isinstance(benefit, ParsedBenefit):
                benefits.append(benefit)
                lost_processes += bool(benefit.process)
            elif isinstance(benefit, ParsedChange):
                changes.append(benefit)
                lost_processes += bool(benefit.process)
        if lost_processes:
            self.notice(T.CHANGES, "A5:A18", _("The process column of the change analysis is not kept."))
        return benefits, changes

    def benefit(self, k: int, freed_time_use: str) -> ParsedBenefit | ParsedChange | None:
        c, e, p, f, r = T.change_row(k), T.economics_row(k), T.plan_row(k), T.follow_up_row(k), T.results_row(k)
        process = self.text(T.CHANGES, f"A{c}")
        change = self.text(T.CHANGES, f"B{c}")
        name = self.text(T.CHANGES, f"C{c}", BENEFIT_LENGTH)
        goal = self.text(T.CHANGES, f"D{c}", BENEFIT_LENGTH)
        prerequisites = [line.strip() for line in self.text(T.CHANGES, f"E{c}").splitlines() if line.strip()]
        for line in prerequisites:
            if len(line) > BENEFIT_LENGTH:
                self.error(
                    T.CHANGES,
                    f"E{c}",
                    _("A prerequisite is %(length)s characters long; at most %(max)s fit. Put each on its own line.")
                    % {"length": len(line), "max": BENEFIT_LENGTH},
                )

        type_text = self.text(T.ECONOMICS, f"{T.TYPE_COLUMN}{e}")
        amounts = [self.number(T.ECONOMICS, f"{col}{e}") for col in T.YEAR_COLUMNS]
        importance = self.choice(T.ECONOMICS, f"{T.IMPORTANCE_COLUMN}{e}", T.IMPORTANCE_VALUES)
        copied = self.cell(T.ECONOMICS, f"{T.BENEFIT_NAME_COLUMN}{e}")
        if copied.formula is None and copied.value not in (None, "", name):
            self.notice(
                T.ECONOMICS,
                f"{T.BENEFIT_NAME_COLUMN}{e}",
                _("A name was typed over the formula here; the name in the change analysis is used."),
            )

        measures = []
        for row in (p, p + 1):
            text = self.text(T.PLAN, f"B{row}", BENEFIT_LENGTH)
            deadline = self.date(T.PLAN, f"C{row}")
            if text:
                measures.append(ParsedMeasure(description=text, deadline=deadline, cell=f"B{row}"))
            elif deadline:
                self.notice(T.PLAN, f"C{row}", _("A deadline without a measure; skipped."))
        take_out = self.text(T.PLAN, f"D{p}")
        indicator_name = self.text(T.PLAN, f"E{p}", BENEFIT_LENGTH)
        realised_year, realised_date = self.realised(T.PLAN, f"F{p}")
        responsible = self.text(T.PLAN, f"G{p}", PERSON_LENGTH)
        unit = self.text(T.FOLLOW_UP, f"C{f}", UNIT_LENGTH)
        baseline = self.number(T.FOLLOW_UP, f"D{f}", negative=True)
        target = self.number(T.FOLLOW_UP, f"E{f}", negative=True)
        method = self.text(T.FOLLOW_UP, f"F{f}")
        measured = self.number(T.RESULTS, f"D{r}", negative=True)
        status = self.text(T.RESULTS, f"F{r}")

        if not name:
            if any(a is not None for a in amounts):
                self.error(T.CHANGES, f"C{c}", _("The benefit has amounts in the benefit analysis but no name here."))
            elif measures or take_out or indicator_name or unit or method or baseline is not None:
                self.notice(T.CHANGES, f"C{c}", _("Row %(k)s has plans but no benefit; skipped.") % {"k": k})
            return ParsedChange(index=k, process=process, description=change) if change else None

        kind = self.benefit_type(type_text, T.ECONOMICS, f"{T.TYPE_COLUMN}{e}")
        if kind == QUALITATIVE:
            if any(a is not None for a in amounts):
                self.notice(T.ECONOMICS, f"D{e}:G{e}", _("Amounts are not used for a qualitative benefit; left out."))
            amounts = [None] * T.YEARS
            if importance is None and not self.errors_at(T.ECONOMICS, f"H{e}"):
                importance = DEFAULT_IMPORTANCE
                self.notice(T.ECONOMICS, f"H{e}", _("No importance given; set to 3 (moderate)."))
        else:
            importance = None
        if kind == INDIRECT:
            for column, amount in zip(T.YEAR_COLUMNS, amounts, strict=True):
                if amount is not None and amount > MAX_FTE:
                    self.error(
                        T.ECONOMICS,
                        f"{column}{e}",
                        _(
                            "%(value)s FTE is more than any organisation has. "
                            "Write freed time in FTE (årsverk), not hours."
                        )
                        % {"value": amount},
                    )
        if kind == INDIRECT and not take_out and freed_time_use:
            take_out = freed_time_use
        if not change:
            self.notice(T.CHANGES, f"B{c}", _("No change is described; the benefit's name is used for it."))

        indicator = None
        has_indicator = indicator_name or unit or method or status
        if has_indicator or any(v is not None for v in (baseline, target, measured)):
            if not indicator_name:
                self.notice(T.PLAN, f"E{p}", _("No indicator name; the benefit's name is used."))
            indicator = ParsedIndicator(
                name=indicator_name or name,
                unit=unit,
                baseline=baseline,
                target=target,
                method=method,
                measured=measured,
                status=status,
            )
        return ParsedBenefit(
            index=k,
            name=name,
            process=process,
            change=change or name,
            goal=goal,
            prerequisites=prerequisites,
            type=kind or DIRECT,
            amounts=amounts,
            importance=importance,
            measures=measures,
            take_out=take_out,
            realised_year=realised_year,
            realised_date=realised_date,
            responsible=responsible,
            indicator=indicator,
        )

    def benefit_type(self, text: str, sheet: str, cell: str) -> str | None:
        if not text:
            if not self.errors_at(sheet, cell):
                self.error(sheet, cell, _("Choose the benefit type from the list."))
            return None
        kind = TYPE_BY_LABEL.get(" ".join(text.split()))
        if kind is None:
            self.error(
                sheet,
                cell,
                _("“%(value)s” is not a benefit type in the list. Choose one of: %(types)s.")
                % {"value": _show(text), "types": "; ".join(T.BENEFIT_TYPES)},
            )
        return kind
