"""The shipped survey templates: every organisation has them, complete and in three languages."""

import pytest

from surveys.content import DEFAULT_TEMPLATES
from surveys.models import Question, SurveyTemplate
from surveys.services.templates import current_questions, seed_default_templates
from surveys.topics import ADOPTION, BARRIERS, MATURITY_AREAS, READINESS_STAGES

pytestmark = pytest.mark.django_db


def _template(organisation, kind: str) -> SurveyTemplate:
    return SurveyTemplate.objects.for_org(organisation).get(kind=kind)


def test_every_new_organisation_gets_the_four_templates(world, other_world):
    for organisation in (world.org, other_world.org):
        kinds = set(SurveyTemplate.objects.for_org(organisation).values_list("kind", flat=True))
        assert kinds == {"readiness", "barriers", "maturity", "adoption"}


def test_seeding_again_adds_nothing(world):
    assert seed_default_templates(world.org) == 0
    assert SurveyTemplate.objects.for_org(world.org).count() == 4


def test_the_migration_seeds_organisations_that_existed_before(world):
    from importlib import import_module

    from django.apps import apps

    SurveyTemplate.objects.for_org(world.org).delete()
    migration = import_module("surveys.migrations.0002_default_templates")
    migration.seed_existing_organisations(apps, None)
    assert SurveyTemplate.objects.for_org(world.org).count() == 4
    assert Question.objects.for_org(world.org).count() == sum(len(t.questions) for t in DEFAULT_TEMPLATES)


def test_each_readiness_stage_has_two_to_four_statements_in_stage_order(world):
    asked = list(current_questions(_template(world.org, "readiness")))
    questions = [question for question in asked if not question.breakdown]
    assert all(question.kind == Question.Kind.SCALE for question in questions)
    topics = [question.topic for question in questions]
    # The stages follow each other in READINESS_STAGES order (the barrier point is the first low one).
    assert list(dict.fromkeys(topics)) == list(READINESS_STAGES)
    for stage in READINESS_STAGES:
        assert 2 <= topics.count(stage) <= 4, stage


def test_the_barriers_and_areas_are_those_of_the_topics(world):
    barriers = current_questions(_template(world.org, "barriers"))
    assert {question.topic for question in barriers} == set(BARRIERS)
    maturity = list(current_questions(_template(world.org, "maturity")))
    # Each area twice, in order: where we are now, then the target.
    assert [(question.topic, question.measure) for question in maturity] == [
        (area, measure) for area in MATURITY_AREAS for measure in ("now", "target")
    ]
    adoption = current_questions(_template(world.org, "adoption"))
    assert {question.topic for question in adoption if not question.breakdown} == set(ADOPTION)


def test_readiness_and_adoption_ask_two_optional_background_questions_to_split_results_by(world):
    for kind in ("readiness", "adoption"):
        background = [q for q in current_questions(_template(world.org, kind)) if q.breakdown]
        assert [(q.kind, q.required, q.choices.count()) for q in background] == [(Question.Kind.SINGLE, False, 2)] * 2
        assert all(
            q.text_nn and q.text_en and all(c.text_nn and c.text_en for c in q.choices.all()) for q in background
        )


def test_each_maturity_area_describes_five_levels_in_order(world):
    for question in current_questions(_template(world.org, "maturity")):
        assert question.kind == Question.Kind.SINGLE
        assert [choice.order for choice in question.choices.all()] == [1, 2, 3, 4, 5]


def test_adoption_asks_what_stops_people_with_several_choices_and_in_free_text(world):
    kinds = [question.kind for question in current_questions(_template(world.org, "adoption"))]
    assert kinds.count(Question.Kind.MULTIPLE) == 1
    assert kinds.count(Question.Kind.TEXT) == 1
    assert kinds.count(Question.Kind.SCALE) >= 2


def test_every_question_and_choice_is_written_in_all_three_languages(world):
    for question in Question.objects.for_org(world.org).prefetch_related("choices"):
        texts = [question.text_nb, question.text_nn, question.text_en]
        assert all(texts) and len(set(texts[::2])) == 2, question.text_nb  # bokmål and English differ
        if question.kind == Question.Kind.SCALE:
            low = (question.low_nb, question.low_nn, question.low_en)
            high = (question.high_nb, question.high_nn, question.high_en)
            assert low == ("Helt uenig", "Heilt usamd", "Strongly disagree")
            assert high == ("Helt enig", "Heilt samd", "Strongly agree")
        for choice in question.choices.all():
            assert choice.text_nb and choice.text_nn and choice.text_en
        question.full_clean(exclude=["organisation"])  # the shipped texts fit the fields


def test_the_template_name_is_in_the_organisations_written_language(world):
    from tests.factories import make_world

    nynorsk = make_world("n", "Fjellbygd")
    nynorsk.org.language = "nn"
    nynorsk.org.save()
    SurveyTemplate.objects.for_org(nynorsk.org).delete()
    seed_default_templates(nynorsk.org)
    assert _template(nynorsk.org, "barriers").name == "Barrierar for mellomleiarar"
    assert _template(world.org, "barriers").name == "Barrierer for mellomledere"
