"""Self-assessments: a person's answers are theirs, and their leader sees them only while shared."""

import pytest
from django.urls import reverse

from accounts.services.personal_data import erase_person, export_person
from people.models import SelfAssessment, SelfAssessmentAnswer, Theme

from .factories import assessed_member
from .pages import assert_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

MINE = reverse("people:my_assessment")
SHARED = reverse("people:shared_with_me")


def field(theme):
    return f"theme_{theme.pk}"


def answers_of(user, org):
    assessment = SelfAssessment.objects.for_org(org).get(person=user)
    return {a.theme_id: a.level for a in assessment.answers.all()}, assessment.shared_with_leader


def test_an_employee_saves_changes_and_removes_answers(world, login):
    themes = list(Theme.objects.for_org(world.org).order_by("order")[:3])
    client = login(world.users["employee"])
    assert_page(client.get(MINE), "My self-assessment")
    response = client.post(MINE, {field(themes[0]): "2", field(themes[1]): "4"})
    assert response.status_code == 302
    assert answers_of(world.users["employee"], world.org) == ({themes[0].pk: 2, themes[1].pk: 4}, False)
    client.post(MINE, {field(themes[0]): "3", field(themes[1]): "", field(themes[2]): "1"})
    assert answers_of(world.users["employee"], world.org) == ({themes[0].pk: 3, themes[2].pk: 1}, False)
    body = assert_page(client.get(MINE), "My self-assessment")
    # The form shows the saved level chosen, and a removed answer as "not answered".
    assert f'value="3" id="id_{field(themes[0])}_3" checked>' in body
    assert f'value="" id="id_{field(themes[1])}_0" checked>' in body


def test_a_level_outside_1_to_5_is_refused_and_nothing_is_saved(world, login):
    client = login(world.users["employee"])
    response = client.post(MINE, {field(world.theme): "6", "shared_with_leader": "on"})
    assert_page(response, "My self-assessment")
    assert list(response.context["form"].errors) == [field(world.theme)]
    assert not SelfAssessment.objects.for_org(world.org).filter(person=world.users["employee"]).exists()


def test_a_politician_does_not_assess_and_nothing_is_saved(world, login):
    response = login(world.users["politician"]).post(MINE, {field(world.theme): "3"})
    assert response.status_code == 403
    assert not SelfAssessment.objects.for_org(world.org).filter(person=world.users["politician"]).exists()


def test_the_leader_sees_the_answers_only_while_they_are_shared(world, login, client):
    nurse = assessed_member(world.org, "sykepleier", world.unit, {world.theme: 2})
    login(world.users["unit_leader"])
    body = assert_page(client.get(SHARED), "Shared with me")
    assert "Sykepleier" not in body
    client.logout()
    login(nurse).post(MINE, {field(world.theme): "2", "shared_with_leader": "on"})
    client.logout()
    body = assert_page(login(world.users["unit_leader"]).get(SHARED), "Shared with me")
    assert "Sykepleier Testesen" in body and world.theme.name in body
    client.logout()
    login(nurse).post(MINE, {field(world.theme): "2"})  # stops sharing
    client.logout()
    body = assert_page(login(world.users["unit_leader"]).get(SHARED), "Shared with me")
    assert "Sykepleier" not in body


def test_shared_answers_reach_the_nearest_leader_only(world, login, client):
    # The department has no leader of its own: its unit's leader is the nearest. The sector's leader
    # and another unit's middle manager are not.
    world.sector.leader = world.users["top_management"]
    world.sector.save()
    assessed_member(world.org, "nattevakt", world.department, {world.theme: 4}, shared=True)
    assert "Nattevakt Testesen" in login(world.users["unit_leader"]).get(SHARED).content.decode()
    for person in ("top_management", "middle_manager", "portfolio_office", "administrator", "employee"):
        client.logout()
        body = assert_page(login(world.users[person]).get(SHARED), "Shared with me")
        assert "Nattevakt" not in body, person


def test_a_leader_sharing_their_own_answers_shares_them_with_the_leader_above(world, login, client):
    world.sector.leader = world.users["top_management"]
    world.sector.save()
    membership = world.users["unit_leader"].memberships.get()
    membership.unit = world.unit
    membership.save()
    SelfAssessment.objects.for_org(world.org).filter(person=world.users["unit_leader"]).update(shared_with_leader=True)
    assert "Unit_leader" not in login(world.users["unit_leader"]).get(SHARED).content.decode()
    client.logout()
    body = assert_page(login(world.users["top_management"]).get(SHARED), "Shared with me")
    assert world.users["unit_leader"].get_full_name() in body


def test_deleting_removes_every_answer(world, login):
    client = login(world.users["unit_leader"])
    assert client.post(MINE, {"delete": "1"}).status_code == 302
    assert not SelfAssessment.objects.for_org(world.org).filter(person=world.users["unit_leader"]).exists()
    assert not SelfAssessmentAnswer.objects.for_org(world.org).exists()


def test_the_persons_data_export_holds_their_answers_and_erasure_deletes_them(world):
    exported = export_person(world.users["unit_leader"])["self_assessments"]
    assert exported == [
        {
            "organisation": world.org.name,
            "shared_with_leader": False,
            "last_changed": exported[0]["last_changed"],
            "answers": {world.theme.name: 2},
        }
    ]
    erase_person(world.users["unit_leader"])
    assert not SelfAssessment.objects.across_organisations().filter(person=world.users["unit_leader"]).exists()
    assert not SelfAssessmentAnswer.objects.for_org(world.org).exists()


def test_the_leaders_start_page_lists_who_shared_with_them(world, login, client):
    home = reverse("core:home")
    assert "panel-people-shared_with_me" not in login(world.users["unit_leader"]).get(home).content.decode()
    assessed_member(world.org, "turnus", world.department, {world.theme: 3}, shared=True)
    body = client.get(home).content.decode()
    assert 'id="panel-people-shared_with_me"' in body and "Turnus Testesen" in body
    assert f"{world.department.name} · last changed" in body


def test_answers_of_someone_who_left_are_shown_to_no_one(world, login):
    nurse = assessed_member(world.org, "sluttet", world.unit, {world.theme: 2}, shared=True)
    assert "Sluttet Testesen" in login(world.users["unit_leader"]).get(SHARED).content.decode()
    nurse.memberships.update(is_active=False)
    body = assert_page(login(world.users["unit_leader"]).get(SHARED), "Shared with me")
    assert "Sluttet" not in body
