"""The barriers for middle managers: a round asking only the leaders, and top management's checklist
made from its results (owner, deadline, done), on the results page and the start page."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from core.validation import save_valid
from dashboards.registry import Urgency, panels_for
from organisations.actor import build_actor
from organisations.models import Membership
from surveys.models import Invitation, RemedyTask, Round, RoundUnit, SurveyTemplate
from surveys.remedies import BARRIER_REMEDIES
from surveys.services.checklist import make_checklist
from surveys.services.rounds import open_round

from .factories_checklist import CLOSED_ON, barriers_round, remedy_task
from .factories_rounds import draft_round, employee, survey_template
from .pages import assert_page
from .survey_results_data import released_round

pytestmark = pytest.mark.django_db

SITE = "https://omstilling.example.no"
TODAY = timezone.localdate()


def _with_email(*users):
    """The world's people have no e-mail address, and nobody without one is invited."""
    for user in users:
        get_user_model().objects.filter(pk=user.pk).update(email=f"{user.username}@fjordvik.kommune.no")


def _barriers_template(world) -> SurveyTemplate:
    return SurveyTemplate.objects.for_org(world.org).get(kind=SurveyTemplate.Kind.BARRIERS)


# Who is asked


@pytest.fixture
def leaders(world):
    """The unit's leader (named leader and middle manager of it), a department leader below it, the
    sector's leader above it, the middle manager of the other unit, and two employees of the unit."""
    department_leader = employee(world.org, "avdelingsleder", world.department)
    world.department.leader = department_leader
    world.department.save()
    sector_leader = employee(world.org, "sektorleder", world.sector)
    world.sector.leader = sector_leader
    world.sector.save()
    _with_email(world.users["unit_leader"], world.users["middle_manager"])
    employee(world.org, "anne", world.unit)
    employee(world.org, "bjorn", world.department)
    return {"department": department_leader, "sector": sector_leader}


def test_a_round_for_leaders_invites_exactly_the_leaders_of_the_units_asked(world, leaders):
    round_ = draft_round(world, world.unit, template=_barriers_template(world), audience=Round.Audience.LEADERS)
    assert open_round(round_, base_url=SITE) == 2
    invited = set(Invitation.objects.for_org(world.org).filter(round=round_).values_list("person", flat=True))
    # Not the employees, not the sector's leader above, not the other unit's middle manager.
    assert invited == {world.users["unit_leader"].pk, leaders["department"].pk}
    copies = {c.unit_id: c.invited for c in RoundUnit.objects.for_org(world.org).filter(round=round_)}
    # The unit leader leads the unit (twice over: named leader and middle manager) and is counted once, there.
    assert copies == {world.unit.pk: 1, world.department.pk: 1}


def test_a_middle_manager_role_for_a_unit_asked_counts_as_leading_it(world, leaders):
    round_ = draft_round(world, world.other_unit, template=_barriers_template(world), audience=Round.Audience.LEADERS)
    open_round(round_, base_url=SITE)
    invited = Invitation.objects.for_org(world.org).filter(round=round_).values_list("person", flat=True)
    assert list(invited) == [world.users["middle_manager"].pk]


def test_asking_everyone_still_asks_those_working_in_the_units(world, leaders):
    round_ = draft_round(world, world.unit)
    assert round_.audience == Round.Audience.EVERYONE
    open_round(round_, base_url=SITE)
    invited = Invitation.objects.for_org(world.org).filter(round=round_).values_list("person__username", flat=True)
    assert set(invited) == {"anne", "bjorn", "avdelingsleder"}


def test_a_round_for_leaders_that_would_ask_nobody_does_not_open(world, leaders, login, pages_in_english):
    Membership.objects.for_org(world.org).filter(user=leaders["department"]).update(is_active=False)
    round_ = draft_round(world, world.department, audience=Round.Audience.LEADERS)
    response = login(world.users["portfolio_office"]).post(reverse("surveys:round_open", args=[round_.pk]), follow=True)
    body = assert_page(response, round_.title)
    assert "Nobody with an e-mail address leads the units chosen" in body
    assert Round.objects.for_org(world.org).get(pk=round_.pk).state == Round.State.DRAFT
    assert not RoundUnit.objects.for_org(world.org).filter(round=round_).exists()


def test_the_barriers_are_asked_of_leaders_only(world, login, pages_in_english):
    client = login(world.users["portfolio_office"])
    data = {
        "template": _barriers_template(world).pk,
        "title": "Barrierer 2026",
        "units": [world.sector.pk],
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "minimum_group": 5,
    }
    refused = client.post(reverse("surveys:round_create"), {**data, "audience": Round.Audience.EVERYONE})
    assert refused.status_code == 200
    assert refused.context["form"].errors["audience"] == [
        "The barriers for middle managers are answered by leaders: choose only the leaders."
    ]
    assert not Round.objects.for_org(world.org).exists()
    # Not chosen at all: the barriers go to the leaders.
    assert client.post(reverse("surveys:round_create"), data).status_code == 302
    assert Round.objects.for_org(world.org).get().audience == Round.Audience.LEADERS


def test_a_new_round_from_the_barriers_survey_starts_with_leaders_only(world, login):
    url = reverse("surveys:round_create") + f"?template={_barriers_template(world).pk}"
    response = login(world.users["portfolio_office"]).get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["audience"] == Round.Audience.LEADERS
    other = survey_template(world.org)
    response = login(world.users["portfolio_office"]).get(reverse("surveys:round_create") + f"?template={other.pk}")
    assert response.context["form"]["audience"].value() == Round.Audience.EVERYONE


def test_the_round_page_says_who_is_asked_and_offers_no_staff_room_link(world, leaders, login, pages_in_english):
    round_ = draft_round(world, world.unit, template=_barriers_template(world), audience=Round.Audience.LEADERS)
    open_round(round_, base_url=SITE)
    client = login(world.users["portfolio_office"])
    body = assert_page(client.get(reverse("surveys:round", args=[round_.pk])), round_.title)
    assert "<dt>Who is asked</dt><dd>Only the leaders of the units</dd>" in body
    assert "Unit links for staff rooms" not in body
    # Anyone with a staff-room link could answer: none for a round asking leaders only.
    copy = RoundUnit.objects.for_org(world.org).get(round=round_, unit=world.unit)
    assert client.post(reverse("surveys:unit_link_create", args=[copy.pk])).status_code == 404


# The checklist


def test_the_checklist_holds_the_remedies_of_the_barriers_held_back_once(world):
    # Resistance scores 2 and top-management support 3 (at or below 3); training 4, involvement 5 and
    # following up benefits 4 do not hold back.
    round_ = barriers_round(world)
    with translation.override("en"):
        made = make_checklist(round_)
        expected = [(b, str(remedy)) for b in ("resistance", "top_support") for remedy in BARRIER_REMEDIES[b]]
    assert [(task.barrier, task.text) for task in made] == expected
    assert all(task.owner is None and task.deadline is None and task.done_on is None for task in made)
    # A second click makes nothing more.
    assert make_checklist(round_) == []
    assert RemedyTask.objects.for_org(world.org).filter(round=round_).count() == 6
    # Audited one by one, like every other row people keep.
    assert LogEntry.objects.get_for_model(RemedyTask).filter(action=LogEntry.Action.CREATE).count() == 6


def test_no_barrier_held_back_makes_no_checklist(world):
    round_ = barriers_round(
        world, dict.fromkeys(["resistance", "top_support", "training", "involvement", "follow_up"], 4)
    )
    assert make_checklist(round_) == []


def test_top_management_makes_the_checklist_from_the_results_page(world, login, pages_in_english):
    round_ = barriers_round(world)
    client = login(world.users["top_management"])
    body = assert_page(client.get(reverse("surveys:results", args=[round_.pk])), f"Results: {round_.title}")
    assert "Make a checklist from the results" in body
    url = reverse("surveys:checklist_make", args=[round_.pk])
    response = client.post(url, follow=True)
    body = assert_page(response, f"Results: {round_.title}")
    assert "6 remedies are on the checklist: give each an owner and a deadline." in body
    assert "Make a checklist from the results" not in body
    client.post(url)
    assert RemedyTask.objects.for_org(world.org).filter(round=round_).count() == 6


def test_a_round_of_another_kind_has_no_checklist(world, login):
    round_ = released_round(world)  # change readiness
    with pytest.raises(ValidationError):
        make_checklist(round_)
    assert (
        login(world.users["top_management"]).post(reverse("surveys:checklist_make", args=[round_.pk])).status_code
        == 403
    )
    assert not RemedyTask.objects.for_org(world.org).exists()


def test_the_owner_must_be_an_active_member_of_the_organisation(world, other_world):
    task = remedy_task(world)
    task.owner = other_world.users["top_management"]
    with pytest.raises(ValidationError) as refused:
        save_valid(task)
    assert set(refused.value.message_dict) == {"owner"}
    task.owner = world.users["politician"]
    with pytest.raises(ValidationError) as refused:
        save_valid(task)
    assert set(refused.value.message_dict) == {"owner"}
    task.refresh_from_db()
    assert task.owner == world.users["unit_leader"]


def test_the_form_refuses_an_owner_from_another_organisation_and_an_early_deadline(
    world, other_world, login, pages_in_english
):
    task = remedy_task(world)
    url = reverse("surveys:remedy_task_edit", args=[task.pk])
    data = {"barrier": task.barrier, "text": "Endret", "owner": other_world.users["employee"].pk}
    response = login(world.users["top_management"]).post(
        url, {**data, "deadline": (CLOSED_ON - datetime.timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"owner", "deadline"}
    assert response.context["form"].errors["deadline"] == [
        "The deadline cannot be before the round closed (01.03.2026)."
    ]
    task.refresh_from_db()
    assert (task.text, task.owner) != ("Endret", other_world.users["employee"])


def test_top_management_gives_an_item_an_owner_and_a_deadline(world, login):
    task = remedy_task(world)
    data = {"barrier": task.barrier, "text": "Toppledelsen forklarer hvorfor", "owner": world.users["owner"].pk}
    response = login(world.users["top_management"]).post(
        reverse("surveys:remedy_task_edit", args=[task.pk]), {**data, "deadline": "2026-09-01"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:results", args=[task.round_id]) + "#checklist"
    task.refresh_from_db()
    assert (task.text, task.owner, task.deadline) == (data["text"], world.users["owner"], datetime.date(2026, 9, 1))


def test_the_owner_records_it_done_and_nothing_else(world, login):
    task = remedy_task(world)  # owned by the unit leader
    client = login(world.users["unit_leader"])
    url = reverse("surveys:remedy_task_edit", args=[task.pk])
    assert list(client.get(url).context["form"].fields) == ["done_on"]
    response = client.post(url, {"done_on": TODAY.isoformat(), "text": "Noe annet", "owner": world.users["owner"].pk})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on == TODAY and task.owner == world.users["unit_leader"] and task.text != "Noe annet"


@pytest.mark.parametrize("person", ["employee", "politician", "middle_manager"])
def test_others_may_not_write_the_checklist(world, login, person):
    task = remedy_task(world)
    before = list(RemedyTask.objects.for_org(world.org).values())
    client = login(world.users[person])
    posts = {
        reverse("surveys:checklist_make", args=[task.round_id]): {},
        reverse("surveys:remedy_task_add", args=[task.round_id]): {"barrier": "training", "text": "Nytt"},
        reverse("surveys:remedy_task_edit", args=[task.pk]): {"barrier": "training", "text": "Endret"},
        reverse("surveys:remedy_task_delete", args=[task.pk]): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert list(RemedyTask.objects.for_org(world.org).values()) == before


def test_the_results_page_shows_the_checklist_by_barrier(world, login, pages_in_english):
    round_ = barriers_round(world)
    late, coming, done, *_rest = make_checklist(round_)
    RemedyTask.objects.for_org(world.org).filter(pk=late.pk).update(
        owner=world.users["owner"], deadline=TODAY - datetime.timedelta(days=1)
    )
    RemedyTask.objects.for_org(world.org).filter(pk=coming.pk).update(deadline=TODAY + datetime.timedelta(days=9))
    RemedyTask.objects.for_org(world.org).filter(pk=done.pk).update(
        deadline=TODAY - datetime.timedelta(days=5), done_on=TODAY - datetime.timedelta(days=6)
    )
    response = login(world.users["top_management"]).get(reverse("surveys:results", args=[round_.pk]))
    body = assert_page(response, f"Results: {round_.title}")
    section = re.search(r'<section aria-labelledby="checklist-heading".*?</section>', body, re.S).group(0)
    headings = re.findall(r'<h3 class="ds-heading" data-size="sm">(.*?)</h3>', section)
    assert headings == ["Resistance to change among employees and leaders", "Too little support from top management"]
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", section, re.S)
    ]
    day = "%d.%m.%Y"
    overdue_day = (TODAY - datetime.timedelta(days=1)).strftime(day)
    assert rows[0].startswith(f"{late.text} {world.users['owner']} {overdue_day} overdue Not yet")
    assert rows[1].startswith(
        f"{coming.text} No owner yet {(TODAY + datetime.timedelta(days=9)).strftime(day)} Not yet"
    )
    done_day = (TODAY - datetime.timedelta(days=6)).strftime(day)
    assert rows[2].startswith(
        f"{done.text} No owner yet {(TODAY - datetime.timedelta(days=5)).strftime(day)} {done_day}"
    )
    assert section.count("overdue") == 1  # the done one is not, though its deadline has passed
    assert "Add a remedy" in section


def test_the_owner_sees_the_results_and_records_from_there(world, login, pages_in_english):
    task = remedy_task(world)  # owned by the unit leader, who leads no unit the round asked
    response = login(world.users["unit_leader"]).get(reverse("surveys:results", args=[task.round_id]))
    body = assert_page(response, f"Results: {task.round.title}")
    assert reverse("surveys:remedy_task_edit", args=[task.pk]) in body
    assert "Add a remedy" not in body and reverse("surveys:remedy_task_delete", args=[task.pk]) not in body


# The start page


def test_the_owner_sees_their_remedies_overdue_first(world, login, pages_in_english):
    round_ = barriers_round(world)
    first, second, third, *_rest = make_checklist(round_)
    leader = world.users["unit_leader"]
    tasks = RemedyTask.objects.for_org(world.org)
    tasks.filter(pk=first.pk).update(owner=leader, deadline=TODAY + datetime.timedelta(days=20))
    tasks.filter(pk=second.pk).update(owner=leader, deadline=TODAY - datetime.timedelta(days=2))
    tasks.filter(pk=third.pk).update(owner=leader, deadline=TODAY - datetime.timedelta(days=9), done_on=TODAY)
    panels = {p.panel.key: p.content for p in panels_for(build_actor(leader, world.org.pk), TODAY)}
    owned = panels["surveys.remedies_owned"]
    assert owned.count == 2 and owned.urgency == Urgency.OVERDUE
    assert [row.text for row in owned.rows] == [second.text, first.text]
    assert owned.rows[0].overdue and not owned.rows[1].overdue
    assert owned.link == reverse("surveys:results", args=[round_.pk]) + "#checklist"
    body = login(leader).get(reverse("core:home")).content.decode()
    assert "Remedies you own" in body and "overdue since" in body


def test_top_management_sees_how_far_each_checklist_has_come(world, login, pages_in_english):
    round_ = barriers_round(world)
    late, done, *_rest = make_checklist(round_)
    tasks = RemedyTask.objects.for_org(world.org)
    tasks.filter(pk=late.pk).update(owner=world.users["owner"], deadline=TODAY - datetime.timedelta(days=1))
    tasks.filter(pk=done.pk).update(done_on=TODAY)
    actor = build_actor(world.users["top_management"], world.org.pk)
    state = {p.panel.key: p.content for p in panels_for(actor, TODAY)}["surveys.barrier_checklists"]
    assert state.urgency == Urgency.OVERDUE
    # 6 remedies: 1 done, 1 overdue, and the 4 others still lack an owner or a deadline.
    assert [(row.text, row.detail) for row in state.rows] == [
        (round_.title, "1 of 6 remedies done, 1 overdue, 4 without owner or deadline")
    ]
    body = login(world.users["top_management"]).get(reverse("core:home")).content.decode()
    assert "Barriers for middle managers: the checklist" in body
    # Everything done: nothing left to show.
    tasks.update(done_on=TODAY)
    assert "surveys.barrier_checklists" not in {p.panel.key for p in panels_for(actor, TODAY)}
