"""The benefits realisation plan of one initiative as a typed, format-neutral document.

``build_plan_document`` gathers everything the plan says into plain dataclasses (sections,
paragraphs, lists and tables of ready-formatted strings); ``plan_docx`` and ``plan_pdf`` only lay
it out. The structure follows the chapters and tables A–G of Prosjektveiviseren's template for a
benefits realisation plan (docs/kommit-workbook.md §7), in our own words:

1. rationale, objectives and deliverables
2. responsibility for the benefits
3. the benefits: 3.1 priced in our own organisation (tables A and B, economics per year),
   3.2 how they are taken out (C), 3.3 priced in other public organisations (D), 3.4 not priced (E)
4. measures and follow-up: 4.1 measures and risk profile (F), 4.2 indicators and measurements (G)
5. the benefits map as a text list: enabler → change → benefit → end benefit → goal

Before the chapters come the plan's version and approval status, the signatures and the version
history (from ``BenefitPlan``). Benefit IDs use the method's letters: Ø for priced benefits in our
own organisation, V for other public organisations, K for benefits that are not priced.

All figures come from the benefits services (economics, follow-up, plans); nothing is
recomputed here. Headings and labels are translated into the active language; money and numbers
are in Norwegian format whatever the language, and dates are dd.mm.yyyy.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.exports import printable
from core.formatting import NBSP, format_money, format_number
from organisations.models import Membership
from portfolio.models import AffectedUnit, Initiative

from ..charts import economics_chart
from ..models import Benefit, BenefitEstimate, BenefitPlan, Change, Indicator, RealisationMeasure, StrategicGoal
from ..services.economics import Economics, benefit_hourly_cost, benefit_value
from ..services.followup import IndicatorStatus
from ..services.plans import approved_plan, differences, snapshot
from ..services.summary import BenefitRow, initiative_summary

EMPTY = "–"
ARROW = " → "
LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
OWN_PRICED = (Benefit.Kind.BUDGET, Benefit.Kind.CAPACITY)


# --- The document model -----------------------------------------------------------------------


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


# --- Formatting helpers -----------------------------------------------------------------------


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _number(value: Decimal | int | None) -> str:
    """A measured value with as many decimals as it has (at most two): 40, 12,5, 0,25."""
    if value is None:
        return ""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = min(2, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(value, decimals)


def _percent(ratio: Decimal | None) -> str:
    return "" if ratio is None else f"{format_number(ratio * 100)}{NBSP}%"


def _or_empty(text) -> str:
    text = "" if text is None else str(text)
    return text or EMPTY


def _field(model, name: str) -> str:
    """A model field's translated name as a column heading: the same words as the forms."""
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _model(model) -> str:
    return capfirst(str(model._meta.verbose_name))


def _table(key: str, title: str, header: list[str], rows: list[list[str]], **options) -> Table:
    caption = _("Table %(key)s: %(title)s") % {"key": key, "title": title} if key else title
    return Table(caption=caption, header=tuple(header), rows=tuple(tuple(r) for r in rows), key=key, **options)


# --- Building the document --------------------------------------------------------------------


@dataclass
class _Context:
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


def build_plan_document(initiative: Initiative, today: datetime.date) -> PlanDocument:
    """The plan of ``initiative`` as it stands on ``today``, in the active language."""
    summary = initiative_summary(initiative, today, simulate=True)
    benefits = [row.benefit for row in summary.rows]
    context = _Context(
        initiative=initiative,
        today=today,
        rows=summary.rows,
        economics=summary.economics,
        ids=_benefit_ids(benefits),
        people=_people(initiative, benefits),
        benefits=benefits,
    )
    plans = list(initiative.benefit_plans.select_related("approved_by_owner", "approved_by_management"))
    approved = approved_plan(initiative)
    status = _plan_status(plans, approved)
    title = _("Benefits realisation plan")
    # Stored text may hold characters a Word or PDF file cannot: the document never carries them.
    document = PlanDocument(
        title=title,
        initiative_name=initiative.name,
        organisation_name=initiative.organisation.name,
        language=LANGUAGE_TAGS.get(get_language() or "nb", get_language() or "nb"),
        produced_on=_date(today),
        status=status,
        front=_front_matter(context, plans, approved, status),
        chapters=(
            _chapter_rationale(context),
            _chapter_responsibility(context),
            *_chapter_benefits(context),
            *_chapter_measures(context),
            _chapter_map(context),
        ),
        footer=_("%(title)s – %(initiative)s – produced %(date)s in Omstilling")
        % {"title": title, "initiative": initiative.name, "date": _date(today)},
    )
    return printable(document)


def _benefit_ids(benefits: list[Benefit]) -> dict[int, str]:
    """Ø1, Ø2 … for priced benefits in our own organisation, V1 … for other public ones, K1 … for the rest."""
    prefixes = {
        Benefit.Kind.BUDGET: "Ø",
        Benefit.Kind.CAPACITY: "Ø",
        Benefit.Kind.OTHER_PUBLIC: "V",
        Benefit.Kind.QUALITATIVE: "K",
    }
    counters: dict[str, int] = defaultdict(int)
    ids = {}
    for benefit in benefits:
        prefix = prefixes.get(benefit.kind, "K")
        counters[prefix] += 1
        ids[benefit.pk] = f"{prefix}{counters[prefix]}"
    return ids


def _people(initiative: Initiative, benefits: list[Benefit]) -> dict[int, str]:
    """Name, job title and unit of everyone the plan names, as the template asks for owners."""
    user_ids = {initiative.project_owner_id, initiative.project_leader_id, initiative.service_owner_id}
    for b in benefits:
        user_ids |= {b.owner_id, b.responsible_id}
        user_ids |= {m.responsible_id for m in b.measures.all()}
        user_ids |= {i.measured_by_id for i in b.indicators.all()}
    user_ids.discard(None)
    memberships = Membership.objects.for_org(initiative.organisation).filter(user_id__in=user_ids)
    people = {}
    for membership in memberships.select_related("user", "unit"):
        details = ", ".join(
            part for part in (membership.title, membership.unit.name if membership.unit else "") if part
        )
        name = str(membership.user)
        people[membership.user_id] = (
            _("%(name)s (%(details)s)") % {"name": name, "details": details} if details else name
        )
    return people


def _plan_status(plans: list[BenefitPlan], approved: BenefitPlan | None) -> PlanStatus:
    """The approved version's signatures when there is one, else the signatures on the draft so far."""
    latest = plans[0] if plans else None
    shown = approved or latest
    if latest is None:
        return PlanStatus(version=None, status=_("Draft, not yet signed"), approved_on="", signatures=())
    if approved and latest.pk != approved.pk:
        status_text = _("Version %(approved)s approved %(date)s; version %(draft)s is a draft being worked on") % {
            "approved": approved.version,
            "date": _date(approved.approved_on),
            "draft": latest.version,
        }
    elif approved:
        status_text = _("Version %(version)s approved %(date)s") % {
            "version": approved.version,
            "date": _date(approved.approved_on),
        }
    else:
        status_text = _("Version %(version)s is a draft") % {"version": latest.version}
    # Each signature with its own date: the two people may sign on different days.
    signatures = (
        Signature(_("Project owner"), str(shown.approved_by_owner or ""), _date(shown.approved_by_owner_on)),
        Signature(_("Top management"), str(shown.approved_by_management or ""), _date(shown.approved_by_management_on)),
    )
    return PlanStatus(
        version=shown.version, status=status_text, approved_on=_date(shown.approved_on), signatures=signatures
    )


def _front_matter(
    c: _Context, plans: list[BenefitPlan], approved: BenefitPlan | None, status: PlanStatus
) -> tuple[Section, ...]:
    initiative = c.initiative
    responsible = sorted({c.person(b.responsible) for b in c.benefits if b.responsible_id})
    about = _table(
        "",
        _("Plan status"),
        [_("Item"), _("Details")],
        [
            [_("Initiative"), initiative.name],
            [_("Organisation"), initiative.organisation.name],
            [_("Plan version"), _or_empty(status.version)],
            [_("Status"), status.status],
            [_("Project owner"), c.person(initiative.project_owner)],
            [_("Prepared by (benefit responsible)"), ", ".join(responsible) or EMPTY],
            [_("Produced"), _date(c.today)],
        ],
        widths=(1, 2),
    )
    signatures = _table(
        "",
        _("Signatures"),
        [_("Signed as"), _("Name"), _("Date")],
        [[s.role, s.name or _("Not signed"), s.date or EMPTY] for s in status.signatures],
        widths=(2, 3, 1),
        empty_text=_("Nobody has signed the plan yet."),
    )
    history = _table(
        "",
        _("Version history"),
        [
            _field(BenefitPlan, "version"),
            _("Status"),
            _field(BenefitPlan, "approved_on"),
            _("Project owner"),
            _("Top management"),
        ],
        [
            [
                str(p.version),
                p.get_status_display(),
                _date(p.approved_on) or EMPTY,
                _or_empty(p.approved_by_owner),
                _or_empty(p.approved_by_management),
            ]
            for p in plans
        ],
        widths=(1, 1, 1, 2, 2),
        numeric=frozenset({0}),
        empty_text=_("No version of the plan has been recorded yet."),
    )
    blocks: list[Block] = [about, signatures, history]
    if approved:
        changed = differences(approved.snapshot, snapshot(c.benefits))
        if changed:
            blocks.append(
                Paragraph(
                    _("The plan has changed since version %(version)s was approved:") % {"version": approved.version}
                )
            )
            blocks.append(
                _table(
                    "",
                    _("Changes since the approved version"),
                    [_("Benefit"), _("What"), _("Approved"), _("Now")],
                    [[d.benefit, d.what, d.approved or EMPTY, d.now or EMPTY] for d in changed],
                    widths=(3, 2, 2, 2),
                )
            )
    return (Section("", _("Approval and versions"), 1, tuple(blocks)),)


def _chapter_rationale(c: _Context) -> Section:
    initiative = c.initiative
    yes_no = _("Yes") if initiative.statutory else _("No")
    period = " – ".join(d for d in (_date(initiative.planned_start), _date(initiative.planned_end)) if d)
    facts = _table(
        "",
        _("Key facts"),
        [_("Item"), _("Details")],
        [
            [_("Organisation"), initiative.organisation.name],
            [_field(Initiative, "phase"), initiative.get_phase_display()],
            [_field(Initiative, "statutory"), yes_no],
            [_("Planned period"), period or EMPTY],
            [_("Budget"), format_money(initiative.budget) or EMPTY],
            [_field(Initiative, "programme"), _or_empty(initiative.programme)],
            [_field(Initiative, "sector"), _or_empty(initiative.sector)],
            [_("Project owner"), c.person(initiative.project_owner)],
            [_field(Initiative, "project_leader"), c.person(initiative.project_leader)],
            [_field(Initiative, "service_owner"), c.person(initiative.service_owner)],
        ],
        widths=(1, 2),
    )
    goals = sorted({b.goal.name for b in c.benefits if b.goal_id})
    changes = list(initiative.changes.all())
    affected = list(initiative.affected_units.select_related("unit"))
    blocks: list[Block] = [
        Paragraph(initiative.purpose or _("The purpose of the initiative has not been described yet.")),
        facts,
        Paragraph(_("Strategic goals the benefits contribute to:")),
        BulletList(tuple(goals)) if goals else Paragraph(_("No strategic goal has been linked yet.")),
        Paragraph(_("What will be done in a new way:")),
    ]
    if changes:
        items = []
        for change in changes:
            if change.enabler:
                items.append(
                    _("%(change)s (enabled by %(enabler)s)") % {"change": change.description, "enabler": change.enabler}
                )
            else:
                items.append(change.description)
        blocks.append(BulletList(tuple(items)))
    else:
        blocks.append(Paragraph(_("No changes have been described yet.")))
    blocks.append(
        _table(
            "",
            _("Units whose way of working changes"),
            [_field(AffectedUnit, "unit"), _("Employees affected"), _field(AffectedUnit, "change_from")],
            [[a.unit.name, format_number(a.employees_affected), _date(a.change_from)] for a in affected],
            numeric=frozenset({1}),
            widths=(3, 1, 1),
            empty_text=_("No affected units have been registered yet."),
        )
    )
    return Section("1", _("Rationale, objectives and deliverables"), 1, tuple(blocks))


def _chapter_responsibility(c: _Context) -> Section:
    roles: dict[int, tuple[object, dict[str, list[str]]]] = {}

    def add(user, role: str, benefit: Benefit) -> None:
        if user is None:
            return
        _user, by_role = roles.setdefault(user.pk, (user, defaultdict(list)))
        if c.ids[benefit.pk] not in by_role[role]:
            by_role[role].append(c.ids[benefit.pk])

    for b in c.benefits:
        add(b.responsible, _("Benefit responsible"), b)
        add(b.owner, _("Benefit owner"), b)
        for indicator in b.indicators.all():
            add(indicator.measured_by, _("Measures the indicators"), b)
    rows = [
        [
            c.person(user),
            "; ".join(
                _("%(role)s for %(ids)s") % {"role": role, "ids": ", ".join(ids)} for role, ids in by_role.items()
            ),
        ]
        for user, by_role in roles.values()
    ]
    return Section(
        "2",
        _("Responsibility for the benefits"),
        1,
        (
            Paragraph(
                _(
                    "The benefit responsible prepares the plan with the benefit owners. A benefit owner is the line "
                    "manager who takes the benefit out and is accountable for it after the project has ended."
                )
            ),
            _table(
                "",
                _("People responsible for the benefits"),
                [_("Name, title and unit"), _("Responsibility")],
                rows,
                widths=(2, 3),
                empty_text=_("Nobody has been given responsibility for a benefit yet."),
            ),
        ),
    )


def _full_effect(benefit: Benefit) -> BenefitEstimate | None:
    """The year with the largest adjusted estimate (the earliest if several are equal)."""
    return max(benefit.estimates.all(), key=lambda e: (e.adjusted, -e.year), default=None)


def _quantity(benefit: Benefit, estimate: BenefitEstimate | None) -> str:
    if estimate is None or benefit.measure != Benefit.Measure.HOURS:
        return EMPTY
    return _("%(number)s hours") % {"number": format_number(estimate.adjusted)}


def _unit_value(c: _Context, benefit: Benefit) -> str:
    if benefit.measure != Benefit.Measure.HOURS:
        return EMPTY
    cost = benefit_hourly_cost(benefit, c.initiative.organisation)
    return _("%(money)s per hour") % {"money": format_money(cost)}


def _yearly_value(c: _Context, benefit: Benefit, estimate: BenefitEstimate | None) -> Decimal | None:
    return None if estimate is None else benefit_value(benefit, estimate.adjusted, c.initiative.organisation)


def _economics_figure(economics: Economics) -> list[Figure]:
    """The economics page's chart of the cumulative net benefit, when there are figures to draw."""
    drawn = economics_chart(economics)
    return [Figure(drawn.chart.svg, drawn.chart.title, drawn.chart.description)] if drawn else []


def _chapter_benefits(c: _Context) -> tuple[Section, ...]:
    e = c.economics
    first, last = e.years[0].year, e.years[-1].year
    horizon = {y.year for y in e.years}

    # Summary by where the benefit arises.
    summary_rows = []
    total = Decimal(0)
    for kind, label in Benefit.Kind.choices:
        benefits = c.of_kind(kind)
        if not benefits:
            continue
        names = "; ".join(f"{c.ids[b.pk]} {b.description}" for b in benefits)
        if kind == Benefit.Kind.QUALITATIVE:
            value = _("Not priced")
        else:
            gross = sum((y.benefits_by_kind.get(kind, Decimal(0)) for y in e.years), Decimal(0))
            total += gross
            value = format_money(gross)
        summary_rows.append([str(label), names, value])
    if summary_rows:
        summary_rows.append([_("Sum"), "", format_money(total)])
    overview = Section(
        "3",
        _("The initiative's benefits"),
        1,
        (
            Paragraph(
                _(
                    "The benefits are estimated for the first ten years, %(first)s–%(last)s. Each yearly value is the "
                    "uncertainty-adjusted estimate (most optimistic + 3 × most likely + most pessimistic) / 5; hours "
                    "are valued at the hourly cost of the unit where they arise."
                )
                % {"first": first, "last": last}
            ),
            _table(
                "",
                _("Benefits by where they arise"),
                [_("Where the benefit arises"), _("Benefits"), _("Gross benefit over ten years")],
                summary_rows,
                numeric=frozenset({2}),
                widths=(2, 4, 2),
                total_rows=1 if summary_rows else 0,
                empty_text=_("No benefits have been registered yet."),
            ),
        ),
    )

    # 3.1 Table A: priced benefits in our own organisation at full effect.
    own = c.of_kind(*OWN_PRICED)
    a_rows = []
    a_total = Decimal(0)
    for b in own:
        full = _full_effect(b)
        value = _yearly_value(c, b, full)
        a_total += value or 0
        a_rows.append(
            [
                c.ids[b.pk],
                b.description,
                b.get_kind_display(),
                _quantity(b, full),
                _unit_value(c, b),
                format_money(value) or EMPTY,
                c.person(b.owner),
                c.person(b.responsible),
            ]
        )
    if a_rows:
        a_rows.append([_("Sum"), "", "", "", "", format_money(a_total), "", ""])
    table_a = _table(
        "A",
        _("Priced benefits in our own organisation"),
        [
            _("ID"),
            _("Benefit"),
            _field(Benefit, "kind"),
            _("Quantity per year at full effect"),
            _("Unit value"),
            _("Value per year at full effect"),
            _("Benefit owner"),
            _("Benefit responsible"),
        ],
        a_rows,
        numeric=frozenset({3, 4, 5}),
        widths=(1, 4, 3, 2, 2, 2, 3, 3),
        total_rows=1 if a_rows else 0,
        empty_text=_("No priced benefits in our own organisation."),
    )

    # Table B: every estimate of a priced benefit in the horizon, with the adjusted value.
    b_rows = []
    outside = []
    for b in c.benefits:
        if not b.is_priced:
            continue
        for estimate in b.estimates.all():
            if estimate.year not in horizon:
                outside.append(f"{c.ids[b.pk]} {estimate.year}")
                continue
            b_rows.append(
                [
                    c.ids[b.pk],
                    b.description,
                    str(estimate.year),
                    b.get_measure_display(),
                    format_number(estimate.optimistic),
                    format_number(estimate.likely),
                    format_number(estimate.pessimistic),
                    format_number(estimate.adjusted),
                    format_money(benefit_value(b, estimate.adjusted, c.initiative.organisation)),
                ]
            )
    table_b = _table(
        "B",
        _("Uncertainty-adjusted estimates per benefit and year"),
        [
            _("ID"),
            _("Benefit"),
            _field(BenefitEstimate, "year"),
            _field(Benefit, "measure"),
            _field(BenefitEstimate, "optimistic"),
            _field(BenefitEstimate, "likely"),
            _field(BenefitEstimate, "pessimistic"),
            _("Adjusted estimate"),
            _("Value"),
        ],
        b_rows,
        numeric=frozenset({4, 5, 6, 7, 8}),
        widths=(1, 4, 1, 2, 2, 2, 2, 2, 2),
        empty_text=_("No estimates yet."),
    )
    b_blocks: list[Block] = [table_b]
    if outside:
        b_blocks.append(
            Paragraph(
                _("Estimates outside %(first)s–%(last)s are not counted: %(list)s.")
                % {"first": first, "last": last, "list": ", ".join(outside)}
            )
        )

    # Economics per year, both net present values and the implementation costs.
    years = [
        [
            str(y.year),
            format_money(y.gross),
            format_money(y.investment),
            format_money(y.operating),
            format_money(y.implementation_cost),
            format_money(y.net_technology),
            format_money(y.net_full),
            format_money(y.present_full),
        ]
        for y in e.years
    ]
    totals = e.totals
    years.append(
        [
            _("Sum"),
            format_money(totals["gross"]),
            format_money(totals["investment"]),
            format_money(totals["operating"]),
            format_money(sum((y.implementation_cost for y in e.years), Decimal(0))),
            format_money(sum((y.net_technology for y in e.years), Decimal(0))),
            format_money(sum((y.net_full for y in e.years), Decimal(0))),
            format_money(e.npv_full),
        ]
    )
    economics_table = _table(
        "",
        _("Benefits, costs and net benefit per year"),
        [
            _field(BenefitEstimate, "year"),
            _("Gross benefits"),
            _("Investment"),
            _("Operating"),
            _("Implementation"),
            _("Net, technology only"),
            _("Net, full cost"),
            _("Present value, full cost"),
        ],
        years,
        numeric=frozenset(range(1, 8)),
        widths=(1, 2, 2, 2, 2, 2, 2, 2),
        total_rows=1,
    )
    implementation = _table(
        "",
        _("Implementation costs over ten years"),
        [_("Cost"), _("Amount")],
        [
            [_("Training"), format_money(totals["training"])],
            [_("Substitutes for staff in training"), format_money(totals["substitutes"])],
            [_("Follow-on management"), format_money(totals["management"])],
            [_("Further development"), format_money(totals["development"])],
        ],
        numeric=frozenset({1}),
        widths=(3, 2),
    )
    key_rows = [
        [_("Discount rate"), f"{format_number(e.discount_rate, 2)}{NBSP}%"],
        [_("Net present value, technology only"), format_money(e.npv_technology)],
        [_("Net present value, full cost"), format_money(e.npv_full)],
        [_("Implementation costs lower the net present value by"), format_money(e.implementation_gap)],
        [_("Pays back from"), str(e.payback_year) if e.payback_year else _("Not within ten years")],
        [_("Freed hours over ten years"), format_number(e.freed_hours_total)],
    ]
    if e.uncertainty:
        key_rows.append(
            [
                _("Net present value, full cost, 80 % interval"),
                _("%(p10)s to %(p90)s")
                % {"p10": format_money(e.uncertainty.p10), "p90": format_money(e.uncertainty.p90)},
            ]
        )
    key_figures = _table("", _("Net present value"), [_("Key figure"), _("Value")], key_rows, widths=(3, 2))
    own_section = Section(
        "3.1",
        _("Priced benefits in our own organisation"),
        2,
        (
            table_a,
            *b_blocks,
            Paragraph(
                _(
                    "Net benefit with technology only subtracts investment and operating costs; full cost also "
                    "subtracts implementation: training, substitutes, follow-on management and further development. "
                    "Year t is discounted by 1 / (1 + r)^(t − 1)."
                )
            ),
            economics_table,
            *_economics_figure(e),
            implementation,
            key_figures,
        ),
    )

    # 3.2 Table C: how and from when each priced benefit is taken out.
    c_rows = []
    for b in own:
        full = _full_effect(b)
        c_rows.append(
            [
                c.ids[b.pk],
                b.description,
                format_money(_yearly_value(c, b, full)) or EMPTY,
                b.get_take_out_display() if b.take_out else _("Not decided"),
                _or_empty(b.take_out_detail),
                _or_empty(b.take_out_year),
                c.person(b.owner),
            ]
        )
    take_out = Section(
        "3.2",
        _("How the priced benefits are taken out"),
        2,
        (
            _table(
                "C",
                _("Taking out priced benefits in our own organisation"),
                [
                    _("ID"),
                    _("Benefit"),
                    _("Value per year at full effect"),
                    _field(Benefit, "take_out"),
                    _field(Benefit, "take_out_detail"),
                    _field(Benefit, "take_out_year"),
                    _("Benefit owner"),
                ],
                c_rows,
                numeric=frozenset({2}),
                widths=(1, 4, 2, 3, 4, 1, 3),
                empty_text=_("No priced benefits in our own organisation."),
            ),
        ),
    )

    # 3.3 Table D: priced benefits in other public organisations.
    d_rows = []
    for b in c.of_kind(Benefit.Kind.OTHER_PUBLIC):
        full = _full_effect(b)
        d_rows.append(
            [
                c.ids[b.pk],
                b.description,
                _or_empty(b.arises_elsewhere),
                _quantity(b, full),
                format_money(_yearly_value(c, b, full)) or EMPTY,
                _or_empty(b.take_out_year),
                c.person(b.owner),
            ]
        )
    other = Section(
        "3.3",
        _("Priced benefits in other public organisations"),
        2,
        (
            _table(
                "D",
                _("Priced benefits in other public organisations"),
                [
                    _("ID"),
                    _("Benefit"),
                    _field(Benefit, "arises_elsewhere"),
                    _("Quantity per year at full effect"),
                    _("Value per year at full effect"),
                    _field(Benefit, "take_out_year"),
                    _("Contact"),
                ],
                d_rows,
                numeric=frozenset({3, 4}),
                widths=(1, 4, 3, 2, 2, 1, 3),
                empty_text=_("No priced benefits in other public organisations."),
            ),
        ),
    )

    # 3.4 Table E: benefits that are not priced, with their importance.
    e_rows = [
        [
            c.ids[b.pk],
            b.description,
            _or_empty(b.arises_elsewhere or (b.unit.name if b.unit_id else "")),
            b.get_importance_display() if b.importance else EMPTY,
            _or_empty(b.take_out_year),
            c.person(b.owner),
        ]
        for b in c.of_kind(Benefit.Kind.QUALITATIVE)
    ]
    qualitative = Section(
        "3.4",
        _("Benefits that are not priced"),
        2,
        (
            _table(
                "E",
                _("Benefits that are not priced, inside and outside the organisation"),
                [
                    _("ID"),
                    _("Benefit"),
                    _("Who gets it"),
                    _field(Benefit, "importance"),
                    _field(Benefit, "take_out_year"),
                    _("Benefit owner"),
                ],
                e_rows,
                widths=(1, 4, 3, 2, 1, 3),
                empty_text=_("No benefits that are not priced."),
            ),
        ),
    )
    return overview, own_section, take_out, other, qualitative


def _chapter_measures(c: _Context) -> tuple[Section, ...]:
    f_rows = [
        [
            c.ids[b.pk],
            b.description,
            m.description,
            c.person(m.responsible),
            _date(m.deadline) or EMPTY,
            m.get_status_display(),
            m.get_risk_display(),
        ]
        for b in c.benefits
        for m in b.measures.all()
    ]
    warnings = [
        _("%(id)s %(benefit)s: %(warning)s")
        % {"id": c.ids[row.benefit.pk], "benefit": row.benefit.description, "warning": w.text}
        for row in c.rows
        for w in row.warnings
    ]
    measure_blocks: list[Block] = [
        _table(
            "F",
            _("Measures and risk profile"),
            [
                _("ID"),
                _("Benefit"),
                _field(RealisationMeasure, "description"),
                _field(RealisationMeasure, "responsible"),
                _field(RealisationMeasure, "deadline"),
                _("Status"),
                _("Risk profile"),
            ],
            f_rows,
            widths=(1, 3, 4, 3, 2, 2, 2),
            empty_text=_("No measures have been planned yet."),
        )
    ]
    if warnings:
        measure_blocks += [Paragraph(_("What the data says may stop a benefit:")), BulletList(tuple(warnings))]

    statuses: list[tuple[Benefit, IndicatorStatus]] = [(row.benefit, s) for row in c.rows for s in row.indicators]
    g_rows = []
    for b, s in statuses:
        i = s.indicator
        latest = (
            _("%(value)s (%(date)s)") % {"value": _number(s.latest.value), "date": _date(s.latest.measured_on)}
            if s.latest
            else _("Not measured yet")
        )
        g_rows.append(
            [
                c.ids[b.pk],
                i.name,
                i.unit_of_measure,
                _or_empty(i.method),
                _value_on(i.baseline_value, i.baseline_date),
                _value_on(i.target_value, i.target_date),
                latest,
                _percent(s.achievement) or EMPTY,
                c.person(i.measured_by),
            ]
        )
    follow_up = (
        Paragraph(
            _(
                "Achievement is (measured − baseline) / (target − baseline): 0 % at the baseline and 100 % when the "
                "target is reached."
            )
        ),
        _table(
            "G",
            _("Indicators and measurements"),
            [
                _("ID"),
                _field(Indicator, "name"),
                _field(Indicator, "unit_of_measure"),
                _field(Indicator, "method"),
                _("Baseline"),
                _("Target"),
                _("Latest measurement"),
                _("Achievement"),
                _field(Indicator, "measured_by"),
            ],
            g_rows,
            numeric=frozenset({7}),
            widths=(1, 3, 2, 3, 2, 2, 2, 2, 3),
            empty_text=_("No indicators have been set yet."),
        ),
    )
    return (
        Section("4", _("Measures and follow-up"), 1, ()),
        Section("4.1", _("Measures to realise the benefits"), 2, tuple(measure_blocks)),
        Section("4.2", _("Measuring the benefits"), 2, follow_up),
    )


def _value_on(value: Decimal | None, date: datetime.date | None) -> str:
    if value is None:
        return EMPTY
    if date is None:
        return _number(value)
    return _("%(value)s (%(date)s)") % {"value": _number(value), "date": _date(date)}


def _chapter_map(c: _Context) -> Section:
    by_id = {b.pk: b for b in c.benefits}

    def part(label: str, text: str) -> str:
        return _("%(label)s: %(text)s") % {"label": label, "text": text}

    chains = []
    with_benefits = set()
    for b in c.benefits:
        with_benefits.add(b.change_id)
        steps = []
        if b.change.enabler:
            steps.append(part(_("Enabler"), b.change.enabler))
        steps.append(part(_model(Change), b.change.description))
        end = by_id.get(b.intermediate_id) if b.intermediate_id else None
        if end is not None:
            steps.append(part(_("Intermediate benefit"), f"{c.ids[b.pk]} {b.description}"))
            steps.append(part(_("End benefit"), f"{c.ids[end.pk]} {end.description}"))
        else:
            steps.append(part(_("Benefit"), f"{c.ids[b.pk]} {b.description}"))
        goal = b.goal or (end.goal if end is not None else None)
        if goal is not None:
            steps.append(part(_model(StrategicGoal), goal.name))
        chains.append(ARROW.join(steps))
    for change in c.initiative.changes.exclude(pk__in=with_benefits):
        steps = [part(_("Enabler"), change.enabler)] if change.enabler else []
        steps.append(part(_model(Change), change.description))
        chains.append(ARROW.join([*steps, _("no benefit linked yet")]))
    prerequisites = [
        _("%(id)s %(prerequisite)s: %(state)s")
        % {
            "id": c.ids[b.pk],
            "prerequisite": p.description,
            "state": (_("confirmed %(date)s") % {"date": _date(p.confirmed_on)}).strip()
            if p.confirmed
            else _("not confirmed"),
        }
        for b in c.benefits
        for p in b.prerequisites.all()
    ]
    blocks: list[Block] = [
        Paragraph(
            _(
                "Each line reads from what the solution makes possible, through the change in the way of working, "
                "to the benefit and the strategic goal it serves."
            )
        ),
        BulletList(tuple(chains)) if chains else Paragraph(_("The benefits map is empty.")),
    ]
    if prerequisites:
        blocks += [Paragraph(_("Prerequisites for realising the benefits:")), BulletList(tuple(prerequisites))]
    return Section("5", _("Benefits map"), 1, tuple(blocks))
