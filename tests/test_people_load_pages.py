"""The change-load heatmap, a unit's own row, the limits in the settings and the warnings.

The loads are those worked out by hand in ``tests/test_people_load.py`` (see ``factories_load``).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organisations.actor import build_actor
from organisations.models import OrgUnit
from people.models import ReadinessSettings
from people.services.load import add_months
from people.services.load_warnings import ContributedMonth, MonthOver, initiative_overload, overloaded_units
from people.services.unit_load import unit_load_row
from portfolio.models import AffectedUnit, Initiative, Phase

from .browser import assert_accessible, assert_page_accessible, sign_in
from .factories_load import THIS_MONTH, add_overloaded_departments, current_load, decided, high_impact
from .pages import assert_page
from .test_dashboards import home, panels
from .test_people_load import build_loaded

pytestmark = pytest.mark.django_db

URL = reverse("people:change_load")
SEP, OCT, NOV, DEC = (datetime.date(2026, month, 1) for month in (9, 10, 11, 12))
NEXT, AFTER, LAST = (add_months(THIS_MONTH, n) for n in (1, 2, 3))


def set_limit(unit: OrgUnit, limit) -> None:
    unit.change_load_limit = Decimal(limit)
    unit.save()


def table_rows(body: str) -> dict[str, list[str]]:
    """The table's rows: unit name → the cells after the name (limit, then one per month), as text."""
    rows = {}
    for row in re.findall(r"<tr>\s*<th scope=\"row\"(.*?)</tr>", body, re.S):
        name = re.search(r'<a class="ds-link"[^>]*>(.*?)</a>', row).group(1)
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[name] = cells
    return rows


@pytest.fixture
def current(world, pages_in_english):
    current_load(world)
    return world


# The heatmap page


def test_the_portfolio_office_sees_every_unit_in_tree_order_with_the_loads(current, login):
    w = current
    set_limit(w.unit, 12)
    body = assert_page(login(w.users["portfolio_office"]).get(URL), "Change load")
    assert "Weights, months and the limit (20,0 unless a unit has its own)" in body
    rows = table_rows(body)
    assert list(rows) == [w.sector.name, w.other_unit.name, w.unit.name, w.department.name]
    # The limit, then twelve months from this one.
    assert [len(cells) for cells in rows.values()] == [13] * 4
    assert rows[w.unit.name][:5] == ["12,0", "8,5", "12,5 ▲over the limit", "12,5 ▲over the limit", "5,0"]
    assert rows[w.department.name][:5] == ["20,0", "2,0", "10,0", "10,0", "10,0"]
    assert rows[w.sector.name][:5] == ["20,0", "3,4", "5,0", "5,0", "2,0"]
    assert rows[w.other_unit.name][1:] == ["0,0"] * 12
    assert "2 months over the limit" in body
    # The picture: every cell says its number, and the months over the limit carry ▲ and say so.
    svg = re.search(
        r'<div class="heatmap-scroll" tabindex="0" role="region" aria-label="[^"]+">(<svg.*?</svg>)', body, re.S
    )
    assert 'role="img" aria-label="Change load per unit and month"' in svg.group(1)
    assert svg.group(1).count("12,5 ▲</text>") == 2
    assert f"<title>{w.unit.name}, {NEXT:%B %Y}: load 12,5, over the limit of 12,0</title>" in svg.group(1)
    # Indented by level below the sector.
    assert re.search(r'class="load-unit load-depth-2"><a class="ds-link" href="[^"]+">' + w.department.name, body)


def test_the_period_opens_at_this_month(current, login):
    body = assert_page(login(current.users["portfolio_office"]).get(URL), "Change load")
    assert f'name="start" value="{THIS_MONTH:%Y-%m}"' in body
    assert '<option value="12" selected>' in body


def test_the_period_can_start_another_month_and_run_24_or_36_months(current, login):
    client = login(current.users["top_management"])
    start = NEXT.strftime("%Y-%m")
    for months in (24, 36):
        body = assert_page(client.get(URL, {"start": start, "months": months}), "Change load")
        rows = table_rows(body)
        assert len(rows[current.unit.name]) == 1 + months
        assert rows[current.unit.name][1:3] == ["12,5", "12,5"]


def test_a_sector_shows_only_its_units(current, login):
    w = current
    other_sector = OrgUnit.objects.create(organisation=w.org, name="Oppvekst", level=OrgUnit.Level.SECTOR, headcount=50)
    client = login(w.users["portfolio_office"])
    assert other_sector.name in table_rows(assert_page(client.get(URL), "Change load"))
    rows = table_rows(assert_page(client.get(URL, {"sector": w.sector.pk}), "Change load"))
    assert list(rows) == [w.sector.name, w.other_unit.name, w.unit.name, w.department.name]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2026-13"}, "start", "Write the month as year and month, for example 2027-01."),
        ({"start": "mars"}, "start", "Write the month as year and month, for example 2027-01."),
        ({"start": "1999-12"}, "start", "Choose a month from 2000 to 2100."),
        ({"months": "7"}, "months", "Select a valid choice. 7 is not one of the available choices."),
        ({"sector": "abc"}, "sector", "Select a valid choice. That choice is not one of the available choices."),
        ({"sector": "99999999999999999999"}, "sector", None),
    ],
)
def test_a_bad_period_is_a_field_error_not_a_failure(current, login, params, field, message):
    response = login(current.users["portfolio_office"]).get(URL, params)
    body = assert_page(response, "Change load")
    assert list(response.context["form"].errors) == [field]
    if message:
        assert message in body
    assert "The period could not be shown" in body
    assert "<table" not in body


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.one_of(st.text(max_size=12), st.from_regex(r"\A-?\d{1,6}-\d{1,3}\Z")),
    months=st.one_of(st.text(max_size=5), st.integers(-5, 100).map(str)),
    sector=st.one_of(st.text(max_size=25), st.integers(-(2**70), 2**70).map(str)),
)
def test_any_period_in_the_address_is_a_page_never_a_failure(current, login, start, months, sector):
    response = login(current.users["portfolio_office"]).get(URL, {"start": start, "months": months, "sector": sector})
    assert_page(response, "Change load")


def test_a_sector_of_another_organisation_is_not_a_choice(current, other_world, login):
    response = login(current.users["portfolio_office"]).get(URL, {"sector": other_world.sector.pk})
    assert_page(response, "Change load")
    assert list(response.context["form"].errors) == ["sector"]


def test_a_unit_leader_sees_the_units_they_lead_only(current, login):
    w = current
    body = assert_page(login(w.users["unit_leader"]).get(URL), "Change load")
    rows = table_rows(body)
    assert list(rows) == [w.unit.name, w.department.name]
    unit_url = reverse("organisations:unit", args=[w.unit.pk])
    assert f'class="load-unit load-depth-0"><a class="ds-link" href="{unit_url}"' in body
    # The middle manager manages the other unit.
    rows = table_rows(assert_page(login(w.users["middle_manager"]).get(URL), "Change load"))
    assert list(rows) == [w.other_unit.name]


@pytest.mark.parametrize("who", ["employee", "politician", "union_representative", "owner", "project_leader"])
def test_others_may_not_see_the_heatmap(current, login, who):
    assert login(current.users[who]).get(URL).status_code == 403


def test_the_menu_leads_to_the_heatmap_for_those_who_may_see_it(current, login):
    link = f'href="{URL}"'
    assert link in login(current.users["unit_leader"]).get(reverse("core:home")).content.decode()
    assert link not in login(current.users["employee"]).get(reverse("core:home")).content.decode()


def test_the_page_takes_the_same_queries_with_more_units_and_changes(current, login, django_assert_num_queries):
    client = login(current.users["portfolio_office"])
    assert_page(client.get(URL), "Change load")  # the session and the actor's first reads
    with CaptureQueriesContext(connection) as first:
        assert_page(client.get(URL), "Change load")
    add_overloaded_departments(current, 6)
    for number in range(4):
        initiative = decided(current, f"Endring {number}")
        high_impact(initiative, current.other_unit, 5, NEXT)
    with django_assert_num_queries(len(first.captured_queries)):
        body = assert_page(client.get(URL), "Change load")
    assert len(table_rows(body)) == 4 + 6


# A unit's own row, for the unit page


def test_the_unit_row_gives_each_month_against_the_limit_and_what_weighs(current):
    w = current
    set_limit(w.unit, 12)
    row = unit_load_row(w.org, w.unit, THIS_MONTH)
    assert row.limit == Decimal(12)
    assert [m.load for m in row.months[:5]] == [Decimal(v) for v in ("8.5", "12.5", "12.5", "5.0", "0.0")]
    assert [m.month for m in row.months_over] == [NEXT, AFTER]
    # This month: the world's change, 300 / 40 = 7,5, and the department's training, 40 h / 40 = 1,0.
    assert [(c.initiative.name, c.load) for c in row.months[0].contributions] == [
        (w.initiative.name, Decimal("7.5")),
        ("Ny turnus", Decimal("1.0")),
    ]
    # Next month: the world's change still (7,5) and the department's, 200 / 40 = 5,0.
    assert [(c.initiative.name, c.load) for c in row.months[1].contributions] == [
        (w.initiative.name, Decimal("7.5")),
        ("Ny turnus", Decimal("5.0")),
    ]
    assert [c.initiative.name for c in row.months[3].contributions] == ["Ny turnus"]
    assert row.months[4].contributions == ()


def test_the_unit_row_takes_the_same_queries_whatever_the_data(current, django_assert_num_queries):
    with django_assert_num_queries(6):
        unit_load_row(current.org, current.unit, THIS_MONTH)
    add_overloaded_departments(current, 5)
    with django_assert_num_queries(6):
        row = unit_load_row(current.org, current.unit, THIS_MONTH)
    assert row.months[0].over


def render_unit_row(world, user) -> str:
    request = RequestFactory().get("/")
    request.actor = build_actor(user, world.org.pk)
    template = Template('{% include "people/load/_unit_row.html" %}')
    return template.render(Context({"request": request, "unit": world.unit}))


def test_the_unit_row_include_marks_the_months_over_the_limit(current):
    w = current
    set_limit(w.unit, 12)
    body = render_unit_row(w, w.users["unit_leader"])
    assert f"{w.unit.name} is over its limit of 12,0 in 2 of the next 12 months." in body
    assert body.count("over the limit</span>") == 2
    assert f'href="{w.initiative.get_absolute_url()}">{w.initiative.name}</a> (7,5)' in body
    assert "12,5 <span aria-hidden" in body
    assert "The unit's limit is 12,0 a month." in body and f'href="{URL}"' in body
    set_limit(w.unit, 13)
    body = render_unit_row(w, w.users["employee"])
    assert "over its limit" not in body and "The unit's limit is 13,0 a month." in body
    assert f'href="{URL}"' not in body  # the employee may not see the heatmap


# Warnings


def test_overloaded_units_name_their_months_and_the_worst_first(current):
    w = current
    set_limit(w.unit, 12)
    set_limit(w.department, 9)
    found = overloaded_units(w.org, THIS_MONTH)
    # The department is 10 against 9 (1,11 of its limit), the unit 12,5 against 12 (1,04).
    assert [(o.unit, o.limit) for o in found] == [(w.department, Decimal(9)), (w.unit, Decimal(12))]
    assert found[0].months == tuple(MonthOver(m, Decimal("10.0")) for m in (NEXT, AFTER, LAST))
    assert found[0].worst == MonthOver(NEXT, Decimal("10.0"))  # the first of equal months
    assert found[1].worst == MonthOver(NEXT, Decimal("12.5"))
    assert overloaded_units(w.org, THIS_MONTH, unit_ids=[w.unit.pk, w.other_unit.pk]) == [found[1]]
    assert overloaded_units(w.org, add_months(THIS_MONTH, 4)) == []


def test_the_unit_leader_is_warned_of_their_units_over_the_limit(current, login):
    w = current
    set_limit(w.unit, 12)
    title, count, rest = panels(home(login, w.users["unit_leader"]))["people-my_units_overloaded"]
    assert (title, count) == ("My units over their change-load limit", 1)
    assert w.unit.name in rest and "over its limit of 12,0 in 2 months, worst in" in rest and "(12,5)" in rest
    # The middle manager leads the other unit, which is not over; the employee leads nothing.
    for who in ("middle_manager", "employee"):
        assert "people-my_units_overloaded" not in panels(home(login, w.users[who]))


def test_the_portfolio_office_is_warned_of_every_unit_over_the_limit(current, login):
    w = current
    set_limit(w.unit, 12)
    set_limit(w.department, 9)
    title, count, rest = panels(home(login, w.users["portfolio_office"]))["people-units_overloaded"]
    assert (title, count) == ("Units over their change-load limit", 2)
    assert rest.index(w.department.name) < rest.index(w.unit.name)
    assert "over its limit of 9,0 in 3 months" in rest and "(10,0)" in rest
    assert "people-units_overloaded" not in panels(home(login, w.users["top_management"]))
    ReadinessSettings.objects.create(organisation=w.org, change_load_limit=Decimal(30))
    set_limit(w.unit, 30)
    set_limit(w.department, 30)
    assert "people-units_overloaded" not in panels(home(login, w.users["portfolio_office"]))


@pytest.fixture
def loaded(world):
    """The hand-computed world of test_people_load.py, from September 2026."""
    return build_loaded(world)


def test_an_initiative_is_warned_of_its_units_over_the_limit_while_it_weighs_on_them(loaded):
    w = loaded
    set_limit(w.unit, 12)
    second = Initiative.objects.for_org(w.org).get(name="Ny turnus")
    # The unit is over in October and November (12,5); the world's change weighs 7,5 there.
    found = initiative_overload(w.initiative, datetime.date(2026, 9, 10))
    assert [(o.unit, o.limit) for o in found] == [(w.unit, Decimal(12))]
    assert found[0].months == (
        ContributedMonth(OCT, Decimal("12.5"), Decimal("7.5")),
        ContributedMonth(NOV, Decimal("12.5"), Decimal("7.5")),
    )
    # From November on, only November is left; from December the change no longer weighs.
    assert [m.month for m in initiative_overload(w.initiative, datetime.date(2026, 11, 30))[0].months] == [NOV]
    assert initiative_overload(w.initiative, datetime.date(2026, 12, 1)) == []
    # "Ny turnus" affects the department, which is within its limit (10,0 against 20).
    assert initiative_overload(second, datetime.date(2026, 9, 10)) == []
    set_limit(w.department, 9)
    found = initiative_overload(second, datetime.date(2026, 9, 10))
    assert [(o.unit, [(m.month, m.contribution) for m in o.months]) for o in found] == [
        (w.department, [(OCT, Decimal("10.0")), (NOV, Decimal("10.0")), (DEC, Decimal("10.0"))])
    ]


def test_an_idea_or_a_stopped_initiative_is_not_warned(loaded):
    w = loaded
    set_limit(w.unit, 1)
    for phase in (Phase.CONCEPT, Phase.STOPPED):
        Initiative.objects.for_org(w.org).filter(pk=w.initiative.pk).update(phase=phase)
        w.initiative.refresh_from_db()
        assert initiative_overload(w.initiative, datetime.date(2026, 9, 1)) == []


def test_the_initiative_warning_takes_the_same_queries_whatever_the_data(loaded, django_assert_num_queries):
    w = loaded
    set_limit(w.unit, 12)
    assert w.initiative.organisation == w.org  # read once, as the initiative page has it
    with django_assert_num_queries(6):
        initiative_overload(w.initiative, datetime.date(2026, 9, 1))
    for number in range(4):
        other = OrgUnit.objects.create(
            organisation=w.org,
            name=f"Avdeling {number}",
            level="department",
            parent=w.unit,
            headcount=5,
            change_load_limit=4,
        )
        AffectedUnit.objects.create(initiative=w.initiative, unit=other, employees_affected=5, change_from=SEP)
    with django_assert_num_queries(6):
        found = initiative_overload(w.initiative, datetime.date(2026, 9, 1))
    # Each new department: 5 (moderate) × 5 / 5 = 5,0 against its limit of 4.
    assert sorted(o.unit.name for o in found) == [f"Avdeling {n}" for n in range(4)] + [w.unit.name]


def test_the_initiative_page_warns_of_its_units_over_the_limit(current, login):
    w = current
    url = w.initiative.get_absolute_url()
    body = assert_page(login(w.users["employee"]).get(url), w.initiative.name)
    assert "Units over their change-load limit" not in body
    set_limit(w.unit, 12)
    body = assert_page(login(w.users["employee"]).get(url), w.initiative.name)
    assert "Units over their change-load limit" in body
    assert f"{w.unit.name} (limit 12,0):" in body and "load 12,5, of which this initiative 7,5" in body
    assert f'href="{URL}"' not in body  # the employee may not see the heatmap
    body = assert_page(login(w.users["portfolio_office"]).get(url), w.initiative.name)
    assert f'href="{URL}"' in body


# The limits


SETTINGS = reverse("people:readiness_settings")
READINESS = {"trained_share_percent": "80", "warning_days": "14", "employees_per_agent": "15"}


def test_the_portfolio_office_sets_weights_limit_and_months(current, login):
    w = current
    response = login(w.users["portfolio_office"]).post(
        SETTINGS,
        {
            **READINESS,
            "weight_low": "2",
            "weight_moderate": "4",
            "weight_high": "8",
            "change_load_limit": "12,5",
            "months_of_change": "1",
        },
    )
    assert response.status_code == 302
    saved = ReadinessSettings.objects.for_org(w.org).get()
    assert (saved.weight_low, saved.weight_moderate, saved.weight_high) == (2, 4, 8)
    assert (saved.change_load_limit, saved.months_of_change) == (Decimal("12.5"), 1)
    # The unit: 30 × 8 / 40 = 6,0 and the training 1,0 this month; the department's 20 × 8 / 40 next.
    row = unit_load_row(w.org, w.unit, THIS_MONTH)
    assert [m.load for m in row.months[:3]] == [Decimal("7.0"), Decimal("4.0"), Decimal("0.0")]
    assert row.limit == Decimal("12.5")


@pytest.mark.parametrize(
    ("fields", "wrong"),
    [
        ({"weight_low": "6"}, "weight_moderate"),  # low 6 above moderate 5
        ({"weight_high": "4"}, "weight_high"),  # high 4 below moderate 5
        ({"weight_high": "101"}, "weight_high"),
        ({"change_load_limit": "0"}, "change_load_limit"),
        ({"change_load_limit": "tjue"}, "change_load_limit"),
        ({"months_of_change": "13"}, "months_of_change"),
        ({"months_of_change": "0"}, "months_of_change"),
    ],
)
def test_load_settings_out_of_range_are_field_errors(current, login, fields, wrong):
    values = {**READINESS, "weight_low": "1", "weight_moderate": "5", "weight_high": "10"}
    values |= {"change_load_limit": "20", "months_of_change": "3", **fields}
    response = login(current.users["administrator"]).post(SETTINGS, values)
    assert_page(response, "Thresholds for training, change agents and change load")
    assert list(response.context["form"].errors) == [wrong]
    assert not ReadinessSettings.objects.for_org(current.org).exists()


def unit_form(unit: OrgUnit, limit: str) -> dict:
    return {
        "name": unit.name,
        "level": unit.level,
        "parent": unit.parent_id,
        "leader": unit.leader_id or "",
        "headcount": unit.headcount,
        "runs_24_7": "on" if unit.runs_24_7 else "",
        "hourly_cost": "",
        "change_load_limit": limit,
    }


def test_a_unit_gets_its_own_limit_or_the_organisations(current, login):
    w = current
    client = login(w.users["administrator"])
    edit = reverse("organisations:unit_edit", args=[w.unit.pk])
    assert client.post(edit, unit_form(w.unit, "12")).status_code == 302
    w.unit.refresh_from_db()
    assert w.unit.change_load_limit == Decimal(12)
    assert [m.month for m in unit_load_row(w.org, w.unit, THIS_MONTH).months_over] == [NEXT, AFTER]
    assert client.post(edit, unit_form(w.unit, "")).status_code == 302
    w.unit.refresh_from_db()
    assert w.unit.change_load_limit is None
    assert unit_load_row(w.org, w.unit, THIS_MONTH).limit == Decimal(20)


@pytest.mark.parametrize("limit", ["0", "1001", "mye"])
def test_a_unit_limit_out_of_range_is_a_field_error(current, login, limit):
    w = current
    response = login(w.users["administrator"]).post(
        reverse("organisations:unit_edit", args=[w.unit.pk]), unit_form(w.unit, limit)
    )
    assert_page(response, "Edit unit")
    assert list(response.context["form"].errors) == ["change_load_limit"]
    w.unit.refresh_from_db()
    assert w.unit.change_load_limit is None


# In a real browser, at phone width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("months", [12, 36])
def test_the_heatmap_is_accessible_at_phone_width(page, world, months):
    current_load(world)
    set_limit(world.unit, 12)
    office = world.users["portfolio_office"]
    office.preferred_language = "en"
    office.save()
    sign_in(page, office)
    assert_page_accessible(page, f"{URL}?months={months}", "Change load")
    page.locator("summary").click()  # the table too, opened
    assert_accessible(page, "Change load")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_initiative_page_with_its_warning_is_accessible_at_phone_width(page, world):
    current_load(world)
    set_limit(world.unit, 12)
    leader = world.users["unit_leader"]
    leader.preferred_language = "en"
    leader.save()
    sign_in(page, leader)
    assert_page_accessible(page, world.initiative.get_absolute_url(), world.initiative.name)
    assert page.locator("#overload-heading").inner_text() == "Units over their change-load limit"
