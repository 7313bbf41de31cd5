"""Builders for survey results tests and the benchmark: templates, rounds with their unit tree and
answers, created straight with the models (no intake, no invitations)."""

from __future__ import annotations

import datetime
import itertools

from surveys.models import Answer, Choice, Question, Response, Round, RoundUnit, SurveyTemplate
from surveys.topics import READINESS_STAGES

_names = itertools.count(1)


def readiness_template(organisation, *, kind=SurveyTemplate.Kind.READINESS) -> SurveyTemplate:
    """Two statements per readiness stage, an optional statement, one single choice and one free text."""
    template = SurveyTemplate.objects.create(organisation=organisation, name=f"Survey {next(_names)}", kind=kind)
    order = itertools.count(1)
    for topic in READINESS_STAGES:
        for n in (1, 2):
            Question.objects.create(
                organisation=organisation,
                template=template,
                version=1,
                order=next(order),
                topic=topic,
                text_nb=f"{topic} {n}",
            )
    Question.objects.create(
        organisation=organisation,
        template=template,
        version=1,
        order=next(order),
        text_nb="Optional",
        required=False,
    )
    single = Question.objects.create(
        organisation=organisation,
        template=template,
        version=1,
        order=next(order),
        kind=Question.Kind.SINGLE,
        text_nb="Shift",
    )
    for n, text in enumerate(["Day", "Night"], start=1):
        Choice.objects.create(organisation=organisation, question=single, order=n, text_nb=text)
    Question.objects.create(
        organisation=organisation,
        template=template,
        version=1,
        order=next(order),
        kind=Question.Kind.TEXT,
        text_nb="Anything else?",
        required=False,
    )
    return template


def background(template) -> tuple[Question, Choice, Choice]:
    """The template's question of one choice ("Shift": Day, Night), made a background question."""
    question = Question.objects.get(template=template, kind=Question.Kind.SINGLE)
    question.breakdown, question.required = True, False
    question.save()
    day, night = question.choices.all()
    return question, day, night


def make_round(
    organisation,
    template,
    tree: dict[str, tuple[str | None, int]],
    *,
    state=Round.State.OPEN,
    closes_on=datetime.date(2026, 3, 1),
    org_units: dict | None = None,
) -> tuple[Round, dict[str, RoundUnit]]:
    """A round over ``tree`` (name → (parent name, people asked)), parents listed before children.
    ``org_units`` (name → OrgUnit) ties round units to the organisation's units."""
    round = Round.objects.create(
        organisation=organisation,
        template=template,
        title=f"Round {next(_names)}",
        opens_on=closes_on - datetime.timedelta(days=14),
        closes_on=closes_on,
        state=state,
    )
    units: dict[str, RoundUnit] = {}
    for name, (parent, invited) in tree.items():
        units[name] = RoundUnit.objects.create(
            organisation=organisation,
            round=round,
            name=name,
            parent=units[parent] if parent else None,
            invited=invited,
            unit=(org_units or {}).get(name),
        )
    return round, units


def add_responses(round: Round, round_unit: RoundUnit, responses: list[dict]) -> None:
    """One response per dict: question → a value 1–5, a ``Choice`` or a text."""
    rows = [Response(organisation=round.organisation, round=round, round_unit=round_unit) for _ in responses]
    Response.objects.bulk_create(rows)
    answers = []
    for response, given in zip(rows, responses, strict=True):
        for question, answer in given.items():
            fields = (
                {"choice": answer}
                if isinstance(answer, Choice)
                else {"text": answer}
                if isinstance(answer, str)
                else {"value": answer}
            )
            answers.append(Answer(organisation=round.organisation, response=response, question=question, **fields))
    Answer.objects.bulk_create(answers)


def scale_questions(template) -> list[Question]:
    return list(Question.objects.filter(template=template, kind=Question.Kind.SCALE, required=True))


def every_stage(template, value: int) -> dict:
    """A response giving ``value`` to every required statement."""
    return dict.fromkeys(scale_questions(template), value)


def released_round(world) -> Round:
    """A closed readiness round over the world's sector and its unit (led by "unit_leader") and the
    other unit, with answers, released; one per world, however often asked."""
    from surveys.services.rounds import close_round

    if hasattr(world, "released_round"):
        return world.released_round

    template = readiness_template(world.org)
    tree = {"Sector": (None, 10), "Unit": ("Sector", 12), "Other": (None, 10)}
    org_units = {"Sector": world.sector, "Unit": world.unit, "Other": world.other_unit}
    round, units = make_round(world.org, template, tree, org_units=org_units)
    add_responses(round, units["Unit"], [every_stage(template, 4)] * 6)
    add_responses(round, units["Sector"], [every_stage(template, 2)] * 5)
    add_responses(round, units["Other"], [every_stage(template, 3)] * 5)
    world.released_round = close_round(round)
    return world.released_round
