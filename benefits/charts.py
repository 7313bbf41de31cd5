"""The benefits charts: economics, the portfolio's benefits and an indicator's measurements.

Every figure comes from the services (``economics``, ``portfolio``, the prefetched
measurements); this module only arranges them for the picture and its table alternative.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import charts
from core.formatting import format_money, format_number
from core.templatetags.omstilling import percent

from .models import Indicator
from .services.economics import Economics
from .services.portfolio import PortfolioBenefits


def running_totals(values: list[Decimal]) -> list[Decimal]:
    totals, total = [], Decimal(0)
    for value in values:
        total += value
        totals.append(total)
    return totals


@dataclass(frozen=True)
class CumulativeYear:
    year: int
    technology: Decimal
    full: Decimal


@dataclass(frozen=True)
class EconomicsChart:
    chart: charts.Chart
    rows: list[CumulativeYear]


def economics_chart(economics: Economics) -> EconomicsChart | None:
    """Cumulative present value over the ten years, technology only against full cost.

    The lines end at the two net present values; the P10–P90 range of the full-cost NPV stands
    at the last year, and the payback year is marked on the time axis.
    """
    if not economics.has_figures:
        return None
    technology = running_totals([y.present_technology for y in economics.years])
    full = running_totals([y.present_full for y in economics.years])
    rows = [CumulativeYear(y.year, t, f) for y, t, f in zip(economics.years, technology, full, strict=True)]
    technology_label = _("Technology only")
    full_label = _("Full cost")
    last_full = {"value": float(full[-1]), "label": full_label}
    if economics.uncertainty:
        last_full["ci"] = {"low": float(economics.uncertainty.p10), "high": float(economics.uncertainty.p90)}
    payback = str(economics.payback_year) if economics.payback_year else None
    chart = pygal.Line(
        **charts.chart_config(
            width=820,
            height=420,
            margin_right=110,
            x_labels=[str(y.year) for y in economics.years],
            x_labels_major=[payback] if payback else [],
            show_minor_x_labels=True,
            value_formatter=charts.money_axis,
            print_labels=True,
            dots_size=4,
        )
    )
    chart.add(
        technology_label,
        [float(v) for v in technology[:-1]] + [{"value": float(technology[-1]), "label": technology_label}],
        stroke_style=charts.DASHED,
    )
    chart.add(full_label, [float(v) for v in full[:-1]] + [last_full], stroke_style=charts.SOLID)
    parts = [
        _("Cumulative net benefit in present value, %(first)s–%(last)s.")
        % {"first": economics.years[0].year, "last": economics.years[-1].year},
        _("Technology only ends at %(technology)s, full cost at %(full)s.")
        % {"technology": format_money(technology[-1]), "full": format_money(full[-1])},
    ]
    if economics.uncertainty:
        parts.append(
            _("The full-cost value lies between %(p10)s and %(p90)s (P10–P90).")
            % {"p10": format_money(economics.uncertainty.p10), "p90": format_money(economics.uncertainty.p90)}
        )
    parts.append(_("Payback year: %(year)s.") % {"year": payback} if payback else _("No payback within ten years."))
    rendered = charts.render(
        chart,
        _("Cumulative net benefit, technology only and full cost"),
        " ".join(parts),
        markers={payback: _("Payback")} if payback else None,
    )
    return EconomicsChart(rendered, rows)


def planned_by_year_chart(overview: PortfolioBenefits) -> charts.Chart | None:
    """Planned benefits per year as bars, each labelled with the average achievement measured."""
    if not overview.years:
        return None
    chart = pygal.Bar(
        **charts.chart_config(
            width=640,
            height=380,
            show_legend=False,
            x_labels=[str(year) for year, _planned, _share in overview.years],
            value_formatter=charts.money_axis,
            print_labels=True,
        )
    )
    chart.add(
        _("Planned benefits"),
        [
            {
                "value": float(planned),
                "label": _("%(share)s realised") % {"share": percent(share)} if share is not None else "",
            }
            for _year, planned, share in overview.years
        ],
    )
    return charts.render(
        chart,
        _("Planned benefits per year, with the average achievement measured"),
        " ".join(
            _("%(year)s: %(planned)s planned, %(share)s achieved.")
            % {
                "year": year,
                "planned": format_money(planned),
                "share": percent(share) if share is not None else _("nothing measured"),
            }
            for year, planned, share in overview.years
        ),
    )


def by_sector_chart(overview: PortfolioBenefits) -> charts.Chart | None:
    """Planned benefits by sector as horizontal bars with the amount written at each bar."""
    if not overview.by_sector:
        return None
    names = list(overview.by_sector)
    chart = pygal.HorizontalBar(
        **charts.chart_config(
            width=640,
            height=80 + 44 * len(names),
            show_legend=False,
            x_labels=names,
            value_formatter=charts.money_axis,
            print_values=True,
            margin_right=120,
        )
    )
    chart.add(_("Planned benefits"), [float(value) for value in overview.by_sector.values()])
    return charts.render(
        chart,
        _("Planned benefits by sector"),
        " ".join(f"{name}: {format_money(value)}." for name, value in overview.by_sector.items()),
    )


def short_date(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def indicator_chart(indicator: Indicator) -> charts.Chart | None:
    """Measurements against the straight line from the baseline to the target (prefetched rows)."""
    measurements = list(indicator.measurements.all())
    has_line = None not in (
        indicator.baseline_date,
        indicator.target_date,
        indicator.baseline_value,
        indicator.target_value,
    )
    if not measurements and not has_line:
        return None
    chart = pygal.DateLine(
        **charts.chart_config(
            width=640,
            height=320,
            margin_right=40,
            x_value_formatter=short_date,
            value_formatter=lambda value: format_number(value, 2),
            x_label_rotation=0,
            dots_size=5,
        )
    )
    if has_line:
        chart.add(
            _("Planned path from baseline to target"),
            [
                (indicator.baseline_date, float(indicator.baseline_value)),
                (indicator.target_date, float(indicator.target_value)),
            ],
            stroke_style=charts.DASHED,
            show_dots=False,
        )
    if measurements:
        chart.add(_("Measured"), [(m.measured_on, float(m.value)) for m in measurements], stroke_style=charts.SOLID)
    parts = []
    if has_line:
        parts.append(
            _("Planned: from %(baseline)s on %(start)s to %(target)s on %(end)s.")
            % {
                "baseline": format_number(indicator.baseline_value, 2),
                "start": short_date(indicator.baseline_date),
                "target": format_number(indicator.target_value, 2),
                "end": short_date(indicator.target_date),
            }
        )
    if measurements:
        latest = measurements[-1]
        parts.append(
            ngettext(
                "%(count)s measurement; the latest %(value)s on %(date)s.",
                "%(count)s measurements; the latest %(value)s on %(date)s.",
                len(measurements),
            )
            % {
                "count": len(measurements),
                "value": format_number(latest.value, 2),
                "date": short_date(latest.measured_on),
            }
        )
    return charts.render(
        chart, _("%(name)s: measured against the planned path") % {"name": indicator.name}, " ".join(parts)
    )
