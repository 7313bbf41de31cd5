"""The change load as an SVG heatmap (units × months), drawn by ``core.heatmap``."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.formatting import format_number
from core.heatmap import Band, Cell, heatmap_svg

from .services.load_heatmap import HeatmapRow, LoadCell, LoadHeatmap

OVER_MARK = "▲"  # beside the number, so a month over the limit reads without colour


def load_bands() -> list[Band]:
    """The legend: the bands of ``load_heatmap.band``."""
    return [
        Band("none", _("No change"), "unknown"),
        Band("light", _("Under half the limit"), "good"),
        Band("heavy", _("Half the limit up to the limit"), "medium"),
        Band("over", _("Over the limit (▲)"), "high"),
    ]


def load_cell(row: HeatmapRow, cell: LoadCell) -> Cell:
    load, limit = format_number(cell.load, 1), format_number(row.limit, 1)
    where = {"unit": row.unit.name, "month": date_format(cell.month, "YEAR_MONTH_FORMAT"), "load": load}
    if cell.over:
        title = _("%(unit)s, %(month)s: load %(load)s, over the limit of %(limit)s") % {**where, "limit": limit}
        return Cell(cell.band, f"{load} {OVER_MARK}", title)
    title = _("%(unit)s, %(month)s: load %(load)s, limit %(limit)s") % {**where, "limit": limit}
    return Cell(cell.band, load, title)


def load_heatmap_svg(heatmap: LoadHeatmap) -> SafeString:
    return heatmap_svg(
        [row.unit.name for row in heatmap.rows],
        [date_format(month, "M Y") for month in heatmap.months],
        [[load_cell(row, cell) for cell in row.cells] for row in heatmap.rows],
        label=_("Change load per unit and month"),
        legend=load_bands(),
    )
