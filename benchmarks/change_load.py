"""Benchmark: the change-load grid of one large municipality against a hand-written SQL aggregate (issue 8 §9).

    DATABASE_URL=sqlite:////tmp/bench_load.sqlite3 .venv/bin/python -m benchmarks.change_load --runs 15
    DATABASE_URL=postgres://omstilling@127.0.0.1:54329/omstilling_bench_load \
        .venv/bin/python -m benchmarks.change_load --runs 15

The database is migrated and, the first time, filled with one synthetic municipality
(``benchmarks.change_load_data``: 500 initiatives, 300 units, about 3 000 affected units and 4 500
training lines over 36 months); later runs reuse it. Before timing, every cell of the service's
grid (``people.services.load.change_load``, 300 units × 36 months) is checked against the SQL's.

The SQL does the whole computation in the database: the unit tree as a recursive CTE (each unit
with itself and every unit above it), the months as a series (``generate_series`` on PostgreSQL,
a recursive CTE on SQLite), each change spread over the months it weighs, each training line put
in its month, summed per unit above and month, divided by the headcount and rounded half up.
Rounds are interleaved as in ``benchmarks.benefits``: every round times each action once, in an
order rotated by one, and each action's ratio is taken within its round.
"""

from __future__ import annotations

import argparse
import datetime
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .benefits import Action

# ``benchmarks.benefits`` (the shared timing) sets production settings when imported: it is imported
# where the benchmark runs, so a test may use the SQL and the agreement check below.

# The months of the grid, the units above each unit, and the points and hours per unit and month.
# Only the pieces that differ between the two databases are filled in per vendor.
GRID_SQL = """
WITH RECURSIVE
{months},
above(unit_id, ancestor_id) AS (
    SELECT id, id FROM organisations_orgunit WHERE organisation_id = %(org)s
    UNION ALL
    SELECT above.unit_id, u.parent_id FROM above
    JOIN organisations_orgunit u ON u.id = above.ancestor_id
    WHERE u.parent_id IS NOT NULL
),
counted AS (
    SELECT a.id, a.unit_id, a.change_from, a.impact, a.employees_affected,
           {go_live_month} AS first_month, {weighs_until} AS until_month
    FROM portfolio_affectedunit a JOIN portfolio_initiative i ON i.id = a.initiative_id
    WHERE a.organisation_id = %(org)s AND i.phase NOT IN ('concept', 'stopped')
),
amounts(unit_id, month, amount) AS (
    SELECT a.unit_id, m.month,
           CASE a.impact WHEN 'low' THEN %(low)s WHEN 'high' THEN %(high)s ELSE %(moderate)s END
           * a.employees_affected
    FROM counted a JOIN months m ON m.month >= a.first_month AND m.month < a.until_month
    UNION ALL
    SELECT a.unit_id, {training_month}, t.hours_per_employee * t.employees
    FROM people_trainingactivity t JOIN counted a ON a.id = t.affected_unit_id
    WHERE t.organisation_id = %(org)s AND t.method <> 'citizens'
),
per_unit(unit_id, month, amount) AS (
    SELECT x.unit_id, x.month, SUM(x.amount) FROM amounts x JOIN months m ON m.month = x.month
    GROUP BY x.unit_id, x.month
)
SELECT above.ancestor_id, p.month, SUM(p.amount), u.headcount, COALESCE(u.change_load_limit, %(limit)s)
FROM per_unit p
JOIN above ON above.unit_id = p.unit_id
JOIN organisations_orgunit u ON u.id = above.ancestor_id
GROUP BY above.ancestor_id, p.month, u.headcount, u.change_load_limit
"""
VENDOR_SQL = {
    "postgresql": {
        # A series of integers, whose length the planner knows (of dates it would guess 1 000).
        "months": (
            "months(month) AS (SELECT (%(first)s::date + n * interval '1 month')::date"
            " FROM generate_series(0, %(count)s - 1) AS n)"
        ),
        "go_live_month": "date_trunc('month', a.change_from)::date",
        "weighs_until": "(date_trunc('month', a.change_from) + %(months_of_change)s * interval '1 month')::date",
        "training_month": (
            "date_trunc('month', a.change_from"
            " + CASE t.timing WHEN 'before' THEN -28 WHEN 'after' THEN 90 ELSE 0 END)::date"
        ),
    },
    "sqlite": {
        "months": (
            "months(month, n) AS (SELECT date(%(first)s), 1 UNION ALL"
            " SELECT date(month, '+1 month'), n + 1 FROM months WHERE n < %(count)s)"
        ),
        "go_live_month": "date(a.change_from, 'start of month')",
        "weighs_until": "date(a.change_from, 'start of month', '+' || %(months_of_change)s || ' months')",
        "training_month": (
            "date(a.change_from, CASE t.timing WHEN 'before' THEN '-28 days' WHEN 'after' THEN '+90 days'"
            " ELSE '+0 days' END, 'start of month')"
        ),
    },
}
TENTH = Decimal("0.1")


def as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def baseline_grid(organisation, first: datetime.date, count: int) -> dict[tuple[int, datetime.date], Decimal]:
    """(unit id, month) → load, for every cell with a change, from one SQL statement."""
    from django.db import connection

    from people.services.load import add_months
    from people.services.training import readiness_settings

    settings = readiness_settings(organisation)
    parameters = {
        "org": organisation.pk,
        "first": first,
        "last": add_months(first, count - 1),
        "count": count,
        "low": settings.weight_low,
        "moderate": settings.weight_moderate,
        "high": settings.weight_high,
        "months_of_change": settings.months_of_change,
        "limit": settings.change_load_limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(GRID_SQL.format(**VENDOR_SQL[connection.vendor]), parameters)
        rows = cursor.fetchall()
    return {
        (unit_id, as_date(month)): (Decimal(str(total)) / headcount).quantize(TENTH, ROUND_HALF_UP)
        for unit_id, month, total, headcount, _limit in rows
        if headcount
    }


def check_agreement(organisation, first: datetime.date, count: int) -> int:
    """Every cell of the service's grid must equal the SQL's; returns the number of cells."""
    from people.services.load import change_load

    grid = change_load(organisation, first, count)
    theirs = baseline_grid(organisation, first, count)
    cells = 0
    for row in grid.rows:
        for month, load in zip(grid.months, row.loads, strict=True):
            cells += 1
            expected = theirs.get((row.unit.pk, month), Decimal(0))
            if load != expected:
                raise SystemExit(f"Service and SQL disagree for {row.unit} in {month}: {load} against {expected}.")
    if len(theirs) > cells or not any(theirs.values()):
        raise SystemExit("The SQL found cells the service does not have, or no load at all.")
    return cells


def organisation_for_benchmark():
    from django.core.management import call_command
    from django.db import connection

    from organisations.models import Organisation

    from .change_load_data import NAME, build

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.filter(name__startswith=NAME).order_by("pk").first()
    if organisation is None:
        if Organisation.objects.exists():
            raise SystemExit("Use an empty scratch database: this one already has other organisations.")
        started = time.perf_counter()
        organisation = build()
        print(f"Generated the benchmark municipality in {time.perf_counter() - started:.1f} s.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return organisation


def actions(organisation, first: datetime.date, count: int, sizes: dict[str, int]) -> list[Action]:
    from django.test import Client

    from organisations.models import Membership, Role
    from people.services.load import change_load

    from .benefits import Action

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

    def page(path: str) -> Callable[[], None]:
        def request() -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            sizes[path] = len(response.content)

        return request

    sql = "Hand-written SQL: the grid (recursive CTE, month series)"
    whole = f"/people/load/?start={first:%Y-%m}&months={count}"
    default = f"/people/load/?start={first:%Y-%m}"  # twelve months, as the page opens
    service: Callable[[], object] = lambda: change_load(organisation, first, count)  # noqa: E731
    return [
        Action(sql, lambda: baseline_grid(organisation, first, count), sql),
        Action(f"change_load(org, first, {count}) (service, no HTML)", service, sql),
        Action(f"Heatmap page, {count} months, SVG and table", page(whole), sql, whole),
        Action("Heatmap page, 12 months (as it opens)", page(default), sql, default),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from .benefits import _setup_django, interleaved, print_table

    _setup_django()
    from django.db import connection

    from organisations.models import OrgUnit
    from people.models import TrainingActivity
    from portfolio.models import AffectedUnit, Initiative

    from .change_load_data import FIRST_MONTH, MONTHS

    organisation = organisation_for_benchmark()
    cells = check_agreement(organisation, FIRST_MONTH, MONTHS)
    counts = {
        "initiatives": Initiative.objects.for_org(organisation).count(),
        "units": OrgUnit.objects.for_org(organisation).count(),
        "affected units": AffectedUnit.objects.for_org(organisation).count(),
        "training lines": TrainingActivity.objects.for_org(organisation).count(),
    }
    print(f"Database: {connection.vendor}; data: {counts}; {cells} cells agree; rounds: {args.runs} (interleaved)")
    sizes: dict[str, int] = {}
    listed = actions(organisation, FIRST_MONTH, MONTHS, sizes)
    print_table(listed, interleaved(listed, args.runs), sizes, "ratio to the SQL")


if __name__ == "__main__":
    main()
