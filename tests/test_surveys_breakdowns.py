"""Background questions ("Do you work shifts?"): only a question of one choice, always optional, ticked
in the template editor, and said to be optional on the answer page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.validation import save_valid
from surveys.models import Question, SurveyTemplate

from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


def _readiness(world) -> SurveyTemplate:
    return SurveyTemplate.objects.for_org(world.org).get(kind="readiness")


def _question(world, **fields) -> Question:
    template = _readiness(world)
    return Question(organisation=world.org, template=template, version=1, order=99, text_nb="Turnus?", **fields)


def test_only_a_question_of_one_choice_can_split_results(world):
    with pytest.raises(ValidationError) as exc:
        save_valid(_question(world, kind=Question.Kind.MULTIPLE, breakdown=True, required=False))
    assert "breakdown" in exc.value.message_dict
    assert not Question.objects.for_org(world.org).filter(text_nb="Turnus?").exists()


def test_a_question_results_are_split_by_cannot_be_required(world):
    with pytest.raises(ValidationError) as exc:
        save_valid(_question(world, kind=Question.Kind.SINGLE, breakdown=True, required=True))
    assert list(exc.value.message_dict) == ["required"]
    save_valid(_question(world, kind=Question.Kind.SINGLE, breakdown=True, required=False))
    assert Question.objects.for_org(world.org).get(text_nb="Turnus?").breakdown


def test_the_portfolio_office_ticks_a_background_question_in_the_editor(world, login):
    readiness = _readiness(world)
    url = reverse("surveys:question_add", args=[readiness.pk])
    client = login(world.users["portfolio_office"])
    data = {"kind": "single", "topic": "", "text_nb": "Jobber du natt?", "breakdown": "on"}
    refused = client.post(url, data | {"required": "on"})
    body = assert_page(refused, "Add: Question")
    assert "always optional" in body
    assert not readiness.questions.filter(text_nb="Jobber du natt?").exists()

    response = client.post(url, data)
    assert response.status_code == 302
    added = readiness.questions.get(text_nb="Jobber du natt?")
    assert (added.breakdown, added.required) == (True, False)
    page = assert_page(
        client.get(reverse("surveys:template", args=[readiness.pk]), {"lang": "nb"}), "Endringsberedskap"
    )
    assert "results can be split by it" in page
