"""The survey template pages: read in a chosen language, kept by the portfolio office, versioned."""

import datetime

import pytest
from django.urls import reverse

from surveys.models import Question, Round, SurveyTemplate
from surveys.services.intake import questions_of

from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

LIST = reverse("surveys:templates")


def _template(world, kind: str) -> SurveyTemplate:
    return SurveyTemplate.objects.for_org(world.org).get(kind=kind)


def _round_on_version_one(template) -> Round:
    return Round.objects.create(
        organisation=template.organisation,
        template=template,
        version=1,
        title="Digitale nøkler",
        opens_on=datetime.date(2026, 3, 2),
        closes_on=datetime.date(2026, 3, 16),
    )


def question_data(**overrides):
    data = {"kind": "scale", "topic": "why", "text_nb": "Jeg vet hvem som bestemte endringen.", "required": "on"}
    return data | overrides


def test_the_list_shows_the_four_shipped_templates(world, login):
    body = assert_page(login(world.users["top_management"]).get(LIST), "Surveys")
    for name in ("Endringsberedskap", "Barrierer for mellomledere", "Digital modenhet (ståstedsanalyse)"):
        assert name in body
    assert "Adoption after go-live" in body  # the kind, in the reader's language
    assert reverse("surveys:template_add") not in body  # top management reads, does not keep them


def test_a_template_shows_its_questions_by_stage_in_the_language_asked(world, login):
    readiness = _template(world, "readiness")
    url = reverse("surveys:template", args=[readiness.pk])
    client = login(world.users["middle_manager"])
    body = assert_page(client.get(url), "Endringsberedskap")
    # The interface is in English, so the questions are too, under the stages in order.
    stages = [body.index(stage) for stage in ("Understanding why", "Wanting to", "Knowing how", "Being able to")]
    assert stages == sorted(stages)
    assert "I understand why we are making this change." in body
    assert "1 = Strongly disagree, 5 = Strongly agree" in body
    assert reverse("surveys:question_add", args=[readiness.pk]) not in body  # leaders only read

    body = assert_page(client.get(url, {"lang": "nn"}), "Endringsberedskap")
    assert "Eg forstår kvifor vi gjer denne endringa." in body
    assert '<a class="ds-link" href="?lang=nn" lang="nn" aria-current="page">Nynorsk</a>' in body
    # An unknown language falls back to the interface's.
    body = assert_page(client.get(url, {"lang": "sv"}), "Endringsberedskap")
    assert "I understand why we are making this change." in body


def test_the_maturity_levels_are_listed_as_choices(world, login):
    maturity = _template(world, "maturity")
    body = assert_page(
        login(world.users["portfolio_office"]).get(reverse("surveys:template", args=[maturity.pk]), {"lang": "nb"}),
        "Digital modenhet (ståstedsanalyse)",
    )
    assert "Ledelse og forankring: hvilken beskrivelse passer best for oss nå?" in body
    assert "Vi beskriver ikke hva endringer skal gi." in body
    assert reverse("surveys:choice_add", args=[maturity.questions.get(order=1).pk]) in body


def test_the_portfolio_office_adds_a_question_last_in_the_current_version(world, login):
    readiness = _template(world, "readiness")
    url = reverse("surveys:question_add", args=[readiness.pk])
    client = login(world.users["portfolio_office"])
    assert_page(client.get(url), "Add: Question")
    response = client.post(url, question_data())
    assert response.status_code == 302
    assert response.url == reverse("surveys:template", args=[readiness.pk])
    added = readiness.questions.get(text_nb="Jeg vet hvem som bestemte endringen.")
    assert (added.version, added.order, added.topic) == (1, 18, "why")


def test_editing_a_question_a_round_asked_makes_a_new_version_and_the_round_keeps_the_old_text(world, login):
    readiness = _template(world, "readiness")
    _round_on_version_one(readiness)
    first = readiness.questions.get(version=1, order=1)
    old_text = first.text_nb
    url = reverse("surveys:question_edit", args=[first.pk])
    response = login(world.users["administrator"]).post(url, question_data(text_nb="Jeg skjønner hvorfor."))
    assert response.status_code == 302

    readiness.refresh_from_db()
    assert readiness.version == 2
    first.refresh_from_db()
    assert (first.version, first.text_nb) == (1, old_text)
    assert readiness.questions.get(version=2, order=1).text_nb == "Jeg skjønner hvorfor."
    # The page shows the new version; the old row can no longer be edited.
    body = assert_page(
        login(world.users["administrator"]).get(reverse("surveys:template", args=[readiness.pk]), {"lang": "nb"}),
        "Endringsberedskap",
    )
    assert "Jeg skjønner hvorfor." in body and old_text not in body
    response = login(world.users["administrator"]).post(url, question_data(text_nb="Enda en gang."))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text_nb == old_text
    assert not readiness.questions.filter(text_nb="Enda en gang.").exists()


def test_a_question_without_bokmal_text_is_refused_and_nothing_saved(world, login):
    readiness = _template(world, "readiness")
    url = reverse("surveys:question_add", args=[readiness.pk])
    response = login(world.users["portfolio_office"]).post(url, question_data(text_nb="", text_en="Only English"))
    body = assert_page(response, "Add: Question")
    assert "This field is required." in body
    assert readiness.questions.count() == 17


def test_a_question_with_choices_keeps_a_kind_with_choices(world, login):
    area = _template(world, "maturity").questions.get(order=1)
    url = reverse("surveys:question_edit", args=[area.pk])
    data = question_data(kind="scale", topic="leadership", text_nb=area.text_nb)
    body = assert_page(login(world.users["portfolio_office"]).post(url, data), "Edit: Question")
    assert "This question has choices." in body
    area.refresh_from_db()
    assert area.kind == Question.Kind.SINGLE


def test_a_choice_is_added_and_removed(world, login):
    obstacles = _template(world, "adoption").questions.get(kind="multiple")
    client = login(world.users["portfolio_office"])
    add = reverse("surveys:choice_add", args=[obstacles.pk])
    response = client.post(add, {"text_nb": "Dårlig nett", "text_nn": "Dårleg nett", "text_en": "Poor network"})
    assert response.status_code == 302
    added = obstacles.choices.last()
    assert (added.order, added.text_nn) == (9, "Dårleg nett")
    assert client.post(reverse("surveys:choice_delete", args=[added.pk])).status_code == 302
    assert obstacles.choices.count() == 8


def test_an_own_template_is_added_and_a_taken_name_refused(world, login):
    client = login(world.users["portfolio_office"])
    add = reverse("surveys:template_add")
    assert client.post(add, {"name": "Nattevakter om sensorer", "description": ""}).status_code == 302
    own = SurveyTemplate.objects.for_org(world.org).get(name="Nattevakter om sensorer")
    assert (own.kind, own.version) == ("other", 1)
    body = assert_page(client.post(add, {"name": "endringsberedskap"}), "Add: Survey template")
    assert "There is already a survey with this name." in body
    assert SurveyTemplate.objects.for_org(world.org).count() == 5


def test_a_template_a_round_asked_is_kept(world, login):
    readiness = _template(world, "readiness")
    _round_on_version_one(readiness)
    client = login(world.users["portfolio_office"])
    response = client.post(reverse("surveys:template_delete", args=[readiness.pk]), follow=True)
    body = assert_page(response, "Surveys")
    assert "Rounds have asked this survey" in body
    assert SurveyTemplate.objects.for_org(world.org).filter(pk=readiness.pk).exists()


@pytest.mark.parametrize("person", ["employee", "middle_manager", "top_management", "politician"])
def test_only_the_portfolio_office_and_administrators_change_questions(world, login, person):
    question = _template(world, "readiness").questions.get(order=1)
    before = question.text_nb
    client = login(world.users[person])
    edit = reverse("surveys:question_edit", args=[question.pk])
    assert client.post(edit, question_data(text_nb="Endret")).status_code == 403
    assert client.post(reverse("surveys:question_delete", args=[question.pk])).status_code == 403
    assert client.post(reverse("surveys:question_move", args=[question.pk]), {"direction": "down"}).status_code == 403
    question.refresh_from_db()
    assert (question.text_nb, question.order) == (before, 1)
    assert _template(world, "readiness").version == 1


def _two_of_a_topic(template) -> tuple[Question, Question]:
    """The first two questions of the first topic, in order."""
    first = template.questions.get(version=1, order=1)
    return tuple(template.questions.filter(version=1, topic=first.topic).order_by("order")[:2])


def _move(client, question, direction):
    return client.post(reverse("surveys:question_move", args=[question.pk]), {"direction": direction})


def test_moving_a_question_of_an_unused_version_swaps_it_in_place(world, login):
    readiness = _template(world, "readiness")
    upper, lower = _two_of_a_topic(readiness)
    places = upper.order, lower.order
    client = login(world.users["portfolio_office"])
    response = _move(client, lower, "up")
    assert response.status_code == 302
    assert response.url == reverse("surveys:template", args=[readiness.pk]) + f"#question-{lower.pk}"
    upper.refresh_from_db()
    lower.refresh_from_db()
    assert (lower.order, upper.order) == places
    readiness.refresh_from_db()
    assert (readiness.version, readiness.questions.count()) == (1, 17)
    body = assert_page(
        client.get(reverse("surveys:template", args=[readiness.pk]), {"lang": "nb"}), "Endringsberedskap"
    )
    assert body.index(lower.text_nb) < body.index(upper.text_nb)
    # The first of its topic has nowhere to go up to, and a direction must be one of the two.
    assert _move(client, lower, "up").status_code == 302
    assert _move(client, lower, "sideways").status_code == 400
    lower.refresh_from_db()
    assert lower.order == places[0]


def test_moving_a_question_a_round_asked_makes_a_new_version_and_the_round_keeps_the_old_order(world, login):
    readiness = _template(world, "readiness")
    round_ = _round_on_version_one(readiness)
    asked = [question.text_nb for question in questions_of(round_)]
    upper, lower = _two_of_a_topic(readiness)
    assert _move(login(world.users["administrator"]), upper, "down").status_code == 302
    readiness.refresh_from_db()
    assert readiness.version == 2
    assert [question.text_nb for question in questions_of(round_)] == asked
    upper.refresh_from_db()
    assert (upper.version, upper.order) == (1, 1)
    new_order = list(readiness.questions.filter(version=2).values_list("text_nb", flat=True))
    assert new_order.index(lower.text_nb) < new_order.index(upper.text_nb)
    assert sorted(new_order) == sorted(asked)


def test_a_template_is_named_in_three_languages_and_shown_in_the_readers(world, login, client):
    readiness = _template(world, "readiness")
    data = {
        "name": readiness.name,
        "name_nn": "Beredskap for endring",
        "name_en": "Readiness for change",
        "description": "Om vi er klare.",
        "description_nn": "",
        "description_en": "Whether we are ready.",
    }
    response = login(world.users["portfolio_office"]).post(reverse("surveys:template_edit", args=[readiness.pk]), data)
    assert response.status_code == 302
    body = assert_page(client.get(LIST), "Surveys")  # the interface in English
    assert "Readiness for change" in body and "Whether we are ready." in body
    readiness.refresh_from_db()
    assert readiness.shown_name("nn") == "Beredskap for endring"
    assert readiness.shown_description("nn") == "Om vi er klare."  # not written in nynorsk: bokmål
    assert readiness.shown_name("nb") == readiness.name


def test_the_menu_shows_surveys_to_leaders_and_not_to_employees(world, login, client):
    label = f'href="{reverse("surveys:rounds")}"'  # the menu leads to the rounds; the templates are a step away
    assert label in login(world.users["middle_manager"]).get(reverse("core:home")).content.decode()
    assert label not in login(world.users["employee"]).get(reverse("core:home")).content.decode()
