"""Involvement before, during and after, "you said, we did", and the warning when a solution is
chosen without the leaders of the affected units and union representatives."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.services.personal_data import export_person
from organisations.models import OrgUnit, Role
from people.models import InputItem, InvolvementActivity, InvolvementWarning
from people.services.involvement import answer, involvement_gap
from portfolio.models import AffectedUnit, Phase
from portfolio.services.phases import change_phase

from .browser import assert_page_accessible, sign_in
from .factories import involvement_rows, make_member
from .pages import assert_page
from .test_dashboards import home, panels

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def set_phase(initiative, phase) -> None:
    type(initiative).objects.for_org(initiative.organisation).filter(pk=initiative.pk).update(phase=phase)
    initiative.phase = phase


def activity(initiative, phase=Phase.PLANNING, *, leaders=(), union=False, open_for_input=False):
    created = InvolvementActivity.objects.create(
        initiative=initiative,
        title="Verksted",
        held_on=DAY,
        phase=phase,
        method=InvolvementActivity.Method.WORKSHOP,
        union_representatives=union,
        open_for_input=open_for_input,
    )
    created.leader_units.add(*leaders)
    return created


@pytest.fixture
def two_units(world):
    """The world's initiative affects the nursing home (led by unit_leader) and the home care."""
    AffectedUnit.objects.create(
        initiative=world.initiative, unit=world.other_unit, employees_affected=10, change_from=DAY
    )
    return world


# Who was left out: the one function, by hand


def test_nobody_involved_leaves_out_every_leader_and_the_union(two_units):
    gap = involvement_gap(two_units.initiative)
    assert [u.pk for u in gap.units] == sorted([two_units.unit.pk, two_units.other_unit.pk], key=_unit_name)
    assert gap.union_left_out and gap


def _unit_name(pk):
    return OrgUnit.objects.across_organisations().get(pk=pk).name


def test_only_involvement_before_the_choice_counts(two_units):
    world = two_units
    activity(world.initiative, Phase.CONCEPT, leaders=[world.unit])
    # During execution is too late to have a say in the choice, for leaders and union alike.
    activity(world.initiative, Phase.EXECUTION, leaders=[world.other_unit], union=True)
    gap = involvement_gap(world.initiative)
    assert gap.units == [world.other_unit] and gap.union_left_out


def test_everyone_involved_in_planning_leaves_no_gap(two_units):
    world = two_units
    activity(world.initiative, Phase.PLANNING, leaders=[world.unit])
    activity(world.initiative, Phase.CONCEPT, leaders=[world.other_unit], union=True)
    gap = involvement_gap(world.initiative)
    assert gap.units == [] and not gap.union_left_out and not gap


def test_a_parent_unit_leader_or_another_initiative_does_not_count(two_units):
    world = two_units
    other = type(world.initiative).objects.create(organisation=world.org, name="Annet tiltak")
    activity(other, Phase.PLANNING, leaders=[world.unit, world.other_unit], union=True)
    activity(world.initiative, Phase.PLANNING, leaders=[world.sector])  # the sector leader is not the unit's
    gap = involvement_gap(world.initiative)
    assert {u.pk for u in gap.units} == {world.unit.pk, world.other_unit.pk} and gap.union_left_out


# The step into execution


def test_step_into_execution_is_allowed_and_records_who_was_left_out(two_units):
    world = two_units
    activity(world.initiative, Phase.PLANNING, leaders=[world.unit])
    set_phase(world.initiative, Phase.PLANNING)
    change = change_phase(world.initiative, Phase.EXECUTION, by=world.users["owner"], on=DAY)
    assert world.initiative.phase == Phase.EXECUTION
    warning = InvolvementWarning.objects.filter(initiative=world.initiative).get()
    assert warning.phase_change == change and warning.union_left_out
    assert list(warning.units_left_out.all()) == [world.other_unit]
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(InvolvementWarning))
    assert entries.filter(object_pk=str(warning.pk)).exists()


def test_no_warning_when_everyone_was_involved_or_for_other_steps(two_units):
    world = two_units
    change_phase(world.initiative, Phase.PLANNING, by=None, on=DAY)  # concept → planning: no check
    activity(world.initiative, Phase.PLANNING, leaders=[world.unit, world.other_unit], union=True)
    change_phase(world.initiative, Phase.EXECUTION, by=None, on=DAY)
    assert not InvolvementWarning.objects.filter(initiative=world.initiative).exists()


def test_phase_page_warns_before_confirming_and_the_post_still_changes_the_phase(world, login):
    set_phase(world.initiative, Phase.PLANNING)
    client = login(english(world.users["owner"]))
    url = reverse("portfolio:initiative_phase", args=[world.initiative.pk])
    body = assert_page(client.get(url), "Change phase")
    assert "These have not been involved yet" in body
    assert f"the leader of {world.unit.name}" in body and "union representatives" in body
    response = client.post(url, {"to_phase": Phase.EXECUTION, "changed_on": "2026-03-02", "comment": ""})
    assert response.status_code == 302
    world.initiative.refresh_from_db()
    assert world.initiative.phase == Phase.EXECUTION
    assert InvolvementWarning.objects.filter(initiative=world.initiative).get().union_left_out


def test_phase_page_says_nothing_in_concept(world, login):
    url = reverse("portfolio:initiative_phase", args=[world.initiative.pk])
    body = assert_page(login(english(world.users["owner"])).get(url), "Change phase")
    assert "have not been involved" not in body


def test_initiative_page_shows_the_warning_in_execution(world, login):
    set_phase(world.initiative, Phase.EXECUTION)
    body = assert_page(
        login(english(world.users["employee"])).get(world.initiative.get_absolute_url()), world.initiative.name
    )
    assert "The solution was chosen without involving" in body
    assert f"the leader of {world.unit.name}" in body
    assert reverse("people:involvement", args=[world.initiative.pk]) in body


# You said, we did


def test_the_list_shows_input_by_group_without_names(world, login):
    employee = english(world.users["employee"])
    world.users["employee"].memberships.update(unit=world.department)
    act = activity(world.initiative, open_for_input=True)
    InputItem.objects.create(
        activity=act, text="Alarmen er for svak", voice="employee", unit=world.unit, author=employee, given_on=DAY
    )
    InputItem.objects.create(
        activity=act,
        text="Trenger ny turnus",
        voice="union",
        author=world.users["union_representative"],
        signed=True,
        given_on=DAY,
    )
    signed = InputItem.objects.create(
        activity=act,
        text="Fint verktøy",
        voice="unit_leader",
        author=world.users["unit_leader"],
        signed=True,
        given_on=DAY,
    )
    politician = english(world.users["politician"])
    page = reverse("people:involvement", args=[world.initiative.pk])
    body = assert_page(login(politician).get(page), "You said, we did")
    assert "Alarmen er for svak" in body and "Trenger ny turnus" in body
    assert str(employee) not in body  # unsigned: the group only
    assert str(world.users["union_representative"]) not in body  # union input is never signed
    assert str(signed.author) in body
    assert reverse("people:input_add", args=[act.pk]) not in body  # a politician gives no input


def test_employee_of_an_affected_unit_gives_input_to_an_open_activity(world, login):
    employee = english(world.users["employee"])
    employee.memberships.update(unit=world.department)  # a department below the affected unit
    act = activity(world.initiative, open_for_input=True)
    client = login(employee)
    page = reverse("people:involvement", args=[world.initiative.pk])
    assert reverse("people:input_add", args=[act.pk]) in assert_page(client.get(page), "You said, we did")
    response = client.post(
        reverse("people:input_add", args=[act.pk]),
        {"text": "Nattevaktene må få prøve først", "voice": "employee", "unit": world.unit.pk},
    )
    assert response.status_code == 302
    item = InputItem.objects.filter(activity=act).get()
    assert (item.voice, item.unit, item.author, item.signed) == ("employee", world.unit, employee, False)


def test_voices_offered_match_the_person(world, login):
    employee = world.users["employee"]
    employee.memberships.update(unit=world.unit)
    act = activity(world.initiative, open_for_input=True)
    response = login(employee).post(
        reverse("people:input_add", args=[act.pk]), {"text": "Jeg er tillitsvalgt", "voice": "union"}
    )
    assert response.status_code == 200 and "voice" in response.context["form"].errors
    assert not InputItem.objects.filter(activity=act).exists()


@pytest.mark.parametrize("case", ["closed activity", "other unit", "politician"])
def test_input_refused(world, login, case):
    act = activity(world.initiative, open_for_input=case != "closed activity")
    if case == "politician":
        person = world.users["politician"]
        person.memberships.update(unit=world.unit)
    else:
        person = world.users["employee"]
        person.memberships.update(unit=world.unit if case == "closed activity" else world.other_unit)
    response = login(person).post(reverse("people:input_add", args=[act.pk]), {"text": "Hei", "voice": "employee"})
    assert response.status_code == 403
    assert not InputItem.objects.filter(activity=act).exists()


def test_union_representative_scoped_elsewhere_cannot_speak(world, login):
    elsewhere = OrgUnit.objects.create(organisation=world.org, name="Oppvekst", level=OrgUnit.Level.SECTOR)
    rep = make_member(world.org, "tillitsvalgt-oppvekst", Role.UNION_REPRESENTATIVE, scope=elsewhere)
    act = activity(world.initiative, open_for_input=True)
    url = reverse("people:input_add", args=[act.pk])
    assert login(rep).post(url, {"text": "Hei", "voice": "union"}).status_code == 403
    assert login(world.users["union_representative"]).post(url, {"text": "Hei", "voice": "union"}).status_code == 302
    assert InputItem.objects.filter(activity=act).get().voice == "union"


def test_answer_needs_a_reason_and_nothing_is_saved_without(world, login):
    act = activity(world.initiative)
    item = InputItem.objects.create(activity=act, text="Kortere kurs", voice="employee", given_on=DAY)
    client = login(english(world.users["project_leader"]))
    url = reverse("people:input_answer", args=[item.pk])
    response = client.post(url, {"response": "not_adopted", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    item.refresh_from_db()
    assert (item.response, item.answered_on) == ("open", None)
    assert client.post(url, {"response": "partly", "reason": "Kurset deles i to"}).status_code == 302
    item.refresh_from_db()
    assert (item.response, item.reason, item.answered_on is not None) == ("partly", "Kurset deles i to", True)


def test_answer_service_refuses_an_answer_without_reason(world):
    item = InputItem.objects.create(activity=activity(world.initiative), text="x", voice="employee", given_on=DAY)
    with pytest.raises(ValidationError) as exc:
        answer(item, response="adopted", reason=" ", on=DAY)
    assert set(exc.value.message_dict) == {"reason"}


def test_activity_form_offers_only_the_affected_units(world, login):
    client = login(english(world.users["portfolio_office"]))
    url = reverse("people:activity_add", args=[world.initiative.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["leader_units"].queryset) == [world.unit]
    data = {"title": "Høring", "held_on": "2026-02-01", "phase": "planning", "method": "hearing"}
    response = client.post(url, {**data, "leader_units": [world.other_unit.pk]})
    assert response.status_code == 200 and "leader_units" in response.context["form"].errors
    assert not InvolvementActivity.objects.filter(initiative=world.initiative).exists()
    assert client.post(url, {**data, "leader_units": [world.unit.pk], "union_representatives": "on"}).status_code == 302
    assert not involvement_gap(world.initiative)


def test_input_history_is_kept_off_the_initiative_page(world, login):
    act = activity(world.initiative, open_for_input=True)
    rep = english(world.users["union_representative"])
    login(rep).post(reverse("people:input_add", args=[act.pk]), {"text": "Vi vil være med", "voice": "union"})
    item = InputItem.objects.filter(activity=act).get()
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(InputItem), object_pk=str(item.pk)
    ).exists()
    body = assert_page(
        login(english(world.users["owner"])).get(world.initiative.get_absolute_url()), world.initiative.name
    )
    assert str(rep) not in body


# Start-page panels


def test_portfolio_office_sees_initiatives_that_chose_without_involvement(world, login):
    set_phase(world.initiative, Phase.EXECUTION)
    title, count, rest = panels(home(login, world.users["portfolio_office"]))["people-involvement_gaps"]
    assert (title, count) == ("Solutions chosen without involving those affected", 1)
    assert "unit leaders and union representatives not involved" in rest
    activity(world.initiative, leaders=[world.unit], union=True)
    assert "people-involvement_gaps" not in panels(home(login, world.users["portfolio_office"]))


def test_the_leader_left_out_is_told_and_others_are_not(world, login):
    set_phase(world.initiative, Phase.EXECUTION)
    activity(world.initiative, union=True)  # the union was there, the unit's leader was not
    title, count, rest = panels(home(login, world.users["unit_leader"]))["people-left_out"]
    assert (title, count) == ("Changes to my units chosen without me", 1)
    assert reverse("people:involvement", args=[world.initiative.pk]) in rest
    assert "people-left_out" not in panels(home(login, world.users["middle_manager"]))  # manages another unit
    set_phase(world.initiative, Phase.PLANNING)  # not chosen yet: time to involve, no warning
    assert "people-left_out" not in panels(home(login, world.users["unit_leader"]))


# In a real browser, at phone width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_involvement_and_information_pages_are_accessible(page, world):
    world = involvement_rows(world)
    set_phase(world.initiative, Phase.PLANNING)
    answer(world.input_item, response="partly", reason="Vi demper lyden om natten", on=DAY)
    owner = english(world.users["owner"])
    sign_in(page, owner)
    pk, affected = world.initiative.pk, world.affected.pk
    for url, heading in [
        (reverse("people:involvement", args=[pk]), "You said, we did"),
        (reverse("people:activity_add", args=[pk]), "Add involvement activity"),
        (reverse("people:input_add", args=[world.activity.pk]), f"Give input: {world.activity.title}"),
        (reverse("people:input_answer", args=[world.input_item.pk]), "Answer input"),
        (reverse("people:information_list", args=[pk]), "Information to employees"),
        (reverse("people:information", args=[affected]), "What the change means for you"),
        (reverse("people:information_edit", args=[affected]), f"Information to employees in {world.unit.name}"),
        (reverse("portfolio:initiative_phase", args=[pk]), "Change phase"),
        (world.initiative.get_absolute_url(), world.initiative.name),
    ]:
        assert_page_accessible(page, url, heading)


def test_the_recorded_warning_stays_on_the_list_after_involving_later(world, login):
    set_phase(world.initiative, Phase.PLANNING)
    change_phase(world.initiative, Phase.EXECUTION, by=None, on=DAY)
    activity(world.initiative, Phase.PLANNING, leaders=[world.unit], union=True)  # recorded afterwards
    url = reverse("people:involvement", args=[world.initiative.pk])
    body = assert_page(login(english(world.users["employee"])).get(url), "You said, we did")
    assert "Recorded when the initiative moved into execution on 01.03.2026" in body
    assert f"the leader of {world.unit.name}, union representatives." in body
    assert "The solution was chosen without involving:" not in body  # the live gap is closed now


def test_a_persons_input_is_in_their_data_export(world, login):
    employee = world.users["employee"]
    employee.memberships.update(unit=world.unit)
    act = activity(world.initiative, open_for_input=True)
    assert (
        login(employee)
        .post(reverse("people:input_add", args=[act.pk]), {"text": "Vi trenger mer opplæring", "voice": "employee"})
        .status_code
        == 302
    )
    named = [row for row in export_person(employee)["named_in"] if row["name"] == "Vi trenger mer opplæring"]
    assert len(named) == 1
