"""The people side's pictures: the competence gaps as an SVG heatmap (units × themes)."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.heatmap import Band, Cell, heatmap_svg
from core.templatetags.omstilling import percent

from .services.gaps import Gap, Heatmap


def gap_bands() -> list[Band]:
    """The legend: the bands of ``Gap.band`` from no gap to a large one, and too few answers."""
    return [
        Band("none", _("No one below"), "good"),
        Band("small", _("Fewer than a quarter below"), "low"),
        Band("moderate", _("A quarter to half below"), "medium"),
        Band("large", _("Half or more below"), "high"),
        Band("unknown", _("Too few answers to show"), "unknown"),
    ]


def gap_cell(unit_name: str, gap: Gap, minimum: int) -> Cell:
    where = {"unit": unit_name, "theme": gap.theme.name, "level": gap.required}
    if gap.distribution is None:
        title = _("%(unit)s, %(theme)s: level %(level)s needed; fewer than %(minimum)s answers") % {
            **where,
            "minimum": minimum,
        }
        detail = _("< %(minimum)s answers") % {"minimum": minimum}
    else:
        share = percent(gap.share_below)
        figures = {"below": gap.below, "total": gap.distribution.count, "share": share}
        title = _("%(unit)s, %(theme)s: level %(level)s needed; %(below)s of %(total)s below (%(share)s)") % {
            **where,
            **figures,
        }
        if gap.merged_into:
            title += " (" + _("answers counted with %(name)s") % {"name": gap.merged_into} + ")"
        detail = _("%(share)s below") % {"share": share}
    return Cell(gap.band, _("Level %(level)s") % {"level": gap.required}, title, detail)


def gap_heatmap_svg(heatmap: Heatmap) -> SafeString:
    cells = [
        [gap_cell(row.unit.name, gap, heatmap.minimum) if gap else None for gap in row.cells] for row in heatmap.rows
    ]
    return heatmap_svg(
        [row.unit.name for row in heatmap.rows],
        [theme.name for theme in heatmap.themes],
        cells,
        label=_("Competence gaps per unit and theme"),
        legend=gap_bands(),
        empty_title=_("Not needed"),
    )
