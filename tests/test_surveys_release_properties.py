"""Property tests of the release (surveys.services.release) over random unit trees, response counts,
background questions with skips and optional statements: no released figure covers fewer than the
minimum, no difference between released figures does either, and groups only grow across rounds."""

import random
from collections import Counter
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from organisations.models import Organisation
from surveys.models import Question, ReleasedCell, Round, RoundUnit, SurveyTemplate
from surveys.services.release import FREE_TEXT_MINIMUM, released_cells, shown_groups
from surveys.services.results import RoundAnswers

TOPIC_QUESTIONS = {"why": (1, 2), "want": (3,)}
OPTIONAL = 4  # a scale question of no topic, answered by some
CHOICE = 5
TEXT = 6
BACKGROUND = (7, 8)  # up to two background questions; choice ids 100 + n (first) and 200 + n (second)
ASKED = (1, 2, 3, OPTIONAL, CHOICE, TEXT)
#: Who answered what is drawn from a seeded random: hypothesis varies the seed, the tree and the counts.
SEEDS = st.integers(min_value=0, max_value=2**32)


@dataclass(frozen=True)
class Person:
    """One response: its unit, its background choices (None: not answered) and the questions it answered."""

    unit: int
    picked: tuple
    answered: frozenset


@st.composite
def rounds(draw):
    """A unit tree of up to 30 units at most 4 deep, responses per unit, one or two background
    questions of 2–4 choices (some leave them unanswered), and who answered what."""
    size = draw(st.integers(min_value=1, max_value=30))
    parents, depth = {1: None}, {1: 1}
    for unit in range(2, size + 1):
        shallow = [u for u in parents if depth[u] < 4]
        parent = draw(st.one_of(st.none(), st.sampled_from(shallow)))
        parents[unit], depth[unit] = parent, 1 if parent is None else depth[parent] + 1
    backgrounds = draw(st.integers(min_value=1, max_value=2))
    choices = [
        tuple(100 * (n + 1) + c for c in range(draw(st.integers(min_value=2, max_value=4)))) for n in range(backgrounds)
    ]
    largest = draw(st.sampled_from([12, 30]))
    responses = {unit: draw(st.integers(min_value=0, max_value=largest)) for unit in parents}
    tallies, people = answers(draw(SEEDS), responses, choices)
    return parents, responses, tallies, people, choices


def answers(seed: int, responses: dict, choices: list[tuple]) -> tuple[RoundAnswers, list[Person]]:
    """Who answered what, drawn from ``seed``: the tallies per stratum and each response's answers."""
    rng = random.Random(seed)  # noqa: S311 (test data, not a secret)
    answer_rate = {q: rng.choice([1.0, 1.0, 0.9, 0.5]) for q in ASKED}
    skip_background = rng.choice([0.0, 0.0, 0.1, 0.3])
    # Units whose people mostly give one background answer (an office works days), or mixed ones.
    usual = {unit: tuple(rng.choice(c) for c in choices) for unit in responses}
    alike = rng.choice([0.0, 0.9, 1.0])
    tallies = RoundAnswers(breakdowns=BACKGROUND[: len(choices)])
    people = []
    for unit, count in responses.items():
        for _ in range(count):
            picked = tuple(
                None if rng.random() < skip_background else mine if rng.random() < alike else rng.choice(c)
                for c, mine in zip(choices, usual[unit], strict=True)
            )
            stratum = (unit, picked)
            tallies.responses[stratum] += 1
            answered = {q for q in ASKED if rng.random() < answer_rate[q]}
            topics = set()
            for question in answered:
                tallies.question_respondents[stratum, question] += 1
                if question == TEXT:
                    tallies.texts[question].append("text")
                elif question == CHOICE:
                    tallies.choices[stratum, question][rng.choice([10, 11])] += 1
                else:
                    tallies.values[stratum, question][rng.randint(1, 5)] += 1
                    topics |= {t for t, qs in TOPIC_QUESTIONS.items() if question in qs}
            for topic in topics:
                tallies.topic_respondents[stratum, topic] += 1
            for question, choice in zip(BACKGROUND, picked, strict=False):
                if choice is not None:
                    tallies.question_respondents[stratum, question] += 1
                    tallies.choices[stratum, question][choice] += 1
                    answered.add(question)
            people.append(Person(unit, picked, frozenset(answered | {f"topic:{t}" for t in topics})))
    return tallies, people


def in_memory_round(kind=SurveyTemplate.Kind.READINESS, minimum=5):
    template = SurveyTemplate(kind=kind)
    return Round(organisation=Organisation(minimum_group_size=None), template=template, minimum_group=minimum)


def in_memory_units(parents):
    return [
        RoundUnit(pk=unit, unit_id=unit, parent_id=parent, name=str(unit), invited=20)
        for unit, parent in parents.items()
    ]


QUESTIONS = [
    Question(pk=1, kind=Question.Kind.SCALE, topic="why"),
    Question(pk=2, kind=Question.Kind.SCALE, topic="why"),
    Question(pk=3, kind=Question.Kind.SCALE, topic="want"),
    Question(pk=OPTIONAL, kind=Question.Kind.SCALE, topic="", required=False),
    Question(pk=CHOICE, kind=Question.Kind.SINGLE),
    Question(pk=TEXT, kind=Question.Kind.TEXT, required=False),
    *[Question(pk=pk, kind=Question.Kind.SINGLE, breakdown=True, required=False) for pk in BACKGROUND],
]


def figure_key(cell):
    return (cell.kind, cell.topic if cell.kind == ReleasedCell.Kind.TOPIC else cell.question_id)


def answers_figure(person, figure) -> bool:
    kind, key = figure
    if kind == "rate":
        return True
    return (f"topic:{key}" if kind == "topic" else key) in person.answered


def background_of(choice: int) -> int:
    return choice // 100 - 1  # the place of the background question the choice belongs to


@settings(max_examples=300, deadline=None)
@given(rounds(), st.integers(min_value=5, max_value=9), st.sampled_from(["readiness", "readiness", "barriers"]))
def test_no_released_figure_or_difference_of_figures_covers_fewer_than_the_minimum(data, minimum, kind):
    parents, _responses, tallies, people, _choices = data
    cells = released_cells(
        in_memory_round(kind, minimum=minimum), in_memory_units(parents), QUESTIONS, tallies, merged_before=None
    )
    if kind == "barriers":  # the whole organisation only, split by background answers as well
        assert all(cell.round_unit_id is None for cell in cells)
    # (c) no cell crosses a unit group with a background answer
    assert all(cell.round_unit_id is None or cell.by_choice_id is None for cell in cells)
    groups = {
        c.round_unit_id: {int(name) for name in c.covers} for c in cells if c.kind == "rate" and not c.by_choice_id
    }
    groups.pop(None)
    members = [unit for units in groups.values() for unit in units]
    assert len(members) == len(set(members))  # disjoint: no group is a part of another

    by_figure: dict = {}
    for cell in cells:
        by_figure.setdefault(figure_key(cell), []).append(cell)
    for figure, figure_cells in by_figure.items():
        whole = [c for c in figure_cells if c.round_unit_id is None and c.by_choice_id is None]
        below = [c for c in figure_cells if c.round_unit_id is not None]
        split = [c for c in figure_cells if c.by_choice_id is not None]
        assert len(whole) == 1
        # (a) every figure below the whole organisation covers the minimum
        for cell in below + split:
            assert cell.count >= minimum, (figure, cell.count)
            assert cell.kind != "text"
        for cell in below:
            assert cell.count == sum(answers_figure(p, figure) for p in people if p.unit in groups[cell.round_unit_id])
        for cell in split:
            place = background_of(cell.by_choice_id)
            assert cell.count == sum(answers_figure(p, figure) for p in people if p.picked[place] == cell.by_choice_id)
        # (b) the organisation minus each family of disjoint cells inside it: nobody, or the minimum
        families = [below] + [[c for c in split if background_of(c.by_choice_id) == n] for n in range(2)]
        for family in families:
            rest = whole[0].count - sum(c.count for c in family)
            assert not family or rest == 0 or rest >= minimum, (figure, rest)
        # ... and so is every atom the shown cells cut the people into: no crossing of a group with
        # the background answers, and no count of those who skipped the figure, can be worked out
        shown = {c.by_choice_id for c in split}
        holder = {unit: pk for pk, units in groups.items() for unit in units if pk in {c.round_unit_id for c in below}}
        answered, everyone, gaps = Counter(), Counter(), Counter()
        for person in people:
            atom = (holder.get(person.unit), *(c if c in shown else None for c in person.picked))
            everyone[atom] += 1
            answered[atom] += answers_figure(person, figure)
            if figure[0] == "topic" and answers_figure(person, figure):
                # who answered the topic but skipped one of its statements: the topic's count minus that one's
                for question in TOPIC_QUESTIONS[figure[1]]:
                    gaps[atom, question] += question not in person.answered
        if below or split:
            for atom, n in everyone.items():
                assert answered[atom] == 0 or answered[atom] >= minimum, (figure, atom, answered[atom])
                assert n == answered[atom] or n - answered[atom] >= minimum, (figure, atom, n - answered[atom])
            assert all(n == 0 or n >= minimum for n in gaps.values()), (figure, gaps)
    # A topic is shown only where each of its statements answered there is shown.
    shown_questions = {(c.round_unit_id, c.by_choice_id, c.question_id) for c in cells if c.kind == "question"}
    for cell in cells:
        if cell.kind == "topic":
            if cell.by_choice_id:
                place = background_of(cell.by_choice_id)
                there = [p for p in people if p.picked[place] == cell.by_choice_id]
            else:
                there = [p for p in people if p.unit in groups.get(cell.round_unit_id, set(parents))]
            for question in TOPIC_QUESTIONS[cell.topic]:
                if any(question in p.answered for p in there):
                    assert (cell.round_unit_id, cell.by_choice_id, question) in shown_questions
    for cell in cells:
        if cell.kind == "text":
            assert cell.round_unit_id is None and cell.by_choice_id is None and len(cell.texts) >= FREE_TEXT_MINIMUM
        if cell.question_id in BACKGROUND:
            assert cell.round_unit_id is None and cell.by_choice_id is None  # never crossed with anything


@settings(max_examples=60, deadline=None)
@given(rounds(), st.lists(st.integers(min_value=0, max_value=12), min_size=30, max_size=30), SEEDS)
def test_a_later_round_never_splits_a_group_of_the_earlier_one(data, later_counts, seed):
    # (d) the same tree in two rounds of one template; the later round's answers are drawn afresh
    parents, _responses, tallies, _people, choices = data
    units = in_memory_units(parents)
    earlier = released_cells(in_memory_round(), units, QUESTIONS, tallies, merged_before=None)
    earlier_groups = {
        c.round_unit_id: {int(n) for n in c.covers} for c in earlier if c.kind == "rate" and c.round_unit_id
    }
    merged_before = frozenset(parents) - set(earlier_groups)
    later_tallies, _ = answers(seed, dict(zip(parents, later_counts, strict=False)), choices)
    later = released_cells(in_memory_round(), units, QUESTIONS, later_tallies, merged_before=merged_before)
    later_groups = {c.round_unit_id: {int(n) for n in c.covers} for c in later if c.kind == "rate" and c.round_unit_id}
    for before in earlier_groups.values():
        for now in later_groups.values():
            assert before <= now or before.isdisjoint(now)
    # and a unit merged before is never shown on its own again
    assert set(later_groups) <= set(earlier_groups)


def test_the_rest_of_the_organisation_too_small_hides_the_smallest_group_as_well():
    # Two top units: A with 20 responses, B with 3. B alone would be hidden, but the organisation (23)
    # minus A (20) would then show B's 3; so A is hidden too.
    units = in_memory_units({1: None, 2: None})
    assert shown_groups(units, {1: 20, 2: 3}, 5, None) == []
    assert [g.holder for g in shown_groups(units, {1: 20, 2: 5}, 5, None)] == [2, 1]
