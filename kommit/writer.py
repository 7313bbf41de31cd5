"""Writing an initiative into the KS/KommIT benefits workbook.

The template copy in this folder is opened with openpyxl and only its input cells get values;
formulas stay, and Excel recalculates them on opening. Every user text goes through
``core.exports.safe_cell``; dates are real dates shown as DD.MM.YYYY.

Years: the investment year is the initiative's first year (its planned start, else its first year
with data), and the four year columns are the four years after it, as the importer reads them.
So exporting and importing again with that start year gives back the same rows.

What cannot round-trip (the workbook has no place for it):
- more than 15 stakeholders, 7 steps per process, 14 benefits (changes without a benefit use the
  rows left over), 2 measures per benefit, 1 indicator per benefit, one measurement per benefit
  (the latest; all are dated with the latest date) and one baseline date for all indicators;
- estimates outside the four years after the start year, and benefits in the start year itself
  (the workbook's investment year carries costs only, quirk Q3); the three-point estimates become
  one figure, the uncertainty-adjusted (MO + 3·ML + MP) / 5; hours become FTE at the
  organisation's hours per FTE;
- the kind of a priced benefit beyond its measure: kroner is "Direkte", hours "Indirekte", so a
  benefit in other public organisations comes back as a budget benefit; the take-out choice;
- investments in other years (they are summed into the one investment cell), operating costs
  outside the four years, training, substitutes, management and development costs;
- benefit owners other than the responsible person, measure responsibles, status and risk,
  the indicator's frequency and target date, units, the benefits map's intermediate links;
- the organisation's discount rate is written to H26, but the importer never changes it;
- drawings, pictograms, the KS logo and the x14 icon sets of the template are lost by openpyxl
  (docs/kommit-workbook.md §0.4).
"""

from __future__ import annotations

import datetime
import io
import warnings
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from benefits.models import Benefit, CostLine, ProcessStep
from benefits.services.economics import start_year_of
from benefits.services.queries import initiative_benefits
from core.exports import safe_cell
from portfolio.models import Initiative, Stakeholder

from . import template as T
from .cells import join_strategy
from .importer import full_name

TYPE_BY_MEASURE = {
    Benefit.Measure.KRONER: T.TYPE_DIRECT,
    Benefit.Measure.HOURS: T.TYPE_INDIRECT,
    Benefit.Measure.QUALITATIVE: T.TYPE_QUALITATIVE,
}
IMPORTANCE = {"low": 1, "moderate": 3, "high": 5}
STAKEHOLDERS = len(T.STAKEHOLDER_ROWS)
STEPS = len(T.PROCESS_ROWS)


def _number(value: Decimal | int | None):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


class _Sheets:
    def __init__(self, workbook):
        self.workbook = workbook

    def text(self, sheet: str, cell: str, value: str | None) -> None:
        self.workbook[sheet][cell].value = safe_cell(value) if value else None

    def number(self, sheet: str, cell: str, value) -> None:
        self.workbook[sheet][cell].value = _number(value)

    def date(self, sheet: str, cell: str, value: datetime.date | None) -> None:
        target = self.workbook[sheet][cell]
        target.value = value
        if value is not None:
            target.number_format = T.DATE_FORMAT


def export_start_year(initiative: Initiative, benefits: list[Benefit], cost_lines: list[CostLine]) -> int:
    """The investment year: the same first year as the economics page."""
    years = [e.year for b in benefits for e in b.estimates.all()] + [c.year for c in cost_lines]
    years += list(initiative.training_costs.values_list("year", flat=True))
    return start_year_of(initiative, years)


def export_workbook(initiative: Initiative) -> bytes:
    """The initiative as a filled-in KS/KommIT workbook (.xlsx bytes)."""
    organisation = initiative.organisation
    benefits = initiative_benefits(initiative)
    cost_lines = list(CostLine.objects.filter(initiative=initiative))
    start = export_start_year(initiative, benefits, cost_lines)
    years = [start + j for j in range(1, T.YEARS + 1)]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(T.TEMPLATE_PATH)
    out = _Sheets(workbook)

    _write_card(out, initiative)
    stakeholders = list(Stakeholder.objects.filter(initiative=initiative).order_by("id"))[:STAKEHOLDERS]
    for row, s in zip(T.STAKEHOLDER_ROWS, stakeholders, strict=False):
        out.text(T.STAKEHOLDER_LIST, f"A{row}", s.name)
        out.text(T.STAKEHOLDER_ANALYSIS, f"B{row}", s.how_affected)
        out.number(T.STAKEHOLDER_ANALYSIS, f"C{row}", s.influence)
        out.number(T.STAKEHOLDER_ANALYSIS, f"D{row}", s.attitude)
        out.text(T.STAKEHOLDER_ANALYSIS, f"E{row}", join_strategy(s.anchoring, s.communication, s.training))
    for sheet, state in ((T.PROCESS_TODAY, ProcessStep.State.TODAY), (T.PROCESS_FUTURE, ProcessStep.State.FUTURE)):
        steps = list(ProcessStep.objects.filter(initiative=initiative, state=state))[:STEPS]
        for row, step in zip(T.PROCESS_ROWS, steps, strict=False):
            out.text(sheet, f"A{row}", step.actor)
            out.text(sheet, f"B{row}", step.description)

    for label_row in (T.BENEFIT_YEAR_LABEL_ROW, T.COST_YEAR_LABEL_ROW):
        for column, year in zip(T.YEAR_COLUMNS, years, strict=True):
            out.number(T.ECONOMICS, f"{column}{label_row}", year)
    exported = benefits[: T.BENEFITS]
    measured_dates, baseline_dates = [], []
    for k, benefit in enumerate(exported, start=1):
        measured, baseline = _write_benefit(out, k, benefit, years, organisation)
        measured_dates += measured
        baseline_dates += baseline
    used_changes = {b.change_id for b in benefits}
    spare = [c for c in initiative.changes.all() if c.pk not in used_changes]
    for k, change in zip(range(len(exported) + 1, T.BENEFITS + 1), spare, strict=False):
        out.text(T.CHANGES, f"B{T.change_row(k)}", change.description)
    if baseline_dates:
        out.date(T.FOLLOW_UP, T.FOLLOW_UP_UPDATED, min(baseline_dates))
    if measured_dates:
        out.date(T.RESULTS, T.RESULTS_DATE, max(measured_dates))
    _write_costs(out, cost_lines, start, years, organisation.discount_rate)

    workbook.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_card(out: _Sheets, initiative: Initiative) -> None:
    s = T.FORSIDE
    out.text(s, T.CARD_NAME, initiative.name)
    out.text(s, T.CARD_PURPOSE, initiative.purpose)
    out.text(s, T.CARD_STATUTORY, T.STATUTORY_YES if initiative.statutory else T.STATUTORY_NO)
    out.date(s, T.CARD_START, initiative.planned_start)
    out.date(s, T.CARD_END, initiative.planned_end)
    out.number(s, T.CARD_BUDGET, initiative.budget)
    for cell, person in (
        (T.CARD_SERVICE_OWNER, initiative.service_owner),
        (T.CARD_PROJECT_OWNER, initiative.project_owner),
        (T.CARD_PROJECT_LEADER, initiative.project_leader),
    ):
        out.text(s, cell, full_name(person) if person else "")
    if initiative.project_owner:
        out.text(T.PLAN, T.PLAN_SIGNATURE_OWNER, full_name(initiative.project_owner))


def _write_benefit(
    out: _Sheets, k: int, benefit: Benefit, years: list[int], organisation
) -> tuple[list[datetime.date], list[datetime.date]]:
    c, e, p, f, r = T.change_row(k), T.economics_row(k), T.plan_row(k), T.follow_up_row(k), T.results_row(k)
    out.text(T.CHANGES, f"B{c}", benefit.change.description)
    out.text(T.CHANGES, f"C{c}", benefit.description)
    out.text(T.CHANGES, f"D{c}", benefit.goal.name if benefit.goal else "")
    out.text(T.CHANGES, f"E{c}", "\n".join(pre.description for pre in benefit.prerequisites.all()))

    out.text(T.ECONOMICS, f"{T.TYPE_COLUMN}{e}", TYPE_BY_MEASURE[benefit.measure])
    if benefit.measure == Benefit.Measure.QUALITATIVE:
        out.number(T.ECONOMICS, f"{T.IMPORTANCE_COLUMN}{e}", IMPORTANCE.get(benefit.importance))
    else:
        estimates = {estimate.year: estimate.adjusted for estimate in benefit.estimates.all()}
        for column, year in zip(T.YEAR_COLUMNS, years, strict=True):
            value = estimates.get(year)
            if value is not None and benefit.measure == Benefit.Measure.HOURS:
                value = value / organisation.hours_per_fte
            out.number(T.ECONOMICS, f"{column}{e}", value)

    measures = sorted(benefit.measures.all(), key=lambda m: m.pk)[: T.PLAN_MEASURES]
    for row, measure in zip((p, p + 1), measures, strict=False):
        out.text(T.PLAN, f"B{row}", measure.description)
        out.date(T.PLAN, f"C{row}", measure.deadline)
    out.text(T.PLAN, f"D{p}", benefit.take_out_detail)
    out.number(T.PLAN, f"F{p}", benefit.take_out_year)
    person = benefit.responsible or benefit.owner
    out.text(T.PLAN, f"G{p}", full_name(person) if person else "")

    indicators = list(benefit.indicators.all())
    if not indicators:
        return [], []
    indicator = indicators[0]
    out.text(T.PLAN, f"E{p}", indicator.name)
    out.text(T.FOLLOW_UP, f"C{f}", indicator.unit_of_measure)
    out.number(T.FOLLOW_UP, f"D{f}", indicator.baseline_value)
    out.number(T.FOLLOW_UP, f"E{f}", indicator.target_value)
    out.text(T.FOLLOW_UP, f"F{f}", indicator.method)
    baselines = [indicator.baseline_date] if indicator.baseline_date else []
    measurements = list(indicator.measurements.all())
    if not measurements:
        return [], baselines
    latest = measurements[-1]
    out.number(T.RESULTS, f"D{r}", latest.value)
    out.text(T.RESULTS, f"F{r}", latest.comment)
    return [latest.measured_on], baselines


def _write_costs(out: _Sheets, lines: list[CostLine], start: int, years: list[int], rate_percent: Decimal) -> None:
    investments = [c for c in lines if c.kind == CostLine.Kind.INVESTMENT]
    notes = list(dict.fromkeys(c.note for c in investments if c.note))
    out.text(T.ECONOMICS, T.COST_DESCRIPTION, "\n".join(notes))
    if investments:
        out.number(T.ECONOMICS, T.INVESTMENT, sum(c.amount for c in investments))
    for column, year in zip(T.YEAR_COLUMNS, years, strict=True):
        operating = [c.amount for c in lines if c.kind == CostLine.Kind.OPERATING and c.year == year]
        out.number(T.ECONOMICS, f"{column}{T.OPERATING_ROW}", sum(operating) if operating else None)
    out.number(T.ECONOMICS, T.RATE, rate_percent / 100)


def left_out(initiative: Initiative) -> list[str]:
    """What the export cannot hold for this initiative, so the user is told rather than surprised."""
    benefits = initiative_benefits(initiative)
    cost_lines = list(CostLine.objects.filter(initiative=initiative))
    start = export_start_year(initiative, benefits, cost_lines)
    years = set(range(start + 1, start + T.YEARS + 1))
    found = []
    count = Stakeholder.objects.filter(initiative=initiative).count()
    if count > STAKEHOLDERS:
        found.append(_("Only the first %(n)s of %(count)s stakeholders fit.") % {"n": STAKEHOLDERS, "count": count})
    for state in ProcessStep.State:
        count = ProcessStep.objects.filter(initiative=initiative, state=state).count()
        if count > STEPS:
            found.append(
                _("Only %(n)s of %(count)s process steps (%(process)s) fit.")
                % {"n": STEPS, "count": count, "process": state.label}
            )
    if len(benefits) > T.BENEFITS:
        found.append(_("Only the first %(n)s of %(count)s benefits fit.") % {"n": T.BENEFITS, "count": len(benefits)})
    for benefit in benefits[: T.BENEFITS]:
        if len(benefit.measures.all()) > T.PLAN_MEASURES:
            found.append(_("“%(benefit)s”: only two measures fit.") % {"benefit": benefit.description})
        if len(benefit.indicators.all()) > 1:
            found.append(_("“%(benefit)s”: only the first indicator fits.") % {"benefit": benefit.description})
        if benefit.is_priced and any(e.year not in years for e in benefit.estimates.all()):
            found.append(
                _("“%(benefit)s”: only the estimates for %(first)s–%(last)s fit.")
                % {"benefit": benefit.description, "first": min(years), "last": max(years)}
            )
    other_costs = [
        c
        for c in cost_lines
        if c.kind not in CostLine.TECHNOLOGY or (c.kind == CostLine.Kind.OPERATING and c.year not in years)
    ]
    if other_costs or initiative.training_costs.exists():
        found.append(_("Training, management, development and operating costs outside the four years are left out."))
    return found
