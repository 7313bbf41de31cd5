"""The latest readiness and adoption the staff reported, on the initiative's page and the start page:
released figures only, the groups each viewer may see, at a constant number of queries."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboards.registry import Urgency, registered
from organisations.actor import build_actor
from organisations.models import Role
from portfolio.models import AffectedUnit, Initiative, Phase
from surveys.models import Question, Round, SurveyTemplate
from surveys.services.rounds import close_round

from .browser import assert_page_accessible, sign_in
from .pages import assert_page
from .survey_results_data import add_responses, every_stage, make_round, readiness_template, scale_questions
from .test_dashboards import home, initiative, panels

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
_titles = itertools.count(1)

#: The unit's answers per stage: "Knowing how" holds them back.
HELD_BACK_AT_HOW = {"why": 4, "want": 4, "how": 2, "able": 3, "keep": 4}


def readiness_about(world, about=None, *, by_stage=None, closes_on=datetime.date(2026, 3, 1), units=None) -> Round:
    """A closed readiness round about ``about`` (the world's initiative): the world's unit ("Nattgruppa",
    12 asked) answers ``by_stage`` six times, the other unit ("Heimegruppa", 10 asked) 4 on every stage
    five times. ``units``: name → (parent, asked, OrgUnit) instead, each answering 4 five times."""
    template = readiness_template(world.org)
    if units is None:
        tree = {"Nattgruppa": (None, 12), "Heimegruppa": (None, 10)}
        org_units = {"Nattgruppa": world.unit, "Heimegruppa": world.other_unit}
    else:
        tree = {name: (parent, asked) for name, (parent, asked, _unit) in units.items()}
        org_units = {name: unit for name, (_parent, _asked, unit) in units.items()}
    round_, made = make_round(world.org, template, tree, org_units=org_units, closes_on=closes_on)
    title = f"Beredskap {next(_titles)}"
    Round.objects.for_org(world.org).filter(pk=round_.pk).update(initiative=about or world.initiative, title=title)
    if units is None:
        stages = {q: (by_stage or HELD_BACK_AT_HOW)[q.topic] for q in scale_questions(template)}
        add_responses(round_, made["Nattgruppa"], [stages] * 6)
        add_responses(round_, made["Heimegruppa"], [every_stage(template, 4)] * 5)
    else:
        for round_unit in made.values():
            add_responses(round_, round_unit, [every_stage(template, 4)] * 5)
    return close_round(Round.objects.for_org(world.org).get(pk=round_.pk))


def adoption_about(world, about=None, *, in_use=2, closes_on=datetime.date(2026, 6, 1)) -> Round:
    """A closed round of the shipped adoption survey about ``about``: the world's unit's six rate working
    the new way ``in_use``; three chose "Not enough training", two "No time on a busy day", one both."""
    template = SurveyTemplate.objects.for_org(world.org).get(kind=SurveyTemplate.Kind.ADOPTION)
    asked = Question.objects.filter(template=template, version=template.version)
    statements = dict.fromkeys(asked.filter(topic="in_use"), in_use)
    obstacles = asked.get(kind=Question.Kind.MULTIPLE)
    training, no_time = (
        obstacles.choices.get(text_en=text) for text in ("Not enough training", "No time on a busy day")
    )
    round_, made = make_round(
        world.org, template, {"Nattgruppa": (None, 8)}, org_units={"Nattgruppa": world.unit}, closes_on=closes_on
    )
    Round.objects.for_org(world.org).filter(pk=round_.pk).update(
        initiative=about or world.initiative, title=f"I bruk {next(_titles)}"
    )
    picked = [training, training, training, no_time, no_time, None]
    add_responses(round_, made["Nattgruppa"], [{**statements, **({obstacles: p} if p else {})} for p in picked])
    return close_round(Round.objects.for_org(world.org).get(pk=round_.pk))


def initiative_page(client, initiative_) -> str:
    body = assert_page(client.get(reverse("portfolio:initiative", args=[initiative_.pk])), initiative_.name)
    assert 'id="initiative-surveys-heading">What employees say</h2>' in body
    return body


# The initiative's page


def test_the_latest_readiness_round_shows_each_groups_stages_and_barrier_point(world, login, pages_in_english):
    older = readiness_about(world, by_stage=dict.fromkeys(HELD_BACK_AT_HOW, 1), closes_on=datetime.date(2025, 3, 1))
    latest = readiness_about(world)
    body = initiative_page(login(world.users[Role.PORTFOLIO_OFFICE]), world.initiative)
    assert latest.title in body and older.title not in body
    # The whole organisation: 11 of 22 answered; "how" (6 × 2 + 5 × 4) / 11 = 32 / 11 = 2.9, the first
    # stage at 3 or lower; "able" (6 × 3 + 5 × 4) / 11 = 38 / 11 = 3.5.
    assert "<strong>Whole organisation</strong> · 11 of 22 answered (50\xa0%)" in body
    assert "Knowing how: <strong>2,9</strong>" in body and "Being able to: <strong>3,5</strong>" in body
    assert "Barrier point: Knowing how — 2,9. What helps first: Use another mix of training" in body
    # The unit's own group: how 2,0 comes before able 3,0, so the barrier point is "how".
    assert "<strong>Nattgruppa</strong> · 6 of 12 answered (50\xa0%)" in body
    assert "Barrier point: Knowing how — 2,0." in body
    # The other unit: 4 everywhere, no barrier point.
    assert "<strong>Heimegruppa</strong> · 5 of 10 answered (50\xa0%)" in body
    assert body.count("Barrier point:") == 2
    assert reverse("surveys:results", args=[latest.pk]) in body


def test_a_unit_leader_sees_the_organisation_and_their_own_group_only(world, login, pages_in_english):
    readiness_about(world)
    body = initiative_page(login(world.users["unit_leader"]), world.initiative)
    assert "<strong>Whole organisation</strong>" in body and "<strong>Nattgruppa</strong>" in body
    assert "Heimegruppa" not in body


def test_a_politician_sees_the_whole_organisation_and_no_link_to_the_results(world, login, pages_in_english):
    latest = readiness_about(world)
    body = initiative_page(login(world.users[Role.POLITICIAN]), world.initiative)
    assert "<strong>Whole organisation</strong>" in body and "Barrier point: Knowing how — 2,9." in body
    assert "Nattgruppa" not in body and "Heimegruppa" not in body
    assert reverse("surveys:results", args=[latest.pk]) not in body


def test_the_latest_adoption_round_shows_working_the_new_way_and_what_stops_people(world, login, pages_in_english):
    adoption_about(world, in_use=4, closes_on=datetime.date(2026, 1, 1))
    latest = adoption_about(world, in_use=2)
    body = initiative_page(login(world.users[Role.PORTFOLIO_OFFICE]), world.initiative)
    assert latest.title in body
    assert "Working the new way: 2,0 of 5" in body and "Working the new way: 4,0 of 5" not in body
    # Training was chosen by three, lack of time by two: most chosen first.
    assert body.index("Not enough training: 3 people") < body.index("No time on a busy day: 2 people")
    assert "No readiness or adoption survey" not in body


def test_without_a_closed_round_one_line_says_so(world, login, pages_in_english):
    readiness_about(world, about=initiative(world))  # about another initiative
    body = initiative_page(login(world.users[Role.PORTFOLIO_OFFICE]), world.initiative)
    assert "No readiness or adoption survey about this initiative has closed yet." in body
    assert reverse("surveys:round_create") in body
    body = initiative_page(login(world.users[Role.POLITICIAN]), world.initiative)
    assert "No readiness or adoption survey about this initiative has closed yet." in body
    assert reverse("surveys:round_create") not in body


def page_queries(client, initiative_) -> int:
    with CaptureQueriesContext(connection) as queries:
        initiative_page(client, initiative_)
    return len(queries.captured_queries)


def test_the_section_runs_the_same_queries_for_more_rounds_and_units(world, login, pages_in_english):
    client = login(world.users[Role.PORTFOLIO_OFFICE])
    one = {"Nattgruppa": (None, 6, world.unit)}
    readiness_about(world, units=one, closes_on=datetime.date(2025, 1, 1))
    adoption_about(world, closes_on=datetime.date(2025, 1, 1))
    first = page_queries(client, world.initiative)
    five = {
        "Helse": (None, 6, world.sector),
        "Nattgruppa": ("Helse", 6, world.unit),
        "Avdelinga": ("Nattgruppa", 6, world.department),
        "Heimegruppa": ("Helse", 6, world.other_unit),
        "Utan eining": (None, 6, None),
    }
    for month in (2, 3):
        readiness_about(world, units=five, closes_on=datetime.date(2025, month, 1))
        adoption_about(world, closes_on=datetime.date(2025, month, 1))
    assert page_queries(client, world.initiative) == first
    assert "<strong>Avdelinga</strong>" in initiative_page(client, world.initiative)


# The start page


def coming_in(world, days: int) -> None:
    """The world's unit changes ``days`` from today in its initiative, which is being executed."""
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(phase=Phase.EXECUTION)
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(
        change_from=TODAY + datetime.timedelta(days=days)
    )


def built(world, key: str, user):
    panel = next(p for p in registered() if p.key == key)
    actor = build_actor(user, world.org.pk)
    return panel.build(actor, TODAY) if panel.applies(actor) else None


def test_a_unit_leader_sees_the_readiness_of_their_unit_before_go_live(world, login):
    coming_in(world, 30)
    latest = readiness_about(world)
    shown = panels(home(login, world.users["unit_leader"]))
    title, count, rest = shown["surveys-readiness_in_my_units"]
    assert (title, count) == ("Readiness in my units", 1)
    assert f"{world.unit.name}: {world.initiative.name}" in rest
    assert "Nattgruppa: barrier point Knowing how — 2,0" in rest
    assert reverse("surveys:results", args=[latest.pk]) in rest
    # Held back and going live within three months: the leader must act.
    assert built(world, "surveys.readiness_in_my_units", world.users["unit_leader"]).urgency == Urgency.ACTION


def test_readiness_going_live_later_or_without_a_barrier_point_is_for_information(world):
    coming_in(world, 120)
    readiness_about(world)
    assert built(world, "surveys.readiness_in_my_units", world.users["unit_leader"]).urgency == Urgency.INFO
    coming_in(world, 30)
    readiness_about(world, by_stage=dict.fromkeys(HELD_BACK_AT_HOW, 4))  # the newer round: no stage held back
    content = built(world, "surveys.readiness_in_my_units", world.users["unit_leader"])
    assert content.urgency == Urgency.INFO and "no stage at 3 or lower" in content.rows[0].detail


@pytest.mark.parametrize("who", ["employee", Role.POLITICIAN, Role.MIDDLE_MANAGER, Role.PORTFOLIO_OFFICE])
def test_the_readiness_panel_is_only_for_leaders_of_the_units_asked(world, login, who):
    # The middle manager leads the other unit, which this change does not reach.
    coming_in(world, 30)
    readiness_about(world)
    assert "surveys-readiness_in_my_units" not in panels(home(login, world.users[who]))


@pytest.mark.parametrize("who", ["owner", Role.PORTFOLIO_OFFICE, Role.TOP_MANAGEMENT])
def test_low_adoption_reaches_the_owner_and_the_portfolio(world, login, who):
    latest = adoption_about(world, in_use=2)
    title, count, rest = panels(home(login, world.users[who]))["surveys-low_adoption"]
    assert (title, count) == ("Adoption after go-live", 1)
    assert world.initiative.name in rest and "working the new way 2,0 of 5" in rest
    assert reverse("benefits:at_risk") in rest  # the benefits' warnings, not worked out again here
    assert latest.title not in rest


@pytest.mark.parametrize("who", ["employee", Role.POLITICIAN, "unit_leader"])
def test_low_adoption_is_not_shown_to_others(world, login, who):
    adoption_about(world, in_use=2)
    assert "surveys-low_adoption" not in panels(home(login, world.users[who]))


def test_adoption_above_the_threshold_is_not_shown(world, login):
    adoption_about(world, in_use=4)
    assert "surveys-low_adoption" not in panels(home(login, world.users["owner"]))


@pytest.mark.parametrize("who", [Role.TOP_MANAGEMENT, Role.PORTFOLIO_OFFICE])
def test_top_management_sees_initiatives_the_staff_are_not_ready_for(world, login, who):
    held_back = readiness_about(world)
    readiness_about(world, about=initiative(world), by_stage=dict.fromkeys(HELD_BACK_AT_HOW, 4))  # ready
    title, count, rest = panels(home(login, world.users[who]))["surveys-readiness_held_back"]
    assert (title, count) == ("Initiatives the staff are not yet ready for", 1)
    assert world.initiative.name in rest and "Whole organisation: barrier point Knowing how — 2,9" in rest
    assert reverse("surveys:results", args=[held_back.pk]) in rest


@pytest.mark.parametrize("who", [Role.POLITICIAN, "unit_leader", "owner", "employee"])
def test_the_summary_across_initiatives_is_for_top_management_and_the_portfolio_office(world, login, who):
    readiness_about(world)
    assert "surveys-readiness_held_back" not in panels(home(login, world.users[who]))


# In a real browser, at phone width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_initiative_page_with_survey_figures_is_accessible(page, world):
    readiness_about(world)
    adoption_about(world)
    sign_in(page, world.users[Role.PORTFOLIO_OFFICE])
    assert_page_accessible(page, reverse("portfolio:initiative", args=[world.initiative.pk]), world.initiative.name)
    assert page.locator("#initiative-surveys-heading").count() == 1
