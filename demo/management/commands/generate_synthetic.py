import time

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic import generate


class Command(BaseCommand):
    help = "Generate many synthetic municipalities with initiatives, for performance work."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=100, help="Number of municipalities (default 100).")
        parser.add_argument("--initiatives", type=int, default=40, help="Initiatives per municipality (default 40).")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random generator (default 1).")

    def handle(self, *args, **options):
        if options["organisations"] < 0 or options["initiatives"] < 0:
            raise CommandError("The numbers cannot be negative.")
        started = time.perf_counter()
        counts = generate(options["organisations"], options["initiatives"], seed=options["seed"])
        elapsed = time.perf_counter() - started
        width = max(len(name) for name in counts)
        for name, count in counts.items():
            self.stdout.write(f"{name:<{width}} {count:>8}")
        self.stdout.write(f"{'Total':<{width}} {sum(counts.values()):>8}")
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.2f} s."))
