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

import io
import warnings
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from . import template as T
from .cells import CellReader, show_value, split_strategy
from .package import MAX_FILE_BYTES, not_a_workbook, package_problem
from .parsed import (
    DIRECT,
    INDIRECT,
    QUALITATIVE,
    CellError,
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
from .sheets import fingerprint_errors, read_cells, refusals

#: More freed FTE in one benefit and year than this is surely hours typed as FTE.
MAX_FTE = Decimal(100_000)
TYPE_BY_LABEL = {T.TYPE_DIRECT: DIRECT, T.TYPE_INDIRECT: INDIRECT, T.TYPE_QUALITATIVE: QUALITATIVE}
DEFAULT_INFLUENCE, DEFAULT_ATTITUDE, DEFAULT_IMPORTANCE = 2, 0, 3
# Lengths of the model fields the texts go into.
NAME_LENGTH, BENEFIT_LENGTH, PERSON_LENGTH, UNIT_LENGTH = 200, 300, 200, 50


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


class _Reader(CellReader):
    """Reads the sheets of one workbook into typed rows, cell by cell."""

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
                % {"value": show_value(text), "types": "; ".join(T.BENEFIT_TYPES)},
            )
        return kind
