"""Rollout waves: kept on the initiative page by its editors, the date an affected unit gets from its
wave, the suggested order of the units, and the change-load check before a date is saved.

The world (tests/factories.py): sector (100 employees) > unit (40) > department (20), and another
unit (30). The initiative affects the unit (30 employees from 1 September 2026) and has wave 9
(1 October 2026) with no units in it yet.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from demo.fjordvik import load_fjordvik
from demo.fjordvik_waves import IN_WAVES
from organisations.models import OrgUnit
from people.models import ReadinessSettings
from people.services.waves import suggested_order
from portfolio.models import AffectedUnit, Initiative, Phase, RolloutWave
from portfolio.views.parts import LOAD_CHECK

from .browser import assert_accessible, assert_page_accessible, sign_in
from .pages import assert_page

pytestmark = pytest.mark.django_db

OCT_1 = datetime.date(2026, 10, 1)
MARCH_1 = datetime.date(2027, 3, 1)


def decided(initiative: Initiative) -> Initiative:
    """In execution: its changes weigh on the units (ideas do not)."""
    Initiative.objects.for_org(initiative.organisation).filter(pk=initiative.pk).update(phase=Phase.EXECUTION)
    initiative.refresh_from_db()
    return initiative


def affected_unit(initiative, unit, employees, change_from, impact="moderate", readiness=None) -> AffectedUnit:
    return AffectedUnit.objects.create(
        initiative=initiative,
        unit=unit,
        employees_affected=employees,
        change_from=change_from,
        impact=impact,
        readiness=readiness,
    )


def waves_of(world) -> list[tuple[int, datetime.date]]:
    return list(RolloutWave.objects.filter(initiative=world.initiative).values_list("number", "go_live"))


def affected_now(world) -> tuple[int | None, datetime.date]:
    world.affected.refresh_from_db()
    return world.affected.wave_id, world.affected.change_from


# --- Waves on the initiative --------------------------------------------------------------------


def test_the_initiatives_editors_add_change_and_remove_waves_and_no_one_else(world, login, client, pages_in_english):
    add = reverse("portfolio:wave_add", args=[world.initiative.pk])
    data = {"number": "2", "go_live": "2027-03-01", "units": [world.affected.pk]}
    for refused in ("politician", "unit_leader", "employee", "benefit_responsible"):
        assert login(world.users[refused]).post(add, data).status_code == 403
        client.logout()
    assert waves_of(world) == [(9, OCT_1)]
    assert affected_now(world) == (None, datetime.date(2026, 9, 1))

    client = login(world.users["project_leader"])
    page = assert_page(client.get(add), "Add: Rollout wave")
    assert 'value="10"' in page  # the number after the highest is proposed
    assert client.post(add, data).status_code == 302
    wave = RolloutWave.objects.get(initiative=world.initiative, number=2)
    assert affected_now(world) == (wave.pk, MARCH_1)  # the unit's date comes from its wave

    edit = reverse("portfolio:wave_edit", args=[wave.pk])
    moved = {**data, "go_live": "2027-04-06"}
    client.logout()
    assert login(world.users["unit_leader"]).post(edit, moved).status_code == 403
    assert affected_now(world) == (wave.pk, MARCH_1)
    client.logout()
    client = login(world.users["owner"])
    assert client.post(edit, moved).status_code == 302
    assert affected_now(world) == (wave.pk, datetime.date(2027, 4, 6))  # the unit follows its wave

    remove = reverse("portfolio:wave_delete", args=[wave.pk])
    client.logout()
    assert login(world.users["politician"]).post(remove).status_code == 403
    assert RolloutWave.objects.for_org(world.org).filter(pk=wave.pk).exists()
    client.logout()
    page = assert_page(
        login(world.users["portfolio_office"]).get(world.initiative.get_absolute_url()), world.initiative.name
    )
    assert "Its units keep the date 06.04.2027 and are then in no wave." in page
    assert client.post(remove).status_code == 302
    assert not RolloutWave.objects.for_org(world.org).filter(pk=wave.pk).exists()
    assert affected_now(world) == (None, datetime.date(2027, 4, 6))  # the unit keeps the wave's date


def test_a_unit_taken_out_of_a_wave_keeps_its_date_and_a_number_is_used_once(world, login, pages_in_english):
    client = login(world.users["project_leader"])
    edit = reverse("portfolio:wave_edit", args=[world.wave.pk])
    assert client.post(edit, {"number": "9", "go_live": "2026-10-01", "units": [world.affected.pk]}).status_code == 302
    assert affected_now(world) == (world.wave.pk, OCT_1)
    assert client.post(edit, {"number": "9", "go_live": "2026-11-02"}).status_code == 302  # no unit ticked
    assert affected_now(world) == (None, OCT_1)

    add = reverse("portfolio:wave_add", args=[world.initiative.pk])
    response = client.post(add, {"number": "9", "go_live": "2027-01-04"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["number"]
    assert waves_of(world) == [(9, datetime.date(2026, 11, 2))]


def test_the_initiative_page_lists_the_waves_with_their_units(world, login, pages_in_english):
    world.affected.wave = world.wave
    world.affected.readiness = 4
    world.affected.save()
    page = assert_page(login(world.users["employee"]).get(world.initiative.get_absolute_url()), world.initiative.name)
    waves = page[page.index('id="waves-heading"') :]
    assert "Wave 9" in waves and "01.10.2026" in waves and world.unit.name in waves
    assert reverse("portfolio:wave_edit", args=[world.wave.pk]) not in page  # an employee only reads
    units = page[page.index('id="units-heading"') : page.index('id="waves-heading"')]
    assert "4 of 5" in units and "Moderate" in units
    assert "In no wave" not in waves


def test_the_waves_name_the_units_in_no_wave(world, login, pages_in_english):
    page = assert_page(login(world.users["employee"]).get(world.initiative.get_absolute_url()), world.initiative.name)
    waves = page[page.index('id="waves-heading"') :]
    assert f"In no wave, each on its own date: {world.unit.name} (01.09.2026)" in waves


# --- An affected unit's date comes from its wave -------------------------------------------------


def post_affected(client, world, **changes):
    data = {
        "unit": world.unit.pk,
        "employees_affected": "30",
        "wave": "",
        "change_from": "2026-09-01",
        "impact": "moderate",
        "readiness": "",
        "change_description": "",
        **changes,
    }
    return client.post(reverse("portfolio:affected_unit_edit", args=[world.affected.pk]), data)


def test_with_a_wave_the_waves_date_wins_and_without_one_a_date_is_needed(world, login, pages_in_english):
    client = login(world.users["unit_leader"])  # the unit's leader corrects their own row
    page = assert_page(
        client.get(reverse("portfolio:affected_unit_edit", args=[world.affected.pk])), "Edit: Affected unit"
    )
    assert "With a wave, the unit changes on the wave&#x27;s go-live date." in page
    assert "Wave 9, live 01.10.2026" in page

    response = post_affected(client, world, change_from="", wave="")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "change_from": ["Give the date the unit changes from, or choose a wave."]
    }
    assert affected_now(world) == (None, datetime.date(2026, 9, 1))

    assert post_affected(client, world, wave=world.wave.pk, change_from="", readiness="2").status_code == 302
    assert affected_now(world) == (world.wave.pk, OCT_1)
    assert world.affected.readiness == 2
    assert post_affected(client, world, wave=world.wave.pk, change_from="2027-05-01").status_code == 302
    assert affected_now(world) == (world.wave.pk, OCT_1)  # the wave's date, not the one typed


def test_a_wave_of_another_initiative_is_refused(world, other_world, login, pages_in_english):
    second = Initiative.objects.create(organisation=world.org, name="Ny turnus")
    foreign = RolloutWave.objects.create(initiative=second, number=1, go_live=MARCH_1)
    client = login(world.users["project_leader"])
    for wave in (foreign, other_world.wave):
        response = post_affected(client, world, wave=wave.pk)
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["wave"]
    assert affected_now(world) == (None, datetime.date(2026, 9, 1))

    world.affected.wave = foreign
    with pytest.raises(ValidationError) as refused:
        world.affected.full_clean()
    assert list(refused.value.message_dict) == ["wave"]


# --- Suggested order -----------------------------------------------------------------------------


@pytest.fixture
def four_units(world):
    """Four affected units of the world's initiative (in execution; weights 1, 5, 10; changes weigh
    three months from go-live):

    - the unit (40): 30 × 5 = 150 points from September, ready 4
    - the other unit (30): 30 × 10 = 300 points from October, ready 5
    - the department (20, under the unit): 10 × 1 = 10 points from October, ready 4
    - a kitchen (10): 5 × 5 = 25 points from November, not judged
    """
    decided(world.initiative)
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(readiness=4)
    kitchen = OrgUnit.objects.create(
        organisation=world.org, name="Kjøkkenet", level=OrgUnit.Level.UNIT, parent=world.sector, headcount=10
    )
    affected_unit(world.initiative, world.other_unit, 30, OCT_1, "high", readiness=5)
    affected_unit(world.initiative, world.department, 10, OCT_1, "low", readiness=4)
    affected_unit(world.initiative, kitchen, 5, datetime.date(2026, 11, 1))
    return world


def test_the_most_ready_units_come_first_then_the_least_loaded_around_their_go_live(four_units, pages_in_english):
    w = four_units
    order = suggested_order(w.initiative)
    # Highest load in the month before, of and after go-live:
    # other unit 300 / 30 = 10 from October; department 10 / 20 = 0.5 from October;
    # unit (its own 150 and the department's 10) 150 / 40 = 3.75 in September, 160 / 40 = 4 in October;
    # kitchen 25 / 10 = 2.5 from November.
    assert [(s.affected.unit.name, s.reason) for s in order] == [
        (w.other_unit.name, "ready 5 of 5; load 10 in October 2026"),
        (w.department.name, "ready 4 of 5; load 0,5 in October 2026"),
        (w.unit.name, "ready 4 of 5; load 4 in October 2026"),
        ("Kjøkkenet", "readiness not judged; load 2,5 in November 2026"),
    ]
    assert order[2].load == Decimal("4.0")


def test_the_suggested_order_is_on_the_initiative_page_with_why(four_units, login, pages_in_english):
    page = assert_page(
        login(four_units.users["employee"]).get(four_units.initiative.get_absolute_url()), four_units.initiative.name
    )
    part = page[page.index('id="suggested-order-heading"') :]
    assert "starting with the most motivated units" in part
    assert part.index(four_units.other_unit.name) < part.index(four_units.department.name) < part.index("Kjøkkenet")


def test_the_suggested_order_reads_the_same_number_of_queries_for_more_units(four_units):
    w = four_units
    initiatives = Initiative.objects.for_org(w.org).select_related("organisation")  # as the page reads it
    with CaptureQueriesContext(connection) as few:
        assert len(suggested_order(initiatives.get(pk=w.initiative.pk))) == 4
    for number in range(6):
        unit = OrgUnit.objects.create(
            organisation=w.org, name=f"Enhet {number}", level=OrgUnit.Level.UNIT, parent=w.sector, headcount=10
        )
        affected_unit(w.initiative, unit, 5, datetime.date(2027, number + 1, 1), readiness=number % 5 + 1)
        other = decided(Initiative.objects.create(organisation=w.org, name=f"Endring {number}"))
        affected_unit(other, unit, 3, datetime.date(2026, 12, 1))
    with CaptureQueriesContext(connection) as many:
        assert len(suggested_order(initiatives.get(pk=w.initiative.pk))) == 10
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- The change-load check before saving ---------------------------------------------------------


@pytest.fixture
def crowded_march(world):
    """Changes weigh one month. Another initiative changes the department (20 of 20, high: 200
    points) on 1 March 2027. The unit's limit is 12. Moving the world's change (30 of the unit's 40,
    high: 300 points) to March 2027 gives the unit (300 + 200) / 40 = 12.5 there: over its limit.
    The sector: 500 / 100 = 5, under the default 20."""
    decided(world.initiative)
    ReadinessSettings.objects.create(organisation=world.org, months_of_change=1)
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(impact="high")
    world.affected.refresh_from_db()
    second = decided(Initiative.objects.create(organisation=world.org, name="Ny turnus"))
    affected_unit(second, world.department, 20, MARCH_1, "high")
    OrgUnit.objects.for_org(world.org).filter(pk=world.unit.pk).update(change_load_limit=Decimal(12))
    return world


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_checking_a_waves_date_shows_the_unit_put_over_its_limit_and_saves_nothing(
    crowded_march, login, pages_in_english
):
    w = crowded_march
    client = login(w.users["project_leader"])
    add = reverse("portfolio:wave_add", args=[w.initiative.pk])
    data = {"number": "2", "go_live": "2027-03-01", "units": [w.affected.pk]}
    warning = f"{w.unit.name} would be over its change-load limit in March 2027: load 12,5, limit 12."

    page = assert_page(client.post(add, {**data, "check": "1"}), "Add: Rollout wave")
    assert warning in page and "Nothing is saved yet." in page
    assert waves_of(w) == [(9, OCT_1)]
    assert affected_now(w) == (None, datetime.date(2026, 9, 1))

    later = assert_page(client.post(add, {**data, "go_live": "2027-05-03", "check": "1"}), "Add: Rollout wave")
    assert "No unit would be over its change-load limit in the months around this date." in later
    assert waves_of(w) == [(9, OCT_1)]

    saved = client.post(add, data)  # the change is allowed; the warning follows it
    assert saved.status_code == 302
    assert waves_of(w) == [(2, MARCH_1), (9, OCT_1)]
    assert warning in messages_of(saved)
    shown = assert_page(client.get(saved.url), w.initiative.name)
    assert f'data-color="warning" role="status"><p class="ds-paragraph">{warning}</p>' in shown


def test_checking_an_affected_units_date_uses_the_same_check(crowded_march, login, pages_in_english):
    w = crowded_march
    client = login(w.users["unit_leader"])
    response = post_affected(client, w, change_from="2027-03-01", impact="high", check="1")
    assert assert_page(response, "Edit: Affected unit")
    assert response.context["check_warnings"] == [
        f"{w.unit.name} would be over its change-load limit in March 2027: load 12,5, limit 12."
    ]
    assert affected_now(w) == (None, datetime.date(2026, 9, 1))
    # As a low impact (30 × 1 = 30 points) the unit stays at (30 + 200) / 40 = 5.8 in March.
    response = post_affected(client, w, change_from="2027-03-01", impact="low", check="1")
    assert response.context["check_warnings"] == []


def test_a_new_affected_unit_is_checked_before_it_is_added(crowded_march, login, pages_in_english):
    w = crowded_march
    OrgUnit.objects.for_org(w.org).filter(pk=w.other_unit.pk).update(change_load_limit=Decimal(9))
    client = login(w.users["project_leader"])
    data = {"unit": w.other_unit.pk, "employees_affected": "30", "change_from": "2027-03-01", "impact": "high"}
    response = client.post(reverse("portfolio:affected_unit_add", args=[w.initiative.pk]), {**data, "check": "1"})
    # 30 × 10 / 30 = 10 in March, over the other unit's 9.
    assert response.context["check_warnings"] == [
        f"{w.other_unit.name} would be over its change-load limit in March 2027: load 10, limit 9."
    ]
    assert not AffectedUnit.objects.filter(initiative=w.initiative, unit=w.other_unit).exists()


# --- The demo ------------------------------------------------------------------------------------


def test_the_demo_rolls_an_initiative_out_in_waves_with_readiness_judged():
    org = load_fjordvik(reference=datetime.date(2026, 11, 22)).organisation
    initiative = Initiative.objects.for_org(org).get(name=IN_WAVES)
    waves = list(initiative.waves.prefetch_related("affected_units"))
    assert [wave.number for wave in waves] == [1, 2, 3]
    assert all(a.change_from == wave.go_live for wave in waves for a in wave.affected_units.all())
    assert not initiative.affected_units.filter(readiness__isnull=True).exists()
    first = {a.unit.name for a in waves[0].affected_units.select_related("unit")}
    assert suggested_order(initiative)[0].affected.unit.name in first  # the demo starts where the order says


# --- In the browser ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_project_leader_checks_a_waves_date_before_saving_it(page, crowded_march):
    w = crowded_march
    affected_unit(w.initiative, w.other_unit, 10, OCT_1, readiness=5)
    with translation.override("nb"):
        add_heading = _("Add: %(what)s") % {"what": capfirst(RolloutWave._meta.verbose_name)}
        check_label = str(LOAD_CHECK.label)
    sign_in(page, w.users["project_leader"])
    assert_page_accessible(page, w.initiative.get_absolute_url(), w.initiative.name)
    expect(page.locator("#suggested-order-heading + p + ol li").first).to_contain_text(w.other_unit.name)

    assert_page_accessible(page, reverse("portfolio:wave_add", args=[w.initiative.pk]), add_heading)
    page.get_by_label(w.unit.name).check()
    page.locator("#id_go_live").fill("2027-03-01")
    page.get_by_role("button", name=check_label).click()
    expect(page.get_by_role("status")).to_contain_text(w.unit.name)
    assert_accessible(page, add_heading)
    assert not RolloutWave.objects.for_org(w.org).filter(number=1).exists()
