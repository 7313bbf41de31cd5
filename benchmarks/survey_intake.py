"""Benchmark: the intake of survey answers (issue 9, "Performance and bad input").

    DATABASE_URL=sqlite:////tmp/bench_surveys.sqlite3 .venv/bin/python -m benchmarks.survey_intake --runs 5
    DATABASE_URL=postgres://omstilling@127.0.0.1:54329/omstilling_bench_surveys \\
        .venv/bin/python -m benchmarks.survey_intake --runs 5

One response with 30 answers (24 statements on the scale, 3 single choices, 2 multiple choices with
two picked, 1 free text: 32 answer rows) goes through everything a real answer does except HTTP:
the personal link is looked up and checked, the round's questions are read, every answer is
checked, and the response, its answers and the deleted invitation are written in one transaction.
Each run sends ``--responses`` answers one after the other and reports the sustained rate; the
invitations of a run are made before its clock starts.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import time

for _name, _value in {
    "DJANGO_SETTINGS_MODULE": "omstilling.settings",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECRET_KEY": "benchmark-only-not-a-secret-" * 3,
}.items():
    os.environ.setdefault(_name, _value)

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--responses", type=int, default=500, help="answers sent in each run")
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from surveys.models import Answer, Response

    call_command("migrate", verbosity=0)
    round_, round_unit = build_round()
    organisation = round_.organisation
    given = answers_for(round_)
    rates = []
    for run in range(1, options.runs + 1):
        codes = invite(round_, round_unit, options.responses)
        before = Response.objects.for_org(organisation).count()
        started = time.perf_counter()
        for code in codes:
            take_in(organisation, code, given)
        elapsed = time.perf_counter() - started
        stored = Response.objects.for_org(organisation).count() - before
        if stored != options.responses:
            raise SystemExit(f"Run {run}: {stored} responses stored of {options.responses}.")
        rates.append(options.responses / elapsed)
        print(f"run {run}: {rates[-1]:.0f} responses/s ({1000 * elapsed / options.responses:.1f} ms each)")
    answers = Answer.objects.for_org(organisation).count()
    median = statistics.median(rates)
    print(
        f"{connection.vendor}: median {median:.0f} responses/s over {options.runs} runs of {options.responses}"
        f" (lowest {min(rates):.0f}, highest {max(rates):.0f}); {answers} answer rows in the table;"
        f" target {TARGET}/s {'met' if median >= TARGET else 'NOT met'}."
    )


if __name__ == "__main__":
    main()
