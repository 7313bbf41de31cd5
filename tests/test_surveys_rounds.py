"""Survey rounds: preparing, opening (the tree copied, the right people invited), closing, the response
rate without names, reminders to exactly those left, and who may do what."""

import datetime
import hashlib
import io
import re
import secrets

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from surveys.models import Invitation, ReleasedCell, Round, RoundUnit, UnitLink
from surveys.services import rounds
from surveys.services.intake import (
    check_answers,
    forget_questions,
    personal_ticket,
    questions_of,
    submit,
    unit_ticket,
)
from surveys.services.rounds import close_round, open_round, response_rate

from .factories_rounds import draft_round, employee, survey_template
from .pages import assert_page

pytestmark = pytest.mark.django_db

SITE = "https://omstilling.example.no"


@pytest.fixture(autouse=True)
def fresh_questions():
    forget_questions()  # ids come again after each test's rollback


def _code(message) -> str:
    return re.search(r"#(\S+)", message.body).group(1)


def _link(message) -> str:
    return re.search(r"https://\S+", message.body).group(0)


def _answer(round_, code):
    ticket = personal_ticket(round_.organisation, code)
    questions = questions_of(round_)
    scale, single = questions[0], questions[1]
    checked = check_answers(questions, {scale.pk: ["4"], single.pk: [str(single.choices.first().pk)]})
    assert checked.errors == {}
    submit(ticket, checked.answers, submission=code)


@pytest.fixture
def staff(world):
    """Two in the unit, one in its department (below it), one in another unit, one who left, one without
    e-mail."""
    return {
        "anne": employee(world.org, "anne", world.unit, language="nn"),
        "bjorn": employee(world.org, "bjorn", world.unit),
        "cecilie": employee(world.org, "cecilie", world.department, language="en"),
        "dag": employee(world.org, "dag", world.other_unit),
        "eva": employee(world.org, "eva", world.unit, active=False),
        "frode": employee(world.org, "frode", world.unit, email=""),
    }


def test_opening_copies_the_tree_and_invites_those_working_there(
    world, staff, django_capture_on_commit_callbacks, monkeypatch
):
    written_in = []
    real_render = rounds.render_to_string

    def render_noting_language(name, context):
        written_in.append((context["link"], translation.get_language()))
        return real_render(name, context)

    monkeypatch.setattr(rounds, "render_to_string", render_noting_language)
    round_ = draft_round(world, world.unit)
    with django_capture_on_commit_callbacks(execute=True):
        invited = open_round(round_, base_url=SITE)
    round_.refresh_from_db()
    assert invited == 3 and round_.state == Round.State.OPEN and round_.version == 1
    copies = {c.name: c for c in RoundUnit.objects.for_org(world.org).filter(round=round_)}
    assert set(copies) == {world.unit.name, world.department.name}
    assert copies[world.department.name].parent == copies[world.unit.name]
    assert copies[world.unit.name].parent is None  # the sector above was not chosen
    assert copies[world.unit.name].invited == 2 and copies[world.department.name].invited == 1
    # Everyone working there, with or without e-mail (Frode has none; Eva has left): what a unit link asks.
    assert copies[world.unit.name].headcount == 3 and copies[world.department.name].headcount == 1
    invited_people = set(Invitation.objects.for_org(world.org).values_list("person__username", flat=True))
    assert invited_people == {"anne", "bjorn", "cecilie"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anne@fjordvik.kommune.no",
        "bjorn@fjordvik.kommune.no",
        "cecilie@fjordvik.kommune.no",
    ]
    by_person = {m.to[0].split("@")[0]: m for m in mail.outbox}
    # Each in their own language (the organisation's, bokmål, for Bjørn who chose none).
    language_of_link = dict(written_in)
    assert language_of_link[_link(by_person["anne"])] == "nn"
    assert language_of_link[_link(by_person["cecilie"])] == "en"
    assert language_of_link[_link(by_person["bjorn"])] == world.org.language
    # Each link carries its code after "#", and only the hash of it is stored.
    code = _code(by_person["bjorn"])
    assert f"{SITE}/surveys/answer/{world.org.pk}/#" in by_person["bjorn"].body
    assert f"{SITE}/surveys/about/{world.org.pk}/" in by_person["bjorn"].body  # how answers are protected
    assert not Invitation.objects.for_org(world.org).filter(token_hash=code).exists()


def test_the_copy_keeps_the_tree_as_it_was(world, staff):
    round_ = draft_round(world, world.unit)
    open_round(round_, base_url=SITE)
    world.department.name = "Avdeling omdøpt"
    world.department.parent = world.other_unit
    world.department.save()
    copy = RoundUnit.objects.for_org(world.org).get(round=round_, unit=world.department)
    assert copy.name == "Fjordvik Avdeling A" and copy.parent.unit == world.unit


def test_the_version_is_frozen_when_the_round_opens(world, staff):
    template = survey_template(world.org, "Adopsjon")
    template.version = 2
    template.save()
    template.questions.update(version=2)
    round_ = draft_round(world, world.unit, template=template)
    open_round(round_, base_url=SITE)
    round_.refresh_from_db()
    assert round_.version == 2


def test_a_round_without_units_or_questions_does_not_open(world, staff):
    empty = draft_round(world, world.unit, template=survey_template(world.org, "Tom"))
    empty.template.questions.all().delete()
    with translation.override("en"), pytest.raises(Exception, match="no questions"):
        open_round(empty, base_url=SITE)
    assert not Invitation.objects.for_org(world.org).exists()
    assert Round.objects.for_org(world.org).get(pk=empty.pk).state == Round.State.DRAFT


def test_portfolio_office_prepares_and_opens_a_round(world, staff, login):
    template = survey_template(world.org)
    client = login(world.users["portfolio_office"])
    today = timezone.localdate()
    data = {
        "template": template.pk,
        "title": "Beredskap våren",
        "units": [world.unit.pk],
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
        "remind_on": (today + datetime.timedelta(days=5)).isoformat(),
        "minimum_group": 5,
    }
    response = client.post(reverse("surveys:round_create"), data)
    assert response.status_code == 302
    round_ = Round.objects.for_org(world.org).get(title="Beredskap våren")
    response = client.post(reverse("surveys:round_open", args=[round_.pk]))
    assert response.status_code == 302
    assert Invitation.objects.for_org(world.org).filter(round=round_).count() == 3


def test_the_minimum_group_cannot_go_below_the_organisations(world, login):
    world.org.minimum_group_size = 8
    world.org.save()
    template = survey_template(world.org)
    client = login(world.users["administrator"])
    today = timezone.localdate()
    data = {
        "template": template.pk,
        "title": "For liten",
        "units": [world.unit.pk],
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
        "minimum_group": 6,
    }
    response = client.post(reverse("surveys:round_create"), data)
    assert response.status_code == 200
    assert "minimum_group" in response.context["form"].errors
    assert not Round.objects.for_org(world.org).exists()


def test_only_the_portfolio_office_and_administrators_open_rounds(world, staff, login, client):
    round_ = draft_round(world, world.unit)
    for role in ("top_management", "middle_manager", "employee", "politician"):
        client.force_login(world.users[role])
        assert client.post(reverse("surveys:round_open", args=[round_.pk])).status_code == 403
    assert not Invitation.objects.for_org(world.org).exists()
    assert Round.objects.for_org(world.org).get(pk=round_.pk).state == Round.State.DRAFT


def test_the_round_page_shows_the_rate_but_never_who_answered(world, login, django_capture_on_commit_callbacks):
    people = [employee(world.org, f"pleier{n}", world.unit) for n in range(7)]
    people.append(employee(world.org, "avdeling", world.department))
    round_ = draft_round(world, world.unit)
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    codes = {m.to[0]: _code(m) for m in mail.outbox}
    answered = [*people[:5], people[7]]
    for person in answered:
        _answer(round_, codes[person.email])
    rate = response_rate(round_)
    # 6 of 8: the unit (5 of its own 7 plus the department's 1, carried up as fewer than 5 answered there).
    assert (rate.asked, rate.answered, rate.percent) == (8, 6, 75)
    assert [(u.name, u.asked, u.answered) for u in rate.units] == [(world.unit.name, 8, 6)]
    body = assert_page(login(world.users["unit_leader"]).get(reverse("surveys:round", args=[round_.pk])), round_.title)
    assert "75 %" in body
    for person in people:
        assert person.first_name not in body and person.email not in body
    assert world.department.name not in body  # 1 answered there: not shown on its own


def test_no_unit_is_shown_when_the_rest_could_be_worked_out(world, django_capture_on_commit_callbacks):
    sector_people = [employee(world.org, f"sektor{n}", world.sector) for n in range(2)]
    unit_people = [employee(world.org, f"enhet{n}", world.other_unit) for n in range(5)]
    round_ = draft_round(world, world.sector)
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    codes = {m.to[0]: _code(m) for m in mail.outbox}
    for person in unit_people + sector_people[:1]:
        _answer(round_, codes[person.email])
    rate = response_rate(round_)
    # The other unit has 5 and could be shown, but the sector's own 1 would then be 6 − 5.
    assert (rate.asked, rate.answered) == (7, 6)
    assert rate.units == []


def test_closing_ends_the_links_and_forgets_who_did_not_answer(world, staff, django_capture_on_commit_callbacks):
    round_ = draft_round(world, world.unit)
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    close_round(round_)
    round_.refresh_from_db()
    assert round_.state == Round.State.CLOSED
    assert not Invitation.objects.for_org(world.org).filter(round=round_).exists()
    assert RoundUnit.objects.for_org(world.org).get(round=round_, unit=world.unit).invited == 2


def _answer_through_unit_link(round_, code):
    ticket = unit_ticket(round_.organisation, code)
    questions = questions_of(round_)
    scale, single = questions[0], questions[1]
    checked = check_answers(questions, {scale.pk: ["3"], single.pk: [str(single.choices.last().pk)]})
    submit(ticket, checked.answers, submission=secrets.token_urlsafe(8))


def test_a_unit_with_a_unit_link_counts_everyone_working_there_and_the_links_answers(
    world, login, pages_in_english, django_capture_on_commit_callbacks
):
    with_email = [employee(world.org, f"pleier{n}", world.unit) for n in range(8)]
    for n in range(4):
        employee(world.org, f"uten{n}", world.unit, email="")
    in_department = [employee(world.org, f"avd{n}", world.department) for n in range(2)]
    round_ = draft_round(world, world.unit)
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    codes = {m.to[0]: _code(m) for m in mail.outbox}
    for person in [*with_email[:4], in_department[0]]:
        _answer(round_, codes[person.email])
    # No unit link yet: 5 of the 10 invited by e-mail.
    assert (response_rate(round_).asked, response_rate(round_).answered, response_rate(round_).percent) == (10, 5, 50)

    unit = RoundUnit.objects.for_org(world.org).get(round=round_, unit=world.unit)
    link_code = rounds.create_unit_link(round_, unit)
    for _n in range(3):
        _answer_through_unit_link(round_, link_code)
    unit.refresh_from_db()
    assert unit.link_answers == 3
    rate = response_rate(round_)
    # The unit asks its 12 (8 with e-mail, 4 without) and has 4 + 3 answers; the department 1 of 2,
    # too few to show on its own, so it is carried up: 8 of 14 = 57.1 %.
    assert (rate.asked, rate.answered, rate.percent, rate.has_unit_links) == (14, 8, 57, True)
    assert [(u.name, u.asked, u.answered, u.percent) for u in rate.units] == [(world.unit.name, 14, 8, 57)]
    body = assert_page(
        login(world.users["portfolio_office"]).get(reverse("surveys:round", args=[round_.pk])), round_.title
    )
    assert "57 % have answered (8 answers; 14 asked)." in body
    assert "is counted twice" in body

    # Someone with a personal link may answer through the unit link too: the rate stops at 100 %.
    for _n in range(10):
        _answer_through_unit_link(round_, link_code)
    rate = response_rate(round_)
    assert (rate.asked, rate.answered, rate.percent) == (14, 18, 100)
    assert rate.units[0].percent == 100

    # Released at close by the same rule: 18 answers against the 14 asked, shown as 100 %.
    rounds.close_round(round_)
    whole = ReleasedCell.objects.get(round=round_, kind=ReleasedCell.Kind.RATE, round_unit=None)
    assert (whole.count, whole.invited, whole.response_rate) == (18, 14, 1.0)
    results = login(world.users["portfolio_office"]).get(reverse("surveys:results", args=[round_.pk]))
    assert "18 answers, 14 asked (100\xa0%)" in assert_page(results, f"Results: {round_.title}")


def test_reminders_reach_exactly_those_left(world, staff, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    round_ = draft_round(world, world.unit, remind_on=today)
    round_.opens_on = today - datetime.timedelta(days=3)
    round_.save()
    later = draft_round(world, world.other_unit, template=survey_template(world.org, "Senere"))
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
        open_round(later, base_url=SITE)  # its reminder date has not come
    codes = {m.to[0]: _code(m) for m in mail.outbox}
    _answer(round_, codes["bjorn@fjordvik.kommune.no"])
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_survey_reminders", site=SITE, stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == ["anne@fjordvik.kommune.no", "cecilie@fjordvik.kommune.no"]
    assert out.getvalue().strip() == "Sent 2 survey reminder email(s); 0 failed."
    by_person = {m.to[0].split("@")[0]: m for m in mail.outbox}
    # The reminder's link works, the first one no longer does.
    new_code = _code(by_person["cecilie"])
    assert personal_ticket(world.org, new_code).round == round_
    with translation.override("en"), pytest.raises(Exception, match="already been used"):
        personal_ticket(world.org, codes["cecilie@fjordvik.kommune.no"])
    # Each in their language.
    assert by_person["anne"].subject == f"Påminning – undersøking: {round_.title}"
    assert by_person["cecilie"].subject == f"Reminder – survey: {round_.title}"
    round_.refresh_from_db()
    assert (round_.reminded_on, round_.reminders_sent) == (today, 2)


def test_a_round_is_reminded_once(world, staff, login, pages_in_english, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    round_ = draft_round(world, world.unit, remind_on=today)
    round_.opens_on = today - datetime.timedelta(days=3)
    round_.save()
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    mail.outbox.clear()
    assert rounds.send_reminders(today, base_url=SITE) == rounds.Reminders(sent=3)
    reminded = {m.to[0]: _code(m) for m in mail.outbox}
    mail.outbox.clear()
    # Again the same day and the next: nothing is sent, and the codes of the reminders still work.
    assert rounds.send_reminders(today, base_url=SITE) == rounds.Reminders()
    assert rounds.send_reminders(today + datetime.timedelta(days=1), base_url=SITE) == rounds.Reminders()
    out = io.StringIO()
    call_command("send_survey_reminders", site=SITE, stdout=out)
    assert out.getvalue().strip() == "Sent 0 survey reminder email(s); 0 failed."
    assert mail.outbox == []
    assert all(personal_ticket(world.org, code).round == round_ for code in reminded.values())
    body = assert_page(login(world.users["unit_leader"]).get(reverse("surveys:round", args=[round_.pk])), round_.title)
    assert f"Reminder sent {today:%d.%m.%Y} to 3 people" in body
    assert not any(email in body for email in reminded)


def test_the_list_of_rounds(world, login, pages_in_english):
    round_ = draft_round(world, world.unit)
    body = assert_page(login(world.users["middle_manager"]).get(reverse("surveys:rounds")), "Survey rounds")
    assert round_.title in body


def test_a_unit_link_is_shown_once_with_its_qr_code(world, staff, login, pages_in_english):
    round_ = draft_round(world, world.unit)
    open_round(round_, base_url=SITE)
    round_unit = RoundUnit.objects.for_org(world.org).get(round=round_, unit=world.unit)
    response = login(world.users["portfolio_office"]).post(reverse("surveys:unit_link_create", args=[round_unit.pk]))
    body = assert_page(response, f"Answer the survey: {world.unit.name}")
    assert "<svg" in body and "<title>QR code for answering the survey</title>" in body
    assert "If you received a personal link by e-mail, use that one instead." in body  # on the poster too
    code = re.search(r'<code class="survey-code">([^<]+)</code>', body).group(1)
    assert f"/surveys/unit/{world.org.pk}/#{code}" in body
    link = UnitLink.objects.for_org(world.org).get(round_unit=round_unit)
    assert link.token_hash == hashlib.sha256(code.encode()).hexdigest() and code not in link.token_hash
    assert unit_ticket(world.org, code).round_unit == round_unit
