"""The change load as an SVG heatmap (units × months), drawn by ``core.heatmap``."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.formatting import format_number
from core.heatmap import Band, Cell, heatmap_svg

from .services.load_heatmap import HeatmapRow, LoadHeatmap

OVER_MARK = "▲"  # beside the number, so a month over the limit reads without colour
LOAD_CELL = (64, 28)  # one short number per cell ("23,5 ▲"), so 12 months fit beside the unit names


def load_bands() -> list[Band]:
    """The legend: the bands of ``load_heatmap.band``."""
    return [
        Band("none", _("No change"), "unknown"),
        Band("light", _("Under half the limit"), "good"),
        Band("heavy", _("Half the limit up to the limit"), "medium"),
        Band("over", _("Over the limit (▲)"), "high"),
    ]


def load_heatmap_svg(heatmap: LoadHeatmap) -> SafeString:
    # Words and formats are looked up once, not once per cell: a page may have 300 units × 36 months.
    months = [date_format(month, "YEAR_MONTH_FORMAT") for month in heatmap.months]
    within = _("%(unit)s, %(month)s: load %(load)s, limit %(limit)s")
    over = _("%(unit)s, %(month)s: load %(load)s, over the limit of %(limit)s")

    def cells(row: HeatmapRow) -> list[Cell]:
        facts = {"unit": row.unit.name, "limit": format_number(row.limit, 1)}
        return [
            Cell(cell.band, f"{cell.text} {OVER_MARK}", over % {**facts, "month": month, "load": cell.text})
            if cell.over
            else Cell(cell.band, cell.text, within % {**facts, "month": month, "load": cell.text})
            for month, cell in zip(months, row.cells, strict=True)
        ]

    return heatmap_svg(
        [row.unit.name for row in heatmap.rows],
        [date_format(month, "M Y") for month in heatmap.months],
        [cells(row) for row in heatmap.rows],
        label=_("Change load per unit and month"),
        legend=load_bands(),
        cell_size=LOAD_CELL,
    )
