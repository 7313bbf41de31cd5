"""The charts: each page shows its picture and the figures behind it, as well-formed accessible SVG.

The readers use English, so the tests read the texts this change adds whether or not the
catalogues have been compiled; numbers and dates are Norwegian in every language.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import replace
from decimal import Decimal as D

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from benefits.models import Benefit, BenefitEstimate, Change, CostLine, Measurement
from portfolio.models import Initiative, StatusReport

from .pages import assert_page

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def svgs(page: str) -> list[etree._Element]:
    """Every inline SVG on the page, parsed as XML (a malformed one fails the test)."""
    return [etree.fromstring(markup) for markup in SVG.findall(page)]


def texts(svg) -> list[str]:
    return [t.text for t in svg.iter() if isinstance(t.tag, str) and etree.QName(t).localname == "text" and t.text]


def description_of(svg) -> str:
    return svg.find("{http://www.w3.org/2000/svg}desc").text


def assert_accessible_svg(svg, title: str) -> None:
    """role="img", named by its own <title> and <desc>; no script, no <style>, no pygal ids left."""
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    found = {e.get("id"): e.text for e in svg.iter() if isinstance(e.tag, str) and e.get("id")}
    assert found[title_id] == title
    assert found[desc_id]
    names = {etree.QName(e).localname for e in svg.iter() if isinstance(e.tag, str)}
    assert not names & {"script", "style"}
    assert set(found) == {title_id, desc_id, svg.get("id")}


def reader(world, role: str = "employee"):
    person = world.users[role]
    person.preferred_language = "en"
    person.save()
    return person


def series_looks(svg) -> list[tuple[str, str]]:
    """(colour, dash pattern) of each series: the lines must differ by more than their colour."""
    return [
        (g.get("stroke"), g.get("stroke-dasharray") or "solid")
        for g in svg.iter("{http://www.w3.org/2000/svg}g")
        if "series" in (g.get("class") or "").split() and "dots" not in (g.get("class") or "")
    ]


def economics_url(initiative) -> str:
    return reverse("benefits:economics", args=[initiative.pk])


@pytest.fixture
def two_years(world):
    """An initiative with figures in two years only, at a 10 % discount rate.

    2026: benefit 100 000, investment 300 000, operating 20 000, management 30 000 →
          net technology −220 000, net full −250 000 (year 1: not discounted).
    2027: benefit 550 000, operating 20 000 → net 530 000 both, present value 530 000 / 1,1 = 481 818,18.
    Cumulative present value: technology −220 000 then 261 818; full −250 000 then 231 818.
    Payback (undiscounted full cost): −250 000 + 530 000 > 0 in 2027.
    """
    world.org.discount_rate = D(10)
    world.org.save()
    initiative = Initiative.objects.create(
        organisation=world.org,
        name="To år",
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
        sector=world.sector,
    )
    change = Change.objects.create(initiative=initiative, description="Digital søknad")
    benefit = Benefit.objects.create(
        initiative=initiative, change=change, description="Mindre porto", kind="budget", measure="kroner"
    )
    BenefitEstimate.objects.create(benefit=benefit, year=2026, optimistic=100000, likely=100000, pessimistic=100000)
    BenefitEstimate.objects.create(benefit=benefit, year=2027, optimistic=550000, likely=550000, pessimistic=550000)
    for year, kind, amount in [
        (2026, "investment", 300000),
        (2026, "operating", 20000),
        (2026, "management", 30000),
        (2027, "operating", 20000),
    ]:
        CostLine.objects.create(initiative=initiative, year=year, kind=kind, amount=amount)
    return initiative


def test_economics_page_shows_the_cumulative_chart_and_its_figures(world, login, two_years):
    page = assert_page(login(reader(world)).get(economics_url(two_years)), "Economics: To år")
    [svg] = svgs(page)
    assert_accessible_svg(svg, "Cumulative net benefit, technology only and full cost")
    description = description_of(svg)
    assert "231\xa0818\xa0kr" in description and "261\xa0818\xa0kr" in description
    assert "Payback year: 2027." in description
    labels = texts(svg)
    assert "2027" in labels and "Payback" in labels  # the payback year marked on the axis
    assert "Full cost" in labels and "Technology only" in labels  # direct labels at the line ends
    # Designsystemet's accent blue and warning brown; dashed against solid, so greyscale still tells them apart.
    looks = set(series_looks(svg))
    assert ("#0062ba", "10,6") in looks and ("#a56d13", "solid") in looks
    # The table alternative: cumulative present value per year.
    table = page.split("The figures in the chart")[1].split("</details>")[0]
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td class=\"num\">(.*?)</td><td class=\"num\">(.*?)</td>", table
    )
    assert rows[0] == ("2026", "−220\xa0000\xa0kr", "−250\xa0000\xa0kr")
    assert rows[1] == ("2027 (payback year)", "261\xa0818\xa0kr", "231\xa0818\xa0kr")
    assert rows[9][0] == "2035" and rows[9][2] == "231\xa0818\xa0kr"  # nothing after 2027


def test_economics_table_puts_net_and_present_value_first(world, login, two_years):
    page = assert_page(login(reader(world)).get(economics_url(two_years)), "Economics: To år")
    year_table = page.split('id="years-heading"')[1]
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', year_table)[:4]
    assert headers == ["Year", "Net, full cost", "Present value, full", "Net, technology only"]
    first_row = year_table.split("<tbody>")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", first_row)[:3] == [
        "−250\xa0000\xa0kr",
        "−250\xa0000\xa0kr",
        "−220\xa0000\xa0kr",
    ]


def test_an_initiative_without_benefits_or_costs_shows_no_npv_and_no_payback_year(world, login):
    empty = Initiative.objects.create(organisation=world.org, name="Tom plan", sector=world.sector)
    page = assert_page(login(reader(world)).get(economics_url(empty)), "Economics: Tom plan")
    assert "No benefit estimates or costs yet" in page
    assert "Payback year" not in page and "Net present value" not in page
    assert not svgs(page)


def test_portfolio_page_shows_planned_per_year_and_by_sector(world, login, two_years):
    page = assert_page(
        login(reader(world, "politician")).get(reverse("benefits:portfolio")), "Benefits in the portfolio"
    )
    year_svg, sector_svg = svgs(page)
    assert_accessible_svg(year_svg, "Planned benefits per year, with the average achievement measured")
    # 2026: To år's 100 000 kr; 2027: 550 000 kr plus the world's 980 hours × 650 kr = 637 000 kr.
    description = description_of(year_svg)
    assert "2026: 100\xa0000\xa0kr planned" in description
    assert "2027: 1\xa0187\xa0000\xa0kr planned" in description
    # The world's indicator: (35 − 40) / (20 − 40) = 25 % achieved, measured in 2026.
    assert "25\xa0% realised" in texts(year_svg)
    assert_accessible_svg(sector_svg, "Planned benefits by sector")
    assert "1\xa0287\xa0000\xa0kr" in texts(sector_svg)  # both initiatives are in the Helse sector
    assert "1\xa0287\xa0000\xa0kr" in page.split('id="sector-heading"')[1].split("</table>")[0]


def test_timeline_shows_bars_by_phase_red_status_and_today(world, login):
    StatusReport.objects.create(
        initiative=world.initiative, report_date=datetime.date(2026, 11, 1), overall_status="red"
    )
    page = assert_page(login(reader(world)).get(reverse("portfolio:timeline")), "Timeline")
    [svg] = svgs(page)
    assert_accessible_svg(svg, "Initiatives over time, by phase")
    labels = texts(svg)
    assert "Fjordvik digitale nattilsyn" in labels  # each bar is named on the axis
    legend = " ".join(labels)
    assert "Concept" in legend and "Red status" in legend and "Today" in legend
    # Bars are thick lines, one pattern per phase; the today line is a thin dashed danger red.
    bars = {g.get("class"): g for g in svg.iter("{http://www.w3.org/2000/svg}g") if "series" in (g.get("class") or "")}
    assert bars["series serie-0 color-0"].get("stroke-width") == "14"
    assert ("#c01b1b", "6,4") in series_looks(svg)
    assert "01.01.2026 – 30.06.2027" not in page  # the table gives start and end in their own columns
    table = page.split('id="timeline-table-heading"')[1]
    assert "01.01.2026" in table and "30.06.2027" in table and "Red" in table


def test_indicator_chart_shows_measurements_against_the_planned_path(world, login):
    Measurement.objects.create(indicator=world.indicator, value=31, measured_on=datetime.date(2026, 9, 1))
    client = login(reader(world))
    page = assert_page(client.get(world.benefit.get_absolute_url()), world.benefit.description)
    [svg] = svgs(page)
    assert_accessible_svg(svg, "Fjordvik runder per natt: measured against the planned path")
    description = description_of(svg)
    assert "from 40,00 on 01.01.2026 to 20,00 on 31.12.2027" in description
    assert "2 measurements; the latest 31,00 on 01.09.2026" in description
    # The measurements table is the alternative.
    assert '<td class="num">35,00</td>' in page and '<td class="num">31,00</td>' in page


def test_chart_pages_keep_their_query_count_as_rows_grow(world, login, two_years):
    client = login(reader(world, "portfolio_office"))
    pages = [
        (reverse("portfolio:timeline"), "Timeline"),
        (reverse("benefits:portfolio"), "Benefits in the portfolio"),
        (world.benefit.get_absolute_url(), world.benefit.description),
    ]
    counts = []
    for extra in (0, 6):
        for n in range(extra):
            Initiative.objects.create(
                organisation=world.org,
                name=f"Ekstra {n}-{extra}",
                planned_start=datetime.date(2026, 3, 1),
                planned_end=datetime.date(2028, 3, 1),
            )
            Measurement.objects.create(
                indicator=world.indicator, value=30 - n, measured_on=datetime.date(2026, 7, n + 1)
            )
        with CaptureQueriesContext(connection) as queries:
            for url, heading in pages:
                assert_page(client.get(url), heading)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_plan_pdf_draws_the_economics_chart_and_word_gets_its_text(world, two_years):
    """The plan document carries the same SVG; fpdf2 draws it, the Word file gets its description."""
    from benefits.exports.plan_document import build_plan_document
    from benefits.exports.plan_docx import render_docx
    from benefits.exports.plan_model import Figure
    from benefits.exports.plan_pdf import render_pdf

    document = build_plan_document(two_years, datetime.date(2026, 11, 23))
    [figure] = [block for section in document.sections for block in section.blocks if isinstance(block, Figure)]
    assert_accessible_svg(etree.fromstring(figure.svg.encode()), figure.caption)
    assert "231\xa0818\xa0kr" in figure.description
    with_chart = render_pdf(document)
    assert with_chart.startswith(b"%PDF")
    sections = tuple(
        replace(section, blocks=tuple(b for b in section.blocks if not isinstance(b, Figure)))
        for section in document.chapters
    )
    without_chart = render_pdf(replace(document, chapters=sections))
    assert len(with_chart) > len(without_chart) + 1000  # the chart's paths are in the PDF
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render_docx(document))).paragraphs]
    assert f"{figure.caption}. {figure.description}" in paragraphs
