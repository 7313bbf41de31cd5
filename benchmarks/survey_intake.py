"""Benchmark: the intake of survey answers against hand-written SQL (issue 9, "Performance and bad input").

    DATABASE_URL=sqlite:////tmp/bench_surveys.sqlite3 .venv/bin/python -m benchmarks.survey_intake --runs 10
    DATABASE_URL=postgres://omstilling@127.0.0.1:54329/omstilling_bench_surveys \\
        .venv/bin/python -m benchmarks.survey_intake --runs 10

One response with 30 answers (24 statements on the scale, 3 single choices, 2 multiple choices with
two picked, 1 free text: 32 answer rows) goes through everything a real answer does except HTTP:
the personal link is looked up and checked, the round's questions are read, every answer is
checked, and the response, its answers and the deleted invitation are written in one transaction.

The baseline is the least any answer must do, written by hand: in one transaction, the invitation
looked up by the code's hash, the response row and its 32 answer rows inserted (one multi-row INSERT)
and the invitation deleted. Rounds are interleaved as in ``benchmarks.benefits``: each round sends
``--responses`` answers one after the other through the service, then as many through the SQL (in
an order rotated every round), and the ratio is taken within the round. Every invitation is made
before the clock starts.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import tempfile
import uuid
from collections.abc import Iterator

from .benefits import Action, _setup_django, interleaved, print_table, quartiles

NAME = "Benchmark: survey intake"
TARGET = 100  # responses a second


def build_round():
    """An organisation with one unit, a 30-question template and an open round; made once, then reused."""
    from organisations.models import Organisation, OrgUnit
    from surveys.models import Choice, Question, Round, RoundUnit, SurveyTemplate

    organisation = Organisation.objects.filter(name=NAME).first()
    if organisation is not None:
        round_ = Round.objects.for_org(organisation).get()
        return round_, RoundUnit.objects.for_org(organisation).get()
    if Organisation.objects.exists():
        raise SystemExit("Use an empty scratch database: this one already has other organisations.")
    organisation = Organisation.objects.create(name=NAME, municipality_number="4601", org_number="974600951")
    unit = OrgUnit.objects.create(organisation=organisation, name="Sykehjemmet", headcount=5000)
    template = SurveyTemplate.objects.create(organisation=organisation, name="Tretti spørsmål")
    kinds = [Question.Kind.SCALE] * 24 + [Question.Kind.SINGLE] * 3 + [Question.Kind.MULTIPLE] * 2
    kinds += [Question.Kind.TEXT]
    for order, kind in enumerate(kinds, start=1):
        question = Question.objects.create(
            template=template, version=1, order=order, kind=kind, text_nb=f"Påstand nummer {order}"
        )
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            for choice in range(1, 5):
                Choice.objects.create(question=question, order=choice, text_nb=f"Svar {choice}")
    today = datetime.date.today()
    round_ = Round.objects.create(
        organisation=organisation,
        template=template,
        title="Ytelsestest",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=365),
        state=Round.State.OPEN,
    )
    round_unit = RoundUnit.objects.create(round=round_, unit=unit, name=unit.name)
    return round_, round_unit


def invite(round_, round_unit, count: int) -> list[str]:
    """``count`` people invited (made once, invited again each run after they answered); their codes."""
    from django.contrib.auth import get_user_model

    from surveys.models import Invitation
    from surveys.services.links import INVITATION, new_token, token_hash

    users = get_user_model()
    existing = users.objects.filter(username__startswith="bench-survey-").count()
    unusable = "!"  # Django's mark of a password that never matches: these people never sign in
    users.objects.bulk_create(users(username=f"bench-survey-{n}", password=unusable) for n in range(existing, count))
    people = list(users.objects.filter(username__startswith="bench-survey-").order_by("pk")[:count])
    Invitation.objects.filter(round=round_).delete()
    codes = [new_token(INVITATION) for _person in people]
    Invitation.objects.bulk_create(
        Invitation(
            round=round_,
            round_unit=round_unit,
            person=person,
            token_hash=token_hash(code),
            organisation=round_.organisation,
        )
        for person, code in zip(people, codes, strict=True)
    )
    return codes


def answers_for(round_) -> dict[int, list[str]]:
    from surveys.models import Question
    from surveys.services.intake import questions_of

    given = {}
    for n, question in enumerate(questions_of(round_)):
        choices = [str(c.pk) for c in question.choices.all()]
        given[question.pk] = {
            Question.Kind.SCALE: [str(n % 5 + 1)],
            Question.Kind.SINGLE: choices[:1],
            Question.Kind.MULTIPLE: choices[1:3],
            Question.Kind.TEXT: ["Vi trenger mer tid til opplæring på nattskiftet."],
        }[question.kind]
    return given


def take_in(organisation, code: str, given: dict[int, list[str]]) -> None:
    """What the answer view does with a valid answer, without HTTP."""
    from surveys.services.intake import check_answers, personal_ticket, questions_of, submit

    ticket = personal_ticket(organisation, code)
    checked = check_answers(questions_of(ticket.round), given)
    if checked.errors:
        raise SystemExit(f"The benchmark's answers were refused: {checked.errors}")
    submit(ticket, checked.answers, submission=code)


# The least an answer must do, once its answers are known to be valid (the same for both databases).
FIND_INVITATION_SQL = (
    "SELECT id, round_id, round_unit_id FROM surveys_invitation WHERE organisation_id = %s AND token_hash = %s"
)
INSERT_RESPONSE_SQL = (
    "INSERT INTO surveys_response (id, organisation_id, round_id, round_unit_id) VALUES (%s, %s, %s, %s)"
)
INSERT_ANSWERS_SQL = (
    "INSERT INTO surveys_answer (id, organisation_id, response_id, question_id, value, choice_id, text) VALUES "
)
DELETE_INVITATION_SQL = "DELETE FROM surveys_invitation WHERE id = %s"


def answer_rows(round_, given: dict[int, list[str]]) -> list[tuple[int, int | None, int | None, str]]:
    """(question, value, choice, text) of each answer row the given answers make."""
    from surveys.services.intake import check_answers, questions_of

    return [(a.question_id, a.value, a.choice_id, a.text) for a in check_answers(questions_of(round_), given).answers]


def baseline_take_in(organisation_id: int, code: str, rows: list[tuple]) -> None:
    """The hand-written SQL of one answer: find the invitation, insert the response and its answers,
    delete the invitation, in one transaction. Keys are random UUIDs, as the models make them."""
    from django.db import connection, transaction

    from surveys.models import Answer, Response
    from surveys.services.links import token_hash

    key = Response._meta.pk.get_db_prep_value  # a UUID as each database stores it
    answer_key = Answer._meta.pk.get_db_prep_value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FIND_INVITATION_SQL, [organisation_id, token_hash(code)])
        invitation, round_id, round_unit_id = cursor.fetchone()
        response = key(uuid.uuid4(), connection)
        cursor.execute(INSERT_RESPONSE_SQL, [response, organisation_id, round_id, round_unit_id])
        cursor.execute(
            INSERT_ANSWERS_SQL + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows)),
            [
                value
                for row in rows
                for value in (answer_key(uuid.uuid4(), connection), organisation_id, response, *row)
            ],
        )
        cursor.execute(DELETE_INVITATION_SQL, [invitation])


def actions(round_, given: dict[int, list[str]], codes: list[str], per_round: int) -> list[Action]:
    """The service and the SQL, each taking in ``per_round`` answers a round from its own invitations."""
    organisation = round_.organisation
    rows = answer_rows(round_, given)
    service_codes: Iterator[str] = iter(codes[0::2])
    sql_codes: Iterator[str] = iter(codes[1::2])

    def service() -> None:
        for _n in range(per_round):
            take_in(organisation, next(service_codes), given)

    def sql() -> None:
        for _n in range(per_round):
            baseline_take_in(organisation.pk, next(sql_codes), rows)

    baseline = "Hand-written SQL: find, insert 1 + 32 rows (2 INSERTs), delete"
    return [
        Action(baseline, sql, baseline),
        Action("Service: personal_ticket, check_answers, submit", service, baseline),
    ]


def queries_per_answer(round_, given: dict[int, list[str]], codes: list[str]) -> tuple[int, int]:
    """The statements Django sends for one answer: through the service, through the SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as service:
        take_in(round_.organisation, codes[0], given)
    with CaptureQueriesContext(connection) as sql:
        baseline_take_in(round_.organisation_id, codes[1], answer_rows(round_, given))
    return len(service), len(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="interleaved rounds")
    parser.add_argument("--responses", type=int, default=200, help="answers sent by each side in each round")
    options = parser.parse_args()
    # A fresh directory for the shared cache (the forms' one-time ids), so every run starts as a new day
    # does; removed when the process ends.
    cache = tempfile.TemporaryDirectory(prefix="bench-survey-cache-")
    os.environ.setdefault("SHARED_CACHE_DIR", cache.name)
    _setup_django()
    from django.core.management import call_command
    from django.db import connection

    from surveys.models import Answer, Response

    call_command("migrate", verbosity=0)
    round_, round_unit = build_round()
    organisation = round_.organisation
    given = answers_for(round_)
    per_round = options.responses
    # Both sides, every round and the warm-up, and the two answers whose queries are counted.
    codes = invite(round_, round_unit, 2 * per_round * (options.runs + 1) + 2)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    service_queries, sql_queries = queries_per_answer(round_, given, codes[-2:])
    before = Response.objects.for_org(organisation).count()
    listed = actions(round_, given, codes[:-2], per_round)
    timings = interleaved(listed, options.runs)
    stored = Response.objects.for_org(organisation).count() - before
    if stored != 2 * per_round * (options.runs + 1):
        raise SystemExit(f"{stored} responses stored of {2 * per_round * (options.runs + 1)}.")
    answers = Answer.objects.for_org(organisation).count()
    print(
        f"Database: {connection.vendor}; {options.runs} interleaved rounds of {per_round} answers a side;"
        f" {answers} answer rows in the table; queries per answer: service {service_queries}, SQL {sql_queries}"
    )
    per_response = {name: [ms / per_round for ms in times] for name, times in timings.items()}
    print_table(listed, per_response, {}, "time per response, ratio to the SQL")
    print()
    print("| action | median responses/s | quartiles of the rounds |")
    print("| --- | ---: | ---: |")
    for action in listed:
        rates = [1000 / ms for ms in per_response[action.name]]
        low, high = quartiles(rates)
        print(f"| {action.name} | {statistics.median(rates):.0f} | {low:.0f}–{high:.0f} |")
    median = statistics.median(1000 / ms for ms in per_response[listed[1].name])
    print(f"Target {TARGET}/s through the service: {'met' if median >= TARGET else 'NOT met'} ({median:.0f}/s).")


if __name__ == "__main__":
    main()
