import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benefits.benchmark.data import build
from benefits.benchmark.run import agreement, run
from benefits.models import Benefit, Indicator, Measurement
from organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Benchmark the benefits pages on one large municipality (≈500 initiatives, 3 000 benefits, "
        "≈10 000 indicators, ≈200 000 measurements). Run it on a scratch database, e.g. "
        "DATABASE_URL=sqlite:////tmp/bench.sqlite3 after migrate; the data is generated once and reused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)

    def handle(self, *args, runs: int, **options):
        organisation = Organisation.objects.filter(name__startswith="Syntetisk kommune").order_by("pk").first()
        if organisation is None:
            if Organisation.objects.exists():
                raise CommandError("Use an empty scratch database: this one already has other organisations.")
            started = time.perf_counter()
            organisation = build()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load, as in production
            self.stdout.write(f"Generated the benchmark municipality in {time.perf_counter() - started:.1f} s.")
        counts = {
            "benefits": Benefit.objects.filter(organisation=organisation).count(),
            "indicators": Indicator.objects.filter(organisation=organisation).count(),
            "measurements": Measurement.objects.filter(organisation=organisation).count(),
            "initiatives": organisation_initiatives(organisation),
        }
        for name, ours, baseline in agreement(organisation):
            if abs(float(ours) - float(baseline)) > 0.01 * max(1, abs(float(baseline))):
                raise CommandError(f"The overview and the baseline disagree on {name}: {ours} against {baseline}.")
        self.stdout.write(f"Database: {connection.vendor}; data: {counts}; runs per measurement: {runs}")
        results = run(organisation, runs)
        baseline_ms = dict(results)["Hand-written SQL for the same figures"]
        self.stdout.write("| measurement | median ms | ratio to hand-written SQL |")
        self.stdout.write("| --- | ---: | ---: |")
        for name, ms in results:
            self.stdout.write(f"| {name} | {ms:.1f} | {ms / baseline_ms:.2f} |")


def organisation_initiatives(organisation) -> int:
    from portfolio.models import Initiative

    return Initiative.objects.for_org(organisation).count()
