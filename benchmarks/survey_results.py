"""Benchmark: the results page of one survey round with 5 000 responses over 300 units (issue 9).

    DATABASE_URL=sqlite:////tmp/bench_survey.sqlite3 .venv/bin/python -m benchmarks.survey_results --runs 15

The database is migrated and, the first time, filled with one synthetic municipality
(``demo.synthetic`` with the unit tree grown to 300 units as in ``benchmarks.change_load_data``) and
one change-readiness round over every unit: 13 questions (two statements per stage, an optional
statement, a choice and a free text), 5 000 responses spread unevenly over the units (many small
ones, so merging and hiding happen) and about 60 000 answers. The round is closed and released once
(timed); then the results page and its Excel export are timed, with their number of queries.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

RESPONSES = 5000
UNITS = 300
TITLE = "Benchmark: endringsklarhet"


def build_round():
    from django.db import transaction

    from demo.synthetic import generate
    from organisations.models import Organisation, OrgUnit
    from surveys.models import Answer, Choice, Question, Response, Round, RoundUnit, SurveyTemplate
    from surveys.topics import READINESS_STAGES

    from .change_load_data import _add_units

    rng = random.Random(9)  # noqa: S311 - test data, not cryptography
    with transaction.atomic():
        generate(1, 5, seed=9)
        organisation = Organisation.objects.order_by("-pk").first()
        _add_units(organisation, UNITS, rng)
        template = SurveyTemplate.objects.create(organisation=organisation, name=TITLE, kind="readiness")
        questions = []
        for n, topic in enumerate([t for t in READINESS_STAGES for _ in (1, 2)], start=1):
            questions.append(Question(organisation=organisation, template=template, version=1, order=n, topic=topic))
        questions.append(Question(organisation=organisation, template=template, version=1, order=11, required=False))
        questions.append(Question(organisation=organisation, template=template, version=1, order=12, kind="single"))
        questions.append(Question(organisation=organisation, template=template, version=1, order=13, kind="text"))
        for q in questions:
            q.text_nb = f"Spørsmål {q.order}"
        questions = Question.objects.bulk_create(questions)
        choices = Choice.objects.bulk_create(
            [Choice(organisation=organisation, question=questions[11], order=n, text_nb=f"Valg {n}") for n in (1, 2, 3)]
        )
        round = Round.objects.create(
            organisation=organisation,
            template=template,
            title=TITLE,
            opens_on="2026-10-01",
            closes_on="2026-10-21",
            state=Round.State.OPEN,
        )
        copies = {}
        for unit in OrgUnit.objects.for_org(organisation).with_tree_fields().order_by("tree_ordering"):
            copies[unit.pk] = RoundUnit.objects.create(
                organisation=organisation,
                round=round,
                unit=unit,
                name=unit.name,
                parent=copies.get(unit.parent_id),
                invited=max(unit.headcount // 3, 1),
            )
        units = list(copies.values())
        weights = [rng.choice([0.2, 1, 1, 3, 8]) for _ in units]
        responses = [
            Response(organisation=organisation, round=round, round_unit=unit)
            for unit in rng.choices(units, weights, k=RESPONSES)
        ]
        Response.objects.bulk_create(responses, batch_size=2000)
        answers = []
        for response in responses:
            leaning = rng.randint(1, 5)
            for q in questions[:10]:
                value = min(5, max(1, leaning + rng.randint(-1, 1)))
                answers.append(Answer(organisation=organisation, response=response, question=q, value=value))
            if rng.random() < 0.4:
                answers.append(Answer(organisation=organisation, response=response, question=questions[10], value=3))
            answers.append(
                Answer(organisation=organisation, response=response, question=questions[11], choice=rng.choice(choices))
            )
            if rng.random() < 0.1:
                answers.append(
                    Answer(organisation=organisation, response=response, question=questions[12], text="Tekst")
                )
        Answer.objects.bulk_create(answers, batch_size=5000)
    return round, len(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from .benefits import _setup_django, quartiles

    _setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from organisations.models import Membership, Role
    from surveys.models import ReleasedCell, Round
    from surveys.services.rounds import close_round

    call_command("migrate", verbosity=0)
    round = Round.objects.across_organisations().filter(title=TITLE).first()
    if round is None:
        started = time.perf_counter()
        round, answers = build_round()
        print(f"Generated {RESPONSES} responses with {answers} answers in {time.perf_counter() - started:.1f} s.")
        started = time.perf_counter()
        close_round(round)
        print(f"close_round: {1000 * (time.perf_counter() - started):.0f} ms")
    organisation = round.organisation
    cells = ReleasedCell.objects.filter(round=round)
    groups = cells.filter(kind="rate", round_unit__isnull=False).count()
    print(
        f"Database: {connection.vendor}; {round.round_units.count()} units; {cells.count()} released cells; "
        f"{groups} groups shown"
    )
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
    for name in ("surveys:results", "surveys:results_xlsx"):
        path = reverse(name, args=[round.pk])
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                times.append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200, response.status_code
        low, high = quartiles(times)
        print(
            f"| {path} | {statistics.median(times):.1f} | {low:.1f}–{high:.1f} | {len(queries)} | "
            f"{len(response.content) / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()
