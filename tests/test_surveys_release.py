"""Release at close (surveys.services.release): only figures covering at least the minimum group are
stored, no subtraction of stored figures reveals a smaller group, free text only for the whole
organisation from 10 answers; and only the results service reads the answers."""

import ast
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import Question, ReleasedCell, Round, SurveyTemplate
from surveys.services.release import release
from surveys.services.rounds import close_round

from .survey_results_data import add_responses, background, every_stage, make_round, readiness_template, scale_questions

# The figures, computed by hand, through the database


@pytest.fixture
def survey(world):
    template = readiness_template(world.org)
    tree = {"Helse": (None, 40), "Sykehjem": ("Helse", 20), "Natt": ("Sykehjem", 5)}
    round, units = make_round(world.org, template, tree)
    return template, round, units


def test_figures_of_a_closed_round_by_hand(survey):
    template, round, units = survey
    why = [q for q in scale_questions(template) if q.topic == "why"]
    # Sykehjem: 6 responses (3 give 4 everywhere, 3 give 2); Natt: 2 (5 everywhere); Helse: 5 (3s).
    add_responses(round, units["Sykehjem"], [every_stage(template, 4)] * 3 + [every_stage(template, 2)] * 3)
    add_responses(round, units["Natt"], [every_stage(template, 5)] * 2)
    add_responses(round, units["Helse"], [every_stage(template, 3)] * 5)
    close_round(round)

    round.refresh_from_db()
    assert round.state == Round.State.CLOSED
    cells = ReleasedCell.objects.filter(round=round)
    rates = {c.round_unit_id: c for c in cells if c.kind == "rate"}
    # Natt (2) joins Sykehjem: 8 of 25 asked; Helse: 5. The organisation: 13 of 65 asked.
    assert rates[None].count == 13 and rates[None].invited == 65
    assert rates[units["Sykehjem"].pk].count == 8 and rates[units["Sykehjem"].pk].invited == 25
    assert rates[units["Sykehjem"].pk].covers == ["Natt", "Sykehjem"]
    assert units["Natt"].pk not in rates
    why_cells = {c.round_unit_id: c for c in cells if c.kind == "topic" and c.topic == "why"}
    # Sykehjem's group: 2 statements × (3 × 4, 3 × 2, 2 × 5): 16 answers, mean (24 + 12 + 20) / 8 = 7 / 2.
    assert why_cells[units["Sykehjem"].pk].distribution == [0, 6, 0, 6, 4]
    assert why_cells[units["Sykehjem"].pk].mean == pytest.approx(3.5)
    assert why_cells[units["Sykehjem"].pk].count == 8
    # The organisation: 16 answers above + 10 threes: (56 + 30) / 26.
    assert why_cells[None].mean == pytest.approx(86 / 26)
    assert why_cells[None].distribution == [0, 6, 10, 6, 4]
    question_cell = next(c for c in cells if c.question_id == why[0].pk and c.round_unit_id is None)
    assert question_cell.mean == pytest.approx(43 / 13) and question_cell.count == 13


def test_an_optional_question_answered_by_too_few_in_a_group_is_not_released_there(survey):
    template, round, units = survey
    optional = Question.objects.get(template=template, text_nb="Optional")
    # Sykehjem: 6 responses, 4 answer the optional question; Helse: 6 responses, all answer it.
    add_responses(round, units["Sykehjem"], [{optional: 4}] * 4 + [{}] * 2)
    add_responses(round, units["Helse"], [{optional: 2}] * 6)
    close_round(round)
    rows = ReleasedCell.objects.filter(round=round, question=optional)
    # Sykehjem's 4 are too few; then Helse's 6 are hidden too, since 10 − 6 would show Sykehjem's 4.
    assert [(c.round_unit_id, c.count) for c in rows] == [(None, 10)]
    assert ReleasedCell.objects.filter(round=round, kind="rate", round_unit__isnull=False).count() == 2


def test_a_topic_is_not_shown_where_one_of_its_statements_is_hidden(survey):
    template, round, units = survey
    first, second = [q for q in scale_questions(template) if q.topic == "why"]
    # Helse: 6 answer the first statement, 3 of them the second too. The second statement is hidden
    # (3); were "why" shown (9 answers), "why" minus the first statement would give the 3 answers.
    add_responses(round, units["Helse"], [{first: 4, second: 1}] * 3 + [{first: 4}] * 3)
    close_round(round)
    released = ReleasedCell.objects.filter(round=round)
    assert released.filter(question=first).exists()
    assert not released.filter(question=second).exists()
    assert not released.filter(kind="topic", topic="why").exists()


def test_free_text_is_released_from_ten_answers_for_the_whole_organisation_only(survey):
    template, round, units = survey
    text = Question.objects.get(template=template, kind=Question.Kind.TEXT)
    add_responses(round, units["Sykehjem"], [{text: f"svar {n}"} for n in range(9)])
    close_round(round)
    assert not ReleasedCell.objects.filter(round=round, kind="text").exists()

    round.state = Round.State.OPEN
    round.save()
    add_responses(round, units["Helse"], [{text: "svar 9"}])
    close_round(round)
    (cell,) = ReleasedCell.objects.filter(round=round, kind="text")
    assert cell.round_unit_id is None
    assert sorted(cell.texts) == sorted(f"svar {n}" for n in range(10))


def test_barriers_for_middle_managers_are_released_for_the_whole_organisation_only(world):
    template = readiness_template(world.org, kind=SurveyTemplate.Kind.BARRIERS)
    round, units = make_round(world.org, template, {"Helse": (None, 30), "Skole": (None, 30)})
    add_responses(round, units["Helse"], [{}] * 8)
    add_responses(round, units["Skole"], [{}] * 8)
    close_round(round)
    assert list(ReleasedCell.objects.filter(round=round).values_list("round_unit", "count")) == [(None, 16)]


def test_a_later_round_keeps_a_unit_merged_that_was_merged_before(world):
    template = readiness_template(world.org)
    tree = {"Helse": (None, 30), "Natt": ("Helse", 10)}
    org_units = {"Helse": world.sector, "Natt": world.unit}
    first, units = make_round(world.org, template, tree, org_units=org_units)
    add_responses(first, units["Helse"], [{}] * 6)
    add_responses(first, units["Natt"], [{}] * 3)
    close_round(first)
    second, units = make_round(world.org, template, tree, org_units=org_units, closes_on=datetime.date(2027, 3, 1))
    add_responses(second, units["Helse"], [{}] * 6)
    add_responses(second, units["Natt"], [{}] * 6)  # enough now, but shown alone it would split Helse's group
    close_round(second)
    shown = ReleasedCell.objects.filter(round=second, kind="rate", round_unit__isnull=False)
    assert [(c.round_unit_id, c.count) for c in shown] == [(units["Helse"].pk, 12)]


def test_only_an_open_round_can_be_closed(survey):
    _template, round, _units = survey
    round.state = Round.State.DRAFT
    round.save()
    with pytest.raises(ValidationError):
        close_round(round)
    round.refresh_from_db()
    assert round.state == Round.State.DRAFT
    assert not ReleasedCell.objects.filter(round=round).exists()


# One reader

READERS = {"surveys/services/results.py", "surveys/services/intake.py"}
ANSWER_MODELS = {"Response", "Answer"}


def queries_answers(source: str) -> bool:
    """Imports the response models from the surveys app, or reaches them by name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] in {"models", "responses"}:
            surveys_module = (node.module or "").startswith("surveys") or node.level > 0
            if surveys_module and ANSWER_MODELS & {alias.name for alias in node.names}:
                return True
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model":
            arguments = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if ("surveys" in arguments and ANSWER_MODELS & set(arguments)) or {
                "surveys.Response",
                "surveys.Answer",
            } & set(arguments):
                return True
    return False


def test_only_the_results_service_and_the_intake_query_the_answers():
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if relative.split("/")[0] in {".venv", "node_modules", "tests", "benchmarks"} or "/migrations/" in relative:
            continue
        if relative in READERS or relative.startswith("surveys/models/"):
            continue
        if queries_answers(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []


def test_the_scan_would_catch_a_query_elsewhere():
    assert queries_answers("from surveys.models import Answer, Round")
    assert queries_answers("from ..models import (\n    Response,\n)")
    assert queries_answers('apps.get_model("surveys", "Response")')
    assert not queries_answers("from django.http import HttpResponse")
    assert not queries_answers("from ..models import ReleasedCell, Round")


# Breakdowns: the whole organisation split by a background question's answer


def split_cells(round):
    return {
        (c.kind, c.topic if c.kind == "topic" else c.question_id, c.by_choice.text_nb): c.count
        for c in ReleasedCell.breakdowns.filter(round=round).select_related("by_choice")
    }


def test_a_choice_is_released_when_the_rest_of_the_organisation_is_large_enough(survey):
    template, round, units = survey
    question, day, night = background(template)
    first = scale_questions(template)[0]
    # 12 people: 7 days (answering 4), 4 nights, 1 rather not say. Nights (4) are too few; the organisation
    # minus the days is 12 − 7 = 5 people, enough: the days are shown.
    answers = every_stage(template, 4)
    add_responses(
        round, units["Helse"], [answers | {question: day}] * 7 + [answers | {question: night}] * 4 + [answers]
    )
    close_round(round)
    cells = split_cells(round)
    assert cells[("rate", None, "Day")] == 7
    assert cells[("question", first.pk, "Day")] == 7
    assert cells[("topic", "why", "Day")] == 7
    assert {choice for (_kind, _key, choice) in cells} == {"Day"}
    # 10 scale questions and 5 stages for the days, and their response count; the background question's own
    # answers and the other figures are not split.
    assert len(cells) == 1 + 10 + 5
    day_why = ReleasedCell.breakdowns.get(round=round, kind="topic", topic="why")
    assert day_why.mean == 4 and day_why.distribution == [0, 0, 0, 14, 0] and day_why.round_unit_id is None
    # The organisation's own figures are still there, as before.
    assert ReleasedCell.objects.get(round=round, kind="rate", round_unit=None).count == 12


def test_a_choice_is_hidden_when_the_rest_would_be_fewer_than_the_minimum(survey):
    template, round, units = survey
    question, day, night = background(template)
    # 11 people: 7 days, 3 nights, 1 rather not say. Were the days shown, 11 − 7 = 4 would be worked out.
    add_responses(round, units["Helse"], [{question: day}] * 7 + [{question: night}] * 3 + [{}])
    close_round(round)
    assert split_cells(round) == {}


def test_a_choice_is_hidden_when_a_unit_group_would_reveal_a_few_of_it(world):
    template = readiness_template(world.org)
    question, day, night = background(template)
    round, units = make_round(world.org, template, {"Kontor": (None, 10), "Sykehjem": (None, 10)})
    answers = every_stage(template, 3)
    # The office works days; the nursing home has 2 on days and 8 on nights. Both units are shown (10 each).
    # Days (12) minus the office (10, all on days, which anyone there knows) would give the 2 in the nursing
    # home: so the days are hidden, and then the nights too (the organisation minus them: 10 + 2).
    add_responses(round, units["Kontor"], [answers | {question: day}] * 10)
    add_responses(round, units["Sykehjem"], [answers | {question: day}] * 2 + [answers | {question: night}] * 8)
    close_round(round)
    assert split_cells(round) == {}
    assert ReleasedCell.objects.filter(round=round, kind="rate", round_unit__isnull=False).count() == 2

    # With 5 and 5 in the nursing home, every crossing holds none or at least 5: both choices are shown.
    later, units = make_round(world.org, template, {"Kontor": (None, 10), "Sykehjem": (None, 10)})
    add_responses(later, units["Kontor"], [answers | {question: day}] * 10)
    add_responses(later, units["Sykehjem"], [answers | {question: day}] * 5 + [answers | {question: night}] * 5)
    close_round(later)
    cells = split_cells(later)
    assert (cells[("rate", None, "Day")], cells[("rate", None, "Night")]) == (15, 5)
    # The background question's own answers are released for the whole organisation only.
    assert list(ReleasedCell.objects.filter(round=later, question=question).values_list("round_unit", "count")) == [
        (None, 20)
    ]


def test_a_group_hides_a_question_when_a_few_people_there_skipped_it(survey):
    template, round, units = survey
    optional = Question.objects.get(template=template, text_nb="Optional")
    # Sykehjem: 8 responses, all answer the optional statement. Helse: 8, of whom 6 answer it: 8 − 6 would
    # show that 2 in Helse skipped it, so Helse's cell is hidden; then Sykehjem's too (the organisation's 14
    # minus Sykehjem's 8 would give Helse's 6, and its 2 who skipped).
    add_responses(round, units["Sykehjem"], [{optional: 4}] * 8)
    add_responses(round, units["Helse"], [{optional: 2}] * 6 + [{}] * 2)
    close_round(round)
    rows = ReleasedCell.objects.filter(round=round, question=optional)
    assert [(c.round_unit_id, c.count) for c in rows] == [(None, 14)]
    assert ReleasedCell.objects.filter(round=round, kind="rate", round_unit__isnull=False).count() == 2


def test_the_release_reads_the_answers_in_the_same_number_of_queries_with_a_background_question(world):
    counts = []
    for split in (False, True):
        template = readiness_template(world.org)
        if split:
            question, day, _night = background(template)
        round, units = make_round(world.org, template, {"Helse": (None, 40), "Natt": ("Helse", 10)})
        answers = every_stage(template, 4) | ({question: day} if split else {})
        add_responses(round, units["Helse"], [answers] * 12)
        add_responses(round, units["Natt"], [answers] * 6)
        with CaptureQueriesContext(connection) as queries:
            release(round)
        counts.append(len(queries))
        # Everybody on days: the days are the whole organisation, and each unit group is all days.
        assert ReleasedCell.breakdowns.filter(round=round, kind="rate").count() == (1 if split else 0)
    assert counts[0] == counts[1]
