"""Import and export of the KS/KommIT benefits workbook, against figures computed by hand."""

import datetime
import functools
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from benchmarks import workbooks as W
from benefits.models import (
    Benefit,
    BenefitEstimate,
    CostLine,
    Indicator,
    Measurement,
    Prerequisite,
    ProcessStep,
    RealisationMeasure,
    StrategicGoal,
)
from benefits.services.queries import economics_for, initiative_benefits
from kommit import figures
from kommit import template as T
from kommit.importer import create_initiative, preview_import
from kommit.parsed import DIRECT, INDIRECT, QUALITATIVE
from kommit.reader import parse_workbook
from portfolio.models import Initiative, Stakeholder

from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:.*not supported:UserWarning")]


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """The messages below are checked in English; other tests cover bokmål and nynorsk."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


D = Decimal
FORMULA_STARTS = ("=", "+", "-", "@")


def good_cells(world) -> dict:
    """A filled-in workbook: three benefits (direct, indirect, qualitative), costs at 4 %."""
    owner = world.users["owner"]
    leader = world.users["unit_leader"]
    return {
        (T.FORSIDE, "B4"): "Digitalt nattilsyn",
        (T.FORSIDE, "B6"): "Færre runder om natten og tryggere beboere",
        (T.FORSIDE, "B8"): " Nei",  # the list source is "Ja, Nei": the space is part of the value
        (T.FORSIDE, "B10"): datetime.datetime(2026, 1, 1),
        (T.FORSIDE, "B11"): "30.06.2027",
        (T.FORSIDE, "B13"): 1_500_000,
        (T.FORSIDE, "B16"): "Kari Nordmann",  # not a member: left empty, with a notice
        (T.FORSIDE, "B17"): f"{owner.first_name} {owner.last_name}".upper(),  # case does not matter
        (T.FORSIDE, "B19"): "Rådmann Rask",
        (T.STAKEHOLDER_LIST, "A5"): "Tillitsvalgte",
        (T.STAKEHOLDER_LIST, "B5"): "Intervjue",
        (T.STAKEHOLDER_ANALYSIS, "B5"): "Nye turnuser",
        (T.STAKEHOLDER_ANALYSIS, "C5"): 3,
        (T.STAKEHOLDER_ANALYSIS, "D5"): -1,
        (T.STAKEHOLDER_ANALYSIS, "E5"): "Forankring: Drøftingsmøte\nKommunikasjon: Nyhetsbrev\nOpplæring: Kurs",
        (T.STAKEHOLDER_LIST, "A6"): "Pårørende",
        (T.STAKEHOLDER_ANALYSIS, "C6"): "2",
        (T.STAKEHOLDER_ANALYSIS, "D6"): 1,
        (T.STAKEHOLDER_ANALYSIS, "E6"): "Informasjon på nettsiden",
        (T.PROCESS_TODAY, "B5"): "Nattilsyn",
        (T.PROCESS_TODAY, "A8"): "Nattevakt",
        (T.PROCESS_TODAY, "B8"): "Går runder",
        (T.PROCESS_TODAY, "A9"): "Sykepleier",
        (T.PROCESS_TODAY, "B9"): "Dokumenterer",
        (T.PROCESS_TODAY, "C9"): "i fagsystemet",
        (T.PROCESS_FUTURE, "A8"): "Nattevakt",
        (T.PROCESS_FUTURE, "B8"): "Ser varsler på nettbrett",
        # Benefit 1: direct, NOK.
        (T.CHANGES, "A5"): "Nattilsyn",
        (T.CHANGES, "B5"): "Digitalt tilsyn om natten",
        (T.CHANGES, "C5"): "Lavere vikarkostnader",
        (T.CHANGES, "D5"): "Bærekraftig økonomi",
        (T.CHANGES, "E5"): "Sensorer installert\nSamtykke fra beboere",
        (T.ECONOMICS, "C7"): T.TYPE_DIRECT,
        (T.ECONOMICS, "D7"): 100_000,
        (T.ECONOMICS, "E7"): 200_000,
        (T.ECONOMICS, "F7"): 400_000,
        (T.ECONOMICS, "G7"): 400_000,
        (T.PLAN, "B5"): "Ny bemanningsplan",
        (T.PLAN, "C5"): datetime.datetime(2026, 9, 1),
        (T.PLAN, "B6"): "Redusere vikarbruk",
        (T.PLAN, "C6"): 46300,  # an Excel serial number: 05.10.2026
        (T.PLAN, "D5"): "Budsjettkutt i vikarposten",
        (T.PLAN, "E5"): "Vikarkostnader per måned",
        (T.PLAN, "F5"): 2027,
        (T.PLAN, "G5"): f"{leader.first_name} {leader.last_name}",
        (T.FOLLOW_UP, "C5"): "kr",
        (T.FOLLOW_UP, "D5"): 80_000,
        (T.FOLLOW_UP, "E5"): 40_000,
        (T.FOLLOW_UP, "F5"): "Regnskapet",
        (T.RESULTS, "D14"): 60_000,
        (T.RESULTS, "F14"): "På vei",
        # Benefit 2: indirect, FTE, ramping up 0, 1, 2, 2.
        (T.CHANGES, "B6"): "Færre nattrunder",
        (T.CHANGES, "C6"): "Frigjort tid nattevakt",
        (T.ECONOMICS, "C8"): T.TYPE_INDIRECT,
        (T.ECONOMICS, "D8"): 0,
        (T.ECONOMICS, "E8"): 1,
        (T.ECONOMICS, "F8"): 2,
        (T.ECONOMICS, "G8"): 2,
        (T.PLAN, "D7"): "Mer aktivitet på dagtid",
        (T.PLAN, "E7"): "Runder per natt",
        (T.PLAN, "F7"): "I løpet av 2028",
        (T.PLAN, "G7"): "Ukjent Person",
        (T.FOLLOW_UP, "C6"): "antall",
        (T.FOLLOW_UP, "D6"): 40,
        (T.FOLLOW_UP, "E6"): 20,
        (T.RESULTS, "D15"): 30,
        # Benefit 3: qualitative, importance 4 (high).
        (T.CHANGES, "B7"): "Varsel ved uro",
        (T.CHANGES, "C7"): "Tryggere beboere",
        (T.ECONOMICS, "C9"): T.TYPE_QUALITATIVE,
        (T.ECONOMICS, "H9"): 4,
        (T.PLAN, "E9"): "Beboertilfredshet",
        (T.FOLLOW_UP, "C7"): "poeng",
        (T.FOLLOW_UP, "D7"): 50,
        (T.FOLLOW_UP, "E7"): 100,
        (T.RESULTS, "D16"): 60,
        # Costs and rate.
        (T.ECONOMICS, "B26"): "Sensorer og oppsett",
        (T.ECONOMICS, "C26"): 1_000_000,
        (T.ECONOMICS, "D26"): 100_000,
        (T.ECONOMICS, "E26"): 100_000,
        (T.ECONOMICS, "F26"): 100_000,
        (T.ECONOMICS, "G26"): 100_000,
        (T.ECONOMICS, "H26"): 0.04,
        (T.FOLLOW_UP, "C1"): "Oppdatert: 01.02.2026",
        (T.RESULTS, "F1"): "Dato: 15.03.2026",
    }


WITHOUT_FTE = {(T.ECONOMICS, c): None for c in ("D8", "E8", "F8", "G8")}


def build(cells: dict, *, remove_sheet: str | None = None) -> bytes:
    """The template with ``cells`` filled in (None empties a cell), as .xlsx bytes."""
    return _built(tuple(cells.items()), remove_sheet)


@functools.cache
def _built(cells: tuple, remove_sheet: str | None) -> bytes:
    # Loading the template takes about a second and many tests build the same file: build it once.
    workbook = load_workbook(T.TEMPLATE_PATH)
    for (sheet, cell), value in cells:
        workbook[sheet][cell].value = value
    if remove_sheet:
        del workbook[remove_sheet]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parsed_good(world, **changes):
    result = parse_workbook(build(good_cells(world) | changes.get("cells", {})))
    assert result.ok, [str(e) for e in result.errors]
    return result


def test_parse_reads_every_part(world):
    result = parsed_good(world)
    p = result.workbook
    card = p.card
    assert (card.name, card.statutory, card.budget) == ("Digitalt nattilsyn", False, D(1_500_000))
    assert (card.planned_start, card.planned_end) == (datetime.date(2026, 1, 1), datetime.date(2027, 6, 30))
    assert card.service_owner == "Kari Nordmann" and card.business_leader == "Rådmann Rask"
    first, second = p.stakeholders
    assert (first.name, first.influence, first.attitude) == ("Tillitsvalgte", 3, -1)
    assert (first.anchoring, first.communication, first.training) == ("Drøftingsmøte", "Nyhetsbrev", "Kurs")
    assert (second.influence, second.anchoring, second.training) == (
        2,
        "Informasjon på nettsiden",
        "Informasjon på nettsiden",
    )
    assert [(s.who, s.what) for s in p.process_today.steps] == [
        ("Nattevakt", "Går runder"),
        ("Sykepleier", "Dokumenterer\n\ni fagsystemet"),
    ]
    assert [s.what for s in p.process_future.steps] == ["Ser varsler på nettbrett"]
    direct, indirect, quality = p.benefits
    assert (direct.type, direct.amounts) == (DIRECT, [D(100000), D(200000), D(400000), D(400000)])
    assert direct.prerequisites == ["Sensorer installert", "Samtykke fra beboere"]
    assert [(m.description, m.deadline) for m in direct.measures] == [
        ("Ny bemanningsplan", datetime.date(2026, 9, 1)),
        ("Redusere vikarbruk", datetime.date(2026, 10, 5)),
    ]
    assert (direct.take_out, direct.realised_year, direct.goal) == (
        "Budsjettkutt i vikarposten",
        2027,
        "Bærekraftig økonomi",
    )
    assert direct.indicator.name == "Vikarkostnader per måned"
    assert (direct.indicator.baseline, direct.indicator.target, direct.indicator.measured) == (80000, 40000, 60000)
    assert (indirect.type, indirect.amounts, indirect.realised_year) == (INDIRECT, [0, 1, 2, 2], 2028)
    assert indirect.responsible == "Ukjent Person"
    assert (quality.type, quality.importance, quality.amounts) == (QUALITATIVE, 4, [None] * 4)
    assert (p.costs.investment, p.costs.operating, p.costs.rate) == (D(1_000_000), [D(100_000)] * 4, D("0.04"))
    assert (p.baseline_date, p.measured_on) == (datetime.date(2026, 2, 1), datetime.date(2026, 3, 15))
    notes = {(n.sheet, n.cell) for n in result.notices}
    assert (T.FORSIDE, "B19") in notes  # no field for the head of the organisation
    assert (T.STAKEHOLDER_LIST, "B5:C19") in notes  # involvement is not kept


def test_preview_lists_what_will_be_created_and_both_figures(world):
    p = parsed_good(world).workbook
    before = Initiative.objects.across_organisations().count()
    with translation.override("en"):
        preview = preview_import(p, world.org, by=world.users["portfolio_office"], start_year=2026)
    assert Initiative.objects.across_organisations().count() == before  # the trial import was rolled back
    assert preview.years == [2027, 2028, 2029, 2030]
    assert (preview.benefits[0].benefit.name, preview.benefits[0].kind_label) == (
        "Lavere vikarkostnader",
        "Priced, budget effect in own organisation",
    )
    # The indirect benefit's FTE as hours: 1 FTE × 1 695 hours per FTE.
    assert preview.benefits[1].amounts[1] == (2028, D(1), D("1695.00"))
    assert preview.benefits[2].importance_label == "High"
    people = {role: member for role, _name, member in preview.people}
    assert people["Project owner"] == "A-owner Testesen"
    assert people["Service owner"] == ""
    assert len(preview.npv_explanations) == 1 and "hours" in preview.npv_explanations[0]
    assert [(a.workbook, a.ours) for a in preview.achievements][2] == (D("0.6"), D("0.2"))


def test_import_equals_the_workbook_npv_to_the_krone(world):
    """Direct benefits only, same rate: Omstilling's NPV is the workbook's C39.

    B − O per year column: 0, 100 000, 300 000, 300 000; investment 1 000 000; r = 4 %.
      100 000 / 1.04² = 92 455.62
      300 000 / 1.04³ = 266 698.91
      300 000 / 1.04⁴ = 256 441.26
      sum 615 595.79 − 1 000 000 = −384 404.21 → −384 404 kr
    """
    p = parsed_good(world, cells=WITHOUT_FTE).workbook
    assert figures.workbook_npv(p).quantize(D(1)) == D(-384404)
    initiative = create_initiative(p, world.org, by=world.users["portfolio_office"], start_year=2026)
    economics = economics_for(initiative, initiative_benefits(initiative))
    assert economics.start_year == 2026
    assert economics.npv_technology.quantize(D(1)) == economics.npv_full.quantize(D(1)) == D(-384404)
    assert abs(economics.npv_full - figures.workbook_npv(p)) < D("0.01")


def test_freed_fte_benefits_explain_the_difference(world):
    """Quirk Q4: the workbook leaves FTE out, Omstilling values hours at 650 kr.

    FTE per year 0, 1, 2, 2 → hours 0, 1 695, 3 390, 3 390 → kroner 0, 1 101 750, 2 203 500, 2 203 500.
      1 101 750 / 1.04² = 1 018 629.81
      2 203 500 / 1.04³ = 1 958 912.47
      2 203 500 / 1.04⁴ = 1 883 552.04
      extra present value 4 861 094.32 → ours −384 404.21 + 4 861 094.32 = 4 476 690.11
    """
    p = parsed_good(world).workbook
    initiative = create_initiative(p, world.org, by=None, start_year=2026)
    economics = economics_for(initiative, initiative_benefits(initiative))
    assert figures.workbook_npv(p).quantize(D(1)) == D(-384404)
    assert economics.npv_full.quantize(D(1)) == D(4476690)
    assert (economics.npv_full - figures.workbook_npv(p)).quantize(D(1)) == D(4861094)


def test_freed_time_average_and_per_year(world):
    """Quirk Q6: the workbook's C42 = (0 + 1 + 2 + 2) / 4 = 1.25 FTE; ours is per year."""
    p = parsed_good(world).workbook
    assert figures.workbook_freed_fte(p) == D("1.25")
    preview = preview_import(p, world.org, by=None, start_year=2026)
    assert [(y.year, y.our_hours, y.our_fte) for y in preview.freed] == [
        (2027, D(0), D(0)),
        (2028, D(1695), D(1)),
        (2029, D(3390), D(2)),
        (2030, D(3390), D(2)),
    ]
    assert {y.workbook_fte for y in preview.freed} == {D("1.25")}


@pytest.mark.parametrize(
    ("baseline", "target", "measured", "workbook", "ours"),
    [
        # Doc §4: increase wanted → m / t, the baseline is ignored.
        (50, 100, 60, D("0.6"), D("0.2")),  # 60/100; (60−50)/(100−50)
        (50, 100, 50, D("0.5"), D(0)),  # no change still shows 50 %
        (50, 100, 40, D("0.4"), D("-0.2")),  # getting worse still looks like progress
        # Decrease to a non-zero target → t / m.
        (100, 50, 80, D("0.625"), D("0.4")),  # 50/80; (80−100)/(50−100)
        (100, 50, 120, D(50) / D(120), D("-0.4")),  # 41.7 %, getting worse still positive
        # Reduce to zero: the only branch that agrees.
        (10, 0, 4, D("0.6"), D("0.6")),  # (10−4)/10
        (10, 0, 0, None, D(1)),  # target reached, but 0 counts as "not measured"
        (50, None, 60, D("-0.2"), None),  # a missing target is read as "reduce to 0"
        (80, 80, 80, D(1), None),  # "hold the level": ours has no meaning
        (None, None, 5, None, None),  # #DIV/0! in the workbook
    ],
)
def test_achievement_workbook_against_ours(baseline, target, measured, workbook, ours):
    values = [None if v is None else D(v) for v in (baseline, target, measured)]
    assert figures.workbook_achievement(*values) == workbook
    assert figures.our_achievement(*values) == ours
    assert figures.achievement_explanation(*values)


def test_achievement_in_the_file(world):
    """Benefit 1: b 80 000, t 40 000, m 60 000 → workbook t/m = 66.7 %, ours (60−80)/(40−80) = 50 %.
    Benefit 2: b 40, t 20, m 30 → workbook 20/30 = 66.7 %, ours (30−40)/(20−40) = 50 %.
    Benefit 3: b 50, t 100, m 60 → workbook 60/100 = 60 %, ours (60−50)/(100−50) = 20 %.
    """
    preview = preview_import(parsed_good(world).workbook, world.org, by=None, start_year=2026)
    rows = [(a.workbook.quantize(D("0.001")), a.ours) for a in preview.achievements]
    assert rows == [(D("0.667"), D("0.5")), (D("0.667"), D("0.5")), (D("0.600"), D("0.2"))]


def test_create_maps_every_row(world):
    p = parsed_good(world).workbook
    world.org.discount_rate = D("3.5")
    world.org.save()
    initiative = create_initiative(p, world.org, by=world.users["portfolio_office"], start_year=2026)
    assert world.org.discount_rate == D("3.5")  # the organisation's rate is never changed
    notices = {(n.sheet, n.cell): n.message for n in initiative.kommit_notices}
    assert (T.ECONOMICS, "H26") in notices  # the rates differ
    assert (T.FORSIDE, "B16") in notices and "Kari Nordmann" in notices[(T.FORSIDE, "B16")]
    assert (T.PLAN, "G7") in notices  # "Ukjent Person" is no member
    assert (initiative.project_owner, initiative.service_owner) == (world.users["owner"], None)
    assert (initiative.planned_end, initiative.budget, initiative.statutory) == (
        datetime.date(2027, 6, 30),
        1_500_000,
        False,
    )
    assert Stakeholder.objects.filter(initiative=initiative).count() == 2
    assert ProcessStep.objects.filter(initiative=initiative, state="today").count() == 2
    direct, indirect, quality = Benefit.objects.filter(initiative=initiative).order_by("id")
    assert (direct.kind, direct.measure, direct.take_out) == ("budget", "kroner", "budget_reduction")
    assert direct.owner == direct.responsible == world.users["unit_leader"]
    assert direct.goal == StrategicGoal.objects.across_organisations().get(
        organisation=world.org, name="Bærekraftig økonomi"
    )
    assert list(Prerequisite.objects.filter(benefit=direct).values_list("description", flat=True)) == [
        "Sensorer installert",
        "Samtykke fra beboere",
    ]
    assert (indirect.kind, indirect.measure, indirect.take_out_year) == ("capacity", "hours", 2028)
    assert (quality.kind, quality.measure, quality.importance) == ("qualitative", "qualitative", "high")
    estimates = BenefitEstimate.objects.filter(benefit=indirect).order_by("year")
    assert [(e.year, e.optimistic, e.likely, e.pessimistic) for e in estimates] == [
        (2027, 0, 0, 0),
        (2028, 1695, 1695, 1695),
        (2029, 3390, 3390, 3390),
        (2030, 3390, 3390, 3390),
    ]
    costs = CostLine.objects.filter(initiative=initiative).order_by("year")
    assert [(c.year, c.kind, c.amount) for c in costs] == [(2026, "investment", 1_000_000)] + [
        (year, "operating", 100_000) for year in (2027, 2028, 2029, 2030)
    ]
    assert RealisationMeasure.objects.filter(benefit=direct).count() == 2
    indicator = Indicator.objects.across_organisations().get(benefit=direct)
    assert (indicator.unit_of_measure, indicator.baseline_value, indicator.target_value) == ("kr", 80000, 40000)
    assert indicator.baseline_date == datetime.date(2026, 2, 1)  # from the follow-up plan's header
    measurement = Measurement.objects.across_organisations().get(indicator=indicator)
    assert (measurement.value, measurement.measured_on, measurement.comment) == (
        60000,
        datetime.date(2026, 3, 15),
        "På vei",
    )
    # Imported through the measurement service: the indicator knows its latest measurement.
    assert (indicator.latest_value, indicator.latest_on, indicator.previous_value) == (
        60000,
        datetime.date(2026, 3, 15),
        None,
    )


def test_a_failure_half_way_saves_nothing(world, monkeypatch):
    p = parsed_good(world).workbook
    before = (
        Initiative.objects.across_organisations().count(),
        Benefit.objects.across_organisations().count(),
        Stakeholder.objects.across_organisations().count(),
    )

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Measurement, "save", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        create_initiative(p, world.org, by=None, start_year=2026)
    assert (
        Initiative.objects.across_organisations().count(),
        Benefit.objects.across_organisations().count(),
        Stakeholder.objects.across_organisations().count(),
    ) == before


def _corrupt_zip() -> bytes:
    good = build({})
    return good[: len(good) // 2]


def _other_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


BAD_FILES = [
    # (name, file builder, sheet, cell)
    ("not a workbook", lambda w: b"name;budget\nx;1\n", "", ""),
    ("corrupt zip", lambda w: _corrupt_zip(), "", ""),
    ("another workbook", lambda w: _other_workbook(), "Sheet", ""),
    ("a zip without a workbook", lambda w: W.not_a_workbook_zip(), "", ""),
    ("changed label", lambda w: build(good_cells(w) | {(T.FORSIDE, "A4"): "Navn:"}), T.FORSIDE, "A4"),
    ("missing sheet", lambda w: build(good_cells(w), remove_sheet=T.FOLLOW_UP), T.FOLLOW_UP, ""),
    ("text for a number", lambda w: build(good_cells(w) | {(T.ECONOMICS, "E7"): "mye"}), T.ECONOMICS, "E7"),
    ("budget as text", lambda w: build(good_cells(w) | {(T.FORSIDE, "B13"): "2 mill"}), T.FORSIDE, "B13"),
    (
        "unknown benefit type",
        lambda w: build(good_cells(w) | {(T.ECONOMICS, "C7"): "Direkte (økonomiske)"}),
        T.ECONOMICS,
        "C7",
    ),
    (
        "end before start",
        lambda w: build(good_cells(w) | {(T.FORSIDE, "B11"): "31.12.2025"}),
        T.FORSIDE,
        "B11",
    ),
    ("deadline unreadable", lambda w: build(good_cells(w) | {(T.PLAN, "C6"): "uke 12"}), T.PLAN, "C6"),
    ("#DIV/0! in an amount", lambda w: build(good_cells(w) | {(T.ECONOMICS, "D7"): "#DIV/0!"}), T.ECONOMICS, "D7"),
    ("#REF! in a measurement", lambda w: build(good_cells(w) | {(T.RESULTS, "D15"): "#REF!"}), T.RESULTS, "D15"),
    ("#VALUE! in the name", lambda w: build(good_cells(w) | {(T.FORSIDE, "B4"): "#VALUE!"}), T.FORSIDE, "B4"),
    ("rate as a whole number", lambda w: build(good_cells(w) | {(T.ECONOMICS, "H26"): 4}), T.ECONOMICS, "H26"),
]


def _upload_preview(client, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "gevinster.xlsx"
    return client.post(reverse("kommit:upload"), {"workbook": upload, "start_year": 2026, "step": "preview"})


@pytest.mark.parametrize(("name", "make", "sheet", "cell"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_give_the_cell(world, name, make, sheet, cell):
    result = parse_workbook(make(world))
    assert not result.ok and result.workbook is None
    assert (sheet, cell) in {(e.sheet, e.cell) for e in result.errors}, [str(e) for e in result.errors]


# The page shows every error the same way; one file for each kind of place: none, a sheet, a cell.
UPLOADED_BAD_FILES = [b for b in BAD_FILES if b[0] in ("not a workbook", "missing sheet", "text for a number")]


@pytest.mark.parametrize(("name", "make", "sheet", "cell"), UPLOADED_BAD_FILES, ids=[b[0] for b in UPLOADED_BAD_FILES])
def test_a_bad_upload_names_the_place_and_saves_nothing(world, login, name, make, sheet, cell):
    before = Initiative.objects.across_organisations().count()
    client = login(world.users["portfolio_office"])
    upload = io.BytesIO(make(world))
    upload.name = "gevinster.xlsx"
    response = client.post(reverse("kommit:upload"), {"workbook": upload, "start_year": 2026, "step": "preview"})
    body = assert_page(response, "Import the KS/KommIT benefits workbook")
    assert "The workbook could not be imported" in body
    place = f"{sheet}, {cell}" if cell else sheet
    if place:
        assert f"<strong>{place}</strong>" in body
    assert Initiative.objects.across_organisations().count() == before


def test_rate_above_one_names_quirk_q7():
    result = parse_workbook(build({(T.FORSIDE, "B4"): "X", (T.ECONOMICS, "H26"): 4}))
    (error,) = [e for e in result.errors if e.cell == "H26"]
    assert "400" in error.message and "0.04" in error.message
