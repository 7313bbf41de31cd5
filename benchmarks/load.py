"""Load benchmark: many signed-in people at once on gunicorn (issue 7 §6).

    .venv/bin/python -m benchmarks.load --users 25,50,100,200
    .venv/bin/python -m benchmarks.load --database sqlite:////tmp/omstilling_load.sqlite3 --writers 10

The module prepares its own database (migrate, the benefits benchmark's large municipality from
``benchmarks.benefits_data.build`` generated once, static files collected), starts gunicorn with
the settings under test (``DEBUG=false``, the worker options given here) on loopback, signs
people in through the sign-in form (CSRF token from the form's cookie), and runs locust headless
at each number of users in turn. Each simulated person waits 1–3 s between pages and walks
the mix: the portfolio list, an initiative, its benefits, the benefits overview, "my benefits",
and then their own account page, the cheapest signed-in page there is, which is the reference.
The people are the benchmark municipality's 16 members in turn (portfolio office, top
management, project leaders, benefit owners, employees, …). Signing in hashes the password on
purpose slowly, so a pool of sessions (``--sessions``, each member twice) is signed in once and
the simulated people take turns with them; a request costs the server the same either way.

For each level it reports throughput, client-side p50/p95/p99 of the mix and errors (a status
other than 200 for a page, 302 for a saved measurement), and, from gunicorn's access log, the
mean server time of each page. The headline ratio is the mean server time of the mix (the five
pages equally weighted) over that of the account page, measured in the same run.

With ``--writers N`` N % of the people are benefit followers who post a measurement (portfolio
office, allowed to measure every indicator) each think time instead of reading, to show whether
a write queues behind readers (SQLite in WAL mode).

The PostgreSQL default is a database of its own (``omstilling_load`` on the test server started
by ``scripts/test-services.sh``); never point it at a database that holds anything else.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://omstilling@127.0.0.1:54329/omstilling_load"
MIX = ("list", "initiative", "initiative_benefits", "overview", "mine")
MINIMAL = "account"
WRITE = "measurement"
#: page name -> path as gunicorn logs it (without the query string)
PATHS = {
    "list": re.compile(r"^/portfolio/$"),
    "initiative": re.compile(r"^/portfolio/initiatives/\d+/$"),
    "initiative_benefits": re.compile(r"^/benefits/initiatives/\d+/$"),
    "overview": re.compile(r"^/benefits/$"),
    "mine": re.compile(r"^/benefits/mine/$"),
    MINIMAL: re.compile(r"^/accounts/me/$"),
    WRITE: re.compile(r"^/benefits/indicators/\d+/measurements/new/$"),
}
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(D)s"
#: gunicorn's worker class, workers and threads as docs/deployment.md recommends them
DEFAULT_SERVER = "sync,3,1"


@dataclass(frozen=True)
class Sample:
    """One request as the client saw it."""

    page: str
    milliseconds: float
    failed: bool
    error: str = ""


@dataclass
class LevelReport:
    server: str
    users: int
    seconds: float
    requests: int
    errors: int
    throughput: float
    p50: float
    p95: float
    p99: float
    #: page -> (requests, p50, p95, p99) as the client saw them
    pages: dict[str, tuple[int, float, float, float]] = field(default_factory=dict)
    #: page -> mean server milliseconds from gunicorn's access log
    server_ms: dict[str, float] = field(default_factory=dict)
    #: what went wrong -> how often
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def mix_server_ms(self) -> float:
        present = [self.server_ms[page] for page in MIX if page in self.server_ms]
        return sum(present) / len(present) if present else math.nan

    @property
    def ratio(self) -> float:
        minimal = self.server_ms.get(MINIMAL)
        return self.mix_server_ms / minimal if minimal else math.nan


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile: the smallest value with at least q % of the values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(
    users: int, seconds: float, samples: list[Sample], server_times: dict[str, list[float]], server: str = ""
) -> LevelReport:
    """Throughput and percentiles of the mix (reads of the five pages) and what each page cost."""
    mix = [s.milliseconds for s in samples if s.page in MIX]
    by_page: dict[str, list[float]] = defaultdict(list)
    for sample in samples:
        by_page[sample.page].append(sample.milliseconds)
    return LevelReport(
        server=server,
        users=users,
        seconds=seconds,
        requests=len(samples),
        errors=sum(s.failed for s in samples),
        throughput=len(samples) / seconds,
        p50=percentile(mix, 50),
        p95=percentile(mix, 95),
        p99=percentile(mix, 99),
        pages={
            page: (len(times), percentile(times, 50), percentile(times, 95), percentile(times, 99))
            for page, times in by_page.items()
        },
        server_ms={page: sum(times) / len(times) for page, times in server_times.items() if times},
        error_kinds=dict(Counter(s.error for s in samples if s.failed)),
    )


def server_times(log_lines: list[str]) -> dict[str, list[float]]:
    """Milliseconds per page from access-log lines written in ACCESS_LOG_FORMAT."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in log_lines:
        parts = line.split()
        if len(parts) != 4:
            continue
        _method, path, _status, microseconds = parts
        for page, pattern in PATHS.items():
            if pattern.match(path):
                times[page].append(int(microseconds) / 1000)
                break
    return times


def format_report(reports: list[LevelReport]) -> str:
    header = (
        "| server | users | requests/s | p50 ms | p95 ms | p99 ms | errors "
        "| server ms, mix | server ms, account page | ratio |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    rows = [
        f"| {r.server} | {r.users} | {r.throughput:.1f} | {r.p50:.0f} | {r.p95:.0f} | {r.p99:.0f} "
        f"| {r.errors} of {r.requests} "
        f"| {r.mix_server_ms:.1f} | {r.server_ms.get(MINIMAL, math.nan):.1f} | {r.ratio:.1f}× |"
        for r in reports
    ]
    pages = [page for page in (*MIX, MINIMAL, WRITE) if any(page in r.pages for r in reports)]
    detail = [
        "",
        "| server | users | " + " | ".join(f"{page}: server ms / p95 ms" for page in pages) + " |",
        "| --- | ---: |" + " ---: |" * len(pages),
    ]
    for r in reports:
        cells = [
            f"{r.server_ms.get(page, math.nan):.1f} / {r.pages[page][2]:.0f}" if page in r.pages else "–"
            for page in pages
        ]
        detail.append(f"| {r.server} | {r.users} | " + " | ".join(cells) + " |")
    errors = [f"{r.server} at {r.users}: {n} × {kind}" for r in reports for kind, n in r.error_kinds.items()]
    if errors:
        detail += ["", "Errors:", *errors]
    return "\n".join([header, *rows, *detail])


# The rest drives real processes and is not imported by the tests.


def server_environment(database: str, static_root: Path) -> dict[str, str]:
    """The settings under test: production settings on plain HTTP over loopback."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "omstilling.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
    }


def prepare() -> None:
    """Run in a child process with the server's environment: data and static files, then what to visit."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.benefits_data import build
    from benefits.models import Indicator
    from demo.synthetic import SYNTHETIC_PASSWORD
    from organisations.models import Membership, Organisation
    from portfolio.models import Initiative

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    organisation = Organisation.objects.filter(name__startswith="Syntetisk kommune").order_by("pk").first()
    if organisation is None:
        organisation = build()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    members = Membership.objects.filter(organisation=organisation, is_active=True).select_related("user")
    usernames = sorted(m.user.username for m in members)
    print(
        json.dumps(
            {
                "password": SYNTHETIC_PASSWORD,
                "usernames": usernames,
                "writer": next(name for name in usernames if name.endswith("-portefolje")),
                "initiatives": list(Initiative.objects.for_org(organisation).values_list("pk", flat=True)),
                "indicators": list(
                    Indicator.objects.for_org(organisation).order_by("pk").values_list("pk", flat=True)[:2000]
                ),
            }
        )
    )


def wait_until_answering(base_url: str, seconds: float = 60) -> float:
    """Poll the health check until it answers; returns how long that took (drains a busy queue)."""
    import requests

    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if requests.get(f"{base_url}/health/", timeout=seconds).status_code == 200:
                return time.monotonic() - started
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {base_url}/health/ within {seconds} s")


def sign_in(base_url: str, username: str, password: str) -> dict[str, str]:
    """The cookies of a fresh session, signed in through the form with its CSRF token."""
    import requests

    session = requests.Session()
    session.get(f"{base_url}/accounts/login/").raise_for_status()
    response = session.post(
        f"{base_url}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base_url}/accounts/login/"},
        allow_redirects=False,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"Signing in as {username} failed with status {response.status_code}")
    return session.cookies.get_dict()


def warm_up(base_url: str, plan: dict, sessions: list[dict]) -> None:
    """Every page once per session before measuring, so each worker has loaded templates and translations."""
    import requests

    initiative = plan["initiatives"][0]
    paths = ["/portfolio/", f"/portfolio/initiatives/{initiative}/", f"/benefits/initiatives/{initiative}/"]
    for cookies in sessions:
        for path in [*paths, "/benefits/", "/benefits/mine/", "/accounts/me/"]:
            requests.get(base_url + path, cookies=cookies, allow_redirects=False, timeout=300)


def run_level(
    base_url: str, access_log: Path, users: int, seconds: float, plan: dict, sessions: list, writers: int
) -> tuple[list[Sample], float, list[str]]:
    """One level: ramp up in 5 s, settle 5 s, measure `seconds`.

    Returns the samples, the measured seconds and the access-log lines of requests finished in them.
    """
    import gevent
    from locust import HttpUser, between, task
    from locust.env import Environment

    samples: list[Sample] = []
    measuring = [False]
    rng = random.Random(users)  # noqa: S311 - which page and row to visit, not a secret
    readers = itertools.cycle(sessions["readers"])
    followers = itertools.cycle(sessions["writers"])

    def record(request_type, name, response_time, response_length, exception=None, **_):
        if measuring[0]:
            samples.append(Sample(name, response_time, exception is not None, str(exception or "")[:120]))

    def get(client, name, url):
        with client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    class Reader(HttpUser):
        host = base_url
        wait_time = between(1, 3)
        weight = 100 - writers

        def on_start(self):
            self.client.cookies.update(next(readers))
            self.step = rng.randrange(len(MIX) + 1)

        @task
        def next_page(self):
            page = (*MIX, MINIMAL)[self.step % (len(MIX) + 1)]
            if page == "initiative":
                self.initiative = rng.choice(plan["initiatives"])
            initiative = getattr(self, "initiative", plan["initiatives"][0])
            url = {
                "list": "/portfolio/",
                "initiative": f"/portfolio/initiatives/{initiative}/",
                "initiative_benefits": f"/benefits/initiatives/{initiative}/",
                "overview": "/benefits/",
                "mine": "/benefits/mine/",
                MINIMAL: "/accounts/me/",
            }[page]
            get(self.client, page, url)
            self.step += 1

    class Follower(HttpUser):
        host = base_url
        wait_time = between(1, 3)
        weight = writers

        def on_start(self):
            self.client.cookies.update(next(followers))

        @task
        def measure(self):
            indicator = rng.choice(plan["indicators"])
            data = {
                "value": f"{rng.uniform(40, 100):.2f}".replace(".", ","),
                "measured_on": time.strftime("%d.%m.%Y"),
                "comment": "",
                "csrfmiddlewaretoken": self.client.cookies["csrftoken"],
            }
            url = f"/benefits/indicators/{indicator}/measurements/new/"
            headers = {"Referer": base_url + url}
            with self.client.post(
                url, data=data, headers=headers, name=WRITE, allow_redirects=False, catch_response=True
            ) as response:
                if response.status_code != 302:
                    response.failure(f"status {response.status_code}")

    classes = [Reader, Follower] if writers else [Reader]
    environment = Environment(user_classes=classes, host=base_url)
    environment.events.request.add_listener(record)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=max(1, users / 5))
    gevent.sleep(10)
    measuring[0] = True
    started, start_offset = time.monotonic(), access_log.stat().st_size
    gevent.sleep(seconds)
    measuring[0] = False
    elapsed, end_offset = time.monotonic() - started, access_log.stat().st_size
    runner.quit()
    with access_log.open("rb") as log:
        log.seek(start_offset)
        lines = log.read(end_offset - start_offset).decode().splitlines()
    return samples, elapsed, lines


@dataclass(frozen=True)
class Server:
    """One gunicorn under test: a name for the report, its worker options and the checkout it runs."""

    name: str
    worker_class: str
    workers: int
    threads: int
    code: Path = ROOT

    @classmethod
    def parse(cls, text: str) -> Server:
        """``after=sync,4,1`` or ``before=sync,4,1,/path/to/other/checkout``."""
        name, _, options = text.partition("=")
        worker_class, workers, threads, *code = options.split(",")
        return cls(name, worker_class, int(workers), int(threads), Path(code[0]) if code else ROOT)


def start_server(server: Server, port: int, keep_alive: int, env: dict, work: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "omstilling.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={server.workers}",
        f"--threads={server.threads}",
        f"--worker-class={server.worker_class}",
        f"--keep-alive={keep_alive}",
        "--timeout=120",
        f"--access-logfile={work / f'{server.name}.access.log'}",
        f"--access-logformat={ACCESS_LOG_FORMAT}",
        f"--error-logfile={work / f'{server.name}.error.log'}",
    ]
    print(f"{server.name} ({server.code}):", " ".join(command[3:]), flush=True)
    env = {**env, "PYTHONPATH": str(server.code)}
    return subprocess.Popen(command, env=env, cwd=server.code)  # noqa: S603 - our own command line


def run(args) -> list[LevelReport]:
    """Each level once per server, the servers taking turns, so they share the machine's conditions."""
    import gevent.pool
    import locust  # noqa: F401 - patches the network modules for gevent before requests opens a connection

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on the way out
    levels = [int(n) for n in args.users.split(",")]
    servers = [Server.parse(text) for text in args.server] or [Server.parse(f"this checkout={DEFAULT_SERVER}")]
    work = Path(tempfile.mkdtemp(prefix="omstilling-load-"))
    env = server_environment(args.database, Path(tempfile.gettempdir()) / "omstilling-load-static")
    prepared = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--prepare"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    plan = json.loads(prepared.stdout.decode().strip().splitlines()[-1])
    urls = {server.name: f"http://127.0.0.1:{args.port + n}" for n, server in enumerate(servers)}
    processes = [start_server(s, args.port + n, args.keep_alive, env, work) for n, s in enumerate(servers)]
    try:
        for url in urls.values():
            wait_until_answering(url)
        # Signing in costs a deliberately slow password hash (about 0.5 s of a core), so a pool of
        # sessions is signed in once and the simulated people take turns with them. Every server
        # shares the database and the secret key, so a session is good on each of them.
        readers = [plan["usernames"][n % len(plan["usernames"])] for n in range(args.sessions)]
        accounts = readers + [plan["writer"]] * (2 if args.writers else 0)
        started = time.monotonic()
        first = next(iter(urls.values()))
        cookies = gevent.pool.Pool(4).map(lambda username: sign_in(first, username, plan["password"]), accounts)
        sessions = {"readers": cookies[: len(readers)], "writers": cookies[len(readers) :]}
        print(f"{len(accounts)} sessions signed in in {time.monotonic() - started:.0f} s", flush=True)
        for server in servers:
            warm_up(urls[server.name], plan, sessions["readers"][: server.workers])
        reports = []
        for users in levels:
            for server in servers:
                url, access_log = urls[server.name], work / f"{server.name}.access.log"
                wait_until_answering(url, 300)
                samples, elapsed, lines = run_level(url, access_log, users, args.duration, plan, sessions, args.writers)
                drained = wait_until_answering(url, 300)
                report = summarise(users, elapsed, samples, server_times(lines), server.name)
                reports.append(report)
                print(format_report([report]).splitlines()[2], f"(queue drained in {drained:.1f} s)", flush=True)
        return reports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--users", default="25,50,100,200", help="comma-separated numbers of people, one level each")
    parser.add_argument("--duration", type=float, default=60, help="measured seconds per level")
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--writers", type=int, default=0, help="percentage of people who post measurements")
    parser.add_argument(
        "--server",
        action="append",
        default=[],
        help=f"NAME=WORKER_CLASS,WORKERS,THREADS[,CHECKOUT], repeatable; default {DEFAULT_SERVER} on this checkout",
    )
    parser.add_argument("--keep-alive", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=32, help="sessions signed in, shared by the simulated people")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, help="also write the reports here")
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return
    reports = run(args)
    print()
    print(format_report(reports))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in reports], indent=2))


if __name__ == "__main__":
    main()
