"""The digital maturity chart: one row per area, the level now and the target on a 1–5 axis.

Drawn by hand in the shared SVG style of ``core.heatmap`` (Designsystemet's colours and font as
presentation attributes, no ``<style>`` or script, which the Content Security Policy refuses). pygal
has no dot chart with two marks per row; its bar charts would put now and target side by side, which
hides the gap between them. Now is a filled circle, the target an open diamond, so the marks differ
by shape as well as colour, and the legend says which is which. The SVG scales to its container
(``viewBox``, width 100 %), so it fits a 320 px screen; the table beside it holds the same figures.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.charts import ACCENT, BACKGROUND, FONT, NEUTRAL_BORDER, NEUTRAL_SUBTLE, NEUTRAL_TEXT
from core.formatting import format_number
from core.heatmap import FONT_SIZE, _text  # the shared SVG style's text

from .services.maturity import Area, Level, MaturityResults

WIDTH = 360
PAD = 8
AXIS_LEFT, AXIS_RIGHT = 20, WIDTH - 20
TOP = 28  # below the level numbers
ROW = 48  # the area's name, then its track
TRACK_BELOW_NAME = 18
NOTE = 18  # a line of words under the track for what was not released
MARK = 7
LEVELS = (1, 2, 3, 4, 5)


def _x(level: float) -> float:
    return AXIS_LEFT + (level - 1) * (AXIS_RIGHT - AXIS_LEFT) / (len(LEVELS) - 1)


def _now_mark(x: float, y: float) -> str:
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARK}" fill="{ACCENT}"/>'


def _target_mark(x: float, y: float) -> str:
    reach = MARK + 1
    corners = ((x, y - reach), (x + reach, y), (x, y + reach), (x - reach, y))
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
    return f'<polygon points="{points}" fill="{BACKGROUND}" stroke="{NEUTRAL_TEXT}" stroke-width="2.5"/>'


def _describe(level: Level | None, minimum: int) -> str:
    if level is None:
        return _("fewer than %(minimum)s answers") % {"minimum": minimum}
    return format_number(level.mean, 1)


def _missing(area: Area, minimum: int) -> str:
    """What was not released, in words (empty when both were)."""
    if area.now and area.target:
        return ""
    if area.now:
        return _("target: fewer than %(minimum)s answers") % {"minimum": minimum}
    if area.target:
        return _("now: fewer than %(minimum)s answers") % {"minimum": minimum}
    return _("fewer than %(minimum)s answers") % {"minimum": minimum}


def _area(area: Area, top: float, minimum: int) -> tuple[str, float]:
    """One area's row from ``top``: its name, the 1–5 track with its marks, and words for what is
    missing on a line of their own; returns the SVG and the row's height."""
    name_y = top + FONT_SIZE
    track_y = name_y + TRACK_BELOW_NAME
    title = _("%(area)s: now %(now)s, target %(target)s") % {
        "area": area.name,
        "now": _describe(area.now, minimum),
        "target": _describe(area.target, minimum),
    }
    row = [f"<title>{escape(title)}</title>", _text(PAD, name_y, area.name, font_weight="600")]
    row += [
        f'<line x1="{_x(level):.1f}" y1="{track_y - MARK - 3}" x2="{_x(level):.1f}" y2="{track_y + MARK + 3}" '
        f'stroke="{NEUTRAL_BORDER}" stroke-width="1"/>'
        for level in LEVELS
    ]
    if area.now and area.target:
        row.append(
            f'<line x1="{_x(area.now.mean):.1f}" y1="{track_y}" x2="{_x(area.target.mean):.1f}" '
            f'y2="{track_y}" stroke="{NEUTRAL_SUBTLE}" stroke-width="3"/>'
        )
    if area.target:
        row.append(_target_mark(_x(area.target.mean), track_y))
    if area.now:
        row.append(_now_mark(_x(area.now.mean), track_y))
    height = ROW
    if missing := _missing(area, minimum):
        row.append(_text(PAD, track_y + MARK + 3 + FONT_SIZE, missing, fill=NEUTRAL_SUBTLE))
        height += NOTE
    return f'<g class="maturity-chart__area">{"".join(row)}</g>', height


#: The id of the results page's table of levels, which describes the chart.
MATURITY_TABLE_ID = "maturity-levels"


def maturity_chart(results: MaturityResults) -> SafeString:
    """The chart as inline SVG, described by the table of levels (``MATURITY_TABLE_ID``) on the page."""
    parts = [_text(_x(level), TOP - 12, str(level), text_anchor="middle", fill=NEUTRAL_SUBTLE) for level in LEVELS]
    y = TOP
    for area in results.areas:
        row, height = _area(area, y, results.minimum)
        parts.append(row)
        y += height
    legend_y = y + 2 * PAD
    year = results.target_year
    target = _("Target %(year)s") % {"year": year} if year else pgettext("maturity", "Target")
    parts.append(
        '<g class="maturity-chart__legend">'
        + _now_mark(PAD + MARK, legend_y)
        + _text(PAD + 2 * MARK + 6, legend_y + FONT_SIZE / 3, _("Now"))
        + _target_mark(WIDTH / 2, legend_y)
        + _text(WIDTH / 2 + MARK + 8, legend_y + FONT_SIZE / 3, target)
        + "</g>"
    )
    height = legend_y + MARK + 2 * PAD
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="maturity-chart" role="img" '
        f'aria-label="{escape(results.chart_label)}" aria-describedby="{MATURITY_TABLE_ID}" width="100%" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="{escape(FONT)}" font-size="{FONT_SIZE}" '
        f'fill="{NEUTRAL_TEXT}">'
    )
    return mark_safe(opening + "".join(parts) + "</svg>")  # noqa: S308 (every text above is escaped)
