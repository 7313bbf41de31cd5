"""Long benefits lists: the at-risk list chosen by the database agrees with the warnings worked out in
Python, and every list is paged (50 a page) with a way to reach the rest."""

import datetime
import itertools
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits.models import Benefit, BenefitEstimate, Indicator, Measurement
from benefits.services.measurements import save_measurement
from benefits.services.queries import warning_queryset
from benefits.services.summary import benefit_rows
from benefits.services.warnings import with_warnings
from portfolio.models import AffectedUnit, Initiative

from .pages import assert_page


def benefit(world, description, **fields):
    values = {"kind": "budget", "measure": "kroner", "owner": world.users["unit_leader"], **fields}
    return Benefit.objects.create(initiative=world.initiative, change=world.change, description=description, **values)


def indicator_variants(world):
    """Benefits whose only possible warnings come from one indicator each, in every shape the rules tell apart."""
    shapes = itertools.product(
        ("budget", "qualitative"),
        (1, 3, 12),
        (datetime.date(2025, 1, 31), datetime.date(2025, 8, 29)),  # month ends: add_months clamps them
        ((100, 40), (10, 50)),  # falling and rising targets
        (datetime.date(2026, 6, 30), datetime.date(2027, 12, 31), None),
        (0, 1, 2),  # measurements
    )
    for n, (kind, frequency, baseline_date, (baseline, target), target_date, measured) in enumerate(shapes):
        qualitative = {"kind": "qualitative", "measure": "qualitative", "importance": "moderate"}
        owner = benefit(world, f"V{n}", **(qualitative if kind == "qualitative" else {}))
        indicator = Indicator.objects.create(
            benefit=owner,
            name=f"I{n}",
            unit_of_measure="antall",
            baseline_value=baseline,
            baseline_date=baseline_date,
            target_value=target,
            target_date=target_date,
            frequency=frequency,
        )
        step = (target - baseline) // 4
        for value, day in [
            (baseline + step, datetime.date(2025, 11, 30)),
            (baseline + 3 * step, datetime.date(2026, 7, 31)),
        ][:measured]:
            save_measurement(Measurement(indicator=indicator, value=value, measured_on=day))


def benefit_variants(world):
    """Warnings of the benefit itself, each at the edge of its rule."""
    without_owner = benefit(world, "No owner", owner=None)
    not_a_leader = benefit(world, "Owner leads nothing", owner=world.users["benefit_responsible"])
    for b in (without_owner, not_a_leader):
        Indicator.objects.create(benefit=b, name="Målt", unit_of_measure="kr", frequency=12)
    benefit(world, "No indicator")
    # The world's unit changes from 01.09.2026: a budget cut from 2026 comes before it, from 2027 not.
    for year in (2026, 2027):
        benefit(world, f"Cut {year}", take_out="budget_reduction", take_out_year=year)
    AffectedUnit.objects.create(
        initiative=Initiative.objects.create(organisation=world.org, name="Ny start"),
        unit=world.department,
        employees_affected=1,
        change_from=datetime.date(2028, 1, 1),
    )
    # 46 working weeks × 10 employees × the organisation's minutes per week / 60 is the edge.
    edge = D(world.org.small_saving_minutes * 46 * 10) / 60
    for name, hours in (("At the edge", edge), ("Just under", edge - D("0.01"))):
        thin = benefit(world, name, kind="capacity", measure="hours", employees_sharing=10)
        BenefitEstimate.objects.create(benefit=thin, year=2027, optimistic=hours, likely=hours, pessimistic=hours)


def days_to_check():
    """Every month's first and last days and every fifth day, from before the first baseline to after the targets."""
    day, end = datetime.date(2025, 1, 1), datetime.date(2028, 3, 1)
    while day < end:
        tomorrow = day + datetime.timedelta(days=1)
        if day.day in (1, 5, 10, 15, 20, 25) or tomorrow.day == 1 or day.day >= 28:
            yield day
        day = tomorrow


def test_the_database_picks_exactly_the_benefits_with_warnings(world):
    indicator_variants(world)
    benefit_variants(world)
    benefits = list(warning_queryset().filter(organisation=world.org))
    assert len(benefits) > 200
    seen = set()
    for today in days_to_check():
        in_python = {row.benefit.pk for row in benefit_rows(benefits, world.org, today) if row.warnings}
        chosen = set(with_warnings(Benefit.objects.for_org(world.org), world.org, today).values_list("pk", flat=True))
        assert chosen == in_python, (
            today,
            sorted(
                Benefit.objects.filter(pk__in=chosen ^ in_python, organisation=world.org).values_list(
                    "description", flat=True
                )
            ),
        )
        seen.add(frozenset(chosen))
    # Not trivially equal: the list changes many times as measurements fall due.
    assert len(seen) > 10


def many_at_risk(world, count):
    Benefit.objects.bulk_create(
        Benefit(
            organisation=world.org,
            initiative=world.initiative,
            change=world.change,
            description=f"Risiko {n:03}",
            kind="budget",
            measure="kroner",
            owner=world.users["unit_leader"],
        )
        for n in range(count)
    )


def test_the_at_risk_list_shows_fifty_a_page_and_page_two_the_fifty_first(world, login):
    many_at_risk(world, 60)  # no indicator: each has a warning
    client = login(world.users["portfolio_office"])
    at_risk = list(with_warnings(Benefit.objects.for_org(world.org), world.org, datetime.date.today()).order_by("pk"))
    first = assert_page(client.get(reverse("benefits:at_risk")), "Gevinster i faresonen")
    assert f"{len(at_risk)} gevinster har minst ett varsel" in first
    assert f">{at_risk[49].description}<" in first and f">{at_risk[50].description}<" not in first
    assert 'href="?page=2"' in first
    second = assert_page(client.get(reverse("benefits:at_risk") + "?page=2"), "Gevinster i faresonen")
    assert f">{at_risk[50].description}<" in second and f">{at_risk[49].description}<" not in second


def test_my_benefits_are_paged(world, login):
    many_at_risk(world, 60)
    client = login(world.users["unit_leader"])
    mine = list(
        Benefit.objects.for_org(world.org).filter(owner=world.users["unit_leader"]).order_by("initiative__name", "pk")
    )
    assert len(mine) > 50
    first = assert_page(client.get(reverse("benefits:mine")), "Mine gevinster")
    assert f">{mine[49].description}<" in first and f">{mine[50].description}<" not in first
    second = assert_page(client.get(reverse("benefits:mine") + "?page=2"), "Mine gevinster")
    assert f">{mine[50].description}<" in second and f">{mine[0].description}<" not in second


def test_the_overview_table_is_paged_by_planned_benefits(world, login):
    Initiative.objects.bulk_create(Initiative(organisation=world.org, name=f"Tiltak {n:03}") for n in range(60))
    links = {
        pk: reverse("benefits:initiative", args=[pk])
        for pk in Initiative.objects.for_org(world.org).values_list("pk", flat=True)
    }
    client = login(world.users["portfolio_office"])
    first = assert_page(client.get(reverse("benefits:portfolio")), "Gevinster i porteføljen")
    second = assert_page(client.get(reverse("benefits:portfolio") + "?page=2"), "Gevinster i porteføljen")
    on_first = {pk for pk, link in links.items() if f'href="{link}"' in first}
    on_second = {pk for pk, link in links.items() if f'href="{link}"' in second}
    # The world's initiative has the largest planned benefits, so it leads the first page.
    assert world.initiative.pk in on_first and len(on_first) == 50
    assert on_second == set(links) - on_first


def owned_and_due(world, count, first=0):
    """Benefits the portfolio office owns, each with an overdue indicator that someone else measures."""
    for n in range(first, first + count):
        owned = benefit(world, f"Eid {n}", owner=world.users["portfolio_office"])
        Indicator.objects.create(
            benefit=owned,
            name=f"Forfalt {n}",
            unit_of_measure="antall",
            baseline_value=10,
            baseline_date=datetime.date(2026, 1, 1),
            target_value=5,
            frequency=1,
            measured_by=world.users["benefit_responsible"],
        )


def test_my_benefits_read_a_constant_number_of_queries_however_much_is_due(world, login):
    client = login(world.users["portfolio_office"])
    owned_and_due(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert_page(client.get(reverse("benefits:mine")), "Mine gevinster")
    owned_and_due(world, 12, first=2)
    with CaptureQueriesContext(connection) as many:
        page = assert_page(client.get(reverse("benefits:mine")), "Mine gevinster")
    assert "Forfalt 13" in page
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
