"""A closed round of the shipped barriers for middle managers, and top management's checklist from it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from surveys.models import RemedyTask, Round, SurveyTemplate
from surveys.services.checklist import make_checklist
from surveys.services.rounds import close_round

from .survey_results_data import add_responses, make_round, scale_questions

CLOSED_ON = datetime.date(2026, 3, 1)
#: Resistance and top-management support hold back (at or below 3); the other three do not.
HELD_BACK = {"resistance": 2, "top_support": 3, "training": 4, "involvement": 5, "follow_up": 4}


def barriers_round(world, scores: dict[str, int] = HELD_BACK, *, leaders: int = 6) -> Round:
    """The organisation's barriers survey answered by ``leaders`` leaders giving ``scores`` (barrier →
    1–5) to every statement, closed on ``CLOSED_ON`` and released."""
    template = SurveyTemplate.objects.for_org(world.org).get(kind=SurveyTemplate.Kind.BARRIERS)
    tree = {"Helse": (None, 8)}
    round, units = make_round(world.org, template, tree, org_units={"Helse": world.sector}, closes_on=CLOSED_ON)
    Round.objects.for_org(world.org).filter(pk=round.pk).update(audience=Round.Audience.LEADERS)
    answer = {question: scores[question.topic] for question in scale_questions(template)}
    add_responses(round, units["Helse"], [answer] * leaders)
    return close_round(round)


def remedy_task(world) -> RemedyTask:
    """The first item of the checklist of one barriers round per world, owned by the unit leader."""
    if not hasattr(world, "remedy_task"):
        round = barriers_round(world)
        task = make_checklist(round)[0]
        task.owner = world.users["unit_leader"]
        task.deadline = datetime.date(2026, 6, 1)
        task.save()
        world.remedy_task = task
    return world.remedy_task


def _closed_barriers_round(world) -> Round:
    """A closed barriers round without answers: enough for checklists made by hand."""
    template = SurveyTemplate.objects.for_org(world.org).get(kind=SurveyTemplate.Kind.BARRIERS)
    round, _units = make_round(world.org, template, {"Helse": (None, 8)}, state=Round.State.CLOSED)
    return round


def add_owned_remedies(world, n: int) -> None:
    """``n`` remedies owned by the unit leader, every other one overdue (for the start-page panel)."""
    round = _closed_barriers_round(world)
    today = timezone.localdate()
    for index in range(n):
        deadline = today + datetime.timedelta(days=-3 if index % 2 else 30)
        RemedyTask.objects.create(
            round=round, barrier="training", text=f"Tiltak {index}", owner=world.users["unit_leader"], deadline=deadline
        )


def add_barrier_checklists(world, n: int) -> None:
    """``n`` checklists of three remedies each: one done, one overdue, one without an owner."""
    today = timezone.localdate()
    for _ in range(n):
        round = _closed_barriers_round(world)
        owner = world.users["top_management"]
        RemedyTask.objects.create(round=round, barrier="resistance", text="A", owner=owner, done_on=today)
        late = today - datetime.timedelta(days=1)
        RemedyTask.objects.create(round=round, barrier="resistance", text="B", owner=owner, deadline=late)
        RemedyTask.objects.create(round=round, barrier="resistance", text="C")
