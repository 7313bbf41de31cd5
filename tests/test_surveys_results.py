"""The results page and its export: released figures only, for those allowed, at a constant number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from organisations.models import Role
from surveys.models import ReleasedCell, Round
from surveys.services.rounds import close_round

from .pages import assert_page
from .survey_results_data import (
    add_responses,
    background,
    every_stage,
    make_round,
    readiness_template,
    released_round,
)

pytestmark = pytest.mark.django_db


def test_the_results_page_shows_the_rate_and_the_figures_of_every_group(world, login, pages_in_english):
    round = released_round(world)
    response = login(world.users[Role.PORTFOLIO_OFFICE]).get(reverse("surveys:results", args=[round.pk]))
    body = assert_page(response, f"Results: {round.title}")
    # 16 answers of 32 asked.
    assert "16 answers, 32 asked (50" in body
    # Unit (6) and Other (5) are shown; the sector's own 5 are a group too. The whole organisation's
    # "why": (6 × 4 + 5 × 2 + 5 × 3) / 16 = 49 / 16 = 3.1 → above 3; every stage is the same: no barrier
    # point for the whole organisation, but the sector's group scores 2: its barrier point is the first stage.
    assert "Understanding why (average 3,1)" not in body  # above 3: the organisation has no barrier point
    assert "The barrier point and what helps" not in body
    assert "Whole organisation, Understanding why: average 3,1 from 16 people" in body
    assert "Sector, Understanding why: average 2,0 from 5 people" in body
    # The statement nobody answered and the choice: too few, and said so.
    assert '<th scope="row">Optional</th>\n    <td colspan="3">fewer than 5 answers</td>' in body


def test_a_group_too_small_for_a_question_says_fewer_than_the_minimum(world, login, pages_in_english):
    template = readiness_template(world.org)
    optional = template.questions.get(text_nb="Optional")
    round, units = make_round(world.org, template, {"Helse": (None, 20)})
    add_responses(round, units["Helse"], [{optional: 4}] * 3 + [every_stage(template, 2)] * 5)
    close_round(round)
    response = login(world.users[Role.TOP_MANAGEMENT]).get(reverse("surveys:results", args=[round.pk]))
    body = assert_page(response, f"Results: {round.title}")
    assert "fewer than 5 answers" in body
    # The barrier point: the first stage at 3 or lower is "why" (all 2s), with its remedies.
    assert "The barrier point and what helps" in body
    assert "Explain what will change, how it will happen and why" in body


def test_a_leader_sees_the_organisation_and_their_own_units_only(world, login, pages_in_english):
    round = released_round(world)
    response = login(world.users["unit_leader"]).get(reverse("surveys:results", args=[round.pk]))
    body = assert_page(response, f"Results: {round.title}")
    assert "Whole organisation" in body
    assert '<th scope="row">Unit' in body
    assert '<th scope="row">Other' not in body


def test_an_open_round_has_no_results_yet(world, login):
    template = readiness_template(world.org)
    round, _units = make_round(world.org, template, {"Helse": (None, 20)})
    response = login(world.users[Role.PORTFOLIO_OFFICE]).get(reverse("surveys:results", args=[round.pk]))
    assert response.status_code == 404


def test_the_export_holds_the_released_cells_and_nothing_else(world, login, pages_in_english):
    template = readiness_template(world.org)
    round, units = make_round(world.org, template, {"Helse": (None, 20), "Natt": (None, 5)})
    add_responses(round, units["Helse"], [every_stage(template, 4)] * 6)
    add_responses(round, units["Natt"], [every_stage(template, 1)] * 5)
    text = template.questions.get(text_nb="Anything else?")
    # (Those two answer every statement too: were they to skip them, 7 − 5 would show that 2 in Natt did.)
    add_responses(round, units["Natt"], [every_stage(template, 1) | {text: "hemmelig"}] * 2)
    close_round(round)
    Round.objects.for_org(world.org).filter(pk=round.pk).update(
        title="Runde 1: våren [2026]?"
    )  # no sheet name may hold these
    response = login(world.users[Role.PORTFOLIO_OFFICE]).get(reverse("surveys:results_xlsx", args=[round.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    # Every figure row is a released cell: rate and topics per group, and each question for the whole.
    released = ReleasedCell.objects.filter(round=round).exclude(kind=ReleasedCell.Kind.TEXT)
    figure_rows = [row for row in rows if ":" not in str(row[2])]  # choices are one row per choice
    assert len(figure_rows) == released.count()
    # Natt alone (7 responses) and Helse (6): shown; free text (2 answers) nowhere.
    assert {row[0] for row in rows} == {"Whole organisation", "Helse", "Natt"}
    assert all("hemmelig" not in str(value) for row in rows for value in row)
    natt_why = next(row for row in rows if row[0] == "Natt" and row[2] == "Understanding why")
    assert natt_why[3:6] == [7, None, 1.0] and natt_why[6:] == [14, 0, 0, 0, 0]


def _round_with(world, units: int, per_unit: int) -> Round:
    template = readiness_template(world.org)
    tree = {"Top": (None, 10)} | {f"Unit {n}": ("Top", per_unit * 2) for n in range(units)}
    round, made = make_round(world.org, template, tree)
    for n in range(units):
        add_responses(round, made[f"Unit {n}"], [every_stage(template, 1 + n % 5)] * per_unit)
    return close_round(round)


def test_the_results_page_runs_the_same_number_of_queries_whatever_the_size(world, login):
    client = login(world.users[Role.PORTFOLIO_OFFICE])
    counts = []
    for units, per_unit in ((2, 5), (12, 9)):
        round = _round_with(world, units, per_unit)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:results", args=[round.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_another_organisations_round_is_not_found(world, other_world, login):
    round = released_round(other_world)
    response = login(world.users[Role.PORTFOLIO_OFFICE]).get(reverse("surveys:results", args=[round.pk]))
    assert response.status_code == 404


def test_the_list_of_closed_rounds_shows_a_leader_only_the_rounds_that_asked_their_units(
    world, login, pages_in_english
):
    asked = released_round(world)  # asks the unit leader's unit
    template = readiness_template(world.org)
    elsewhere, units = make_round(world.org, template, {"Elsewhere": (None, 10)})
    add_responses(elsewhere, units["Elsewhere"], [every_stage(template, 3)] * 5)
    close_round(elsewhere)
    still_open, _units = make_round(world.org, template, {"Open": (None, 10)})

    body = assert_page(login(world.users["unit_leader"]).get(reverse("surveys:results_index")), "Survey results")
    assert asked.title in body and elsewhere.title not in body and still_open.title not in body
    body = assert_page(login(world.users[Role.TOP_MANAGEMENT]).get(reverse("surveys:results_index")), "Survey results")
    assert asked.title in body and elsewhere.title in body and still_open.title not in body


# In a real browser, at phone width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_results_page_is_accessible_at_phone_width(page, world):
    from .browser import assert_accessible, assert_page_accessible, sign_in

    round = released_round(world)
    office = world.users[Role.PORTFOLIO_OFFICE]
    office.preferred_language = "en"
    office.save()
    sign_in(page, office)
    heading = f"Results: {round.title}"
    assert_page_accessible(page, reverse("surveys:results", args=[round.pk]), heading)
    page.locator("summary").first.click()  # the table too, opened
    assert_accessible(page, heading)
    assert_page_accessible(page, reverse("surveys:results_index"), "Survey results")


# Split by a background question


def _split_round(world, days_in_home: int = 5) -> tuple[Round, object]:
    """An office of 10 on days (answering 4 everywhere) and a nursing home of 10: ``days_in_home`` on
    days answering 2, the others on nights answering 3."""
    template = readiness_template(world.org)
    question, day, night = background(template)
    round, units = make_round(world.org, template, {"Kontor": (None, 12), "Sykehjem": (None, 12)})
    add_responses(round, units["Kontor"], [every_stage(template, 4) | {question: day}] * 10)
    home = [every_stage(template, 2) | {question: day}] * days_in_home
    home += [every_stage(template, 3) | {question: night}] * (10 - days_in_home)
    add_responses(round, units["Sykehjem"], home)
    return close_round(round), question


def test_the_results_split_by_a_background_question(world, login, pages_in_english):
    round, question = _split_round(world)
    client = login(world.users[Role.PORTFOLIO_OFFICE])
    url = reverse("surveys:results", args=[round.pk])
    unsplit = assert_page(client.get(url), f"Results: {round.title}")
    assert '<label class="ds-label" for="split">Split by</label>' in unsplit
    assert 'id="split-caption"' not in unsplit

    body = assert_page(client.get(url, {"split": question.pk}), f"Results: {round.title}")
    assert f'<option value="{question.pk}" selected>Shift</option>' in body
    # Days: the office's 10 (4) and the home's 5 (2): (40 + 10) / 15 = 3,3 in every stage; nights: 5 at 3.
    assert '<th scope="row">Day</th>\n    <td>15</td>\n    <td>3,3</td>' in body
    assert '<th scope="row">Night</th>\n    <td>5</td>\n    <td>3,0</td>' in body


def test_a_choice_too_few_picked_says_so_and_an_unknown_split_is_the_unsplit_page(world, login, pages_in_english):
    # With 2 on days in the nursing home, the days set against the office would reveal those 2: no split.
    round, question = _split_round(world, days_in_home=2)
    client = login(world.users[Role.PORTFOLIO_OFFICE])
    url = reverse("surveys:results", args=[round.pk])
    body = assert_page(client.get(url, {"split": question.pk}), f"Results: {round.title}")
    assert '<th scope="row">Day</th>\n    <td colspan="6">fewer than 5 answers</td>' in body
    assert '<th scope="row">Night</th>\n    <td colspan="6">fewer than 5 answers</td>' in body
    for unknown in ("abc", "999999", ""):
        page = assert_page(client.get(url, {"split": unknown}), f"Results: {round.title}")
        assert 'id="split-caption"' not in page


def test_the_split_page_runs_the_same_number_of_queries_whatever_the_size(world, login):
    client = login(world.users[Role.PORTFOLIO_OFFICE])
    counts = []
    for days_in_home in (5, 2):
        round, question = _split_round(world, days_in_home)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:results", args=[round.pk]), {"split": question.pk}).status_code == 200
        counts.append(len(queries))
    big = _round_with(world, 12, 9)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("surveys:results", args=[big.pk]), {"split": "x"}).status_code == 200
    assert counts[0] == counts[1] == len(queries) + 1  # the split's cells: one query


def test_the_export_holds_the_released_split_cells(world, login, pages_in_english):
    round, _question = _split_round(world)
    response = login(world.users[Role.PORTFOLIO_OFFICE]).get(reverse("surveys:results_xlsx", args=[round.pk]))
    assert response.status_code == 200
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    split = [row for row in rows if str(row[0]).startswith("Shift: ")]
    assert len(split) == ReleasedCell.breakdowns.filter(round=round).count()
    day_why = next(row for row in split if row[0] == "Shift: Day" and row[2] == "Understanding why")
    assert day_why[3:6] == [15, None, round_to(50 / 15)]
    assert next(row for row in split if row[0] == "Shift: Night")[:4] == ["Shift: Night", None, "Response rate", 5]


def round_to(value: float) -> float:
    return round(value, 2)


@pytest.mark.browser
def test_the_split_is_chosen_without_script_and_accessible_at_phone_width(page, world):
    from .browser import assert_page_accessible, sign_in

    round, question = _split_round(world)
    office = world.users[Role.PORTFOLIO_OFFICE]
    office.preferred_language = "en"
    office.save()
    sign_in(page, office)
    heading = f"Results: {round.title}"
    assert_page_accessible(page, reverse("surveys:results", args=[round.pk]), heading)
    page.get_by_label("Split by", exact=True).select_option(str(question.pk))
    page.get_by_role("button", name="Show", exact=True).click()
    assert f"split={question.pk}" in page.url
    assert page.locator("#split-caption").inner_text() == "Shift"
    assert_page_accessible(page, f"{reverse('surveys:results', args=[round.pk])}?split={question.pk}", heading)
