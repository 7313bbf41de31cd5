"""The timeline chart: one bar per initiative, by phase, with red status and today marked."""

from __future__ import annotations

import datetime

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import charts

from .models import RAG, Phase
from .services.timeline import Timeline

# Each phase has a colour and a stroke pattern, so the bars differ in greyscale and print too.
PHASE_LOOK = {
    Phase.CONCEPT: (charts.NEUTRAL_SUBTLE, "3, 3"),
    Phase.PLANNING: (charts.BRAND2, "12, 4"),
    Phase.EXECUTION: (charts.ACCENT, None),
    Phase.CLOSING: (charts.BRAND1, "6, 3"),
    Phase.REALISATION: (charts.SUCCESS, "1, 2"),
    Phase.COMPLETED: (charts.NEUTRAL_TEXT, "8, 2, 2, 2"),
    Phase.STOPPED: (charts.WARNING, "2, 6"),
}
BAR_WIDTH = 14
ROW_HEIGHT = 34
MAX_YEAR_LABELS = 12


def _year(day: datetime.date) -> str:
    return str(day.year)


def timeline_chart(timeline: Timeline | None, today: datetime.date) -> charts.Chart | None:
    if timeline is None or not timeline.bars:
        return None
    rows = len(timeline.bars)

    def row(index: int) -> int:  # the first initiative at the top
        return rows - index

    by_phase: dict[str, list] = {}
    for index, bar in enumerate(timeline.bars):
        initiative = bar.initiative
        points = by_phase.setdefault(initiative.phase, [])
        points += [(initiative.planned_start, row(index)), (initiative.planned_end, row(index)), None]
    series = []  # (title, values, options, colour)
    for phase, points in by_phase.items():
        colour, dashes = PHASE_LOOK.get(phase, (charts.ACCENT, None))
        look = {"width": BAR_WIDTH, "linecap": "butt"}
        if dashes:
            look["dasharray"] = dashes
        series.append((str(Phase(phase).label), points[:-1], {"stroke_style": look, "show_dots": False}, colour))
    red = [
        (bar.initiative.planned_end, row(index))
        for index, bar in enumerate(timeline.bars)
        if getattr(bar.initiative, "latest_status", None) == RAG.RED
    ]
    if red:
        series.append((_("Red status"), red, {"stroke": False, "dots_size": 8}, charts.DANGER))
    if timeline.today_left is not None:
        today_line = [(today, 0.5), {"value": (today, rows + 0.5), "label": _("Today")}]
        look = {"stroke_style": {"width": 2, "dasharray": "6, 4"}, "show_dots": False}
        series.append((_("Today"), today_line, look, charts.DANGER))
    years = [int(tick.label) for tick in timeline.ticks]
    step = max(1, len(years) // MAX_YEAR_LABELS + 1)
    chart = pygal.DateLine(
        **charts.chart_config(
            width=900,
            height=140 + ROW_HEIGHT * rows,
            margin_right=40,
            allow_interruptions=True,
            show_y_guides=False,
            y_labels=[{"value": row(i), "label": bar.initiative.name} for i, bar in enumerate(timeline.bars)],
            truncate_label=32,
            range=(0.5, rows + 0.5),
            x_value_formatter=_year,
            x_labels=[datetime.date(year, 1, 1) for year in years[::step]],
            print_labels=True,
            legend_at_bottom_columns=2,
            margin_bottom=24,  # pygal leaves the last legend row no room of its own
            style=charts.style(tuple(colour for *_rest, colour in series)),
        )
    )
    for title, values, options, _colour in series:
        chart.add(title, values, **options)
    description = [
        _("%(name)s: %(start)s–%(end)s, %(phase)s.")
        % {
            "name": bar.initiative.name,
            "start": date_format(bar.initiative.planned_start, "SHORT_DATE_FORMAT"),
            "end": date_format(bar.initiative.planned_end, "SHORT_DATE_FORMAT"),
            "phase": bar.initiative.get_phase_display(),
        }
        for bar in timeline.bars[:5]
    ]
    if rows > 5:
        description.append(_("The table below lists every initiative."))
    return charts.render(chart, _("Initiatives over time, by phase"), " ".join(description))
