"""Scoped roles, the one permission layer, read-only politicians and what pages offer each role."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from benefits.models import Benefit, Indicator, Measurement
from benefits.services.plans import sign
from core.permissions import RULES, WRITE_RULES, can
from organisations.actor import build_actor, led_unit_ids
from organisations.models import Role, RoleAssignment
from organisations.services.people import save_membership, set_roles
from portfolio.models import AffectedUnit, Initiative

from .factories import give_role, make_member
from .test_access import ALLOWED, EVERYONE

pytestmark = pytest.mark.django_db


def actor_of(world, person):
    user = world.users[person] if isinstance(person, str) else person
    return build_actor(user, world.org.pk)


# Role scopes ---------------------------------------------------------------------------------


def assignment(world, role, **scope):
    membership = make_member(world.org, f"scoped-{role}").memberships.get()
    return RoleAssignment(membership=membership, organisation=world.org, role=role, **scope)


@pytest.mark.parametrize(
    ("role", "scope", "field"),
    [
        (Role.MIDDLE_MANAGER, {}, "unit"),  # a middle manager always covers a unit
        (Role.TOP_MANAGEMENT, {"unit": "unit"}, "unit"),
        (Role.POLITICIAN, {"initiative": "initiative"}, "initiative"),
        (Role.UNION_REPRESENTATIVE, {"initiative": "initiative"}, "initiative"),
        (Role.BENEFIT_RESPONSIBLE, {"unit": "unit"}, "unit"),
        (Role.PROJECT_OWNER, {"unit": "unit", "initiative": "initiative"}, "initiative"),
    ],
)
def test_a_role_only_takes_the_scopes_it_allows(world, role, scope, field):
    row = assignment(world, role, **{name: getattr(world, attr) for name, attr in scope.items()})
    with pytest.raises(ValidationError) as exc:
        row.full_clean()
    assert list(exc.value.message_dict) == [field]


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.MIDDLE_MANAGER, "unit"),
        (Role.UNION_REPRESENTATIVE, "sector"),
        (Role.UNION_REPRESENTATIVE, None),
        (Role.PROJECT_LEADER, "initiative"),
        (Role.BENEFIT_OWNER, "initiative"),
        (Role.ADMINISTRATOR, None),
    ],
)
def test_allowed_scopes_pass(world, role, scope):
    target = getattr(world, scope) if scope else None
    field = "initiative" if isinstance(target, Initiative) else "unit"
    assignment(world, role, **({field: target} if target else {})).full_clean()


def test_a_scope_in_another_organisation_is_refused(world, other_world):
    row = assignment(world, Role.MIDDLE_MANAGER, unit=other_world.unit)
    with pytest.raises(ValidationError) as exc:
        row.full_clean()
    assert "unit" in exc.value.message_dict


def test_setting_roles_with_a_wrong_scope_changes_nothing(world):
    membership = world.users["employee"].memberships.get()
    with pytest.raises(ValidationError) as exc:
        set_roles(membership, [RoleAssignment(role=Role.ADMINISTRATOR), RoleAssignment(role=Role.MIDDLE_MANAGER)])
    assert list(exc.value.message_dict) == ["unit"]
    assert list(membership.roles.values_list("role", flat=True)) == [Role.EMPLOYEE]


def test_saving_a_person_keeps_scopes_and_scopes_a_new_middle_manager_to_their_unit(world):
    user = world.users[Role.PROJECT_LEADER]
    data = {"roles": [Role.PROJECT_LEADER, Role.MIDDLE_MANAGER], "unit": world.department, "title": "Leder"}
    membership = save_membership(user.memberships.get(), data)
    held = set(membership.roles.values_list("role", "unit_id", "initiative_id"))
    assert held == {
        (Role.PROJECT_LEADER, None, world.initiative.pk),
        (Role.MIDDLE_MANAGER, world.department.pk, None),
    }


# Units led, from the database ----------------------------------------------------------------


def test_a_leader_leads_every_unit_below_theirs(world, django_assert_num_queries):
    world.sector.leader = world.users["top_management"]
    world.sector.save()
    with django_assert_num_queries(2):  # the leader's units, then the tree below them: never one per level
        led = led_unit_ids(world.org, world.users["top_management"])
    assert led == {world.sector.pk, world.unit.pk, world.department.pk, world.other_unit.pk}


def test_a_middle_manager_leads_the_unit_their_role_covers(world):
    assert actor_of(world, "middle_manager").led_unit_ids == {world.other_unit.pk}
    assert actor_of(world, "unit_leader").led_unit_ids == {world.unit.pk, world.department.pk}
    # An employee leads nothing, even with units led by others in the tree.
    assert actor_of(world, "employee").led_unit_ids == frozenset()


def test_a_unit_cannot_move_below_itself(world):
    world.unit.parent = world.department
    with pytest.raises(ValidationError) as exc:
        world.unit.full_clean()
    assert exc.value.message_dict["parent"] == [
        gettext("A unit cannot be placed under itself or one of its own sub-units.")
    ]


# The permission layer -------------------------------------------------------------------------


def test_an_unknown_rule_is_a_programming_error(world):
    with pytest.raises(KeyError):
        can(actor_of(world, "administrator"), "portfolio.fly")


def test_a_politician_never_writes_whatever_else_they_hold(world):
    membership = world.users["politician"].memberships.get()
    for role in (Role.ADMINISTRATOR, Role.PORTFOLIO_OFFICE, Role.TOP_MANAGEMENT):
        give_role(membership, role)
    Initiative.objects.across_organisations().filter(pk=world.initiative.pk).update(
        project_owner=world.users["politician"]
    )
    world.initiative.refresh_from_db()
    actor = actor_of(world, "politician")
    objects = {
        "organisations.manage": None,
        "portfolio.create_initiative": None,
        "portfolio.change_initiative": world.initiative,
        "portfolio.propose_idea": None,
        "benefits.sign_plan": world.initiative,
        "benefits.change_plan": world.initiative,
    }
    assert {name: can(actor, name, obj) for name, obj in objects.items()} == dict.fromkeys(objects, False)
    assert can(actor, "portfolio.view_all_ideas")  # reading is still allowed
    assert {"portfolio.export", "portfolio.view_all_ideas", "portfolio.view_idea"} < set(RULES)


def test_every_write_rule_refuses_a_politician_before_looking_at_the_object(world):
    give_role(world.users["politician"].memberships.get(), Role.ADMINISTRATOR)
    actor = actor_of(world, "politician")
    assert len(WRITE_RULES) > 10
    assert {name for name in WRITE_RULES if can(actor, name, None)} == set()
    assert can(actor_of(world, "administrator"), "organisations.manage")


def test_a_politician_named_to_measure_cannot_post_a_measurement(world, login):
    Indicator.objects.across_organisations().filter(pk=world.indicator.pk).update(measured_by=world.users["politician"])
    url = reverse("benefits:measurement_add", args=[world.indicator.pk])
    response = login(world.users["politician"]).post(url, {"value": "20", "measured_on": "2026-07-01"})
    assert response.status_code == 403
    assert Measurement.objects.filter(indicator=world.indicator).count() == 1


def test_a_politician_who_is_also_top_management_cannot_sign(world, login):
    give_role(world.users["politician"].memberships.get(), Role.TOP_MANAGEMENT)
    response = login(world.users["politician"]).post(reverse("benefits:plan_sign", args=[world.initiative.pk]))
    assert response.status_code == 403
    assert not world.initiative.benefit_plans.exists()
    with pytest.raises(ValidationError):
        sign(world.initiative, world.users["politician"], as_owner=False, as_management=True, on=datetime.date.today())
    assert not world.initiative.benefit_plans.exists()


# Politicians cannot be named -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "attribute", "field"),
    [
        (Initiative, "initiative", "project_owner"),
        (Initiative, "initiative", "project_leader"),
        (Benefit, "benefit", "owner"),
        (Benefit, "benefit", "responsible"),
        (Indicator, "indicator", "measured_by"),
    ],
)
def test_a_politician_cannot_be_named_on_a_row(world, model, attribute, field):
    row = getattr(world, attribute)
    setattr(row, field, world.users["politician"])
    with pytest.raises(ValidationError) as exc:
        row.full_clean()
    assert list(exc.value.message_dict) == [field]


def test_the_initiative_form_neither_offers_nor_accepts_a_politician_as_owner(world, login):
    url = reverse("portfolio:initiative_edit", args=[world.initiative.pk])
    client = login(world.users["portfolio_office"])
    page = client.get(url)
    assert page.status_code == 200
    choices = {str(pk) for pk, _label in page.context["form"].fields["project_owner"].choices if pk}
    assert str(world.users["politician"].pk) not in choices
    assert str(world.users["owner"].pk) in choices
    response = client.post(url, {"name": "Nattilsyn", "project_owner": world.users["politician"].pk})
    assert response.status_code == 200
    assert "project_owner" in response.context["form"].errors
    world.initiative.refresh_from_db()
    assert world.initiative.project_owner == world.users["owner"]


def test_the_indicator_form_does_not_accept_a_politician_as_measurer(world, login):
    url = reverse("benefits:benefit_part_edit", kwargs={"kind": "indicator", "pk": world.indicator.pk})
    data = {
        "name": "Runder",
        "unit_of_measure": "antall",
        "baseline_value": "40",
        "target_value": "20",
        "frequency": "12",
        "measured_by": world.users["politician"].pk,
    }
    response = login(world.users["portfolio_office"]).post(url, data)
    assert response.status_code == 200
    assert "measured_by" in response.context["form"].errors
    world.indicator.refresh_from_db()
    assert world.indicator.measured_by == world.users["benefit_responsible"]


# Scoped rights ---------------------------------------------------------------------------------


def test_a_unit_leader_chooses_only_units_they_lead(world, login):
    url = reverse("portfolio:affected_unit_edit", args=[world.affected.pk])
    client = login(world.users["unit_leader"])
    page = client.get(url)
    assert page.status_code == 200
    assert set(page.context["form"].fields["unit"].queryset) == {world.unit, world.department}
    data = {"unit": world.other_unit.pk, "employees_affected": "5", "change_from": "2026-09-01"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    world.affected.refresh_from_db()
    assert world.affected.unit == world.unit
    assert client.post(url, {**data, "unit": world.department.pk}).status_code == 302
    assert AffectedUnit.objects.across_organisations().get(pk=world.affected.pk).unit == world.department


def test_the_portfolio_office_chooses_any_unit(world, login):
    page = login(world.users["portfolio_office"]).get(reverse("portfolio:affected_unit_edit", args=[world.affected.pk]))
    assert page.status_code == 200
    assert set(page.context["form"].fields["unit"].queryset) == {world.unit, world.department, world.other_unit}


def test_benefit_responsible_for_the_whole_organisation_does_not_edit_every_plan(world, login, client):
    url = reverse("benefits:part_add", kwargs={"pk": world.initiative.pk, "kind": "cost"})
    everywhere = make_member(world.org, "gevinst-overalt", Role.BENEFIT_RESPONSIBLE)
    assert login(everywhere).get(url).status_code == 403
    # Named responsible on one of the initiative's benefits, they prepare its plan.
    Benefit.objects.across_organisations().filter(pk=world.benefit.pk).update(responsible=everywhere)
    assert client.get(url).status_code == 200
    other = make_member(world.org, "gevinst-annet", Role.BENEFIT_RESPONSIBLE, scope=world.initiative)
    client.logout()
    assert login(other).get(url).status_code == 200


def test_a_project_leader_scoped_to_another_initiative_cannot_edit_this_one(world, login):
    elsewhere = Initiative.objects.create(organisation=world.org, name="Annet prosjekt")
    leader = make_member(world.org, "leder-annet", Role.PROJECT_LEADER, scope=elsewhere)
    client = login(leader)
    assert client.get(reverse("portfolio:initiative_edit", args=[world.initiative.pk])).status_code == 403
    assert client.get(reverse("portfolio:initiative_edit", args=[elsewhere.pk])).status_code == 200


# Pages offer an action exactly to those allowed to perform it -------------------------------------

ACTION_LINKS = [
    # (url name of the action, the page showing it)
    ("benefits:measurement_add", lambda w: reverse("benefits:benefit", args=[w.benefit.pk]), lambda w: w.indicator.pk),
    ("portfolio:initiative_edit", lambda w: w.initiative.get_absolute_url(), lambda w: w.initiative.pk),
    ("portfolio:affected_unit_add", lambda w: w.initiative.get_absolute_url(), lambda w: w.initiative.pk),
    ("portfolio:affected_unit_edit", lambda w: w.initiative.get_absolute_url(), lambda w: w.affected.pk),
    ("portfolio:status_report_add", lambda w: w.initiative.get_absolute_url(), lambda w: w.initiative.pk),
    ("benefits:plan_sign", lambda w: reverse("benefits:plan", args=[w.initiative.pk]), lambda w: w.initiative.pk),
    ("benefits:estimates", lambda w: reverse("benefits:benefit", args=[w.benefit.pk]), lambda w: w.benefit.pk),
    ("organisations:unit_edit", lambda w: reverse("organisations:unit", args=[w.unit.pk]), lambda w: w.unit.pk),
]


@pytest.mark.parametrize(("action", "page", "get_id"), ACTION_LINKS, ids=[a[0] for a in ACTION_LINKS])
def test_an_action_is_shown_exactly_to_those_allowed(world, client, action, page, get_id):
    target = reverse(action, args=[get_id(world)])
    shown = set()
    for person in EVERYONE:
        client.force_login(world.users[person])
        response = client.get(page(world))
        assert response.status_code == 200
        if f'"{target}"' in response.content.decode():
            shown.add(person)
    assert shown == ALLOWED[action]


def test_a_new_middle_manager_needs_the_unit_they_lead(world):
    from organisations.forms import MembershipForm

    membership = world.users["employee"].memberships.get()
    data = {"title": "Leder", "roles": [Role.MIDDLE_MANAGER], "is_active": "on"}
    editor = world.users[Role.ADMINISTRATOR]
    form = MembershipForm(data, instance=membership, organisation=world.org, editor=editor)
    assert not form.is_valid()
    assert list(form.errors) == ["unit"]
    form = MembershipForm({**data, "unit": world.unit.pk}, instance=membership, organisation=world.org, editor=editor)
    assert form.is_valid(), form.errors
    save_membership(membership, form.cleaned_data)
    assert list(membership.roles.values_list("role", "unit_id")) == [(Role.MIDDLE_MANAGER, world.unit.pk)]


def test_saving_a_person_rescopes_a_middle_manager_from_before_scopes(world):
    user = world.users["employee"]
    membership = user.memberships.get()
    RoleAssignment.objects.create(membership=membership, role=Role.MIDDLE_MANAGER)  # as rows were before scopes
    save_membership(membership, {"roles": [Role.MIDDLE_MANAGER], "unit": world.department})
    assert list(membership.roles.values_list("role", "unit_id")) == [(Role.MIDDLE_MANAGER, world.department.pk)]


def test_the_people_list_shows_what_each_role_covers_in_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["employee"])
    with django_assert_max_num_queries(8):  # not one more for each scoped role
        response = client.get(reverse("organisations:people"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{gettext("People")}</h1>' in body
    assert f"({world.other_unit.name})" in body  # the middle manager's unit
    assert f"({world.initiative.name})" in body  # the project leader's initiative


def test_an_administrator_gives_and_removes_a_role_for_one_initiative(world, other_world, login, client):
    person = world.users["employee"]
    membership = person.memberships.get()
    plan_url = reverse("benefits:part_add", kwargs={"pk": world.initiative.pk, "kind": "change"})
    login(person)
    assert client.get(plan_url).status_code == 403
    client.logout()

    admin = login(world.users["administrator"])
    add = reverse("organisations:scoped_role_add", args=[membership.pk])
    page = admin.get(add)
    assert page.status_code == 200 and "<h1" in page.content.decode()
    # A role that only covers the whole organisation, and another municipality's initiative, are refused.
    refused = admin.post(add, {"role": Role.TOP_MANAGEMENT, "initiative": world.initiative.pk})
    assert refused.status_code == 200 and "role" in refused.context["form"].errors
    foreign = admin.post(add, {"role": Role.BENEFIT_RESPONSIBLE, "initiative": other_world.initiative.pk})
    assert foreign.status_code == 200 and "initiative" in foreign.context["form"].errors
    assert not membership.roles.filter(initiative__isnull=False).exists()
    given = admin.post(add, {"role": Role.BENEFIT_RESPONSIBLE, "initiative": world.initiative.pk})
    assert given.status_code == 302
    assignment = membership.roles.get(role=Role.BENEFIT_RESPONSIBLE)
    assert assignment.initiative == world.initiative
    edit_page = admin.get(reverse("organisations:person_edit", args=[membership.pk]))
    assert edit_page.status_code == 200 and str(assignment) in edit_page.content.decode()
    client.logout()

    login(person)
    assert client.get(plan_url).status_code == 200  # the role now covers this initiative's plan
    client.logout()
    admin = login(world.users["administrator"])
    assert admin.post(reverse("organisations:scoped_role_delete", args=[assignment.pk])).status_code == 302
    assert not membership.roles.filter(role=Role.BENEFIT_RESPONSIBLE).exists()


def test_a_scoped_role_held_already_or_without_a_scope_is_a_form_error(world, login):
    """Found by the form fuzzer on PostgreSQL: both once gave an integrity error (500)."""
    membership = world.users["project_leader"].memberships.get()
    admin = login(world.users["administrator"])
    add = reverse("organisations:scoped_role_add", args=[membership.pk])
    assert admin.post(add, {"role": Role.BENEFIT_RESPONSIBLE, "initiative": world.initiative.pk}).status_code == 302
    before = membership.roles.count()
    again = admin.post(add, {"role": Role.BENEFIT_RESPONSIBLE, "initiative": world.initiative.pk})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    held = membership.roles.filter(unit__isnull=True, initiative__isnull=True).values_list("role", flat=True).first()
    unscoped = admin.post(add, {"role": Role.PROJECT_OWNER if held is None else held})
    assert unscoped.status_code == 200 and unscoped.context["form"].non_field_errors()
    assert membership.roles.count() == before
