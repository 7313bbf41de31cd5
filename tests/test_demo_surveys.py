"""Fjordvik's surveys: loaded through the survey services, so the results pages, the adoption warning
and the response rate show real-looking figures under the release rules."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils.html import strip_tags

from benefits.models import Benefit
from benefits.services.warnings import contributed_warnings
from demo.fjordvik import load_fjordvik
from demo.fjordvik_surveys import ADOPTION_FOR, READINESS_FOR, invitations_not_sent
from people.services.waves import suggested_order
from portfolio.models import Initiative
from surveys.models import ReleasedCell, Round, SurveyTemplate

from .pages import assert_page

pytestmark = pytest.mark.django_db
REFERENCE = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and rolled back after it (each test rolls back its own changes)."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = load_fjordvik(reference=REFERENCE)
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def portfolio_leader(demo, client):
    user = demo.users["portefolje"]
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def _rows(body: str) -> dict[str, list[str]]:
    """The table rows of a page by the text of their first cell: the text of each cell."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            " ".join(html.unescape(strip_tags(cell)).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0].split("Counted together")[0].strip()] = cells
    return rows


def _round(demo, title: str) -> Round:
    return Round.objects.for_org(demo.organisation).get(title=title)


def test_the_autumn_readiness_round_shows_the_barrier_point_and_the_merged_small_unit(demo, portfolio_leader):
    round_ = _round(demo, "Endringsberedskap før ny journal, høst")
    body = assert_page(portfolio_leader.get(reverse("surveys:results", args=[round_.pk])), f"Results: {round_.title}")
    assert "34 answers, 40 asked (85\u00a0%)" in body
    rows = _rows(body)
    assert rows["Hjemmesykepleie sone sør"][-1] == "Knowing how"  # its first stage at 3 or lower
    assert rows["Hjemmesykepleie sone nord"][-1] == "–"  # ready: no stage at 3 or lower
    # Practical assistance had fewer than 5 answers: counted with Hjemmetjenesten, never on its own.
    assert "Counted together: Hjemmetjenesten, Praktisk bistand" in rows["Hjemmetjenesten"][0]
    assert "Praktisk bistand" not in rows
    assert "Vi trenger opplæring på vakt, ikke på fridagene våre." in body  # 12 free-text answers: released


def test_the_readiness_rounds_make_a_trend_with_the_small_unit_never_shown_on_its_own(demo):
    rounds = Round.objects.for_org(demo.organisation).filter(template__kind=SurveyTemplate.Kind.READINESS)
    closed = rounds.filter(state=Round.State.CLOSED).order_by("closes_on")
    assert [r.title for r in closed] == [
        "Endringsberedskap før ny journal, vår",
        "Endringsberedskap før ny journal, høst",
    ]
    for round_ in closed:
        shown = ReleasedCell.objects.filter(round=round_, kind=ReleasedCell.Kind.RATE).exclude(round_unit=None)
        assert sorted(cell.round_unit.name for cell in shown) == [
            "Hjemmesykepleie sone nord",
            "Hjemmesykepleie sone sør",
            "Hjemmetjenesten",
        ]
    spring, autumn = (
        ReleasedCell.objects.get(
            round=r, kind=ReleasedCell.Kind.TOPIC, topic="why", round_unit__name="Hjemmesykepleie sone sør"
        ).mean
        for r in closed
    )
    assert spring <= 3 < autumn  # they came to understand why; knowing how is what holds them back now


def test_the_record_systems_waves_go_by_the_home_care_staffs_measured_readiness(demo):
    initiative = Initiative.objects.for_org(demo.organisation).get(name=READINESS_FOR)
    by_unit = {s.affected.unit.name: s for s in suggested_order(initiative)}
    # The unit's own staff and the small department counted with it, in the autumn round.
    assert by_unit["Hjemmetjenesten"].measured == Decimal("3.5")
    assert by_unit["Fjordtun sykehjem"].measured is None  # not asked: the leader's judgement counts


def test_the_digital_keys_benefit_is_warned_that_staff_do_not_work_the_new_way(demo):
    benefit = Benefit.objects.for_org(demo.organisation).get(initiative__name=ADOPTION_FOR)
    warnings = contributed_warnings(demo.organisation, REFERENCE, [benefit.pk])[benefit.pk]
    adopted = [w for w in warnings if w.code == "not_adopted"]
    assert len(adopted) == 1
    assert adopted[0].facts["prerequisite"] == "Ansatte slutter å bruke fysiske nøkler"
    assert float(adopted[0].facts["mean"].replace(",", ".")) <= 3


def test_the_barriers_round_is_released_for_the_whole_organisation_only(demo):
    round_ = _round(demo, "Barrierer for ledere i endring")
    cells = ReleasedCell.objects.filter(round=round_)
    assert cells.exists()
    assert not cells.exclude(round_unit=None).exists()
    rate = cells.get(kind=ReleasedCell.Kind.RATE)
    assert round_.audience == Round.Audience.LEADERS
    assert (rate.count, rate.invited) == (11, 13), "the leaders answer, and only leaders are asked"
    barriers = cells.filter(kind=ReleasedCell.Kind.TOPIC, mean__lte=3)
    assert sorted(barriers.values_list("topic", flat=True)) == ["involvement", "training"]


def test_the_maturity_round_is_answered_by_the_management_group(demo):
    round_ = _round(demo, "Ståstedsanalyse")
    assert ReleasedCell.objects.get(round=round_, kind=ReleasedCell.Kind.RATE).count == 6
    assert ReleasedCell.objects.filter(round=round_, kind=ReleasedCell.Kind.QUESTION).count() == 14  # now and target


def test_the_open_round_shows_its_response_rate_and_a_reminder_ahead(demo, portfolio_leader):
    round_ = _round(demo, "Endringsberedskap før digitale nattilsyn")
    assert round_.state == Round.State.OPEN and round_.remind_on > REFERENCE
    body = assert_page(portfolio_leader.get(reverse("surveys:round", args=[round_.pk])), round_.title)
    assert "44 % have answered (16 answers; 36 asked)." in body
    assert round_.unit_links.get().round_unit.name == "Skjerma avdeling"


def test_the_demo_invitations_go_nowhere():
    def invite():
        mail.send_mail("Invitasjon", "Svar her", None, ["ansatt@fjordvik.kommune.example"])
        return settings.EMAIL_BACKEND

    backend = settings.EMAIL_BACKEND
    assert invitations_not_sent(invite)() == "django.core.mail.backends.dummy.EmailBackend"
    assert mail.outbox == []
    assert backend == settings.EMAIL_BACKEND


def test_the_autumn_round_is_split_by_working_hours_where_every_unit_has_none_or_five(demo, portfolio_leader):
    round_ = _round(demo, "Endringsberedskap før ny journal, høst")
    split = ReleasedCell.breakdowns.filter(round=round_, kind=ReleasedCell.Kind.RATE).select_related("by_choice")
    assert {cell.by_choice.text_nb: cell.count for cell in split} == {
        "Bare dagtid": 10,
        "Turnus eller skift": 24,
        "Nei": 34,
    }
    question = split.get(by_choice__text_nb="Bare dagtid").by_choice.question
    url = reverse("surveys:results", args=[round_.pk])
    body = assert_page(portfolio_leader.get(url, {"split": question.pk}), f"Results: {round_.title}")
    assert "Days only" in body and "Shifts" in body


def test_top_management_has_a_checklist_from_the_barriers_with_one_remedy_overdue(demo):
    round_ = _round(demo, "Barrierer for ledere i endring")
    tasks = list(round_.remedy_tasks.order_by("pk"))
    assert {task.barrier for task in tasks} == {"involvement", "training"}
    assert tasks[0].done_on is not None and tasks[-1].owner is None
    overdue = [task for task in tasks if task.is_overdue(REFERENCE)]
    assert [task.owner.username for task in overdue] == ["kommunalsjef.adm"]
