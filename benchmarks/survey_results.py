"""Benchmark: the results of one survey round with 5 000 responses over 300 units, against hand-written SQL (issue 9).

    DATABASE_URL=sqlite:////tmp/bench_survey.sqlite3 .venv/bin/python -m benchmarks.survey_results --runs 10
    DATABASE_URL=postgres://omstilling@127.0.0.1:54329/omstilling_bench_survey \\
        .venv/bin/python -m benchmarks.survey_results --runs 10

The database is migrated and, the first time, filled with one synthetic municipality
(``demo.synthetic`` with the unit tree grown to 300 units as in ``benchmarks.change_load_data``) and
one change-readiness round over every unit: 15 questions (two statements per stage, an optional
statement, a choice, a free text and two optional background questions, "Do you work shifts?" and
"How long have you worked here?", whose answers lean by unit), 5 000 responses spread unevenly over
the units (many small ones, so merging and hiding happen) and about 70 000 answers. The round is
closed and released once (timed once).

Then, interleaved as in ``benchmarks.benefits``, against two hand-written SQL baselines:

- the page's read: the round's released cells the page shows (with their unit's name) and the
  questions with their choices, two SELECTs; against it the results page and the Excel export;
- the count of the answers per unit × question × value (or choice), one GROUP BY, and the same
  split by the choices picked in the two background questions (one join each); against them
  ``read_answers`` (the six grouped queries the release reads) and ``release`` (those, the rules and
  the cells written again).

Before timing, the stratified SQL's counts are checked against ``read_answers``'s, one by one.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

RESPONSES = 5000
UNITS = 300
TITLE = "Benchmark: endringsklarhet"


def build_round():
    from django.db import transaction

    from core.anonymity import minimum_group_size
    from demo.synthetic import generate
    from organisations.models import Organisation, OrgUnit
    from surveys.models import Answer, Choice, Question, Response, Round, RoundUnit, SurveyTemplate
    from surveys.services.release import shown_groups
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
        for order in (14, 15):  # background questions: shifts (2 choices), years here (3 choices)
            questions.append(
                Question(
                    organisation=organisation,
                    template=template,
                    version=1,
                    order=order,
                    kind="single",
                    required=False,
                    breakdown=True,
                )
            )
        for q in questions:
            q.text_nb = f"Spørsmål {q.order}"
        questions = Question.objects.bulk_create(questions)
        choices, shifts, years = (
            Choice.objects.bulk_create(
                [Choice(organisation=organisation, question=question, order=n, text_nb=f"Valg {n}") for n in choices]
            )
            for question, choices in ((questions[11], (1, 2, 3)), (questions[13], (1, 2)), (questions[14], (1, 2, 3)))
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
        # Everyone of a group the release will show works shifts, or everyone days (the case the breakdown
        # rules guard: an office works days), so that some breakdowns can be shown at all.
        minimum = max(round.minimum_group, minimum_group_size(organisation))
        sizes = Counter(response.round_unit.pk for response in responses)
        on_shifts = {
            pk: shifts_group
            for group in shown_groups(units, sizes, minimum, None)
            for shifts_group in [rng.random() < 0.5]
            for pk in group.unit_ids
        }
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
            shift = shifts[0] if on_shifts.get(response.round_unit.pk) else shifts[1]
            for question, choice, answered in ((questions[13], shift, 1), (questions[14], rng.choice(years), 0.8)):
                if rng.random() < answered:
                    picked = Answer(organisation=organisation, response=response, question=question, choice=choice)
                    answers.append(picked)
            if rng.random() < 0.1:
                answers.append(
                    Answer(organisation=organisation, response=response, question=questions[12], text="Tekst")
                )
        Answer.objects.bulk_create(answers, batch_size=5000)
    return round, len(answers)


# The page's read: the released cells it shows (not each group's per-question cells: only the
# export shows those) with their unit's name, and the questions with their choices.
PAGE_CELLS_SQL = """
SELECT c.id, c.round_unit_id, u.name, c.by_choice_id, c.covers, c.kind, c.topic, c.question_id, c.count,
       c.invited, c.mean, c.distribution, c.choices, c.texts
FROM surveys_releasedcell c LEFT JOIN surveys_roundunit u ON u.id = c.round_unit_id
WHERE c.organisation_id = %s AND c.round_id = %s AND NOT (c.kind = 'question' AND c.round_unit_id IS NOT NULL)
"""
QUESTIONS_SQL = """
SELECT q.id, q."order", q.kind, q.topic, q.text_nb, q.required, q.breakdown, ch.id, ch.text_nb
FROM surveys_question q LEFT JOIN surveys_choice ch ON ch.question_id = q.id
WHERE q.organisation_id = %s AND q.template_id = %s AND q.version = %s
ORDER BY q."order", ch."order"
"""

# The answers counted per unit × question × value or choice; ``{background}`` adds one join per
# background question, so the counts are split by the choices picked there too (NULL: not answered).
COUNTS_SQL = """
SELECT r.round_unit_id{picked}, a.question_id, a.value, a.choice_id, COUNT(*)
FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id{background}
WHERE a.organisation_id = %s AND r.round_id = %s AND (a.value IS NOT NULL OR a.choice_id IS NOT NULL)
GROUP BY r.round_unit_id{picked}, a.question_id, a.value, a.choice_id
"""


def baseline_page(round) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(PAGE_CELLS_SQL, [round.organisation_id, round.pk])
        rows = cursor.fetchall()
        cursor.execute(QUESTIONS_SQL, [round.organisation_id, round.template_id, round.version])
        return rows + cursor.fetchall()


def baseline_counts(round, background: list[int]) -> list[tuple]:
    """Rows of (unit, a choice per background question, question, value, choice, answers)."""
    from django.db import connection

    joins = "".join(
        f" LEFT JOIN surveys_answer b{n} ON b{n}.response_id = r.id AND b{n}.question_id = %s"
        for n in range(len(background))
    )
    picked = "".join(f", b{n}.choice_id" for n in range(len(background)))
    with connection.cursor() as cursor:
        cursor.execute(
            COUNTS_SQL.format(picked=picked, background=joins), [*background, round.organisation_id, round.pk]
        )
        return cursor.fetchall()


def check_agreement(round, background: list[int]) -> int:
    """Every count of the stratified SQL equals ``read_answers``'s, and no count is missing; the number of counts."""
    from surveys.services.results import read_answers

    tallies = read_answers(round, background)
    expected = {
        (stratum, question, "value", value): n
        for (stratum, question), counts in tallies.values.items()
        for value, n in counts.items()
    }
    expected |= {
        (stratum, question, "choice", choice): n
        for (stratum, question), counts in tallies.choices.items()
        for choice, n in counts.items()
    }
    counted = {}
    for unit, *rest in baseline_counts(round, background):
        *picked, question, value, choice, n = rest
        key = ((unit, tuple(picked)), question, "value" if value is not None else "choice", value or choice)
        counted[key] = n
    if counted != expected:
        differ = sorted(set(counted.items()) ^ set(expected.items()), key=str)[:5]
        raise SystemExit(f"The SQL and read_answers disagree, e.g. {differ}")
    return len(counted)


def actions(round, background: list[int], sizes: dict[str, int]) -> list:
    from django.test import Client
    from django.urls import reverse

    from organisations.models import Membership, Role
    from surveys.services.release import release
    from surveys.services.results import read_answers

    from .benefits import Action

    office = (
        Membership.objects.for_org(round.organisation)
        .filter(roles__role=Role.PORTFOLIO_OFFICE)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    client = Client()
    client.force_login(office)

    def get(path: str):
        def request() -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            sizes[path] = len(response.content)

        return request

    page, export = reverse("surveys:results", args=[round.pk]), reverse("surveys:results_xlsx", args=[round.pk])
    read_sql = "Hand-written SQL: the page's cells and the questions (2 SELECTs)"
    count_sql = "Hand-written SQL: answers per unit × question × value (1 GROUP BY)"
    strata_sql = "Hand-written SQL: the same, split by 2 background questions"
    return [
        Action(read_sql, lambda: baseline_page(round), read_sql),
        Action(f"Results page ({page})", get(page), read_sql, page),
        Action(f"Excel export ({export})", get(export), read_sql, export),
        Action(count_sql, lambda: baseline_counts(round, []), count_sql),
        Action(strata_sql, lambda: baseline_counts(round, background), strata_sql),
        Action("read_answers(round, background), per stratum", lambda: read_answers(round, background), strata_sql),
        Action("release(round): read_answers, the rules, cells stored", lambda: release(round), strata_sql),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from .benefits import _setup_django, interleaved, print_table

    _setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from surveys.models import Answer, Question, ReleasedCell, Round
    from surveys.services.rounds import close_round

    call_command("migrate", verbosity=0)
    round = Round.objects.across_organisations().filter(title=TITLE).first()
    if round is None:
        started = time.perf_counter()
        round, answers = build_round()
        print(f"Generated {RESPONSES} responses with {answers} answers in {time.perf_counter() - started:.1f} s.")
    # Planner statistics first: without them SQLite looks up a response's background answer through
    # the question index (thousands of rows) instead of the response's, and the release takes hours.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if round.state == Round.State.OPEN:
        started = time.perf_counter()
        close_round(round)
        print(f"close_round: {1000 * (time.perf_counter() - started):.0f} ms")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    round = Round.objects.for_org(round.organisation).select_related("template", "organisation").get(pk=round.pk)
    background = list(
        Question.objects.filter(template=round.template, version=round.version, breakdown=True).values_list(
            "pk", flat=True
        )
    )
    counts = check_agreement(round, background)
    sizes: dict[str, int] = {}
    listed = actions(round, background, sizes)
    timings = interleaved(listed, args.runs)
    cells = ReleasedCell.every_cell.filter(round=round)  # breakdown cells too
    groups = cells.filter(kind="rate", round_unit__isnull=False).count()
    print(
        f"Database: {connection.vendor}; {round.round_units.count()} units;"
        f" {Answer.objects.for_org(round.organisation).count()} answers; {counts} counts agree;"
        f" {cells.count()} released cells, {cells.filter(by_choice__isnull=False).count()} of them breakdown cells;"
        f" {groups} groups shown; rounds: {args.runs} (interleaved)"
    )
    print_table(listed, timings, sizes, "ratio to its SQL")
    print()
    print("| action | queries |")
    print("| --- | ---: |")
    for action in listed:
        with CaptureQueriesContext(connection) as queries:
            action.run()
        print(f"| {action.name} | {len(queries)} |")


if __name__ == "__main__":
    main()
