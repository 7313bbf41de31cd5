"""The audit trail: what is logged, how the history reads, who may see a union role."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.audit import history_for, read_history
from core.audit_context import Source, audit_source
from core.audit_registry import AUDITED, NOT_AUDITED, our_models
from organisations.actor import build_actor
from organisations.models import Membership, OrgUnit, Role, RoleAssignment
from organisations.services.person_history import history_for_membership
from people.models import TrainingActivity
from people.services.training import save_training_activity
from portfolio.models import Initiative, Programme, Stakeholder

from .factories import make_member

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """The history's words are checked in English; the lead's catalogues translate them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def lines(history) -> list[str]:
    return [line for row in history for line in row.changes]


def membership_of(world, key):
    return Membership.objects.for_org(world.org).get(user=world.users[key])


# What is audited


def test_every_model_of_our_apps_is_audited_or_listed_with_a_reason():
    models = set(our_models())
    assert "organisations.RoleAssignment" in models and "accounts.User" in models
    assert not set(AUDITED) & set(NOT_AUDITED)
    assert models == set(AUDITED) | set(NOT_AUDITED), models ^ (set(AUDITED) | set(NOT_AUDITED))
    assert all(len(reason) > 20 for reason in NOT_AUDITED.values())
    assert all(auditlog.contains(apps.get_model(label)) for label in AUDITED)


def test_role_membership_and_account_changes_are_logged_never_a_password_hash(world):
    admin = world.users["administrator"]
    person = world.users["employee"]
    membership = membership_of(world, "employee")
    with set_actor(admin):
        role = RoleAssignment.objects.create(membership=membership, role=Role.BENEFIT_OWNER)
        membership.title = "Sykepleier"
        membership.save()
        person.email = "ny@fjordvik.no"
        person.save()
        person.set_password("Et-helt-nytt-passord-2026")
        person.save()
    role_entry = LogEntry.objects.get_for_object(role).get()
    assert (role_entry.actor, role_entry.changes["role"]) == (admin, ["None", Role.BENEFIT_OWNER])
    assert LogEntry.objects.get_for_object(membership).latest("timestamp").changes["title"] == ["", "Sykepleier"]
    user_entries = list(LogEntry.objects.get_for_object(person).order_by("pk"))
    assert user_entries[-2].changes == {"email": ["", "ny@fjordvik.no"]}
    assert user_entries[-1].changes == {"password": ["", ""]}  # the event, no values
    every_change = "".join(str(entry.changes) for entry in LogEntry.objects.all())
    assert person.password not in every_change and "pbkdf2" not in every_change and "md5$" not in every_change


def test_a_password_hash_upgrade_at_sign_in_is_not_a_password_change(world, settings):
    person = world.users["employee"]
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    before = LogEntry.objects.get_for_object(person).count()
    assert person.check_password("Test-passord-2026")  # the MD5 hash is upgraded and saved
    assert person.password.startswith("pbkdf2")
    assert LogEntry.objects.get_for_object(person).count() == before


def test_units_of_a_change_and_of_an_idea_are_audited_and_read(world, login):
    with set_actor(world.users["owner"]):
        world.change.units.add(world.unit, world.department)
        world.change.units.remove(world.department)
        world.idea.units.add(world.other_unit)
    page = login(world.users["owner"]).get(world.initiative.get_absolute_url())
    assert page.status_code == 200
    assert "<h1" in page.content.decode() and world.initiative.name in page.content.decode()
    shown = lines(page.context["history"])
    assert "Units that change: removed Fjordvik Avdeling A" in shown
    assert any(line.startswith("Units that change: added ") and "Fjordvik Sykehjem" in line for line in shown)
    idea_entry = LogEntry.objects.get_for_object(world.idea).latest("timestamp")
    assert idea_entry.changes["units"] == {"type": "m2m", "operation": "add", "objects": ["Fjordvik Hjemmetjeneste"]}


# How the history reads


def test_history_reads_like_norwegian_text_never_none(world):
    initiative = world.initiative
    with set_actor(world.users["portfolio_office"]):
        initiative.budget = 750_000
        initiative.planned_end = datetime.date(2027, 12, 31)
        initiative.statutory = True
        initiative.project_leader = world.users["project_leader"]
        initiative.programme = None
        initiative.save()
        world.cost.year = 2027
        world.cost.save()
    history = history_for(initiative, children_key="initiative")
    shown = lines(history)
    assert f"Budget (NOK): 1{NBSP}000{NBSP}000{NBSP}kr → 750{NBSP}000{NBSP}kr" in shown
    assert "Planned end: 30.06.2027 → 31.12.2027" in shown
    assert "Statutory: No → Yes" in shown
    assert f"Project leader: — → {world.users['project_leader']}" in shown
    assert "Programme: Fjordvik programme → —" in shown
    assert "Year: 2026 → 2027" in shown
    assert not any("None" in line for line in shown)
    latest = history.recent[0]
    assert latest.actor == str(world.users["portfolio_office"])


def test_choices_show_their_labels(world):
    with set_actor(world.users["portfolio_office"]):
        world.stakeholder.attitude = 1
        world.stakeholder.save()
    shown = lines(history_for(world.initiative, children_key="initiative"))
    expected = f"Attitude: {Stakeholder.Attitude(-1).label} → {Stakeholder.Attitude(1).label}"
    assert expected in shown


def test_a_foreign_key_is_named_only_inside_the_organisation(world, other_world):
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_pk=str(world.initiative.pk),
        object_id=world.initiative.pk,
        object_repr=world.initiative.name,
        action=LogEntry.Action.UPDATE,
        changes={
            "sector": [str(world.sector.pk), str(other_world.sector.pk)],
            "project_owner": [str(world.users["owner"].pk), str(other_world.users["owner"].pk)],
        },
    )
    shown = lines(history_for(world.initiative))
    assert f"Owning sector: {world.sector.name} → (deleted)" in shown
    assert f"Project owner: {world.users['owner']} → Former member" in shown
    assert not any("Havlund" in line for line in shown)


def test_the_source_replaces_an_empty_name(world):
    with audit_source(Source.DEMO):
        programme = Programme.objects.create(organisation=world.org, name="Demo-programmet")
    with audit_source(Source.COMMAND):
        programme.name = "Kommandoprogrammet"
        programme.save()
    programme.name = "Uten kilde"
    programme.save()
    rows = list(history_for(programme))
    assert [row.actor for row in rows] == ["Not recorded", "Command", "Demo data"]
    with set_actor(world.users["portfolio_office"]), audit_source(Source.IMPORT):
        programme.delete()
    entry = LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_repr="Uten kilde").get()
    assert entry.additional_data == {"source": "import"}


def test_workbook_import_and_demo_data_are_named_as_sources(world):
    from demo.fjordvik import load_fjordvik
    from kommit.importer import create_initiative

    from .test_kommit import parsed_good

    initiative = create_initiative(parsed_good(world).workbook, world.org, by=None, start_year=2026)
    rows = list(history_for(initiative, children_key="initiative"))
    assert rows and {row.actor for row in rows} == {"Workbook import"}
    load_fjordvik(datetime.date(2026, 11, 1))
    demo_initiative = Initiative.objects.across_organisations().exclude(organisation__in=[world.org]).first()
    assert {row.actor for row in history_for(demo_initiative, children_key="initiative")} == {"Demo data"}


def test_the_latest_five_are_open_and_the_rest_folded_away(world, login):
    with set_actor(world.users["owner"]):
        for n in range(7):
            world.initiative.name = f"Navn {n}"
            world.initiative.save()
    response = login(world.users["owner"]).get(world.initiative.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Navn 6" in page and "Change history" in page
    history = response.context["history"]
    assert len(history.recent) == 5 and history.recent[0].changes == ["Name: Navn 5 → Navn 6"]
    assert len(history.earlier) == len(history) - 5 >= 2
    history_start = page.index('<details class="ds-details history-earlier"')  # not the waves' removal
    folded = page[history_start : page.index("</details>", history_start)]
    assert "Name: Navn 0 → Navn 1" in folded and "Name: Navn 5 → Navn 6" not in folded
    assert f"Show {len(history.earlier)} earlier changes" in folded


def test_history_on_the_initiative_page_costs_the_same_queries_for_many_entries(world, login):
    client = login(world.users["owner"])
    url = world.initiative.get_absolute_url()
    world.initiative.project_leader = world.users["project_leader"]  # the page shows the leader either way
    world.initiative.save()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    people = [make_member(world.org, f"ekstra{n}", Role.PROJECT_LEADER) for n in range(12)]
    units = [
        OrgUnit.objects.create(organisation=world.org, name=f"Sektor {n}", level=OrgUnit.Level.SECTOR)
        for n in range(12)
    ]
    with set_actor(world.users["owner"]):
        for person, unit in zip(people, units, strict=True):
            world.initiative.project_leader = person
            world.initiative.sector = unit
            world.initiative.save()
            world.change.units.add(unit)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["history"]) > len(few.captured_queries)
    few_sql = {q["sql"] for q in few.captured_queries}
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries if q["sql"] not in few_sql]


# The person's history and the union-representative role


def test_administrator_sees_roles_membership_and_account_changes_on_the_person_page(world, login):
    admin = world.users["administrator"]
    membership = membership_of(world, "employee")
    client = login(admin)
    with set_actor(admin):
        RoleAssignment.objects.create(membership=membership, role=Role.UNION_REPRESENTATIVE)
        membership.unit = world.unit
        membership.save()
        membership.user.set_password("Et-helt-nytt-passord-2026")
        membership.user.save()
    response = client.get(reverse("organisations:person_edit", args=[membership.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Membership of" in page and "Change history" in page
    shown = lines(response.context["history"])
    assert "Role: Union representative" in shown
    assert f"Works in: — → {world.unit.name}" in shown
    assert "Password: changed (the value is never logged)" in shown
    assert "Role: Employee" in shown  # from the person's creation


def test_non_administrators_cannot_open_the_person_page(world, login):
    membership = membership_of(world, "union_representative")
    response = login(world.users["portfolio_office"]).get(reverse("organisations:person_edit", args=[membership.pk]))
    assert response.status_code == 403


def test_a_union_role_shows_only_to_administrators_and_the_person(world):
    membership = membership_of(world, "union_representative")
    viewers = {key: build_actor(world.users[key], world.org.pk) for key in ("administrator", "union_representative")}
    viewers["colleague"] = build_actor(world.users["top_management"], world.org.pk)

    def roles_seen(viewer_key):
        return [line for line in lines(history_for_membership(membership, viewers[viewer_key])) if "Role:" in line]

    assert roles_seen("administrator") == ["Role: Union representative"]
    assert roles_seen("union_representative") == ["Role: Union representative"]
    assert roles_seen("colleague") == []
    with set_actor(world.users["administrator"]):
        membership.roles.get().delete()
    assert roles_seen("colleague") == []
    assert roles_seen("administrator") == ["Role: Union representative", "Role: Union representative"]
    everything = read_history(Q(pk__gt=0), world.org.pk, show_union_roles=False)
    assert len(everything) > 0 and not any("Union representative" in line for line in lines(everything))


def test_a_training_line_logs_what_people_change_not_the_cost_rows_it_owns(world):
    activity = save_training_activity(
        TrainingActivity(
            initiative=world.initiative,
            affected_unit=world.affected,
            target_group="Nattevakter",
            method="classroom",
            timing="before",
            hours_per_employee=2,
            employees=10,
            fees=5000,
        )
    )
    activity.refresh_from_db()
    assert activity.cost_row_id and activity.fee_row_id  # the plan wrote its cost into the economics
    logged = [set(entry.changes_dict) for entry in LogEntry.objects.get_for_object(activity)]
    assert any("target_group" in fields for fields in logged)
    assert not any({"cost_row", "fee_row"} & fields for fields in logged)
