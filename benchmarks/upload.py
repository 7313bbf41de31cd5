"""Benchmark: uploading KS/KommIT workbooks, from harmless to hostile (issue section 6).

    DATABASE_URL=sqlite:////tmp/upload-bench.sqlite3 DEBUG=false .venv/bin/python -m benchmarks.upload --runs 5

Each run is a fresh Python process: Django is set up and one small request warms it up, then
the peak-memory mark is reset and the file is posted to the upload page (step "preview": the
view reads the file, and if it is accepted builds the preview by a trial import). The process
reports the wall time of that request and its peak resident memory above the resident memory
just before it (Linux /proc/self/status VmHWM after clearing it). The table gives the median of
the runs. The baseline, in the same run, is opening the shipped template with openpyxl in
read-only mode and closing it again, in the same kind of fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ORGANISATION = "Ytelsesvik"
#: (case, what is measured, how the file is made)
CASES = [
    ("baseline", "Baseline: open the shipped template with openpyxl (read-only) and close it", "template"),
    ("old-reader", "Before this change: the filled-in workbook loaded whole twice (formulas, values)", "filled"),
    ("template", "Shipped template as it is: upload (refused: no project name)", "template"),
    ("template", "Shipped template with a project name: upload and preview (accepted)", "named"),
    ("filled", "Filled-in workbook, three benefits and costs: upload and preview (accepted)", "filled"),
    ("rows-100k", "104 kB, 100 000 rows (issue): upload (refused)", "rows-100k"),
    ("rows-1m", "680 kB, 1 000 000 rows (issue): upload (refused)", "rows-1m"),
    ("bomb", "Zip bomb, 500 MB of zeros in 0.5 MB: upload (refused)", "bomb"),
    ("styles", "At the limit: 0.3 MB of styles, 20 000 minimal cell formats: upload (refused: no name)", "styles"),
    ("wide", "At the limit: 120 000 elements in one row inside a read area: upload and preview", "wide"),
]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omstilling.settings")
    import django

    django.setup()


def _memory_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} is not in /proc/self/status")


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM starts again from the current resident memory


def _build_files(folder: Path) -> dict[str, Path]:
    from openpyxl import load_workbook

    from benchmarks import workbooks as W
    from kommit import template as T

    def filled(cells: dict) -> bytes:
        import io

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(T.TEMPLATE_PATH)
        for (sheet, cell), value in cells.items():
            workbook[sheet][cell].value = value
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    named = {(T.FORSIDE, "B4"): "Digitalt nattilsyn"}
    benefits = {}
    for k, (name, kind, amount) in enumerate(
        [("Lavere vikarkostnader", T.TYPE_DIRECT, 200_000), ("Frigjort tid", T.TYPE_INDIRECT, 2)], start=1
    ):
        benefits[(T.CHANGES, f"B{T.change_row(k)}")] = f"Endring {k}"
        benefits[(T.CHANGES, f"C{T.change_row(k)}")] = name
        benefits[(T.ECONOMICS, f"C{T.economics_row(k)}")] = kind
        for column in T.YEAR_COLUMNS:
            benefits[(T.ECONOMICS, f"{column}{T.economics_row(k)}")] = amount
    benefits |= {
        (T.CHANGES, "C7"): "Tryggere beboere",
        (T.ECONOMICS, "C9"): T.TYPE_QUALITATIVE,
        (T.ECONOMICS, "H9"): 4,
        (T.ECONOMICS, "C26"): 1_000_000,
        (T.ECONOMICS, "H26"): 0.04,
    }
    contents = {
        "template": W.template(),
        "named": filled(named),
        "filled": filled(named | benefits),
        "rows-100k": W.many_rows(100_000),
        "rows-1m": W.many_rows(1_000_000),
        "bomb": W.zip_bomb(500),
        "styles": W.many_styles(295_000),
        "wide": W.wide_first_row(filled(named | benefits), T.ECONOMICS, 120_000),
    }
    paths = {}
    for name, data in contents.items():
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(data)
    return paths


def _prepare_database() -> None:
    from django.core.management import call_command

    from organisations.models import Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(name=ORGANISATION).exists():
        from tests.factories import make_world

        make_world("ytelse", ORGANISATION)


def child(case: str, path: Path) -> dict:
    """One measurement in this (fresh) process."""
    _setup_django()
    import io

    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from openpyxl import load_workbook

    from accounts.models import User

    data = path.read_bytes()
    if case == "baseline":

        def action() -> str:
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            workbook.close()
            return "opened"

    elif case == "old-reader":

        def action() -> str:
            load_workbook(io.BytesIO(data))
            load_workbook(io.BytesIO(data), data_only=True)
            return "opened"

    else:
        setup_test_environment()
        client = Client()
        client.force_login(User.objects.get(username="ytelse-portfolio_office"))
        url = reverse("kommit:upload")
        client.get(url)  # warm-up: URLs, templates, translations, session

        def action() -> str:
            upload = io.BytesIO(data)
            upload.name = "gevinster.xlsx"
            response = client.post(url, {"workbook": upload, "start_year": 2026, "step": "preview"})
            assert response.status_code == 200, response.status_code
            return "refused" if "errors" in response.context else "accepted"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = _memory_kb("VmRSS")
        _reset_peak()
        started = time.perf_counter()
        outcome = action()
        seconds = time.perf_counter() - started
        peak = _memory_kb("VmHWM")
    return {"seconds": seconds, "extra_mb": max(peak - before, 0) / 1024, "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("CASE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return

    _setup_django()
    from django.conf import settings

    if settings.DATABASES["default"]["NAME"].endswith("db.sqlite3"):
        sys.exit("Use a scratch database: DATABASE_URL=sqlite:////tmp/upload-bench.sqlite3")
    _prepare_database()
    with tempfile.TemporaryDirectory() as folder:
        paths = _build_files(Path(folder))
        rows = []
        for case, label, file in CASES:
            results = []
            for _ in range(args.runs):
                command = [sys.executable, "-m", "benchmarks.upload", "--child", case, str(paths[file])]
                done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 (our own module)
                results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            size = paths[file].stat().st_size
            seconds = statistics.median(r["seconds"] for r in results)
            memory = statistics.median(r["extra_mb"] for r in results)
            outcomes = sorted({r["outcome"] for r in results})
            rows.append((label, size, seconds, memory, "/".join(outcomes), max(r["seconds"] for r in results)))
    base_seconds, base_memory = rows[0][2], rows[0][3]
    print(f"Runs per case: {args.runs}, each in a fresh process.")
    print("| case | file | outcome | median s | slowest s | ratio to baseline | median extra MB | ratio to baseline |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for label, size, seconds, memory, outcome, slowest in rows:
        print(
            f"| {label} | {size / 1000:.0f} kB | {outcome} | {seconds:.3f} | {slowest:.3f} | "
            f"{seconds / base_seconds:.1f} | {memory:.1f} | {memory / max(base_memory, 0.1):.1f} |"
        )


if __name__ == "__main__":
    main()
