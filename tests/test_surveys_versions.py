"""Versions of a survey template: a round keeps the text people answered, whatever is edited later."""

import datetime

import pytest

from surveys.models import Choice, Question, Round, SurveyTemplate
from surveys.services.templates import (
    current_questions,
    delete_choice,
    delete_question,
    editable_version,
    save_choice,
    save_question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def readiness(world):
    return SurveyTemplate.objects.for_org(world.org).get(kind="readiness")


def _round_on(template, version: int) -> Round:
    return Round.objects.create(
        organisation=template.organisation,
        template=template,
        version=version,
        title="Digitale nøkler",
        opens_on=datetime.date(2026, 3, 2),
        closes_on=datetime.date(2026, 3, 16),
    )


def _texts(template, version: int) -> list[str]:
    return list(template.questions.filter(version=version).values_list("text_nb", flat=True))


def test_a_version_no_round_has_used_is_edited_in_place(readiness):
    question = current_questions(readiness).get(order=1)
    question.text_nb = "Jeg skjønner hvorfor vi bytter til digitale nøkler."
    save_question(question)
    readiness.refresh_from_db()
    assert readiness.version == 1
    assert readiness.questions.count() == 17
    assert _texts(readiness, 1)[0] == "Jeg skjønner hvorfor vi bytter til digitale nøkler."


def test_editing_a_version_a_round_used_makes_version_two_and_the_round_keeps_its_text(readiness):
    _round_on(readiness, 1)
    before = _texts(readiness, 1)
    question = current_questions(readiness).get(order=1)
    question.text_nb = "Jeg skjønner hvorfor vi bytter til digitale nøkler."
    save_question(question)

    readiness.refresh_from_db()
    assert readiness.version == 2
    assert _texts(readiness, 1) == before  # the round on version 1 still sees what people answered
    after = _texts(readiness, 2)
    assert after[0] == "Jeg skjønner hvorfor vi bytter til digitale nøkler."
    assert after[1:] == before[1:]
    # The edit went to the copy, not to the row the round asked.
    assert readiness.questions.get(pk=question.pk).version == 2
    # A second edit of version 2 (no round on it) makes no version 3.
    question.text_nn = "Eg skjønar kvifor."
    save_question(question)
    readiness.refresh_from_db()
    assert readiness.version == 2


def test_the_copy_carries_the_choices_and_a_deleted_choice_stays_in_the_old_version(world):
    maturity = SurveyTemplate.objects.for_org(world.org).get(kind="maturity")
    _round_on(maturity, 1)
    first_area = current_questions(maturity).get(order=1)
    lowest = first_area.choices.get(order=1)
    delete_choice(lowest)

    maturity.refresh_from_db()
    assert maturity.version == 2
    assert first_area.choices.count() == 5  # version 1: untouched
    copy = maturity.questions.get(version=2, order=1)
    assert [choice.order for choice in copy.choices.all()] == [2, 3, 4, 5]
    assert Choice.objects.for_org(world.org).filter(question__template=maturity).count() == 14 * 5 + 14 * 5 - 1


def test_adding_a_choice_and_a_question_goes_to_the_new_version(world):
    adoption = SurveyTemplate.objects.for_org(world.org).get(kind="adoption")
    _round_on(adoption, 1)
    obstacles = current_questions(adoption).get(kind=Question.Kind.MULTIPLE)
    save_choice(Choice(question=obstacles, text_nb="Nettet er for dårlig"))
    adoption.refresh_from_db()
    assert adoption.version == 2
    assert obstacles.choices.count() == 8
    assert adoption.questions.get(version=2, order=obstacles.order).choices.last().text_nb == "Nettet er for dårlig"

    added = save_question(Question(template=adoption, kind=Question.Kind.SCALE, text_nb="Jeg liker det nye."))
    assert (added.version, added.order) == (2, 9)  # after the eight copied questions
    assert adoption.questions.filter(version=1).count() == 8


def test_deleting_a_question_keeps_it_for_the_round(readiness):
    _round_on(readiness, 1)
    delete_question(current_questions(readiness).get(order=15))
    readiness.refresh_from_db()
    assert readiness.version == 2
    assert readiness.questions.filter(version=1).count() == 17
    assert readiness.questions.filter(version=2).count() == 16


def test_a_round_on_the_new_version_makes_the_next_edit_copy_again(readiness):
    _round_on(readiness, 1)
    assert editable_version(readiness) == 2
    _round_on(readiness, 2)
    assert editable_version(readiness) == 3
    assert readiness.version == 3
    assert readiness.questions.filter(version=3).count() == 17
