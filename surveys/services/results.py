"""The one reader of the answers: nothing else in the code base queries ``Response`` or ``Answer``.

A test (``tests/test_surveys_release.py``) scans the source tree and fails if another module does,
apart from the intake that writes them. What is read here goes only to ``surveys.services.release``,
which keeps the figures that may be shown; pages and exports read those (``ReleasedCell``), never
this module. Everything is counted per unit of the round by the database, in six queries whatever
the number of responses.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from ..models import Answer, Question, Response, Round

#: The values of the scale, in the order a distribution lists them.
SCALE = (1, 2, 3, 4, 5)


@dataclass
class RoundAnswers:
    """Tallies of one round's answers, per unit of the round (``RoundUnit`` id)."""

    #: Unit → responses.
    responses: Counter = field(default_factory=Counter)
    #: (unit, question id) → responses that answered the question.
    question_respondents: Counter = field(default_factory=Counter)
    #: (unit, topic) → responses that answered at least one scale question of the topic.
    topic_respondents: Counter = field(default_factory=Counter)
    #: (unit, question id) → answers per value 1–5.
    values: dict = field(default_factory=lambda: defaultdict(Counter))
    #: (unit, question id) → choice id → answers.
    choices: dict = field(default_factory=lambda: defaultdict(Counter))
    #: Question id → its free-text answers (the whole organisation: texts are never split by unit).
    texts: dict = field(default_factory=lambda: defaultdict(list))


def read_answers(round: Round) -> RoundAnswers:
    tallies = RoundAnswers()
    responses = Response.objects.for_org(round.organisation).filter(round=round)
    for row in responses.values("round_unit").annotate(n=Count("id")):
        tallies.responses[row["round_unit"]] = row["n"]

    answers = Answer.objects.for_org(round.organisation).filter(response__round=round)
    unit = "response__round_unit"
    for row in answers.values(unit, "question").annotate(n=Count("response", distinct=True)):
        tallies.question_respondents[row[unit], row["question"]] = row["n"]
    scale = answers.filter(question__kind=Question.Kind.SCALE, value__isnull=False)
    for row in scale.values(unit, "question__topic").annotate(n=Count("response", distinct=True)):
        tallies.topic_respondents[row[unit], row["question__topic"]] = row["n"]
    for row in scale.values(unit, "question", "value").annotate(n=Count("id")):
        tallies.values[row[unit], row["question"]][row["value"]] = row["n"]
    picked = answers.filter(choice__isnull=False)
    for row in picked.values(unit, "question", "choice").annotate(n=Count("id")):
        tallies.choices[row[unit], row["question"]][row["choice"]] = row["n"]
    written = answers.filter(question__kind=Question.Kind.TEXT).exclude(text="")
    for question_id, text in written.values_list("question", "text"):
        tallies.texts[question_id].append(text)
    return tallies
