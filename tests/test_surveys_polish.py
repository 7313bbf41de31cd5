"""Small gaps users would trip over in the surveys: fieldset help texts, the target year, template
names in the user's language, the checklist owner's best fits, and reminders that survive a failing
mail server."""

import datetime
import html
import io
import re
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from surveys.forms.checklist import RemedyTaskForm
from surveys.models import Question, SurveyTemplate
from surveys.models import templates as templates_module
from surveys.models.templates import YEAR_PLACEHOLDER
from surveys.services.intake import Refused, personal_ticket
from surveys.services.rounds import Reminders, open_round, send_reminders

from .factories_checklist import remedy_task
from .factories_rounds import draft_round, employee, survey_template
from .pages import assert_page
from .survey_results_data import released_round

pytestmark = pytest.mark.django_db

SITE = "https://omstilling.example.no"


def _fieldset_described(page: str, name: str, help_text: str) -> None:
    """The fieldset of field ``name`` points at its help text, shown inside it."""
    opening = f'<fieldset class="ds-fieldset" aria-describedby="id_{name}_helptext">'
    assert opening in page, f"no fieldset described by the help of {name}"
    fieldset = page.split(opening, 1)[1].split("</fieldset>", 1)[0]
    shown = re.search(rf'<div class="ds-paragraph help" id="id_{name}_helptext"[^>]*>([^<]*)</div>', fieldset)
    assert shown is not None and html.unescape(shown.group(1)) == help_text


def test_the_round_form_shows_who_is_asked_and_the_units_help(world, login, pages_in_english):
    page = assert_page(login(world.users["portfolio_office"]).get(reverse("surveys:round_create")), "New survey round")
    _fieldset_described(
        page,
        "audience",
        "Leaders: whoever leads one of the units asked (those chosen and the units below them), as its "
        "leader or as its middle manager.",
    )
    _fieldset_described(page, "units", "Their employees, and those of the units below them, are asked.")


def test_the_wave_form_shows_the_units_help(world, login, pages_in_english):
    add = reverse("portfolio:wave_add", args=[world.initiative.pk])
    page = assert_page(login(world.users["project_leader"]).get(add), "Add: Rollout wave")
    _fieldset_described(page, "units", "A unit moved here from another wave changes on this wave's date.")


def test_a_fieldset_with_an_error_points_at_the_help_and_the_error(world, login, pages_in_english):
    client = login(world.users["portfolio_office"])
    page = client.post(reverse("surveys:round_create"), {"title": "Runde"}).content.decode()
    assert '<fieldset class="ds-fieldset" aria-describedby="id_units_helptext id_units_error">' in page
    assert 'id="id_units_error">This field is required.</div>' in page


# --- The target year ----------------------------------------------------------------------------


def _maturity(world) -> SurveyTemplate:
    return SurveyTemplate.objects.for_org(world.org).get(kind=SurveyTemplate.Kind.MATURITY)


def test_the_round_page_and_list_show_a_maturity_rounds_target_year(world, login, pages_in_english):
    maturity = draft_round(world, world.unit, template=_maturity(world), title="Ståsted 2026", target_year=2029)
    # A year left on a round of another survey means nothing there, so it is not shown.
    other = draft_round(world, world.unit, title="Beredskap", target_year=2031)
    client = login(world.users["portfolio_office"])
    page = assert_page(client.get(reverse("surveys:round", args=[maturity.pk])), "Ståsted 2026")
    assert "<dt>Target year</dt><dd>2029</dd>" in page
    page = assert_page(client.get(reverse("surveys:round", args=[other.pk])), "Beredskap")
    assert "Target year" not in page and "2031" not in page
    listing = assert_page(client.get(reverse("surveys:rounds")), "Survey rounds")
    assert '<span class="muted">Target year: 2029</span>' in listing
    assert "2031" not in listing


def test_the_question_form_of_a_maturity_survey_explains_the_year_placeholder(world, login, pages_in_english):
    client = login(world.users["portfolio_office"])
    target = Question.objects.filter(template=_maturity(world), text_nb__contains=YEAR_PLACEHOLDER).first()
    form = client.get(reverse("surveys:question_edit", args=[target.pk])).context["form"]
    help_text = "{year} is replaced by the round's target year, so respondents read the year itself."
    assert [form[name].help_text for name in ("text_nb", "text_nn", "text_en")] == [help_text] * 3
    page = client.get(reverse("surveys:question_edit", args=[target.pk])).content.decode()
    assert 'id="id_text_nn_helptext"' in page and 'aria-describedby="id_text_nn_helptext"' in page
    # A survey without a target year does not talk about one.
    readiness = survey_template(world.org)
    question = Question.objects.filter(template=readiness).first()
    form = client.get(reverse("surveys:question_edit", args=[question.pk])).context["form"]
    assert form["text_nb"].help_text == ""


def test_the_survey_page_reads_the_placeholder_as_the_target_year_in_the_language_read(
    world, login, pages_in_english, monkeypatch
):
    maturity = _maturity(world)
    client = login(world.users["portfolio_office"])
    url = reverse("surveys:template", args=[maturity.pk])
    english = client.get(url, {"lang": "en"}).content.decode()
    assert YEAR_PLACEHOLDER not in english
    assert "which description do we want to fit us by the target year?" in english
    # Read in nynorsk under an English interface: the words are looked up in nynorsk (the catalogue is
    # compiled at merge, so the lookup says which language it was asked in).
    monkeypatch.setattr(templates_module, "gettext", lambda text: f"<{text} in {translation.get_language()}>")
    nynorsk = client.get(url, {"lang": "nn"}).content.decode()
    assert YEAR_PLACEHOLDER not in nynorsk
    assert "kva skildring ønskjer vi skal passe for oss innan &lt;the target year in nn&gt;?" in nynorsk


# --- Template names in the reader's language ------------------------------------------------------


def _named(world) -> SurveyTemplate:
    template = survey_template(world.org, name="Beredskap før nattilsyn")
    template.name_nn, template.name_en = "Beredskap før nattilsyn (nn)", "Readiness before night checks"
    template.save()
    return template


def test_survey_names_are_in_english_for_an_english_reader(world, login, pages_in_english):
    template = _named(world)
    draft_round(world, world.unit, template=template, title="Runde 1")
    released = released_round(world)
    released.template.name_en = "Readiness, released"
    released.template.save()
    assert str(template) == "Readiness before night checks"
    client = login(world.users["portfolio_office"])
    form = assert_page(client.get(reverse("surveys:round_create")), "New survey round")
    assert f'<option value="{template.pk}">Readiness before night checks</option>' in form
    listing = assert_page(client.get(reverse("surveys:rounds")), "Survey rounds")
    assert "<td>Readiness before night checks" in listing and "Beredskap før nattilsyn" not in listing
    results = assert_page(client.get(reverse("surveys:results_index")), "Survey results")
    assert "<td>Readiness, released</td>" in results


def test_survey_names_are_in_nynorsk_for_a_nynorsk_reader(world, login):
    template = _named(world)
    draft_round(world, world.unit, template=template, title="Runde 1")
    reader = world.users["portfolio_office"]
    get_user_model().objects.filter(pk=reader.pk).update(preferred_language="nn")
    client = login(reader)
    form = client.get(reverse("surveys:round_create"))
    assert form.status_code == 200
    assert f'<option value="{template.pk}">Beredskap før nattilsyn (nn)</option>' in form.content.decode()
    listing = client.get(reverse("surveys:rounds")).content.decode()
    assert "<td>Beredskap før nattilsyn (nn)" in listing
    with translation.override("nn"):
        assert str(template) == "Beredskap før nattilsyn (nn)"
    with translation.override("nb"):
        assert str(template) == "Beredskap før nattilsyn"


# --- The checklist owner's likeliest people first -------------------------------------------------


def test_the_checklist_offers_top_management_first_then_the_unit_leaders(world):
    task = remedy_task(world)
    people = list(RemedyTaskForm(instance=task, organisation=world.org).fields["owner"].queryset)
    owners = [person.username for person in people]
    # The world: one member per role; "unit_leader" leads the unit, "middle_manager" holds the role.
    assert owners[0] == "a-top_management"
    assert set(owners[1:3]) == {"a-unitleader", "a-middle_manager"}
    rest = [(person.first_name, person.last_name) for person in people[3:]]
    assert rest == sorted(rest)  # then everyone else by name
    assert "a-politician" not in owners


# --- Reminders when the mail server fails -----------------------------------------------------------


class SecondMessageFails(locmem.EmailBackend):
    """The test outbox, refusing the second message it is given (counted over every connection)."""

    given = 0

    def send_messages(self, messages):
        for message in messages:
            SecondMessageFails.given += 1
            if SecondMessageFails.given == 2:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})
        return super().send_messages(messages)


def _code(message) -> str:
    return re.search(r"#(\S+)", message.body).group(1)


def _works(world, code) -> bool:
    try:
        personal_ticket(world.org, code)
    except Refused:
        return False
    return True


def test_a_failing_mail_server_leaves_no_one_silently_unreminded(world, settings, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    for name in ("anne", "bjorn", "cecilie"):
        employee(world.org, name, world.unit)
    round_ = draft_round(world, world.unit, remind_on=today, opens_on=today - datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url=SITE)
    invited = {m.to[0]: _code(m) for m in mail.outbox}
    assert len(invited) == 3
    mail.outbox.clear()

    settings.EMAIL_BACKEND = f"{__name__}.SecondMessageFails"
    SecondMessageFails.given = 0
    out, err = io.StringIO(), io.StringIO()
    call_command("send_survey_reminders", site=SITE, stdout=out, stderr=err)
    # Numbers only, never who.
    assert out.getvalue().strip() == "Sent 2 survey reminder email(s); 1 failed."
    assert err.getvalue().strip().startswith("1 survey reminder email(s) could not be sent.")
    assert not any(name in out.getvalue() + err.getvalue() for name in ("anne", "bjorn", "cecilie", "Ansattsen"))
    reminded = {m.to[0]: _code(m) for m in mail.outbox}
    (missed,) = set(invited) - set(reminded)
    # Those reminded answer with the reminder's link; the one missed still has a working link.
    assert all(_works(world, code) for code in reminded.values())
    assert not any(_works(world, invited[email]) for email in reminded)
    assert _works(world, invited[missed])
    # The round is not marked as reminded: the round page shows no reminder sent.
    round_.refresh_from_db()
    assert (round_.reminded_on, round_.reminders_sent) == (None, 0)

    # The next run reaches everyone still invited, each with a fresh link, and marks the round.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert send_reminders(today, base_url=SITE) == Reminders(sent=3)
    again = {m.to[0]: _code(m) for m in mail.outbox}
    assert set(again) == set(invited)
    assert all(_works(world, code) for code in again.values())
    assert not any(_works(world, code) for code in [*reminded.values(), invited[missed]])
    round_.refresh_from_db()
    assert (round_.reminded_on, round_.reminders_sent) == (today, 3)
    mail.outbox.clear()
    assert send_reminders(today + datetime.timedelta(days=1), base_url=SITE) == Reminders()
    assert mail.outbox == []
