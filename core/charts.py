"""Server-rendered SVG charts: one look for every chart, no script and no <style> element.

pygal draws the chart. Its SVG carries a <script> (tooltips) and a <style> element with class
rules; the Content Security Policy refuses both when the SVG sits inside a page, and fpdf2 reads
only single-class rules. ``render`` therefore drops the script and the tooltip parts and writes
each CSS rule onto the elements it matches as presentation attributes (``fill="…"``), so the same
SVG works inline in a page, as an image and in the PDF plan document.

Colours are Designsystemet's (light theme, ``designsystemet.css``). Colour never carries meaning
alone: series also differ by dash pattern, markers or a direct label.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from lxml import etree
from pygal.style import Style

from .formatting import format_money, format_number

# Designsystemet, light colour scheme (--ds-color-<role>-<token>).
ACCENT = "#0062ba"  # accent base-default
BRAND1 = "#0d7a5f"  # brand1 base-default
BRAND2 = "#5b3fa0"  # brand2 base-default
WARNING = "#a56d13"  # warning border-default (the base tone is too light on white)
DANGER = "#c01b1b"  # danger base-default
SUCCESS = "#068718"  # success base-default
NEUTRAL_TEXT = "#292c30"  # neutral text-default
NEUTRAL_SUBTLE = "#5b5d60"  # neutral text-subtle
NEUTRAL_BORDER = "#bbbcbd"  # neutral border-subtle
BACKGROUND = "#ffffff"

SERIES_COLOURS = (ACCENT, WARNING, BRAND1, BRAND2, DANGER, NEUTRAL_SUBTLE)
FONT = "Inter, 'Segoe UI', system-ui, sans-serif"

# Dash patterns that tell lines apart in greyscale and print.
SOLID = {"width": 3}
DASHED = {"width": 3, "dasharray": "10, 6"}


def style(colours: tuple[str, ...] = SERIES_COLOURS) -> Style:
    return Style(
        background=BACKGROUND,
        plot_background=BACKGROUND,
        foreground=NEUTRAL_TEXT,
        foreground_strong=NEUTRAL_TEXT,
        foreground_subtle=NEUTRAL_BORDER,
        guide_stroke_color=NEUTRAL_BORDER,
        major_guide_stroke_color=NEUTRAL_SUBTLE,
        colors=colours,
        font_family=FONT,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=13,
        value_label_font_size=13,
        title_font_size=16,
        opacity=0.85,
        stroke_width=3,
    )


def chart_config(**options) -> dict:
    """The options every chart shares: no script, no tooltips, Norwegian numbers, legend below."""
    return {
        "js": [],
        "no_prefix": True,
        "disable_xml_declaration": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 1,
        "truncate_legend": -1,
        "truncate_label": -1,
        "value_formatter": format_number,
        "no_data_text": "",
        "margin": 8,
        "style": style(),
        **options,
    }


def money_axis(value) -> str:
    return format_money(value)


@dataclass(frozen=True)
class Chart:
    """A rendered chart: the SVG markup and the text that says what it shows."""

    svg: SafeString
    title: str
    description: str

    def __str__(self) -> str:
        return self.svg

    def __html__(self) -> str:
        return self.svg


# Properties that SVG also accepts as attributes; everything else in pygal's CSS (transitions,
# user-select) does nothing without interaction.
PRESENTATION = {
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "text-anchor",
}
INTERACTIVE = (":hover", ".active", ".tooltip", "::")
COMPOUND = re.compile(r"^([a-z]*)((?:\.[\w-]+|\[[\w-]+\]|:not\(\.[\w-]+\))*)$")


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _classes(element) -> list[str]:
    return (element.get("class") or "").split() if isinstance(element.tag, str) else []


@dataclass(frozen=True)
class _Compound:
    """One compound selector (``text.major``, ``.axis.x:not(.web)``, ``text[transform]``)."""

    tag: str
    classes: frozenset[str]
    excluded: frozenset[str]
    attributes: tuple[str, ...]


@lru_cache(maxsize=512)
def _compound(text: str) -> _Compound | None:
    match = COMPOUND.match(text)
    if not match:
        return None  # a form pygal does not use: it matches nothing
    tag, rest = match.groups()
    pieces = re.findall(r"\.[\w-]+|\[[\w-]+\]|:not\(\.[\w-]+\)", rest)
    return _Compound(
        tag=tag,
        classes=frozenset(p[1:] for p in pieces if p.startswith(".")),
        excluded=frozenset(p[6:-1] for p in pieces if p.startswith(":not")),
        attributes=tuple(p[1:-1] for p in pieces if p.startswith("[")),
    )


class _Matcher:
    """Matches pygal's selectors against one SVG tree, with each element's tag and classes read once."""

    def __init__(self, root) -> None:
        self.elements = [e for e in root.iter() if isinstance(e.tag, str)]
        self.classes = {e: frozenset(_classes(e)) for e in self.elements}
        self.tags = {e: _local(e) for e in self.elements}
        self.by_class: dict[str, list] = defaultdict(list)
        for element, classes in self.classes.items():
            for name in classes:
                self.by_class[name].append(element)

    def candidates(self, parts: list[str]) -> list:
        """The elements that can match: those with the rightmost compound's rarest class."""
        compound = _compound(parts[0])
        if compound is None:
            return []
        if compound.classes:
            return min((self.by_class.get(name, []) for name in compound.classes), key=len)
        return self.elements

    def compound(self, element, text: str) -> bool:
        compound = _compound(text)
        if compound is None or element not in self.classes:
            return False
        classes = self.classes[element]
        return (
            (not compound.tag or self.tags[element] == compound.tag)
            and compound.classes <= classes
            and not compound.excluded & classes
            and all(element.get(name) is not None for name in compound.attributes)
        )

    def matches(self, element, parts: list[str]) -> bool:
        """``parts`` is a selector split into compounds and combinators (' ' or '>'), right to left."""
        if not self.compound(element, parts[0]):
            return False
        if len(parts) == 1:
            return True
        combinator, rest = parts[1], parts[2:]
        parent = element.getparent()
        if combinator == ">":
            return parent is not None and self.matches(parent, rest)
        while parent is not None:
            if self.matches(parent, rest):
                return True
            parent = parent.getparent()
        return False


def _rules(css: str):
    """(specificity, order, selector parts, declarations) for every rule pygal's CSS holds."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    order = 0
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            name, value = name.strip(), value.replace("!important", "").strip()
            if name in PRESENTATION and value:
                declarations[name] = value
        if not declarations:
            continue
        for selector in selectors.split(","):
            selector = selector.strip()
            if not selector or any(marker in selector for marker in INTERACTIVE):
                continue
            pieces = re.findall(r">|[^\s>]+", selector)
            parts = []
            for piece in reversed(pieces):
                if parts and parts[-1] != ">" and piece != ">":
                    parts.append(" ")  # two compounds side by side: a descendant combinator
                parts.append(piece)
            specificity = (selector.count(".") + selector.count("[") + selector.count(":not"), len(pieces))
            order += 1
            yield specificity, order, parts, declarations


def _inline_styles(root) -> None:
    css = "\n".join(node.text or "" for node in root.iter() if _local(node) == "style")
    matcher = _Matcher(root)
    for _specificity, _order, parts, declarations in sorted(_rules(css), key=lambda rule: rule[:2]):
        for element in matcher.candidates(parts):
            if matcher.matches(element, parts):
                for name, value in declarations.items():
                    element.set(name, value)


def _drop(root, predicate) -> None:
    for element in [e for e in root.iter() if predicate(e)]:
        element.getparent().remove(element)


def _mark(root, markers: dict[str, str]) -> None:
    """Show the major guide at each marked x label (payback year, today) and write its name on top."""
    for guides in root.iter():
        if _local(guides) != "g" or "guides" not in _classes(guides):
            continue
        axis = guides.getparent()
        label = next((e for e in guides if _local(e) == "text"), None)
        if "x" not in _classes(axis) or label is None or label.text not in markers:
            continue
        for line in guides:
            if _local(line) == "path":
                line.attrib.update(
                    {"opacity": "1", "stroke": NEUTRAL_TEXT, "stroke-width": "2", "stroke-dasharray": "6,4"}
                )
        note = etree.SubElement(guides, "text", x=str(float(label.get("x")) + 4), y="14", fill=NEUTRAL_TEXT)
        # A white outline keeps the word readable where a line crosses it.
        note.attrib.update(
            {
                "font-size": "13px",
                "font-family": FONT,
                "font-weight": "600",
                "stroke": BACKGROUND,
                "stroke-width": "4",
                "paint-order": "stroke",
            }
        )
        note.text = markers[label.text]


def _series_widths_win(root) -> None:
    """A series' own stroke width (``stroke_style``) beats pygal's default width on its lines.

    In pygal's CSS the default sits on the line itself and so always wins; here the line
    inherits from its series instead.
    """
    for series in root.iter():
        if "series" in _classes(series) and series.get("stroke-width"):
            for line in series.iter():
                if "line" in _classes(line):
                    line.attrib.pop("stroke-width", None)


def render(chart, title: str, description: str, markers: dict[str, str] | None = None) -> Chart:
    """The chart as accessible SVG markup: role="img", a <title> and a <desc>, no script or style.

    ``markers`` maps an x label that is also in ``x_labels_major`` to a word written over its line.
    """
    root = chart.render_tree()
    _inline_styles(root)
    _mark(root, markers or {})
    _series_widths_win(root)
    for element in root.iter():
        if "ci" in _classes(element):
            element.set("stroke-dasharray", "none")  # the P10–P90 whisker is solid whatever its series
        if isinstance(element.tag, str):
            element.attrib.pop("id", None)  # pygal's ids repeat from chart to chart on one page
    # Script, styles (now attributes), tooltips and their texts, pygal's title and comments go.
    _drop(
        root,
        lambda e: (
            not isinstance(e.tag, str)
            or _local(e) in ("script", "style", "title")
            or "tooltip" in _classes(e)
            or (_local(e) == "desc" and e.get("class"))
        ),
    )
    key = uuid.uuid4().hex[:8]
    title_node = etree.Element("title", id=f"chart-title-{key}")
    title_node.text = title
    desc_node = etree.Element("desc", id=f"chart-desc-{key}")
    desc_node.text = description
    root.insert(0, desc_node)
    root.insert(0, title_node)
    root.set("role", "img")
    root.set("aria-labelledby", f"chart-title-{key} chart-desc-{key}")
    root.set("class", "chart")
    root.set("id", f"chart-{key}")
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    markup = etree.tostring(root, encoding="unicode")
    return Chart(svg=mark_safe(markup), title=title, description=description)  # noqa: S308 - built by lxml
