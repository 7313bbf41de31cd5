"""Answering without signing in: the links, every kind of bad input (a clear message and nothing
stored), one answer per personal link, nothing linking a person to a response, the unit link's rate
limit, and the order responses are stored in."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Invitation, Question, Response, Round, RoundUnit
from surveys.services.intake import PER_ADDRESS_LIMIT, forget_questions, unit_link_rate_exceeded
from surveys.services.rounds import close_round, create_unit_link, open_round

from .browser import PHONE_WIDTH, assert_accessible, assert_page_accessible
from .factories_rounds import draft_round, employee
from .pages import assert_page

pytestmark = pytest.mark.django_db

SITE = "https://omstilling.example.no"


@pytest.fixture(autouse=True)
def empty_cache():
    caches["shared"].clear()  # the rate limits and one-time form ids live in the shared cache
    forget_questions()
    yield
    caches["shared"].clear()


@pytest.fixture
def survey(world, django_capture_on_commit_callbacks, pages_in_english):
    """An open round for the unit, with Anne (nynorsk) and Bjørn invited; their codes by first name."""
    anne = employee(world.org, "anne", world.unit, language="nn")
    bjorn = employee(world.org, "bjorn", world.unit)
    round_ = draft_round(world, world.unit)
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    codes = {m.to[0].split("@")[0]: re.search(r"#(\S+)", m.body).group(1) for m in mail.outbox}
    questions = {q.kind: q for q in round_.template.questions.filter(version=1)}
    return {"round": round_, "codes": codes, "questions": questions, "anne": anne, "bjorn": bjorn}


def _url(world, kind="answer"):
    return reverse(f"surveys:{kind}", args=[world.org.pk])


def _answers(survey, **changes):
    q = survey["questions"]
    data = {
        f"q{q['scale'].pk}": "4",
        f"q{q['single'].pk}": str(q["single"].choices.first().pk),
        f"q{q['multiple'].pk}": [str(c.pk) for c in q["multiple"].choices.all()],
        f"q{q['text'].pk}": "Mer tid til opplæring, takk.",
        "submission": "skjema-1",
        "language": "en",  # the page in English, as the messages below are read
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _stored(world):
    return (Response.objects.for_org(world.org).count(), Answer.objects.for_org(world.org).count())


def test_the_code_page_asks_for_the_code_without_it_in_the_address(world, client, survey):
    body = assert_page(client.get(_url(world)), "Answer the survey")
    assert 'name="code"' in body and "js/survey-code.js" in body
    # The e-mailed link keeps its code after "#": the part the server sees holds none of it.
    link = next(m for m in mail.outbox if m.to[0].startswith("bjorn")).body
    address = re.search(r"https://\S+", link).group(0)
    assert address.split("#")[0] == f"{SITE}{_url(world)}" and survey["codes"]["bjorn"] not in address.split("#")[0]


def test_the_code_shows_the_questions_in_the_persons_language(world, client, survey):
    template = survey["round"].template
    template.description, template.description_nn = "Om hverdagen på jobb.", "Om kvardagen på jobb."
    template.save()
    response = client.post(_url(world), {"code": survey["codes"]["anne"]})
    body = assert_page(response, survey["round"].title)
    assert '<html lang="nn"' in body
    assert "Eg forstår kvifor vi endrar arbeidsmåten." in body
    assert "Om kvardagen på jobb." in body and "Om hverdagen på jobb." not in body
    assert body.count('type="radio"') == 5 + 2  # the scale, and the two choices of the single choice
    english = client.post(_url(world), {"code": survey["codes"]["anne"], "language": "en", "change_language": "1"})
    body = assert_page(english, survey["round"].title)
    assert "I understand why we are changing how we work." in body and "Strongly agree" in body
    assert survey["codes"]["anne"] not in re.findall(r'(?:href|action)="([^"]*)"', body)


def test_answering_stores_the_response_and_forgets_the_invitation(world, client, survey):
    before = _stored(world)
    response = client.post(_url(world), {"code": survey["codes"]["bjorn"], **_answers(survey)})
    assert_page(response, "Thank you for answering")
    # One response with 5 answers: the scale, the single choice, two choices picked, the text.
    assert _stored(world) == (before[0] + 1, before[1] + 5)
    assert not Invitation.objects.for_org(world.org).filter(person=survey["bjorn"]).exists()
    assert Invitation.objects.for_org(world.org).filter(person=survey["anne"]).exists()
    stored = Response.objects.for_org(world.org).get()
    assert stored.round_unit.unit == world.unit
    values = sorted(str(v) for v in Answer.objects.for_org(world.org).values_list("value", flat=True) if v)
    assert values == ["4"]


def test_no_row_links_a_person_to_a_response():
    """Neither table can hold who answered, or when: only the round, the unit as it opened, the answers."""
    response_fields = {f.name for f in Response._meta.get_fields()}
    answer_fields = {f.name for f in Answer._meta.get_fields()}
    assert response_fields == {"id", "organisation", "round", "round_unit", "answers"}
    assert answer_fields == {"id", "organisation", "response", "question", "value", "choice", "text"}
    assert not any(f.related_model is Response for f in Invitation._meta.get_fields())


def test_a_used_link_cannot_answer_again(world, client, survey):
    code = survey["codes"]["bjorn"]
    client.post(_url(world), {"code": code, **_answers(survey)})
    before = _stored(world)
    again = client.post(_url(world), {"code": code, **_answers(survey, submission="skjema-2")})
    body = assert_page(again, "Answer the survey")
    assert "already been used" in body
    assert _stored(world) == before


def test_a_second_click_on_send_stores_nothing_more(world, client, survey):
    link_code = create_unit_link(survey["round"], survey["round"].round_units.get(unit=world.unit))
    url = _url(world, "unit_answer")
    first = client.post(url, {"code": link_code, **_answers(survey)})
    assert_page(first, "Thank you for answering")
    before = _stored(world)
    second = client.post(url, {"code": link_code, **_answers(survey)})
    body = assert_page(second, "Nothing was sent")
    assert "already received these answers" in body
    assert _stored(world) == before


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("not-a-code", "This code is not valid"),
        ("A" * 32, "This code is not valid"),
    ],
)
def test_a_forged_code_is_refused(world, client, survey, code, message):
    before = _stored(world)
    body = assert_page(client.post(_url(world), {"code": code, **_answers(survey)}), "Answer the survey")
    assert message in body
    assert _stored(world) == before


def test_a_code_of_another_organisation_is_not_valid_here(world, other_world, client, survey):
    response = client.post(_url(other_world), {"code": survey["codes"]["bjorn"], **_answers(survey)})
    # A code made here but not found in this organisation reads as one already used.
    assert "already been used" in assert_page(response, "Answer the survey")
    assert Invitation.objects.for_org(world.org).filter(person=survey["bjorn"]).exists()
    assert _stored(world) == (0, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"state": Round.State.CLOSED}, "This survey has closed"),
        ({"closes_on": datetime.date(2020, 1, 1), "opens_on": datetime.date(2019, 12, 1)}, "This survey has closed"),
        ({"opens_on": datetime.date(2099, 1, 1), "closes_on": datetime.date(2099, 2, 1)}, "not open for answers yet"),
    ],
    ids=["closed", "expired", "not yet open"],
)
def test_a_round_not_open_takes_no_answers(world, client, survey, change, message):
    Round.objects.for_org(world.org).filter(pk=survey["round"].pk).update(**change)
    before = _stored(world)
    response = client.post(_url(world), {"code": survey["codes"]["bjorn"], **_answers(survey)})
    assert message in assert_page(response, "Answer the survey")
    assert _stored(world) == before
    assert Invitation.objects.for_org(world.org).filter(person=survey["bjorn"]).exists()


def _bad(survey, kind, value):
    return {f"q{survey['questions'][kind].pk}": value}


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("scale", None, "Choose an answer to this question."),
        ("scale", "6", "Choose a value from 1 to 5."),
        ("scale", "0", "Choose a value from 1 to 5."),
        ("scale", "fire", "Choose a value from 1 to 5."),
        ("scale", ["2", "3"], "Choose a value from 1 to 5."),
        ("single", None, "Choose an answer to this question."),
        ("single", "999999", "Choose among the answers shown."),
        ("text", "x" * 2001, "Write at most 2000 characters."),
    ],
    ids=["missing", "above", "below", "not a number", "two values", "missing choice", "foreign choice", "too long"],
)
def test_bad_answers_give_their_message_and_store_nothing(world, client, survey, kind, value, message):
    data = {"code": survey["codes"]["bjorn"], **_answers(survey)}
    data.pop(f"q{survey['questions'][kind].pk}")
    if value is not None:
        data.update(_bad(survey, kind, value))
    before = _stored(world)
    response = client.post(_url(world), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "Nothing was sent." in body
    assert _stored(world) == before
    assert Invitation.objects.for_org(world.org).filter(person=survey["bjorn"]).exists()


def test_a_choice_of_another_question_is_refused(world, client, survey):
    other_question_choice = survey["questions"]["multiple"].choices.first()
    data = {"code": survey["codes"]["bjorn"], **_answers(survey)}
    data[f"q{survey['questions']['single'].pk}"] = str(other_question_choice.pk)
    response = client.post(_url(world), data)
    assert response.status_code == 400 and "Choose among the answers shown." in response.content.decode()
    assert _stored(world) == (0, 0)


def test_optional_questions_may_be_left_empty(world, client, survey):
    q = survey["questions"]
    data = _answers(survey, **{f"q{q['multiple'].pk}": None, f"q{q['text'].pk}": ""})
    assert_page(client.post(_url(world), {"code": survey["codes"]["bjorn"], **data}), "Thank you for answering")
    assert _stored(world) == (1, 2)


def test_the_unit_link_asks_those_with_a_personal_link_to_use_that(world, client, survey):
    assert "use that one instead" not in assert_page(client.get(_url(world)), "Answer the survey")
    assert "use that one instead" in assert_page(client.get(_url(world, "unit_answer")), "Answer the survey")
    link_code = create_unit_link(survey["round"], survey["round"].round_units.get(unit=world.unit))
    body = assert_page(
        client.post(_url(world, "unit_answer"), {"code": link_code, "language": "en"}), survey["round"].title
    )
    assert "If you received a personal link by e-mail, use that one instead." in body
    # And the e-mail says the reverse, in the person's language (Anne reads nynorsk).
    assert "bruk heller denne" in next(m for m in mail.outbox if m.to[0].startswith("anne")).body


def test_an_answer_through_the_unit_link_is_counted_for_its_unit_and_a_personal_one_is_not(world, client, survey):
    unit = survey["round"].round_units.get(unit=world.unit)
    link_code = create_unit_link(survey["round"], unit)
    client.post(_url(world, "unit_answer"), {"code": link_code, **_answers(survey, submission="ved-kaffen")})
    client.post(_url(world), {"code": survey["codes"]["bjorn"], **_answers(survey)})
    assert _stored(world)[0] == 2
    assert RoundUnit.objects.for_org(world.org).get(pk=unit.pk).link_answers == 1


def test_the_rate_limit_is_kept_where_every_worker_reads_it(settings, tmp_path):
    """The production settings keep it in files on the machine, so a worker that starts afresh (a cache
    object of its own on the same directory) sees the counts the others made."""
    from omstilling import settings as production

    assert production.CACHES["shared"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    settings.CACHES = {**settings.CACHES, "shared": {**production.CACHES["shared"], "LOCATION": str(tmp_path)}}
    for _n in range(PER_ADDRESS_LIMIT):
        assert not unit_link_rate_exceeded("kode-fra-plakaten", "192.0.2.7")
    assert len(list(tmp_path.iterdir())) == 2  # one count for the link, one for the address
    del caches["shared"]  # another worker: a new cache object on the same files
    assert unit_link_rate_exceeded("kode-fra-plakaten", "192.0.2.7")  # the 31st from this address
    # Neither the code nor the address is in a key or a file in clear.
    for file in tmp_path.iterdir():
        content = file.read_bytes()
        assert b"kode-fra-plakaten" not in content and b"192.0.2.7" not in content


def test_the_unit_link_is_limited_in_rate(world, client, survey):
    link_code = create_unit_link(survey["round"], survey["round"].round_units.get(unit=world.unit))
    url = _url(world, "unit_answer")
    for _n in range(PER_ADDRESS_LIMIT):
        assert client.post(url, {"code": link_code}).status_code == 200
    before = _stored(world)
    refused = client.post(url, {"code": link_code, **_answers(survey)})
    assert refused.status_code == 429
    assert "Wait ten minutes" in refused.content.decode()
    assert _stored(world) == before


def test_closing_writes_the_responses_again_in_a_random_order(world, client, survey):
    for person in ("anne", "bjorn"):
        client.post(_url(world), {"code": survey["codes"][person], **_answers(survey, submission=person)})
    ids_before = set(Response.objects.for_org(world.org).values_list("pk", flat=True))
    answers_before = sorted(Answer.objects.for_org(world.org).values_list("question_id", "value", "choice_id", "text"))
    close_round(survey["round"])
    assert Response.objects.for_org(world.org).count() == 2
    assert set(Response.objects.for_org(world.org).values_list("pk", flat=True)).isdisjoint(ids_before)
    answers_after = sorted(Answer.objects.for_org(world.org).values_list("question_id", "value", "choice_id", "text"))
    assert answers_after == answers_before


def test_the_question_kinds_are_those_the_page_knows():
    assert set(Question.Kind.values) == {"scale", "single", "multiple", "text"}


def test_a_round_opened_today_takes_answers_until_it_closes(world, client, survey):
    Round.objects.for_org(world.org).filter(pk=survey["round"].pk).update(closes_on=timezone.localdate())
    response = client.post(_url(world), {"code": survey["codes"]["bjorn"], **_answers(survey)})
    assert_page(response, "Thank you for answering")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_answering_on_a_phone(page, world, survey, live_server):
    """The e-mailed link in Chromium at phone width: the script posts the code from after "#", the
    questions pass axe and reflow, and the answer is sent with the keyboard."""
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    code = survey["codes"]["bjorn"]
    page.goto(f"{_url(world)}#{code}")
    page.locator("#survey-language").wait_for()
    assert code not in page.url  # taken out of the address bar and history
    page.locator("#survey-language").select_option("en")
    page.locator("button[name=change_language]").click()  # labelled in the person's own language (bokmål)
    assert_accessible(page, survey["round"].title)
    q = survey["questions"]
    page.get_by_role("group", name=re.compile("I understand why")).get_by_label(re.compile("^4")).check()
    page.get_by_label("Natt").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send my answers").click()
    assert_accessible(page, "Thank you for answering")
    assert _stored(world) == (1, 2)
    assert Answer.objects.for_org(world.org).get(question=q["scale"]).value == 4
    assert Answer.objects.for_org(world.org).get(question=q["single"]).choice.text_nb == "Natt"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_missing_answer_is_announced_on_a_phone(page, world, survey, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    assert_page_accessible(page, _url(world), "Answer the survey")
    page.get_by_label("Your code").fill(survey["codes"]["bjorn"])
    page.get_by_role("button", name="Continue").click()
    page.locator("#survey-language").select_option("en")
    page.locator("button[name=change_language]").click()  # labelled in the person's own language (bokmål)
    page.get_by_role("button", name="Send my answers").click()
    assert_accessible(page, survey["round"].title)
    assert page.get_by_role("alert").count() == 1
    assert _stored(world) == (0, 0)


def test_answering_leaves_nothing_in_the_audit_log_or_the_logs(world, client, survey, caplog):
    from auditlog.models import LogEntry

    entries = LogEntry.objects.count()
    code = survey["codes"]["bjorn"]
    with caplog.at_level("DEBUG"):
        client.post(_url(world), {"code": code})
        response = client.post(_url(world), {"code": code, **_answers(survey)})
    assert_page(response, "Thank you for answering")
    assert LogEntry.objects.count() == entries
    assert not [r for r in caplog.records if code in r.getMessage() or r.name.startswith("surveys")]


def test_a_background_question_says_it_may_be_left_unanswered(world, client, survey):
    single = survey["questions"]["single"]
    Question.objects.for_org(world.org).filter(pk=single.pk).update(breakdown=True, required=False)
    page = client.post(_url(world), {"code": survey["codes"]["bjorn"], "language": "en"})
    body = assert_page(page, "Beredskap før digitalt nattilsyn")
    assert "Optional: you may rather not say." in body
    q = survey["questions"]
    data = _answers(survey, **{f"q{single.pk}": None, f"q{q['multiple'].pk}": None, f"q{q['text'].pk}": ""})
    assert_page(client.post(_url(world), {"code": survey["codes"]["bjorn"], **data}), "Thank you for answering")
    assert _stored(world) == (1, 1)
