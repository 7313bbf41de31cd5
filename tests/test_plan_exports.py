"""Documents out of Omstilling: the benefits realisation plan (model, Word, PDF) and the portfolio workbook.

The ``world`` fixture's initiative starts in 2026 and has one benefit counted in hours
(1 200 / 1 000 / 700 hours in 2027, valued at the organisation's 650 kr per hour), an investment of
300 000 kr in 2026 and training of 4 hours × 10 employees in a 24/7 unit in 2026
(40 h × 650 kr = 26 000 kr training, 40 h × 700 kr = 28 000 kr substitutes). By hand:

- adjusted estimate (1200 + 3·1000 + 700) / 5 = 980 hours, worth 980 × 650 = 637 000 kr;
- NPV technology only = −300 000 + 637 000 / 1.04 = 312 500 kr;
- NPV full cost = −300 000 − 26 000 − 28 000 + 612 500 = 258 500 kr;
- indicator 40 → 20, measured 35: achievement (35 − 40) / (20 − 40) = 25 %.

PDF text is checked without a PDF library: ``pdf_text`` inflates the streams, reads the fonts'
ToUnicode maps and decodes the strings shown with ``Tj`` (glyph codes for an embedded TrueType
font, Latin-1 for the Helvetica fallback).
"""

import datetime
import io
import re
import zlib

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from benefits.exports import plan_pdf
from benefits.exports.plan_document import build_plan_document
from benefits.exports.plan_docx import render_docx
from benefits.exports.plan_pdf import render_pdf
from benefits.exports.portfolio_xlsx import render_portfolio_xlsx
from benefits.exports.views import DOCX, PDF, XLSX, ascii_filename
from benefits.models import Benefit
from benefits.services.plans import sign
from benefits.services.portfolio import at_risk_benefits, portfolio_benefits

from .pages import assert_page

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)
NBSP = "\xa0"
CHAPTERS = [
    ("1", "Rationale, objectives and deliverables"),
    ("2", "Responsibility for the benefits"),
    ("3", "The initiative's benefits"),
    ("3.1", "Priced benefits in our own organisation"),
    ("3.2", "How the priced benefits are taken out"),
    ("3.3", "Priced benefits in other public organisations"),
    ("3.4", "Benefits that are not priced"),
    ("4", "Measures and follow-up"),
    ("4.1", "Measures to realise the benefits"),
    ("4.2", "Measuring the benefits"),
    ("5", "Benefits map"),
]
TABLE_CHAPTER = {"A": "3.1", "B": "3.1", "C": "3.2", "D": "3.3", "E": "3.4", "F": "4.1", "G": "4.2"}


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def document(world, english):
    return build_plan_document(world.initiative, TODAY)


def row_of(table, first_cells):
    return next(r for r in table.rows if list(r[: len(first_cells)]) == first_cells)


# --- The document model ---------------------------------------------------------------------------


def test_chapters_follow_the_template_in_order(document):
    assert [(s.number, s.title) for s in document.chapters] == CHAPTERS
    assert [s.level for s in document.chapters] == [1, 1, 1, 2, 2, 2, 2, 1, 2, 2, 1]
    assert document.front[0].title == "Approval and versions"
    assert document.language == "en-GB"
    for key, chapter in TABLE_CHAPTER.items():
        section = next(s for s in document.chapters if s.number == chapter)
        assert [t.key for t in section.tables() if t.key == key] == [key]
        assert document.table(key).caption.startswith(f"Table {key}: ")


def test_table_a_and_b_show_the_adjusted_estimate_and_its_value(world, document):
    a = row_of(document.table("A"), ["Ø1", world.benefit.description])
    assert a[2] == "Priced, alternative use in own organisation"
    assert a[3] == "980 hours"
    assert a[4] == f"650{NBSP}kr per hour"
    assert a[5] == f"637{NBSP}000{NBSP}kr"
    assert a[6] == str(world.users["unit_leader"])
    assert document.table("A").rows[-1][0] == "Sum"
    b = row_of(document.table("B"), ["Ø1", world.benefit.description, "2027"])
    assert b[3:] == ("Hours", f"1{NBSP}200", f"1{NBSP}000", "700", "980", f"637{NBSP}000{NBSP}kr")


def test_economics_show_both_net_present_values_and_implementation_costs(document):
    section = next(s for s in document.chapters if s.number == "3.1")
    tables = {t.caption: t for t in section.tables()}
    per_year = tables["Benefits, costs and net benefit per year"]
    assert len(per_year.rows) == 11  # ten years and the sum
    assert per_year.rows[0] == (
        "2026",
        f"0{NBSP}kr",
        f"300{NBSP}000{NBSP}kr",
        f"0{NBSP}kr",
        f"54{NBSP}000{NBSP}kr",
        f"−300{NBSP}000{NBSP}kr",
        f"−354{NBSP}000{NBSP}kr",
        f"−354{NBSP}000{NBSP}kr",
    )
    assert per_year.rows[1][1] == f"637{NBSP}000{NBSP}kr"
    assert per_year.rows[1][7] == f"612{NBSP}500{NBSP}kr"
    key = dict(tables["Net present value"].rows)
    assert key["Net present value, technology only"] == f"312{NBSP}500{NBSP}kr"
    assert key["Net present value, full cost"] == f"258{NBSP}500{NBSP}kr"
    assert key["Implementation costs lower the net present value by"] == f"54{NBSP}000{NBSP}kr"
    assert key["Discount rate"] == f"4,00{NBSP}%"
    assert key["Pays back from"] == "2027"
    costs = dict(tables["Implementation costs over ten years"].rows)
    assert costs["Training"] == f"26{NBSP}000{NBSP}kr"
    assert costs["Substitutes for staff in training"] == f"28{NBSP}000{NBSP}kr"


def test_measures_indicators_and_map(world, document):
    f = row_of(document.table("F"), ["Ø1", world.benefit.description, "Ny bemanningsplan"])
    assert f[5:] == ("Planned", "Low")
    g = row_of(document.table("G"), ["Ø1", world.indicator.name])
    assert g[4:8] == ("40 (01.01.2026)", "20 (31.12.2027)", "35 (01.06.2026)", f"25{NBSP}%")
    assert g[8] == str(world.users["benefit_responsible"])
    chains = next(s for s in document.chapters if s.number == "5").blocks[1].items
    assert f"Change: {world.change.description} → Benefit: Ø1 {world.benefit.description}" in chains
    responsibility = document.chapters[1].tables()[0]
    assert [str(world.users["unit_leader"]), "Benefit owner for Ø1"] in [list(r) for r in responsibility.rows]


def test_non_priced_benefit_with_importance_and_take_out(world, english):
    world.change.enabler = "Sensorer"
    world.change.save()
    Benefit.objects.across_organisations().filter(pk=world.benefit.pk).update(
        take_out="alternative_use", take_out_year=2027
    )
    Benefit.objects.create(
        initiative=world.initiative,
        change=world.change,
        description="Bedre nattesøvn for beboerne",
        kind="qualitative",
        measure="qualitative",
        importance="high",
        arises_elsewhere="Beboere",
    )
    document = build_plan_document(world.initiative, TODAY)
    assert row_of(document.table("E"), ["K1"])[1:4] == ("Bedre nattesøvn for beboerne", "Beboere", "High")
    c = row_of(document.table("C"), ["Ø1"])
    assert c[3] == "Freed capacity used for other work" and c[5] == "2027"
    assert document.table("D").rows == ()
    assert document.table("D").empty_text
    chains = next(s for s in document.chapters if s.number == "5").blocks[1].items
    assert chains[0].startswith("Enabler: Sensorer → Change: ")
    summary = document.chapters[2].tables()[0]
    assert row_of(summary, ["Not priced (quality)"])[2] == "Not priced"


def test_plan_status_and_signatures_come_from_the_approved_plan(world, english):
    before = build_plan_document(world.initiative, TODAY)
    assert before.status.version is None and before.status.signatures == ()
    sign(world.initiative, world.users["owner"], as_owner=True, as_management=False, on=TODAY)
    draft = build_plan_document(world.initiative, TODAY)
    assert draft.status.status == "Version 1 is a draft"
    # A signature on a draft shows the day it was given.
    assert [(s.name, s.date) for s in draft.status.signatures] == [(str(world.users["owner"]), "22.11.2026"), ("", "")]
    sign(world.initiative, world.users["top_management"], as_owner=False, as_management=True, on=TODAY)
    Benefit.objects.across_organisations().filter(pk=world.benefit.pk).update(description="Færre runder om natten")
    approved = build_plan_document(world.initiative, TODAY)
    assert approved.status.status == "Version 1 approved 22.11.2026"
    assert [(s.role, s.name, s.date) for s in approved.status.signatures] == [
        ("Project owner", str(world.users["owner"]), "22.11.2026"),
        ("Top management", str(world.users["top_management"]), "22.11.2026"),
    ]
    changed = approved.front[0].tables()[-1]
    assert changed.caption == "Changes since the approved version"
    assert changed.rows[0][1:] == ("Benefit", world.benefit.description, "Færre runder om natten")


def test_document_follows_the_active_language(world):
    with translation.override("nb"):
        document = build_plan_document(world.initiative, TODAY)
    assert document.language == "nb-NO"
    with translation.override("nn"):
        assert build_plan_document(world.initiative, TODAY).language == "nn-NO"


# --- Word -----------------------------------------------------------------------------------------


def test_docx_has_real_headings_and_tables_with_header_rows(world, document):
    doc = Document(io.BytesIO(render_docx(document)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    expected = [(f"Heading {1 if '.' not in n else 2}", f"{n} {t}") for n, t in CHAPTERS]
    assert [h for h in headings if h[1][0].isdigit()] == expected
    assert headings[0] == ("Heading 1", "Approval and versions")
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    for key in "ABCDEFG":
        assert any(c.startswith(f"Table {key}: ") for c in captions), key
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    assert {"980", f"637{NBSP}000{NBSP}kr", f"312{NBSP}500{NBSP}kr", world.indicator.name} <= cells
    for table in doc.tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
    estimates = next(t for t in doc.tables if "Adjusted estimate" in [c.text for c in t.rows[0].cells])
    assert [c.text for c in estimates.rows[1].cells][2:8] == [
        "2027",
        "Hours",
        f"1{NBSP}200",
        f"1{NBSP}000",
        "700",
        "980",
    ]
    assert doc.core_properties.language == "en-GB"
    assert world.initiative.name in doc.core_properties.title
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


# --- PDF ------------------------------------------------------------------------------------------


def _unescape(literal: bytes) -> bytes:
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def replace(match):
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8)])
        return escapes.get(code, code)

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, literal, flags=re.S)


def _cmap(stream: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for start, end, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(text, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def pdf_text(data: bytes) -> str:
    """Every string the PDF shows, decoded with each font's ToUnicode map and as Latin-1."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    cmaps = [_cmap(s) for s in streams if b"bfchar" in s or b"bfrange" in s]
    shown = [_unescape(m.group(1)) for s in streams for m in re.finditer(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", s, re.S)]
    lines = [b.decode("latin-1") for b in shown]
    for cmap in cmaps:
        for b in shown:
            codes = [int.from_bytes(b[i : i + 2], "big") for i in range(0, len(b) - 1, 2)]
            lines.append("".join(cmap.get(code, "\ufffd") for code in codes))
    return "\n".join(lines)


def test_pdf_has_the_content_and_metadata(world, document):
    data = render_pdf(document)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert world.initiative.name in text
    assert "Table G: Indicators and measurements" in text
    assert "312 500 kr" in text  # fpdf2 keeps the non-breaking space from breaking, but writes a space
    assert b"/Lang (en-GB)" in data
    assert b"/DisplayDocTitle true" in data
    assert world.initiative.name.encode("utf-16-be").hex() in data.decode("latin-1").lower()  # the /Title


def test_pdf_falls_back_to_helvetica_without_a_truetype_font(world, document, monkeypatch):
    monkeypatch.setattr(plan_pdf, "FONT_CANDIDATES", [])
    data = render_pdf(document)
    assert data.startswith(b"%PDF") and b"/Helvetica" in data
    text = pdf_text(data)
    assert world.initiative.name in text
    assert "-300 000 kr" in text  # the minus sign is outside Latin-1
    assert "Ø1" in text


# --- Portfolio workbook ---------------------------------------------------------------------------


def test_portfolio_workbook_has_numbers_and_defused_user_text(world, english):
    world.initiative.name = '=HYPERLINK("http://example.invalid";"klikk")'
    world.initiative.save()
    workbook = load_workbook(
        io.BytesIO(render_portfolio_xlsx(portfolio_benefits(world.org), at_risk_benefits(world.org, TODAY)))
    )
    assert workbook.sheetnames == ["Per year", "By sector", "By kind", "By initiative", "Benefits at risk"]
    per_year = [[c.value for c in r] for r in workbook["Per year"].iter_rows(min_row=2)]
    assert per_year == [[2027, 637000, None]]
    assert workbook["Per year"]["B2"].number_format == "#,##0"
    assert workbook["Per year"]["A2"].number_format == "0"
    by_initiative = workbook["By initiative"]
    row = [c.value for c in by_initiative[2]]
    assert row[0] == "'" + world.initiative.name
    assert by_initiative["A2"].data_type == "s"
    assert row[3:8] == [2026, 637000, 312500, 258500, 1]
    assert by_initiative["F2"].number_format == "#,##0"
    assert by_initiative.cell(by_initiative.max_row, 1).value == "Total"
    assert [[c.value for c in r] for r in workbook["By kind"].iter_rows(min_row=2)] == [
        ["Priced, alternative use in own organisation", 637000]
    ]
    assert workbook["By sector"]["A2"].value == world.sector.name
    risks = [[c.value for c in r] for r in workbook["Benefits at risk"].iter_rows(min_row=2)]
    assert risks and all(r[0] == "'" + world.initiative.name for r in risks)
    assert any("prerequisites" in r[4] for r in risks)


# --- Views ----------------------------------------------------------------------------------------


def test_a_member_downloads_the_plan_and_the_portfolio(world, login):
    client = login(world.users["employee"])
    pk = world.initiative.pk
    docx = client.get(f"/benefits/exports/initiatives/{pk}/plan.docx")
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX
    assert (
        docx["Content-Disposition"] == 'attachment; filename="gevinstrealiseringsplan-fjordvik-digitale-nattilsyn.docx"'
    )
    assert any(world.initiative.name == p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    pdf = client.get(f"/benefits/exports/initiatives/{pk}/plan.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == PDF and pdf.content.startswith(b"%PDF")
    assert world.initiative.name in pdf_text(pdf.content)
    xlsx = client.get("/benefits/exports/portfolio.xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"] == XLSX
    assert xlsx["Content-Disposition"] == 'attachment; filename="gevinster-fjordvik.xlsx"'
    workbook = load_workbook(io.BytesIO(xlsx.content))
    names = [c.value for c in workbook.worksheets[3]["A"]]
    assert world.initiative.name in names


def test_another_organisation_gets_404_and_only_its_own_portfolio(world, other_world, login):
    client = login(other_world.users["administrator"])
    for suffix in ("docx", "pdf"):
        assert client.get(f"/benefits/exports/initiatives/{world.initiative.pk}/plan.{suffix}").status_code == 404
    response = client.get("/benefits/exports/portfolio.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    values = {str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row}
    assert other_world.initiative.name in values
    assert not any(world.org.name in v for v in values)


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    for url in (
        f"/benefits/exports/initiatives/{world.initiative.pk}/plan.docx",
        f"/benefits/exports/initiatives/{world.initiative.pk}/plan.pdf",
        "/benefits/exports/portfolio.xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_filenames_are_ascii():
    assert ascii_filename("Bølgen på Ærø: «nytt» system", "x") == "bolgen-pa-aero-nytt-system"
    assert ascii_filename("–––", "plan-7") == "plan-7"


def test_pages_link_to_the_downloads(world, login):
    client = login(world.users["employee"])
    page = assert_page(
        client.get(f"/benefits/initiatives/{world.initiative.pk}/"), f"Gevinstrealisering: {world.initiative.name}"
    )
    assert f"/benefits/exports/initiatives/{world.initiative.pk}/plan.docx" in page
    assert f"/benefits/exports/initiatives/{world.initiative.pk}/plan.pdf" in page
    assert "/benefits/exports/portfolio.xlsx" in assert_page(client.get("/benefits/"), "Gevinster i porteføljen")
