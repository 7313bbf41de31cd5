"""Timing the benefits pages and services against a hand-written SQL query.

Each measurement is repeated; the median is reported. The baseline is one SQL statement that
computes the same overview figures (benefits per initiative and year valued in kroner, costs per
initiative and year) with the discounting done in a few lines of Python afterwards.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.utils import timezone

from organisations.models import Membership, Organisation, Role
from portfolio.models import Initiative

from ..services.portfolio import at_risk_benefits, portfolio_benefits

BASELINE_SQL = """
SELECT 'benefit' AS source, b.initiative_id, e.year, b.kind,
       SUM((e.optimistic + 3 * e.likely + e.pessimistic) / 5
           * CASE WHEN b.measure = 'hours' THEN COALESCE(u.hourly_cost, %(hourly)s) ELSE 1 END) AS amount
FROM benefits_benefitestimate e
JOIN benefits_benefit b ON b.id = e.benefit_id
LEFT JOIN organisations_orgunit u ON u.id = b.unit_id
WHERE e.organisation_id = %(org)s AND b.kind <> 'qualitative'
GROUP BY b.initiative_id, e.year, b.kind
UNION ALL
SELECT 'cost', c.initiative_id, c.year, c.kind, SUM(c.amount)
FROM benefits_costline c WHERE c.organisation_id = %(org)s
GROUP BY c.initiative_id, c.year, c.kind
UNION ALL
SELECT 'training', t.initiative_id, t.year, 'training',
       SUM(t.hours_per_employee * t.employees * COALESCE(u.hourly_cost, %(hourly)s)
           + CASE WHEN u.runs_24_7 THEN t.hours_per_employee * t.employees * %(substitute)s ELSE 0 END)
FROM benefits_trainingcost t
JOIN portfolio_affectedunit a ON a.id = t.affected_unit_id
JOIN organisations_orgunit u ON u.id = a.unit_id
WHERE t.organisation_id = %(org)s
GROUP BY t.initiative_id, t.year
"""


REALISED_SQL = """
SELECT {year} AS year, AVG((latest - baseline) * 1.0 / (target - baseline)) FROM (
  SELECT i.baseline_value AS baseline, i.target_value AS target,
         (SELECT m.value FROM benefits_measurement m WHERE m.indicator_id = i.id
          ORDER BY m.measured_on DESC, m.id DESC LIMIT 1) AS latest,
         (SELECT m.measured_on FROM benefits_measurement m WHERE m.indicator_id = i.id
          ORDER BY m.measured_on DESC, m.id DESC LIMIT 1) AS latest_on
  FROM benefits_indicator i
  WHERE i.organisation_id = %(org)s AND i.baseline_value IS NOT NULL AND i.target_value IS NOT NULL
    AND i.baseline_value <> i.target_value
) AS latest_values
WHERE latest_on IS NOT NULL
GROUP BY 1
"""
# The year of a date in each database's dialect.
YEAR_OF = {"sqlite": "CAST(strftime('%%Y', latest_on) AS INTEGER)", "postgresql": "EXTRACT(YEAR FROM latest_on)::int"}


def baseline_overview(organisation: Organisation) -> dict:
    """The overview figures from hand-written SQL: planned per year, full-cost NPV, realised share."""
    parameters = {
        "org": organisation.pk,
        "hourly": organisation.hourly_cost,
        "substitute": organisation.substitute_hourly_cost,
    }
    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL, parameters)
        rows = cursor.fetchall()
        cursor.execute(REALISED_SQL.format(year=YEAR_OF[connection.vendor]), parameters)
        realised = dict(cursor.fetchall())
    starts = {
        pk: (start.year if start else None)
        for pk, start in Initiative.objects.for_org(organisation).values_list("pk", "planned_start")
    }
    rate = 1 + float(organisation.discount_rate) / 100
    planned: dict[int, float] = defaultdict(float)
    npv = 0.0
    for source, initiative_id, year, _kind, amount in rows:
        start = starts.get(initiative_id) or year
        factor = rate ** -(year - start) if 0 <= year - start < 10 else 0.0
        if source == "benefit":
            planned[year] += float(amount)
            npv += float(amount) * factor
        else:
            npv -= float(amount) * factor
    return {"planned": dict(planned), "npv_full": npv, "realised": realised}


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: templates, caches, connection
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(organisation: Organisation, runs: int) -> list[tuple[str, float]]:
    user = (
        Membership.objects.for_org(organisation)
        .filter(roles__role=Role.PORTFOLIO_OFFICE)
        .select_related("user")
        .first()
        .user
    )
    client = Client()
    client.force_login(user)
    initiative = Initiative.objects.for_org(organisation).filter(benefits__isnull=False).order_by("pk").first()
    today = timezone.localdate()

    def get(path: str) -> None:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    results = [
        ("Portfolio benefits overview page (/benefits/)", median_ms(lambda: get("/benefits/"), runs)),
        ("Overview figures (service, no HTML)", median_ms(lambda: portfolio_benefits(organisation), runs)),
        ("Hand-written SQL for the same figures", median_ms(lambda: baseline_overview(organisation), runs)),
        (
            "One initiative's benefits page (with 1 000-draw uncertainty)",
            median_ms(lambda: get(f"/benefits/initiatives/{initiative.pk}/"), runs),
        ),
        ("At-risk list page (/benefits/at-risk/)", median_ms(lambda: get("/benefits/at-risk/"), runs)),
        ("At-risk warnings for all benefits (service)", median_ms(lambda: at_risk_benefits(organisation, today), runs)),
    ]
    return results


def agreement(organisation: Organisation) -> list[tuple[str, object, object]]:
    """Both ways of computing must agree before their times are compared."""
    ours, baseline = portfolio_benefits(organisation), baseline_overview(organisation)
    checks = [("full-cost NPV", ours.npv_full, baseline["npv_full"])]
    checks += [(f"planned {year}", planned, baseline["planned"].get(year, 0)) for year, planned, _share in ours.years]
    checks += [
        (f"realised {year}", share, baseline["realised"].get(year, 0)) for year, _planned, share in ours.years if share
    ]
    return checks
