"""The plan written back into the KS/KommIT workbook: a round trip keeps every value, no formula
from user text."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from benefits.models import (
    Benefit,
    CostLine,
    ProcessStep,
)
from benefits.services.queries import economics_for, initiative_benefits
from kommit import template as T
from kommit.importer import create_initiative, importance_level
from kommit.parsed import DIRECT, INDIRECT, QUALITATIVE
from kommit.reader import parse_workbook
from kommit.writer import export_workbook
from portfolio.models import Initiative, Stakeholder

from .test_kommit import FORMULA_STARTS, D, good_cells, in_english, parsed_good  # noqa: F401  (in_english: autouse)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:.*not supported:UserWarning")]


def _model_view(initiative: Initiative) -> dict:
    """What the workbook can express of an initiative, read from the models."""
    benefits = []
    for b in Benefit.objects.filter(initiative=initiative).order_by("id"):
        indicator = b.indicators.order_by("id").first()
        measurement = indicator.measurements.order_by("measured_on", "id").last() if indicator else None
        benefits.append(
            {
                "name": b.description,
                "change": b.change.description,
                "goal": b.goal.name if b.goal else "",
                "prerequisites": [p.description for p in b.prerequisites.order_by("id")],
                "measure": b.measure,
                "importance": b.importance,
                "estimates": {e.year: e.adjusted for e in b.estimates.all()},
                "measures": [(m.description, m.deadline) for m in b.measures.order_by("id")],
                "take_out": b.take_out_detail,
                "year": b.take_out_year,
                "responsible": f"{b.responsible.first_name} {b.responsible.last_name}" if b.responsible else "",
                "indicator": (
                    indicator.name,
                    indicator.unit_of_measure,
                    indicator.baseline_value,
                    indicator.target_value,
                    indicator.method,
                )
                if indicator
                else None,
                "measured": (measurement.value, measurement.comment) if measurement else None,
            }
        )
    return {
        "card": (
            initiative.name,
            initiative.purpose,
            initiative.statutory,
            initiative.planned_start,
            initiative.planned_end,
            initiative.budget,
        ),
        "stakeholders": sorted(
            (s.name, s.how_affected, s.influence, s.attitude, s.anchoring, s.communication, s.training)
            for s in Stakeholder.objects.filter(initiative=initiative)
        ),
        "steps": [(s.state, s.actor, s.description) for s in ProcessStep.objects.filter(initiative=initiative)],
        "benefits": benefits,
        "costs": sorted((c.year, c.kind, c.amount) for c in CostLine.objects.filter(initiative=initiative)),
    }


def _parsed_view(p, start_year: int, hours_per_fte: Decimal) -> dict:
    """The same view of a parsed workbook, with its years placed from ``start_year``."""
    measures = {DIRECT: "kroner", INDIRECT: "hours", QUALITATIVE: "qualitative"}
    benefits = []
    for b in p.benefits:
        estimates = {}
        for j, amount in enumerate(b.amounts, start=1):
            if amount is not None:
                value = amount * hours_per_fte if b.type == INDIRECT else amount
                estimates[start_year + j] = value.quantize(D("0.01"))
        ind = b.indicator
        benefits.append(
            {
                "name": b.name,
                "change": b.change,
                "goal": b.goal,
                "prerequisites": b.prerequisites,
                "measure": measures[b.type],
                "importance": importance_level(b.importance),
                "estimates": estimates,
                "measures": [(m.description, m.deadline) for m in b.measures],
                "take_out": b.take_out,
                "year": b.realised_year,
                "responsible": b.responsible,
                "indicator": (ind.name, ind.unit, ind.baseline, ind.target, ind.method) if ind else None,
                "measured": (ind.measured, ind.status) if ind and ind.measured is not None else None,
            }
        )
    c = p.card
    costs = [(start_year, "investment", p.costs.investment)] if p.costs.investment is not None else []
    costs += [(start_year + j, "operating", a) for j, a in enumerate(p.costs.operating, start=1) if a is not None]
    return {
        "card": (c.name, c.purpose, c.statutory, c.planned_start, c.planned_end, c.budget),
        "stakeholders": sorted(
            (s.name, s.how_affected, s.influence, s.attitude, s.anchoring, s.communication, s.training)
            for s in p.stakeholders
        ),
        "steps": [("future", s.who, s.what) for s in p.process_future.steps]
        + [("today", s.who, s.what) for s in p.process_today.steps],
        "benefits": benefits,
        "costs": sorted(costs),
    }


def test_round_trip_export_then_parse_keeps_every_value(world):
    p = parsed_good(world).workbook
    initiative = create_initiative(p, world.org, by=None, start_year=2026)
    # A stakeholder with three different strategies, and one with a strategy for all three.
    Stakeholder.objects.create(
        initiative=initiative, name="Verneombud", influence=1, attitude=0, anchoring="AMU", training="E-læring"
    )
    again = parse_workbook(export_workbook(initiative))
    assert again.ok, [str(e) for e in again.errors]
    exported = _parsed_view(again.workbook, 2026, world.org.hours_per_fte)
    expected = _model_view(initiative)
    for key in expected:
        assert exported[key] == expected[key], key
    assert again.workbook.costs.rate == D("0.04")
    assert again.workbook.year_labels == [2027, 2028, 2029, 2030]
    assert again.workbook.suggested_start_year() == 2026
    assert again.workbook.baseline_date == datetime.date(2026, 2, 1)
    assert again.workbook.measured_on == datetime.date(2026, 3, 15)
    # Imported again, the copy has the same economics.
    copy = create_initiative(again.workbook, world.org, by=None, start_year=2026)
    ours = economics_for(initiative, initiative_benefits(initiative)).npv_full
    assert economics_for(copy, initiative_benefits(copy)).npv_full == ours


def test_round_trip_of_a_plan_made_in_omstilling(world):
    """The world's benefit: 1 200 / 1 000 / 700 hours in 2027 → (1 200 + 3 000 + 700) / 5 = 980 hours."""
    again = parse_workbook(export_workbook(world.initiative)).workbook
    (benefit,) = again.benefits
    assert benefit.type == INDIRECT
    assert (benefit.amounts[0] * world.org.hours_per_fte).quantize(D("0.01")) == D("980.00")
    assert again.costs.investment == 300000
    assert benefit.indicator.measured == 35 and again.measured_on == datetime.date(2026, 6, 1)


def test_export_never_writes_a_formula_from_user_text(world):
    initiative = world.initiative
    initiative.name = '=HYPERLINK("http://x")'
    initiative.purpose = "+47 99 99 99 99"
    initiative.save()
    world.stakeholder.name = "-tillitsvalgte"
    world.stakeholder.save()
    world.benefit.description = "@SUM(A1)"
    world.benefit.save()
    world.indicator.method = "\tfane"
    world.indicator.save()
    data = export_workbook(initiative)
    exported = load_workbook(io.BytesIO(data))
    template = load_workbook(T.TEMPLATE_PATH)
    written = 0
    for sheet in exported.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value != template[sheet.title][cell.coordinate].value and isinstance(cell.value, str):
                    written += 1
                    assert not cell.value.startswith((*FORMULA_STARTS, "\t")), (sheet.title, cell.coordinate)
    assert written > 5
    assert exported[T.FORSIDE]["B4"].value == '\'=HYPERLINK("http://x")'
    assert exported[T.FORSIDE]["B10"].number_format == T.DATE_FORMAT
    again = parse_workbook(data).workbook
    assert again.card.name == '=HYPERLINK("http://x")'  # the protecting apostrophe is removed on import
    assert again.stakeholders[0].name == "-tillitsvalgte"
