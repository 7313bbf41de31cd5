"""The one reader of the answers: nothing else in the code base queries ``Response`` or ``Answer``.

A test (``tests/test_surveys_release.py``) scans the source tree and fails if another module does,
apart from the intake that writes them. What is read here goes only to ``surveys.services.release``,
which keeps the figures that may be shown; pages and exports read those (``ReleasedCell``), never
this module. Everything is counted by the database, in six queries whatever the number of responses
or of background questions, per **stratum**: a unit of the round and the choice picked in each
background question (``Question.breakdown``; None where it was left unanswered). Each query labels
an answer with its response's background choices by a join per background question, so the
release can add strata up into unit groups, into the people who picked one choice, or into both
(to check that no crossing of the two reveals a small group).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, FilteredRelation, Q

from ..models import Answer, Question, Response, Round

#: The values of the scale, in the order a distribution lists them.
SCALE = (1, 2, 3, 4, 5)

#: A round unit and the choice picked in each background question (None: not answered), in the order
#: of ``RoundAnswers.breakdowns``.
Stratum = tuple[int, tuple[int | None, ...]]


@dataclass
class RoundAnswers:
    """Tallies of one round's answers, per stratum (or per ``RoundUnit`` id: ``per_unit``)."""

    #: The background questions' ids, in the order a stratum lists their choices.
    breakdowns: tuple[int, ...] = ()
    #: Stratum → responses.
    responses: Counter = field(default_factory=Counter)
    #: (stratum, question id) → responses that answered the question.
    question_respondents: Counter = field(default_factory=Counter)
    #: (stratum, topic) → responses that answered at least one scale question of the topic.
    topic_respondents: Counter = field(default_factory=Counter)
    #: (stratum, question id) → answers per value 1–5.
    values: dict = field(default_factory=lambda: defaultdict(Counter))
    #: (stratum, question id) → choice id → answers.
    choices: dict = field(default_factory=lambda: defaultdict(Counter))
    #: Question id → its free-text answers (the whole organisation: texts are never split).
    texts: dict = field(default_factory=lambda: defaultdict(list))

    def per_unit(self) -> RoundAnswers:
        """The same tallies added up per round unit (the keys become ``RoundUnit`` ids)."""
        units = RoundAnswers(texts=self.texts)
        for stratum, n in self.responses.items():
            units.responses[stratum[0]] += n
        for tally in ("question_respondents", "topic_respondents"):
            for (stratum, key), n in getattr(self, tally).items():
                getattr(units, tally)[stratum[0], key] += n
        for tally in ("values", "choices"):
            for (stratum, key), counts in getattr(self, tally).items():
                getattr(units, tally)[stratum[0], key].update(counts)
        return units


def read_answers(round: Round, breakdowns: Sequence[int] = ()) -> RoundAnswers:
    """The round's tallies per stratum; ``breakdowns``: the background questions' ids."""
    tallies = RoundAnswers(breakdowns=tuple(breakdowns))
    organisation = round.organisation
    names = [f"b{n}" for n in range(len(breakdowns))]

    def labelled(queryset, answers: str):
        """``queryset`` with each row labelled by its response's choice in each background question:
        one LEFT JOIN per background question (a response answers it once at most, so no row repeats)."""
        joined = {
            f"{name}_answer": FilteredRelation(answers, condition=Q(**{f"{answers}__question_id": question}))
            for name, question in zip(names, breakdowns, strict=True)
        }
        return queryset.annotate(**joined).annotate(**{name: F(f"{name}_answer__choice") for name in names})

    def stratum(row, unit: str) -> Stratum:
        return row[unit], tuple(row[name] for name in names)

    responses = labelled(Response.objects.for_org(organisation).filter(round=round), "answers")
    for row in responses.values("round_unit", *names).annotate(n=Count("id")):
        tallies.responses[stratum(row, "round_unit")] = row["n"]

    answers = labelled(Answer.objects.for_org(organisation).filter(response__round=round), "response__answers")
    unit = "response__round_unit"
    for row in answers.values(unit, *names, "question").annotate(n=Count("response", distinct=True)):
        tallies.question_respondents[stratum(row, unit), row["question"]] = row["n"]
    scale = answers.filter(question__kind=Question.Kind.SCALE, value__isnull=False)
    for row in scale.values(unit, *names, "question__topic").annotate(n=Count("response", distinct=True)):
        tallies.topic_respondents[stratum(row, unit), row["question__topic"]] = row["n"]
    for row in scale.values(unit, *names, "question", "value").annotate(n=Count("id")):
        tallies.values[stratum(row, unit), row["question"]][row["value"]] = row["n"]
    chosen = answers.filter(choice__isnull=False)
    for row in chosen.values(unit, *names, "question", "choice").annotate(n=Count("id")):
        tallies.choices[stratum(row, unit), row["question"]][row["choice"]] = row["n"]
    written = answers.filter(question__kind=Question.Kind.TEXT).exclude(text="")
    for question_id, text in written.values_list("question", "text"):
        tallies.texts[question_id].append(text)
    return tallies
