"""Benchmark: the benefits pages of one large municipality against hand-written SQL (issue 7 §6).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python -m benchmarks.benefits --runs 15
    DATABASE_URL=postgres://omstilling@127.0.0.1:54329/bench .venv/bin/python -m benchmarks.benefits --runs 15

The database is migrated and, the first time, filled with one synthetic municipality
(``benchmarks.benefits_data``: 500 initiatives, 3 000 benefits, 9 000 indicators, 198 000
measurements); later runs reuse it. Before timing, the overview figures are checked against the
hand-written SQL to the øre, and the at-risk page against the warning facts of the baseline.

Rounds are interleaved: each round times every action once, in an order rotated by one from the
previous round, so a slow moment of the (shared) machine falls on all actions alike. Each action's
ratio is computed within each round against its baseline; the table gives the median time, the
median ratio and the spread of the ratio (lowest and highest quartile of the rounds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

# In-process requests through Django's test client: plain HTTP to "testserver".
for _name, _value in {
    "DJANGO_SETTINGS_MODULE": "omstilling.settings",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECRET_KEY": "benchmark-only-not-a-secret-" * 3,
}.items():
    os.environ.setdefault(_name, _value)

OVERVIEW_SQL = """
SELECT 'benefit' AS source, b.initiative_id, e.year,
       SUM((e.optimistic + 3 * e.likely + e.pessimistic) / 5.0
           * CASE WHEN b.measure = 'hours' THEN COALESCE(u.hourly_cost, %(hourly)s) ELSE 1 END) AS amount
FROM benefits_benefitestimate e
JOIN benefits_benefit b ON b.id = e.benefit_id
LEFT JOIN organisations_orgunit u ON u.id = b.unit_id
WHERE e.organisation_id = %(org)s AND b.kind <> 'qualitative'
GROUP BY b.initiative_id, e.year
UNION ALL
SELECT 'cost', c.initiative_id, c.year, SUM(c.amount)
FROM benefits_costline c WHERE c.organisation_id = %(org)s
GROUP BY c.initiative_id, c.year
UNION ALL
SELECT 'training', t.initiative_id, t.year,
       SUM(t.hours_per_employee * t.employees * COALESCE(u.hourly_cost, %(hourly)s)
           + CASE WHEN u.runs_24_7 THEN t.hours_per_employee * t.employees * %(substitute)s ELSE 0 END)
FROM benefits_trainingcost t
JOIN portfolio_affectedunit a ON a.id = t.affected_unit_id
JOIN organisations_orgunit u ON u.id = a.unit_id
WHERE t.organisation_id = %(org)s
GROUP BY t.initiative_id, t.year
"""

# Each indicator's latest measurement, written the fastest way each database allows: a LATERAL
# lookup on PostgreSQL, a correlated subquery on SQLite (served by the (indicator, measured_on)
# index; SQLite has no LATERAL).
LATEST = {
    "postgresql": """
        LEFT JOIN LATERAL (SELECT m.value, m.measured_on FROM benefits_measurement m WHERE m.indicator_id = i.id
                           ORDER BY m.measured_on DESC, m.id DESC LIMIT 1) latest ON TRUE
        LEFT JOIN LATERAL (SELECT m.value FROM benefits_measurement m WHERE m.indicator_id = i.id
                           ORDER BY m.measured_on DESC, m.id DESC LIMIT 1 OFFSET 1) previous ON TRUE""",
    "sqlite": """
        LEFT JOIN benefits_measurement latest ON latest.id = (
            SELECT m.id FROM benefits_measurement m WHERE m.indicator_id = i.id
            ORDER BY m.measured_on DESC, m.id DESC LIMIT 1)
        LEFT JOIN benefits_measurement previous ON previous.id = (
            SELECT m.id FROM benefits_measurement m WHERE m.indicator_id = i.id
            ORDER BY m.measured_on DESC, m.id DESC LIMIT 1 OFFSET 1)""",
}
YEAR_OF = {
    "sqlite": "CAST(strftime('%%Y', latest.measured_on) AS INTEGER)",
    "postgresql": "EXTRACT(YEAR FROM latest.measured_on)::int",
}

REALISED_SQL = """
SELECT {year} AS year, AVG((latest.value - i.baseline_value) * 1.0 / (i.target_value - i.baseline_value))
FROM benefits_indicator i {latest}
WHERE i.organisation_id = %(org)s AND i.baseline_value <> i.target_value AND latest.measured_on IS NOT NULL
GROUP BY 1
"""

# The facts every warning is computed from, for every benefit: one row per indicator.
WARNING_FACTS_SQL = """
SELECT b.id, b.owner_id,
       EXISTS (SELECT 1 FROM organisations_orgunit u
               WHERE u.organisation_id = %(org)s AND u.leader_id = b.owner_id) AS owner_leads,
       b.kind, b.measure, b.take_out, b.take_out_year, b.employees_sharing,
       EXISTS (SELECT 1 FROM benefits_prerequisite p WHERE p.benefit_id = b.id AND NOT p.confirmed) AS open,
       (SELECT MAX((e.optimistic + 3 * e.likely + e.pessimistic) / 5.0) FROM benefits_benefitestimate e
        WHERE e.benefit_id = b.id) AS largest,
       (SELECT MAX(a.change_from) FROM portfolio_affectedunit a WHERE a.initiative_id = b.initiative_id) AS done,
       i.id, i.name, i.baseline_value, i.baseline_date, i.target_value, i.target_date, i.frequency,
       latest.value, latest.measured_on, previous.value
FROM benefits_benefit b
LEFT JOIN benefits_indicator i ON i.benefit_id = b.id {latest}
WHERE b.organisation_id = %(org)s
ORDER BY b.id
"""


def _setup_django() -> None:
    import django
    from django.conf import settings

    django.setup()
    # Production settings, except that static files are named from the source folders (no collectstatic).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def baseline_overview(organisation) -> dict:
    """The overview figures from hand-written SQL: planned per year, both NPVs, realised share."""
    from django.db import connection

    from portfolio.models import Initiative

    parameters = {
        "org": organisation.pk,
        "hourly": organisation.hourly_cost,
        "substitute": organisation.substitute_hourly_cost,
    }
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(OVERVIEW_SQL, parameters)
        rows = cursor.fetchall()
        cursor.execute(REALISED_SQL.format(year=YEAR_OF[vendor], latest=LATEST[vendor]), parameters)
        realised = {year: float(share) for year, share in cursor.fetchall()}
    starts = {
        pk: (start.year if start else None)
        for pk, start in Initiative.objects.for_org(organisation).values_list("pk", "planned_start")
    }
    first_years: dict[int, int] = {}
    for _source, initiative_id, year, _amount in rows:
        first_years[initiative_id] = min(year, first_years.get(initiative_id, year))
    rate = 1 + float(organisation.discount_rate) / 100
    planned: dict[int, float] = defaultdict(float)
    npv = 0.0
    for source, initiative_id, year, amount in rows:
        start = starts.get(initiative_id) or first_years[initiative_id]
        factor = rate ** -(year - start) if 0 <= year - start < 10 else 0.0
        if source == "benefit":
            planned[year] += float(amount)
            npv += float(amount) * factor
        else:
            npv -= float(amount) * factor
    return {"planned": dict(planned), "npv_full": npv, "realised": realised}


def baseline_warning_facts(organisation) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(WARNING_FACTS_SQL.format(latest=LATEST[connection.vendor]), {"org": organisation.pk})
        return cursor.fetchall()


def check_agreement(organisation) -> None:
    """Both ways of computing must agree (to the øre) before their times are compared."""
    from django.utils import timezone

    from benefits.services.portfolio import portfolio_benefits

    ours, baseline = portfolio_benefits(organisation), baseline_overview(organisation)
    checks = [("full-cost NPV", ours.npv_full, baseline["npv_full"], Decimal("0.01"))]
    checks += [(f"planned {y}", p, baseline["planned"].get(y, 0), Decimal("0.01")) for y, p, _s in ours.years]
    checks += [(f"realised {y}", s, baseline["realised"].get(y, 0), Decimal("1e-9")) for y, _p, s in ours.years if s]
    for name, mine, theirs, tolerance in checks:
        if abs(Decimal(mine) - Decimal(theirs)) > tolerance:
            raise SystemExit(f"The overview and the baseline disagree on {name}: {mine} against {theirs}.")
    # The at-risk list is chosen by the database; every benefit's warnings worked out in Python must agree.
    from benefits.services.queries import warning_queryset
    from benefits.services.summary import benefit_rows
    from benefits.services.warnings import with_warnings

    today = timezone.localdate()
    everything = list(warning_queryset().filter(organisation=organisation))
    in_python = {row.benefit.pk for row in benefit_rows(everything, organisation, today) if row.warnings}
    chosen = set(
        with_warnings(warning_queryset().filter(organisation=organisation), organisation, today).values_list(
            "pk", flat=True
        )
    )
    if chosen != in_python:
        raise SystemExit(f"The at-risk list and the warnings disagree on {len(chosen ^ in_python)} benefits.")


def organisation_for_benchmark():
    from django.core.management import call_command
    from django.db import connection

    from organisations.models import Organisation

    from .benefits_data import build

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.filter(name__startswith="Syntetisk kommune").order_by("pk").first()
    if organisation is None:
        if Organisation.objects.exists():
            raise SystemExit("Use an empty scratch database: this one already has other organisations.")
        started = time.perf_counter()
        organisation = build()
        print(f"Generated the benchmark municipality in {time.perf_counter() - started:.1f} s.")
    with connection.cursor() as cursor:
        # Fresh planner statistics after the bulk load or a migration that rewrote rows, as in production.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return organisation


@dataclass(frozen=True)
class Action:
    name: str
    run: Callable[[], object]
    #: The name of the action this one is compared with (itself for a baseline).
    baseline: str
    #: The page requested, if the action is a request.
    path: str = ""


def actions(organisation, sizes: dict[str, int]) -> list[Action]:
    """The actions timed; each page's size in bytes goes into ``sizes``."""
    from django.test import Client

    from benefits.services.portfolio import portfolio_benefits
    from organisations.models import Membership, Role
    from portfolio.models import Initiative

    office = (
        Membership.objects.for_org(organisation)
        .filter(roles__role=Role.PORTFOLIO_OFFICE)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    client = Client()
    client.force_login(office)
    initiative = Initiative.objects.for_org(organisation).filter(benefits__isnull=False).order_by("pk").first()

    def get(path: str) -> Callable[[], None]:
        def request() -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            sizes[path] = len(response.content)

        return request

    overview_sql, facts_sql = "Hand-written SQL: overview figures", "Hand-written SQL: warning facts"
    initiative_page = f"/benefits/initiatives/{initiative.pk}/"
    return [
        Action(overview_sql, lambda: baseline_overview(organisation), overview_sql),
        Action("Overview figures (service, no HTML)", lambda: portfolio_benefits(organisation), overview_sql),
        Action("Portfolio benefits overview page (/benefits/)", get("/benefits/"), overview_sql, "/benefits/"),
        Action(facts_sql, lambda: baseline_warning_facts(organisation), facts_sql),
        Action("At-risk list page (/benefits/at-risk/)", get("/benefits/at-risk/"), facts_sql, "/benefits/at-risk/"),
        Action(
            "My benefits page, portfolio office (/benefits/mine/)",
            get("/benefits/mine/"),
            overview_sql,
            "/benefits/mine/",
        ),
        Action(
            "One initiative's benefits page (1 000-draw uncertainty)",
            get(initiative_page),
            overview_sql,
            initiative_page,
        ),
    ]


def interleaved(listed: list[Action], runs: int) -> dict[str, list[float]]:
    """Milliseconds per action and round; every round runs each action once, in rotating order."""
    for action in listed:
        action.run()  # warm-up: templates, translations, caches, the connection
    timings: dict[str, list[float]] = {action.name: [] for action in listed}
    for round_number in range(runs):
        shift = round_number % len(listed)
        for action in listed[shift:] + listed[:shift]:
            started = time.perf_counter()
            action.run()
            timings[action.name].append((time.perf_counter() - started) * 1000)
    return timings


def print_table(listed: list[Action], timings: dict[str, list[float]], sizes: dict[str, int], ratio: str) -> None:
    """The Markdown table of docs/benchmarks.md: median time, median ratio to the baseline within each
    round and its quartiles, and the page size where there is one."""
    print(f"| action | median ms | {ratio} | ratio, quartiles of the rounds | page KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for action in listed:
        ratios = [mine / theirs for mine, theirs in zip(timings[action.name], timings[action.baseline], strict=True)]
        low, high = quartiles(ratios)
        size = sizes.get(action.path)
        print(
            f"| {action.name} | {statistics.median(timings[action.name]):.1f} | {statistics.median(ratios):.2f} "
            f"| {low:.2f}–{high:.2f} | {f'{size / 1024:.0f}' if size else ''} |"
        )


def quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 4:
        return min(values), max(values)
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    _setup_django()
    from django.db import connection

    from benefits.models import Benefit, Indicator, Measurement
    from portfolio.models import Initiative

    organisation = organisation_for_benchmark()
    check_agreement(organisation)
    counts = {
        "initiatives": Initiative.objects.for_org(organisation).count(),
        "benefits": Benefit.objects.for_org(organisation).count(),
        "indicators": Indicator.objects.for_org(organisation).count(),
        "measurements": Measurement.objects.for_org(organisation).count(),
    }
    print(f"Database: {connection.vendor}; data: {counts}; rounds: {args.runs} (interleaved)")
    sizes: dict[str, int] = {}
    listed = actions(organisation, sizes)
    print_table(listed, interleaved(listed, args.runs), sizes, "ratio to its baseline")


if __name__ == "__main__":
    main()
