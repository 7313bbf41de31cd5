"""Creating an initiative from a parsed KS/KommIT workbook (docs/kommit-workbook.md §8).

Year mapping (doc §3.2): the workbook's investment is an undiscounted lump before its four year
columns, and column j is discounted by (1 + r)^j. Omstilling discounts year t by (1 + r)^(t − 1)
with t = 1 the start year. So the investment goes into ``start_year`` and year column j into
``start_year + j``: with the same rate and only direct (NOK) benefits, Omstilling's net present
value is the workbook's C39 to the krone.

Everything is created in one transaction; nothing is saved if anything fails. The
organisation's discount rate is never changed; a notice says so when the workbook's differs.

Mapping, by benefit position k:
- Forside → Initiative; names of the service owner, project owner and leader are matched to
  members by full name, ignoring case, else left empty with a notice.
- Interessentliste/-analyse → Stakeholder (the one strategy cell is split into anchoring,
  communication and training when written as labelled lines, else copied to all three).
- Prosessanalyse (1)/(2) → ProcessStep today/future (step notes in column C join the description).
- Endringsanalyse → Change (rows with the same text share one change), Benefit name, strategic
  goal (matched by name, else added), one Prerequisite per line.
- Gevinstanalyse → Benefit kind and measure: Direkte → budget in kroner, Indirekte → capacity in
  hours (FTE × the organisation's hours per FTE), Kvalitative → qualitative with importance 1–2
  low, 3 moderate, 4–5 high; one BenefitEstimate per year column (optimistic = likely =
  pessimistic); CostLine investment in start_year, operating in start_year + j.
- Gevinstreal.plan → RealisationMeasure (2 per benefit), take-out text and year, benefit owner
  and responsible (one person); Oppfølgingsplan → Indicator (baseline dated by the sheet's
  "Oppdatert:" header, else 1 January of start_year); Resultatoppfølging → one Measurement,
  dated by the sheet's "Dato:" header, else today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits.models import (
    Benefit,
    BenefitEstimate,
    Change,
    CostLine,
    Indicator,
    Level3,
    Measurement,
    Prerequisite,
    ProcessStep,
    RealisationMeasure,
    StrategicGoal,
)
from benefits.services.economics import Economics
from benefits.services.measurements import save_measurement
from benefits.services.queries import economics_for, initiative_benefits
from core.audit_context import Source, audit_source
from core.formatting import format_number
from core.forms import members_of
from core.validation import create_valid
from organisations.models import Organisation
from portfolio.models import Initiative, Stakeholder
from portfolio.services.phases import record_creation

from . import figures
from . import template as T
from .parsed import DIRECT, INDIRECT, QUALITATIVE, CellNotice, ParsedBenefit, ParsedWorkbook

CENT = Decimal("0.01")
#: Years are 2000–2100 in the models, and the four year columns come after the start year.
EARLIEST_START_YEAR, LATEST_START_YEAR = 2000, 2100 - T.YEARS
KIND = {DIRECT: Benefit.Kind.BUDGET, INDIRECT: Benefit.Kind.CAPACITY, QUALITATIVE: Benefit.Kind.QUALITATIVE}
MEASURE = {DIRECT: Benefit.Measure.KRONER, INDIRECT: Benefit.Measure.HOURS, QUALITATIVE: Benefit.Measure.QUALITATIVE}
TAKE_OUT = {DIRECT: Benefit.TakeOut.BUDGET_REDUCTION, INDIRECT: Benefit.TakeOut.ALTERNATIVE_USE, QUALITATIVE: ""}


def importance_level(importance: int | None) -> str:
    """The workbook's 1–5 as low (1–2), moderate (3) or high (4–5)."""
    if importance is None:
        return ""
    if importance <= 2:
        return Level3.LOW
    if importance == 3:
        return Level3.MODERATE
    return Level3.HIGH


def fte_to_hours(fte: Decimal, organisation: Organisation) -> Decimal:
    return (fte * organisation.hours_per_fte).quantize(CENT)


def full_name(user) -> str:
    return " ".join(f"{user.first_name} {user.last_name}".split())


class People:
    """Names in the file matched to members of the organisation by full name, ignoring case."""

    def __init__(self, organisation: Organisation):
        self.by_name: dict[str, list] = {}
        for user in members_of(organisation):
            self.by_name.setdefault(full_name(user).casefold(), []).append(user)

    def find(self, name: str, sheet: str, cell: str, notices: list[CellNotice]):
        if not name:
            return None
        found = self.by_name.get(" ".join(name.split()).casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            message = _("Several members are called “%(name)s”; choose the right one after the import.")
        else:
            message = _("No member of the organisation is called “%(name)s”; the field is left empty.")
        notices.append(CellNotice(sheet, cell, message % {"name": name}))
        return None


@dataclass
class ImportOutcome:
    initiative: Initiative
    notices: list[CellNotice] = field(default_factory=list)


def baseline_date(parsed: ParsedWorkbook, start_year: int) -> datetime.date:
    return parsed.baseline_date or datetime.date(start_year, 1, 1)


def organisation_notices(parsed: ParsedWorkbook, organisation: Organisation, start_year: int) -> list[CellNotice]:
    """What differs between the file and the organisation's settings or the chosen start year."""
    notices = []
    rate_percent = figures.workbook_rate(parsed) * 100
    if rate_percent != organisation.discount_rate:
        notices.append(
            CellNotice(
                T.ECONOMICS,
                T.RATE,
                _(
                    "The workbook discounts at %(file)s percent, the organisation at %(ours)s percent. The "
                    "organisation's rate is kept and used for Omstilling's figures."
                )
                % {"file": format_number(rate_percent, 2), "ours": format_number(organisation.discount_rate, 2)},
            )
        )
    planned = parsed.card.planned_start
    if planned and planned.year != start_year:
        notices.append(
            CellNotice(
                T.FORSIDE,
                T.CARD_START,
                _(
                    "The planned start is in %(planned)s, but the investment is placed in %(start)s. Omstilling "
                    "counts the years from the planned start, so its net present value will differ from the workbook's."
                )
                % {"planned": planned.year, "start": start_year},
            )
        )
    labels = parsed.year_labels
    if labels[0] is not None and labels[0] != start_year + 1:
        notices.append(
            CellNotice(
                T.ECONOMICS,
                f"D{T.BENEFIT_YEAR_LABEL_ROW}",
                _("The file labels its first year column %(label)s, but it is placed in %(year)s.")
                % {"label": labels[0], "year": start_year + 1},
            )
        )
    return notices


def create_initiative(parsed: ParsedWorkbook, organisation: Organisation, *, by, start_year: int) -> Initiative:
    """Create the initiative and all its rows in one transaction; nothing is saved if anything fails.

    The notices (people not found, a different discount rate …) are on ``initiative.kommit_notices``.
    """
    outcome = import_workbook(parsed, organisation, by=by, start_year=start_year)
    outcome.initiative.kommit_notices = outcome.notices
    return outcome.initiative


@audit_source(Source.IMPORT)
@transaction.atomic
def import_workbook(parsed: ParsedWorkbook, organisation: Organisation, *, by, start_year: int) -> ImportOutcome:
    notices = organisation_notices(parsed, organisation, start_year)
    people = People(organisation)
    card = parsed.card
    initiative = create_valid(
        Initiative,
        organisation=organisation,
        name=card.name,
        purpose=card.purpose,
        statutory=card.statutory,
        planned_start=card.planned_start,
        planned_end=card.planned_end,
        budget=card.budget,
        service_owner=people.find(card.service_owner, T.FORSIDE, T.CARD_SERVICE_OWNER, notices),
        project_owner=people.find(card.project_owner, T.FORSIDE, T.CARD_PROJECT_OWNER, notices),
        project_leader=people.find(card.project_leader, T.FORSIDE, T.CARD_PROJECT_LEADER, notices),
    )
    record_creation(
        initiative,
        by=by,
        on=timezone.localdate(),
        comment=_("Imported from the KS/KommIT benefits workbook."),
    )
    for s in parsed.stakeholders:
        create_valid(
            Stakeholder,
            initiative=initiative,
            name=s.name,
            how_affected=s.how_affected,
            influence=s.influence,
            attitude=s.attitude,
            anchoring=s.anchoring,
            communication=s.communication,
            training=s.training,
        )
    for state, process in (
        (ProcessStep.State.TODAY, parsed.process_today),
        (ProcessStep.State.FUTURE, parsed.process_future),
    ):
        for step in process.steps:
            create_valid(
                ProcessStep, initiative=initiative, state=state, order=step.order, actor=step.who, description=step.what
            )
    changes: dict[str, Change] = {}

    def change_for(description: str) -> Change:
        if description not in changes:
            changes[description] = create_valid(Change, initiative=initiative, description=description)
        return changes[description]

    for row in parsed.changes_without_benefit:
        change_for(row.description)
    goals = {g.name.casefold(): g for g in StrategicGoal.objects.for_org(organisation)}
    measured_on = parsed.measured_on or timezone.localdate()
    baseline_on = baseline_date(parsed, start_year)
    for b in parsed.benefits:
        goal = None
        if b.goal:
            goal = goals.get(b.goal.casefold())
            if goal is None:
                goal = goals[b.goal.casefold()] = create_valid(StrategicGoal, organisation=organisation, name=b.goal)
                notices.append(
                    CellNotice(
                        T.CHANGES,
                        f"D{T.change_row(b.index)}",
                        _("The strategic goal “%(goal)s” is new and will be added.") % {"goal": b.goal},
                    )
                )
        person = people.find(b.responsible, T.PLAN, f"G{T.plan_row(b.index)}", notices)
        benefit = create_valid(
            Benefit,
            initiative=initiative,
            change=change_for(b.change),
            description=b.name,
            kind=KIND[b.type],
            measure=MEASURE[b.type],
            importance=importance_level(b.importance),
            goal=goal,
            owner=person,
            responsible=person,
            take_out=TAKE_OUT[b.type],
            take_out_detail=b.take_out,
            take_out_year=b.realised_year,
        )
        _create_benefit_rows(benefit, b, organisation, start_year, baseline_on, measured_on, by, notices)
    costs = parsed.costs
    # Without a planned start, Omstilling's first year is the first year with data: an investment
    # row (0 if the file has none, as the workbook reads a blank C26) keeps it at start_year.
    if costs.investment is not None or card.planned_start is None:
        create_valid(
            CostLine,
            initiative=initiative,
            year=start_year,
            kind=CostLine.Kind.INVESTMENT,
            amount=(costs.investment or Decimal(0)).quantize(Decimal(1)),
            note=costs.description,
        )
    for j, amount in enumerate(costs.operating, start=1):
        if amount is not None:
            create_valid(
                CostLine,
                initiative=initiative,
                year=start_year + j,
                kind=CostLine.Kind.OPERATING,
                amount=amount.quantize(Decimal(1)),
            )
    return ImportOutcome(initiative=initiative, notices=notices)


def _create_benefit_rows(
    benefit: Benefit,
    parsed: ParsedBenefit,
    organisation: Organisation,
    start_year: int,
    baseline_on: datetime.date,
    measured_on: datetime.date,
    by,
    notices: list[CellNotice],
) -> None:
    for line in parsed.prerequisites:
        create_valid(Prerequisite, benefit=benefit, description=line)
    for j, amount in enumerate(parsed.amounts, start=1):
        if amount is None:
            continue
        value = fte_to_hours(amount, organisation) if parsed.type == INDIRECT else amount.quantize(CENT)
        create_valid(
            BenefitEstimate, benefit=benefit, year=start_year + j, optimistic=value, likely=value, pessimistic=value
        )
    for measure in parsed.measures:
        create_valid(RealisationMeasure, benefit=benefit, description=measure.description, deadline=measure.deadline)
    source = parsed.indicator
    if source is None:
        return
    baseline_date = baseline_on
    if source.measured is not None and measured_on < baseline_date:
        baseline_date = measured_on
        notices.append(
            CellNotice(
                T.RESULTS,
                f"D{T.results_row(parsed.index)}",
                _("The measurement is dated before the baseline date, so the baseline is dated %(date)s.")
                % {"date": measured_on.strftime("%d.%m.%Y")},
            )
        )
    target_date = parsed.realised_date if parsed.realised_date and parsed.realised_date > baseline_date else None
    indicator = create_valid(
        Indicator,
        benefit=benefit,
        name=source.name,
        unit_of_measure=source.unit,
        method=source.method,
        baseline_value=source.baseline,
        baseline_date=baseline_date,
        target_value=source.target,
        target_date=target_date,
        measured_by=benefit.responsible,
    )
    if source.measured is not None:
        save_measurement(
            Measurement(
                indicator=indicator,
                value=source.measured,
                measured_on=measured_on,
                comment=source.status,
                recorded_by=by,
            )
        )


# The preview: what the import would create, with both sets of figures --------------------------


@dataclass(frozen=True)
class FreedYear:
    year: int
    workbook_fte: Decimal  # the workbook's C42: the same 4-year average in every year
    file_fte: Decimal  # what the file says for this year
    our_hours: Decimal
    our_fte: Decimal


@dataclass(frozen=True)
class AchievementRow:
    benefit: str
    indicator: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    measured: Decimal | None
    workbook: Decimal | None
    ours: Decimal | None
    explanation: str


@dataclass(frozen=True)
class PreviewBenefit:
    benefit: ParsedBenefit
    kind_label: str
    amounts: list[tuple[int, Decimal | None, Decimal | None]]  # (year, as in the file, hours for FTE)
    importance_label: str


@dataclass
class ImportPreview:
    start_year: int
    years: list[int]
    benefits: list[PreviewBenefit]
    people: list[tuple[str, str, str]]  # (role, name in the file, member found or "")
    workbook_npv: Decimal
    our_npv: Decimal
    npv_explanations: list[str]
    workbook_rate_percent: Decimal
    our_rate_percent: Decimal
    workbook_freed_fte: Decimal
    operating: list[tuple[int, Decimal | None]]  # (year, operating costs in the file)
    freed: list[FreedYear]
    achievements: list[AchievementRow]
    notices: list[CellNotice]
    economics: Economics
    baseline_date: datetime.date
    measured_on: datetime.date


class _Rollback(Exception):
    """Undoes the trial import of the preview."""


def preview_import(parsed: ParsedWorkbook, organisation: Organisation, *, by, start_year: int) -> ImportPreview:
    """Run the import inside a transaction that is rolled back, and compare the figures.

    Omstilling's figures come from its own economics of the rows the import would create, so the
    preview shows exactly what the initiative's pages will show after the import.
    """
    captured: dict = {}
    try:
        with transaction.atomic():
            outcome = import_workbook(parsed, organisation, by=by, start_year=start_year)
            captured["notices"] = outcome.notices
            captured["economics"] = economics_for(outcome.initiative, initiative_benefits(outcome.initiative))
            raise _Rollback
    except _Rollback:
        pass
    economics: Economics = captured["economics"]
    years = [start_year + j for j in range(1, T.YEARS + 1)]
    by_year = {y.year: y for y in economics.years}
    workbook_fte = figures.workbook_freed_fte(parsed)
    file_fte = figures.indirect_fte_per_year(parsed)
    freed = [
        FreedYear(
            year=year,
            workbook_fte=workbook_fte,
            file_fte=file_fte[j],
            our_hours=by_year[year].freed_hours if year in by_year else Decimal(0),
            our_fte=by_year[year].freed_fte if year in by_year else Decimal(0),
        )
        for j, year in enumerate(years)
    ]
    workbook_npv = figures.workbook_npv(parsed)
    people = [
        (_("Service owner"), parsed.card.service_owner),
        (_("Project owner"), parsed.card.project_owner),
        (_("Project leader"), parsed.card.project_leader),
    ] + [(_("Benefit responsible: %(benefit)s") % {"benefit": b.name}, b.responsible) for b in parsed.benefits]
    finder = People(organisation)
    silent: list[CellNotice] = []
    return ImportPreview(
        start_year=start_year,
        years=years,
        benefits=[_preview_benefit(b, years, organisation) for b in parsed.benefits],
        people=[
            (role, name, full_name(user) if (user := finder.find(name, "", "", silent)) else "")
            for role, name in people
            if name
        ],
        workbook_npv=workbook_npv,
        our_npv=economics.npv_full,
        npv_explanations=npv_explanations(parsed, organisation, economics, start_year),
        workbook_rate_percent=figures.workbook_rate(parsed) * 100,
        our_rate_percent=organisation.discount_rate,
        workbook_freed_fte=workbook_fte,
        operating=list(zip(years, parsed.costs.operating, strict=True)),
        freed=freed,
        achievements=[
            AchievementRow(
                benefit=b.name,
                indicator=b.indicator.name,
                unit=b.indicator.unit,
                baseline=b.indicator.baseline,
                target=b.indicator.target,
                measured=b.indicator.measured,
                workbook=figures.workbook_achievement(b.indicator.baseline, b.indicator.target, b.indicator.measured),
                ours=figures.our_achievement(b.indicator.baseline, b.indicator.target, b.indicator.measured),
                explanation=figures.achievement_explanation(
                    b.indicator.baseline, b.indicator.target, b.indicator.measured
                ),
            )
            for b in parsed.benefits
            if b.indicator is not None
        ],
        notices=captured["notices"],
        economics=economics,
        baseline_date=baseline_date(parsed, start_year),
        measured_on=parsed.measured_on or timezone.localdate(),
    )


def _preview_benefit(b: ParsedBenefit, years: list[int], organisation: Organisation) -> PreviewBenefit:
    labels = {DIRECT: Benefit.Kind.BUDGET.label, INDIRECT: Benefit.Kind.CAPACITY.label}
    return PreviewBenefit(
        benefit=b,
        kind_label=str(labels.get(b.type, Benefit.Kind.QUALITATIVE.label)),
        amounts=[
            (year, amount, fte_to_hours(amount, organisation) if b.type == INDIRECT and amount is not None else None)
            for year, amount in zip(years, b.amounts, strict=True)
        ],
        importance_label=str(Level3(importance_level(b.importance)).label) if b.importance else "",
    )


def npv_explanations(
    parsed: ParsedWorkbook, organisation: Organisation, economics: Economics, start_year: int
) -> list[str]:
    """One line for each reason the two net present values differ (none when they agree)."""
    lines = []
    fte = figures.indirect_fte_per_year(parsed)
    if any(fte):
        lines.append(
            _(
                "Freed time: Omstilling values the hours at %(cost)s kroner per hour (%(hours)s hours per FTE); "
                "the workbook leaves indirect benefits out of its net present value."
            )
            % {"cost": format_number(organisation.hourly_cost), "hours": format_number(organisation.hours_per_fte)}
        )
    if figures.workbook_rate(parsed) * 100 != organisation.discount_rate:
        lines.append(
            _("Rate: the workbook discounts at %(file)s percent, Omstilling at the organisation's %(ours)s percent.")
            % {
                "file": format_number(figures.workbook_rate(parsed) * 100, 2),
                "ours": format_number(organisation.discount_rate, 2),
            }
        )
    if economics.start_year != start_year:
        lines.append(
            _(
                "Years: Omstilling counts from the planned start %(planned)s, not from %(start)s where the "
                "investment is placed."
            )
            % {"planned": economics.start_year, "start": start_year}
        )
    return lines
