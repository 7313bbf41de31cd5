"""The SVG heatmap (core/heatmap.py) and the competence gaps drawn with it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from lxml import etree

from core.heatmap import TONES, Band, Cell, heatmap_svg
from people.models import CompetenceRequirement, Theme
from portfolio.models import AffectedUnit

from .pages import assert_page
from .test_people_gaps import staff

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = [Band("ok", "Under the limit", "good"), Band("over", "Over the limit", "high")]


def parse(svg: str):
    return etree.fromstring(svg.encode())


def cells_of(root):
    return [g for g in root.iter(f"{SVG}g") if "heatmap-cell" in g.get("class", "").split()]


def test_one_cell_per_row_and_column_each_with_its_title_and_words():
    svg = heatmap_svg(
        ["Sykehjemmet", "Hjemmetjenesten"],
        ["mars 2027", "april 2027", "mai 2027"],
        [
            [Cell("ok", "12", "Sykehjemmet, mars 2027: 12 av 20"), None, Cell("over", "31", "Sykehjemmet, mai: 31")],
            [Cell("ok", "3", "Hjemmetjenesten, mars: 3"), Cell("over", "25", "Hjemmetjenesten, april: 25"), None],
        ],
        label="Endringsbelastning per enhet og måned",
        legend=LEGEND,
        empty_title="Ingen endringer",
    )
    root = parse(svg)
    assert (root.get("role"), root.get("aria-label")) == ("img", "Endringsbelastning per enhet og måned")
    cells = cells_of(root)
    assert len(cells) == 6
    titles = [cell.findtext(f"{SVG}title") for cell in cells]
    assert titles == [
        "Sykehjemmet, mars 2027: 12 av 20",
        "Ingen endringer",
        "Sykehjemmet, mai: 31",
        "Hjemmetjenesten, mars: 3",
        "Hjemmetjenesten, april: 25",
        "Ingen endringer",
    ]
    # Every cell says its value in words, the empty ones a dash: colour is never the only sign.
    assert [cell.findtext(f"{SVG}text") for cell in cells] == ["12", "–", "31", "3", "25", "–"]
    over = cells[2].find(f"{SVG}rect")
    assert over.get("fill") == TONES["high"].fill
    assert cells[2].find(f"{SVG}text").get("fill") == TONES["high"].text
    legend = [g.findtext(f"{SVG}text") for g in root.iter(f"{SVG}g") if g.get("class") == "heatmap-legend"]
    assert legend == ["Under the limit", "Over the limit"]
    assert "<style" not in svg and "<script" not in svg


def test_labels_are_escaped_and_long_ones_shortened_with_the_whole_text_as_title():
    long_name = "Tjenestekontoret for helse, omsorg og <velferd> i sone nord"
    svg = heatmap_svg([long_name], ["Q1"], [[Cell("ok", "1", "a & b")]], label="x", legend=LEGEND)
    root = parse(svg)  # well-formed: the "<" and "&" are escaped
    row = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "heatmap-row")
    assert row.findtext(f"{SVG}title") == long_name
    assert row.findtext(f"{SVG}text").endswith("…") and len(row.findtext(f"{SVG}text")) == 30
    assert cells_of(root)[0].findtext(f"{SVG}title") == "a & b"


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("tone", list(TONES))
def test_text_on_every_tone_has_a_contrast_of_at_least_4_5(tone):
    light, dark = sorted((luminance(TONES[tone].fill), luminance(TONES[tone].text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


# The competence gaps page


@pytest.mark.django_db
@pytest.mark.usefixtures("pages_in_english")
def test_the_gaps_page_draws_one_cell_per_unit_and_theme_with_its_figures(world, login):
    second_theme = Theme.objects.for_org(world.org).exclude(pk=world.theme.pk).order_by("order").first()
    home_care = AffectedUnit.objects.create(
        initiative=world.initiative, unit=world.other_unit, employees_affected=10, change_from=datetime.date(2026, 9, 1)
    )
    CompetenceRequirement.objects.create(affected_unit=home_care, theme=second_theme, target_level=2)
    staff(world, world.unit, [1, 2, 2, 4, 3])

    body = assert_page(login(world.users["portfolio_office"]).get(reverse("people:gaps")), "Competence gaps")

    svg = re.search(r"<svg\b.*?</svg>", body, re.S).group(0)
    root = parse(svg)
    assert (root.get("role"), root.get("aria-label")) == ("img", "Competence gaps per unit and theme")
    titles = [cell.findtext(f"{SVG}title") for cell in cells_of(root)]
    # Rows by unit name (Hjemmetjeneste, Sykehjem), columns the two themes needed.
    unit, other, theme, second = world.unit.name, world.other_unit.name, world.theme.name, second_theme.name
    assert titles == [
        "Not needed",
        f"{other}, {second}: level 2 needed; fewer than 5 answers",
        # Levels 1, 2, 2, 4, 3 against level 3: 3 of 5 below, 60 %
        f"{unit}, {theme}: level 3 needed; 3 of 5 below (60\xa0%)",
        "Not needed",
    ]
    texts = [[t.text for t in cell.iter(f"{SVG}text")] for cell in cells_of(root)]
    assert texts[2] == ["Level 3", "60\xa0% below"]
    assert texts[1] == ["Level 2", "< 5 answers"]
    # The table stays as the text alternative, and the picture scrolls in its own labelled region.
    assert "3 of 5 below (60\xa0%)" in body and 'class="gap gap--large"' in body
    assert 'class="heatmap-scroll" tabindex="0" role="region" aria-label="Heatmap of the competence gaps"' in body
