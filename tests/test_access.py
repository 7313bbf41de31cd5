"""Who may do what, inside one organisation: every URL × every person in ``world.users``.

The expectation is data: URL name (with the kind of row, where the URL has one) → the people who
may use it. Everyone else gets 403. A meta-test fails when a URL has no expectation, so a new
URL cannot be forgotten. ``world`` (tests/factories.py) has one person per role plus "owner" (the
initiative's named project owner) and "unit_leader" (leads the affected unit, named benefit owner);
the project leader and benefit responsible hold their roles for the world's initiative, the
middle manager manages another unit, the union representative covers the sector, and the
benefit responsible is named to measure the indicator.
"""

import pytest
from django.urls import reverse

from benefits.views.parts import BENEFIT_PARTS, INITIATIVE_PARTS
from organisations.models import Invitation, Role

from .urls_under_test import NO_ID, POST_ONLY, PUBLIC, WITH_ID, WITH_KIND, all_url_names

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(Role.values) | {"owner", "unit_leader"}
WRITERS = EVERYONE - {Role.POLITICIAN}
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
PORTFOLIO_MANAGERS = frozenset({Role.PORTFOLIO_OFFICE, Role.ADMINISTRATOR})
CREATORS = PORTFOLIO_MANAGERS | {Role.TOP_MANAGEMENT}
INITIATIVE_EDITORS = PORTFOLIO_MANAGERS | {"owner", Role.PROJECT_LEADER}
AFFECTED_UNIT_EDITORS = INITIATIVE_EDITORS | {"unit_leader"}
PLAN_EDITORS = INITIATIVE_EDITORS | {Role.BENEFIT_RESPONSIBLE}
FOLLOW_UP = PLAN_EDITORS | {"unit_leader"}
MEASURERS = FOLLOW_UP  # the benefit responsible is also the indicator's named measurer
SIGNERS = frozenset({"owner", Role.TOP_MANAGEMENT})
IDEA_READERS = CREATORS | {Role.EMPLOYEE}  # the employee proposed the idea
# Competence figures: management for every unit, leaders for theirs (the middle manager leads the
# other unit, the unit leader the affected one).
COMPETENCE_OVERVIEW = CREATORS | {Role.MIDDLE_MANAGER, "unit_leader"}
# Input to an open activity: those who run the initiative, the affected unit's leader and the union
# representative covering its sector; the employee works in no unit and the middle manager
# manages another one.
# Survey templates: the portfolio office and administrators keep them, top management and leaders read them.
SURVEY_READERS = COMPETENCE_OVERVIEW
INPUT_GIVERS = INITIATIVE_EDITORS | {"unit_leader", Role.UNION_REPRESENTATIVE}
# Survey results: management for every group, leaders of the units asked for theirs (the round asks
# the affected unit, led by the unit leader, and the other unit, led by the middle manager).
SURVEY_RESULTS = CREATORS | {"unit_leader", Role.MIDDLE_MANAGER}

# Survey rounds: the portfolio office and administrators run them; management and leaders follow the
# response rate.
SURVEY_RUNNERS = PORTFOLIO_MANAGERS
SURVEY_READERS = CREATORS | {Role.MIDDLE_MANAGER, "unit_leader"}

PLAN_VIEWS = ("part_add", "part_edit", "part_delete")
FOLLOW_UP_VIEWS = ("benefit_part_add", "benefit_part_edit", "benefit_part_delete")

ALLOWED = {
    "core:home": EVERYONE,
    "surveys:rounds": SURVEY_READERS,
    "surveys:round_create": SURVEY_RUNNERS,
    "surveys:round": SURVEY_READERS,
    "surveys:round_edit": SURVEY_RUNNERS,
    "surveys:round_open": SURVEY_RUNNERS,
    "surveys:round_close": SURVEY_RUNNERS,
    "surveys:unit_link_create": SURVEY_RUNNERS,
    "portfolio:list": EVERYONE,
    "portfolio:export_csv": EVERYONE,
    "portfolio:export_xlsx": EVERYONE,
    "portfolio:timeline": EVERYONE,
    "portfolio:initiative_create": CREATORS,
    "portfolio:ideas": EVERYONE,
    "portfolio:idea_create": WRITERS,
    "portfolio:programmes": EVERYONE,
    "portfolio:programme_add": CREATORS,
    "organisations:units": EVERYONE,
    "organisations:settings": ADMINISTRATORS,
    "organisations:unit_create": ADMINISTRATORS,
    "organisations:people": EVERYONE,
    "organisations:invitation_create": ADMINISTRATORS,
    "organisations:invitation_resend": ADMINISTRATORS,
    "organisations:invitation_withdraw": ADMINISTRATORS,
    "organisations:scoped_role_add": ADMINISTRATORS,
    "organisations:scoped_role_delete": ADMINISTRATORS,
    "benefits:portfolio": EVERYONE,
    "benefits:mine": EVERYONE,
    "benefits:at_risk": EVERYONE,
    "benefits:goals": EVERYONE,
    "benefits:goal_add": CREATORS,
    "benefits:goal_edit": CREATORS,
    "benefits:goal_delete": CREATORS,
    "kommit:upload": CREATORS,
    "exports:portfolio_xlsx": EVERYONE,
    "portfolio:initiative": EVERYONE,
    "portfolio:initiative_edit": INITIATIVE_EDITORS,
    "portfolio:initiative_phase": INITIATIVE_EDITORS,
    "portfolio:stakeholder_matrix": EVERYONE,
    "portfolio:stakeholder_add": INITIATIVE_EDITORS,
    "portfolio:stakeholder_edit": INITIATIVE_EDITORS,
    "portfolio:stakeholder_delete": INITIATIVE_EDITORS,
    "portfolio:affected_unit_add": INITIATIVE_EDITORS,
    "portfolio:affected_unit_edit": AFFECTED_UNIT_EDITORS,
    "portfolio:affected_unit_delete": INITIATIVE_EDITORS,
    "portfolio:wave_add": INITIATIVE_EDITORS,
    "portfolio:wave_edit": INITIATIVE_EDITORS,
    "portfolio:wave_delete": INITIATIVE_EDITORS,
    "portfolio:status_report_add": INITIATIVE_EDITORS,
    "portfolio:status_report": EVERYONE,
    "portfolio:idea": IDEA_READERS,
    "portfolio:programme_edit": CREATORS,
    "portfolio:programme_delete": CREATORS,
    "organisations:unit": EVERYONE,
    "organisations:unit_edit": ADMINISTRATORS,
    "organisations:person_edit": ADMINISTRATORS,
    "benefits:initiative": EVERYONE,
    "benefits:economics": EVERYONE,
    "benefits:map": EVERYONE,
    "benefits:plan": EVERYONE,
    "benefits:plan_sign": SIGNERS,
    "benefits:benefit": EVERYONE,
    "benefits:estimates": PLAN_EDITORS,
    "benefits:measurement_add": MEASURERS,
    "benefits:measurement_edit": MEASURERS,
    "benefits:measurement_delete": MEASURERS,
    "kommit:export": EVERYONE,
    "exports:plan_docx": EVERYONE,
    "exports:plan_pdf": EVERYONE,
    "people:framework": EVERYONE,
    "people:theme_add": PORTFOLIO_MANAGERS,
    "people:theme_edit": PORTFOLIO_MANAGERS,
    "people:theme_delete": PORTFOLIO_MANAGERS,
    "people:my_assessment": WRITERS,
    "people:shared_with_me": EVERYONE,
    "people:gaps": COMPETENCE_OVERVIEW,
    "people:unit": CREATORS | {"unit_leader"},
    "people:initiative": EVERYONE,
    "people:requirement_add": INITIATIVE_EDITORS,
    "people:requirement_edit": INITIATIVE_EDITORS,
    "people:requirement_delete": INITIATIVE_EDITORS,
    "people:courses": EVERYONE,
    "people:course_add": PORTFOLIO_MANAGERS,
    "people:course_edit": PORTFOLIO_MANAGERS,
    "people:course_delete": PORTFOLIO_MANAGERS,
    "people:adopt_region_course": PORTFOLIO_MANAGERS,
    "surveys:templates": SURVEY_READERS,
    "surveys:template": SURVEY_READERS,
    "surveys:template_add": PORTFOLIO_MANAGERS,
    "surveys:template_edit": PORTFOLIO_MANAGERS,
    "surveys:template_delete": PORTFOLIO_MANAGERS,
    "surveys:question_add": PORTFOLIO_MANAGERS,
    "surveys:question_edit": PORTFOLIO_MANAGERS,
    "surveys:question_delete": PORTFOLIO_MANAGERS,
    "surveys:question_move": PORTFOLIO_MANAGERS,
    "surveys:choice_add": PORTFOLIO_MANAGERS,
    "surveys:choice_edit": PORTFOLIO_MANAGERS,
    "surveys:choice_delete": PORTFOLIO_MANAGERS,
    "people:involvement": EVERYONE,
    "people:activity_add": INITIATIVE_EDITORS,
    "people:activity_edit": INITIATIVE_EDITORS,
    "people:activity_delete": INITIATIVE_EDITORS,
    "people:input_add": INPUT_GIVERS,
    "people:input_answer": INITIATIVE_EDITORS,
    "people:input_delete": INITIATIVE_EDITORS,
    "people:information_list": EVERYONE,
    "people:information": EVERYONE,
    "people:information_edit": AFFECTED_UNIT_EDITORS,
    "people:information_pdf": EVERYONE,
    "people:initiative_readiness": EVERYONE,
    "people:training_add": INITIATIVE_EDITORS,
    "people:training_edit": INITIATIVE_EDITORS,
    "people:training_delete": INITIATIVE_EDITORS,
    "people:training_progress": AFFECTED_UNIT_EDITORS,
    "people:agent_add": AFFECTED_UNIT_EDITORS,
    "people:agent_edit": AFFECTED_UNIT_EDITORS,
    "people:agent_delete": AFFECTED_UNIT_EDITORS,
    "surveys:results_index": COMPETENCE_OVERVIEW,  # management, and every leader (of the rounds that asked their units)
    "surveys:results": SURVEY_RESULTS,
    "surveys:results_xlsx": SURVEY_RESULTS,
    "surveys:record_actions": INITIATIVE_EDITORS,
    # The barriers checklist: top management, the portfolio office and administrators keep it; the
    # owner of a remedy (the unit leader, in the world) records it done.
    "surveys:checklist_make": CREATORS,
    "surveys:remedy_task_add": CREATORS,
    "surveys:remedy_task_edit": CREATORS | {"unit_leader"},
    "surveys:remedy_task_delete": CREATORS,
    "people:readiness_settings": PORTFOLIO_MANAGERS,
    "people:whom_to_ask": EVERYONE,
    # Change load: management for every unit, leaders for theirs (as the competence figures).
    "people:change_load": COMPETENCE_OVERVIEW,
    **{f"benefits:{view}[{kind}]": PLAN_EDITORS for view in PLAN_VIEWS for kind in INITIATIVE_PARTS},
    **{f"benefits:{view}[{kind}]": FOLLOW_UP for view in FOLLOW_UP_VIEWS for kind in BENEFIT_PARTS},
}

# (key in ALLOWED, url name, kind, function from world to the object id)
CASES = (
    [(name, name, None, None) for name in NO_ID]
    + [(name, name, None, get_id) for name, get_id in WITH_ID.items()]
    + [(f"{name}[{kind}]", name, kind, get_id) for name, kind, get_id in WITH_KIND]
)


def url_of(world, name, kind, get_id) -> str:
    if get_id is None:
        return reverse(name)
    if kind is None:
        return reverse(name, args=[get_id(world)])
    return reverse(name, kwargs={"pk": get_id(world), "kind": kind})


def test_every_url_has_an_expectation():
    keys = [key for key, *_rest in CASES]
    assert sorted(set(keys) - set(ALLOWED)) == []
    assert sorted(set(ALLOWED) - set(keys)) == []  # no expectation for a URL that is gone
    assert sorted(all_url_names() - PUBLIC - {name for _key, name, *_rest in CASES}) == []


def test_the_table_names_only_people_of_the_world(world):
    assert set(world.users) == EVERYONE
    assert all(allowed <= EVERYONE for allowed in ALLOWED.values())


@pytest.mark.parametrize(("key", "name", "kind", "get_id"), CASES, ids=[case[0] for case in CASES])
def test_each_person_gets_exactly_what_the_table_says(world, client, key, name, kind, get_id):
    url = url_of(world, name, kind, get_id)
    allowed = ALLOWED[key]
    got = {}
    if name in POST_ONLY:
        # The forbidden first: an allowed POST may delete the row the others would be refused.
        for person in sorted(EVERYONE - allowed) + sorted(allowed):
            client.force_login(world.users[person])
            got[person] = client.post(url, {}).status_code
        assert {p for p, status in got.items() if status != 403} == allowed, got
    else:
        for person in sorted(EVERYONE):
            client.force_login(world.users[person])
            got[person] = client.get(url).status_code
        assert {p: s for p, s in got.items() if s not in (200, 403)} == {}
        assert {p for p, status in got.items() if status == 200} == allowed


def test_ideas_are_private_to_proposer_and_portfolio_office(world, login, client):
    url = reverse("portfolio:idea", args=[world.idea.pk])
    assert login(world.users["employee"]).get(url).status_code == 200
    client.logout()
    assert login(world.users["middle_manager"]).get(url).status_code == 403
    listing = client.get(reverse("portfolio:ideas")).content.decode()
    assert world.idea.title not in listing
    client.logout()
    assert world.idea.title in login(world.users["portfolio_office"]).get(reverse("portfolio:ideas")).content.decode()


def test_proposer_cannot_decide_on_own_idea(world, login):
    url = reverse("portfolio:idea", args=[world.idea.pk])
    response = login(world.users["employee"]).post(url, {"decision-decision": "accept"})
    assert response.status_code == 403
    world.idea.refresh_from_db()
    assert world.idea.status == "submitted"


def test_deleting_needs_edit_rights(world, login, client):
    url = reverse("portfolio:stakeholder_delete", args=[world.stakeholder.pk])
    assert login(world.users["employee"]).post(url).status_code == 403
    client.logout()
    assert login(world.users["owner"]).post(url).status_code == 302
    assert not world.initiative.stakeholders.exists()


def test_only_administrators_manage_memberships_and_invitations(world, login, client):
    membership = world.users["employee"].memberships.get()
    edit = reverse("organisations:person_edit", args=[membership.pk])
    resend = reverse("organisations:invitation_resend", args=[world.invitation.pk])
    withdraw = reverse("organisations:invitation_withdraw", args=[world.invitation.pk])
    login(world.users["middle_manager"])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Sjef", "roles": ["administrator"], "is_active": "on"}).status_code == 403
    assert client.post(resend).status_code == 403
    assert client.post(withdraw).status_code == 403
    membership.refresh_from_db()
    assert membership.title == "" and not membership.roles.filter(role="administrator").exists()
    assert Invitation.objects.for_org(world.org).filter(pk=world.invitation.pk).exists()
    client.logout()
    login(world.users["administrator"])
    assert client.get(edit).status_code == 200
    assert client.post(withdraw).status_code == 302
    assert not Invitation.objects.for_org(world.org).filter(pk=world.invitation.pk).exists()


def test_forbidden_post_to_an_edit_page_changes_nothing(world, login):
    url = reverse("portfolio:initiative_edit", args=[world.initiative.pk])
    response = login(world.users["politician"]).post(url, {"name": "Endret av politiker"})
    assert response.status_code == 403
    world.initiative.refresh_from_db()
    assert world.initiative.name == "Fjordvik digitale nattilsyn"


def test_person_without_membership_gets_a_clear_page(db, client):
    from .factories import make_user

    client.force_login(make_user("lonely"))
    response = client.get("/")
    assert response.status_code == 403
    assert "organisation" in response.content.decode().lower() or "organisasjon" in response.content.decode().lower()
