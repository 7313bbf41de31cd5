"""Chapter 3 of the plan document: the benefits, tables A–E and the economics with its chart."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import NBSP, format_money, format_number

from ..charts import economics_chart
from ..models import Benefit, BenefitEstimate
from ..services.economics import Economics, benefit_hourly_cost, benefit_value
from .plan_context import (
    EMPTY,
    OWN_PRICED,
    PlanContext,
    field_heading,
    make_table,
    or_empty,
)
from .plan_model import Block, Figure, Paragraph, Section


def _full_effect(benefit: Benefit) -> BenefitEstimate | None:
    """The year with the largest adjusted estimate (the earliest if several are equal)."""
    return max(benefit.estimates.all(), key=lambda e: (e.adjusted, -e.year), default=None)


def _quantity(benefit: Benefit, estimate: BenefitEstimate | None) -> str:
    if estimate is None or benefit.measure != Benefit.Measure.HOURS:
        return EMPTY
    return _("%(number)s hours") % {"number": format_number(estimate.adjusted)}


def _unit_value(c: PlanContext, benefit: Benefit) -> str:
    if benefit.measure != Benefit.Measure.HOURS:
        return EMPTY
    cost = benefit_hourly_cost(benefit, c.initiative.organisation)
    return _("%(money)s per hour") % {"money": format_money(cost)}


def _yearly_value(c: PlanContext, benefit: Benefit, estimate: BenefitEstimate | None) -> Decimal | None:
    return None if estimate is None else benefit_value(benefit, estimate.adjusted, c.initiative.organisation)


def _economics_figure(economics: Economics) -> list[Figure]:
    """The economics page's chart of the cumulative net benefit, when there are figures to draw."""
    drawn = economics_chart(economics)
    return [Figure(drawn.chart.svg, drawn.chart.title, drawn.chart.description)] if drawn else []


def chapter_benefits(c: PlanContext) -> tuple[Section, ...]:
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
            make_table(
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
    table_a = make_table(
        "A",
        _("Priced benefits in our own organisation"),
        [
            _("ID"),
            _("Benefit"),
            field_heading(Benefit, "kind"),
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
    table_b = make_table(
        "B",
        _("Uncertainty-adjusted estimates per benefit and year"),
        [
            _("ID"),
            _("Benefit"),
            field_heading(BenefitEstimate, "year"),
            field_heading(Benefit, "measure"),
            field_heading(BenefitEstimate, "optimistic"),
            field_heading(BenefitEstimate, "likely"),
            field_heading(BenefitEstimate, "pessimistic"),
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
    economics_table = make_table(
        "",
        _("Benefits, costs and net benefit per year"),
        [
            field_heading(BenefitEstimate, "year"),
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
    implementation = make_table(
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
    key_figures = make_table("", _("Net present value"), [_("Key figure"), _("Value")], key_rows, widths=(3, 2))
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
                or_empty(b.take_out_detail),
                or_empty(b.take_out_year),
                c.person(b.owner),
            ]
        )
    take_out = Section(
        "3.2",
        _("How the priced benefits are taken out"),
        2,
        (
            make_table(
                "C",
                _("Taking out priced benefits in our own organisation"),
                [
                    _("ID"),
                    _("Benefit"),
                    _("Value per year at full effect"),
                    field_heading(Benefit, "take_out"),
                    field_heading(Benefit, "take_out_detail"),
                    field_heading(Benefit, "take_out_year"),
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
                or_empty(b.arises_elsewhere),
                _quantity(b, full),
                format_money(_yearly_value(c, b, full)) or EMPTY,
                or_empty(b.take_out_year),
                c.person(b.owner),
            ]
        )
    other = Section(
        "3.3",
        _("Priced benefits in other public organisations"),
        2,
        (
            make_table(
                "D",
                _("Priced benefits in other public organisations"),
                [
                    _("ID"),
                    _("Benefit"),
                    field_heading(Benefit, "arises_elsewhere"),
                    _("Quantity per year at full effect"),
                    _("Value per year at full effect"),
                    field_heading(Benefit, "take_out_year"),
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
            or_empty(b.arises_elsewhere or (b.unit.name if b.unit_id else "")),
            b.get_importance_display() if b.importance else EMPTY,
            or_empty(b.take_out_year),
            c.person(b.owner),
        ]
        for b in c.of_kind(Benefit.Kind.QUALITATIVE)
    ]
    qualitative = Section(
        "3.4",
        _("Benefits that are not priced"),
        2,
        (
            make_table(
                "E",
                _("Benefits that are not priced, inside and outside the organisation"),
                [
                    _("ID"),
                    _("Benefit"),
                    _("Who gets it"),
                    field_heading(Benefit, "importance"),
                    field_heading(Benefit, "take_out_year"),
                    _("Benefit owner"),
                ],
                e_rows,
                widths=(1, 4, 3, 2, 1, 3),
                empty_text=_("No benefits that are not priced."),
            ),
        ),
    )
    return overview, own_section, take_out, other, qualitative
