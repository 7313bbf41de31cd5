"""Server-rendered SVG heatmaps: rows × columns of coloured cells, each with its words in it.

Used for the competence gaps (units × themes) and the change load (units × months). The caller
gives the row and column labels, one ``Cell`` (or None) per row and column, and the legend's
``Band``s; each band has one of the ``TONES``. Colour never carries meaning alone: every cell
shows its label in text, has its full sentence as a ``<title>``, and the page keeps a table
alongside. Colours are Designsystemet's light theme and set as presentation attributes (no
``<style>``, which the Content Security Policy refuses); text on every fill has a contrast of at
least 4.5:1. The SVG keeps its natural size: put it in a scrollable region
(``templates/includes/heatmap.html``) so a narrow screen scrolls the picture, not the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .charts import FONT, NEUTRAL_BORDER, NEUTRAL_TEXT


@dataclass(frozen=True)
class Tone:
    fill: str
    text: str


#: From good to bad, and unknown; (fill, text) from Designsystemet's light theme.
TONES = {
    "good": Tone("#daeddd", "#023409"),  # success surface-tinted, success text-default
    "low": Tone("#fae6c6", "#3c2807"),  # warning surface-tinted, warning text-default
    "medium": Tone("#f2c275", "#3c2807"),  # warning surface-active, warning text-default
    "high": Tone("#c01b1b", "#ffffff"),  # danger base-default, white
    "unknown": Tone("#e8e8e9", NEUTRAL_TEXT),  # neutral surface-tinted, neutral text-default
}


@dataclass(frozen=True)
class Band:
    """One entry of the legend: cells of ``key`` are drawn in ``tone`` and mean ``label``."""

    key: str
    label: str
    tone: str


@dataclass(frozen=True)
class Cell:
    band: str  # the key of a ``Band``
    label: str  # drawn in the cell: short
    title: str  # the whole sentence, shown on hover and read by tools that read titles
    detail: str = ""  # an optional second line


FONT_SIZE = 13
CHAR_WIDTH = 8.0  # a generous estimate for FONT at FONT_SIZE (wide fallback fonts too), so labels fit
CELL_WIDTH = 104
CELL_HEIGHT = 44
GAP = 2
PAD = 8
MAX_LABEL_CHARS = 30
SWATCH = 16
LEGEND_LINE = 24


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def _width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _text(x: float, y: float, content: str, **attributes) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def heatmap_svg(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[Cell | None]],
    *,
    label: str,
    legend: Sequence[Band],
    empty_title: str = "",
    cell_size: tuple[int, int] = (CELL_WIDTH, CELL_HEIGHT),
) -> SafeString:
    """An SVG with one row per ``rows`` label and one column per ``columns`` label.

    ``cells[r][c]`` is the cell of row r and column c, or None where there is nothing (drawn as
    an outlined blank with a dash). ``label`` is the picture's accessible name. ``cell_size``
    (width, height): cells with one short label, such as a number, can be smaller than the default,
    which holds two lines of words.
    """
    cell_width, cell_height = cell_size
    tones = {band.key: TONES[band.tone] for band in legend}
    row_labels = [_short(r) for r in rows]
    column_labels = [_short(c) for c in columns]
    left = PAD + max((_width(r) for r in row_labels), default=0) + PAD
    # Column labels stand at 45°: they need as much height, and reach as far right, as 0.71 × their width.
    slant = 0.71 * max((_width(c) for c in column_labels), default=0)
    top = PAD + slant + FONT_SIZE
    grid_width = len(columns) * (cell_width + GAP)
    grid_height = len(rows) * (cell_height + GAP)
    legend_top = top + grid_height + 2 * PAD
    legend_width = SWATCH + PAD + max((_width(band.label) for band in legend), default=0)
    width = max(left + grid_width + slant, PAD + legend_width) + PAD
    height = legend_top + len(legend) * LEGEND_LINE + PAD

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" aria-label="{escape(label)}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="{escape(FONT)}" font-size="{FONT_SIZE}" fill="{NEUTRAL_TEXT}">'
    ]
    for c, (full, short) in enumerate(zip(columns, column_labels, strict=True)):
        x = left + c * (cell_width + GAP) + cell_width / 2
        parts.append(
            f'<g class="heatmap-column"><title>{escape(full)}</title>'
            f'<text transform="translate({x:.1f} {top - PAD:.1f}) rotate(-45)">{escape(short)}</text></g>'
        )
    for r, (full, short) in enumerate(zip(rows, row_labels, strict=True)):
        y = top + r * (cell_height + GAP)
        parts.append(
            f'<g class="heatmap-row"><title>{escape(full)}</title>'
            + _text(left - PAD, y + cell_height / 2 + FONT_SIZE / 3, short, text_anchor="end")
            + "</g>"
        )
        for c, cell in enumerate(cells[r]):
            parts.append(_cell(left + c * (cell_width + GAP), y, (cell_width, cell_height), cell, tones, empty_title))
    for i, band in enumerate(legend):
        y = legend_top + i * LEGEND_LINE
        tone = TONES[band.tone]
        parts.append(
            f'<g class="heatmap-legend"><rect x="{PAD}" y="{y:.1f}" width="{SWATCH}" height="{SWATCH}" '
            f'fill="{tone.fill}" stroke="{NEUTRAL_BORDER}"/>'
            + _text(PAD + SWATCH + PAD, y + SWATCH - 3, band.label)
            + "</g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _cell(
    x: float, y: float, size: tuple[int, int], cell: Cell | None, tones: dict[str, Tone], empty_title: str
) -> str:
    cell_width, cell_height = size
    box = f'x="{x:.1f}" y="{y:.1f}" width="{cell_width}" height="{cell_height}" rx="3"'
    centre = x + cell_width / 2
    if cell is None:
        title = f"<title>{escape(empty_title)}</title>" if empty_title else ""
        return (
            f'<g class="heatmap-cell heatmap-cell--empty">{title}'
            f'<rect {box} fill="#ffffff" stroke="{NEUTRAL_BORDER}" stroke-dasharray="4 3"/>'
            + _text(centre, y + cell_height / 2 + FONT_SIZE / 3, "–", text_anchor="middle")
            + "</g>"
        )
    tone = tones[cell.band]
    if cell.detail:
        lines = [(cell.label, y + cell_height / 2 - 3), (cell.detail, y + cell_height / 2 + FONT_SIZE)]
    else:
        lines = [(cell.label, y + cell_height / 2 + FONT_SIZE / 3)]
    texts = "".join(_text(centre, line_y, line, text_anchor="middle", fill=tone.text) for line, line_y in lines)
    return (
        f'<g class="heatmap-cell heatmap-cell--{escape(cell.band)}"><title>{escape(cell.title)}</title>'
        f'<rect {box} fill="{tone.fill}"/>{texts}</g>'
    )
