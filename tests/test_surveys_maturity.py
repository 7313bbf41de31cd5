"""Digital maturity: the target year, each area asked now and for the target, the migration that adds
the target questions, and the results (levels, gap, chart, progress) read from released cells only."""

import datetime
import re
from importlib import import_module

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.validation import save_valid
from organisations.models import Role
from surveys.models import Question, Round, SurveyTemplate
from surveys.services.rounds import close_round, open_round
from surveys.services.templates import current_questions

from .factories_rounds import draft_round, employee
from .pages import assert_page
from .survey_results_data import add_responses, make_round

pytestmark = pytest.mark.django_db

DATA_MIGRATION = "0007_maturity_target_questions"


def _maturity(organisation) -> SurveyTemplate:
    return SurveyTemplate.objects.for_org(organisation).get(kind="maturity")


# The target year


def _round(world, **fields) -> Round:
    values = {
        "organisation": world.org,
        "template": _maturity(world.org),
        "title": "Ståstedsanalyse 2026",
        "opens_on": datetime.date(2026, 2, 1),
        "closes_on": datetime.date(2026, 3, 1),
        **fields,
    }
    return Round(**values)


@pytest.mark.parametrize("target_year", [None, 2026, 2025, 2101])
def test_a_maturity_round_needs_a_target_year_after_the_year_it_opens(world, target_year):
    with pytest.raises(ValidationError) as error:
        save_valid(_round(world, target_year=target_year))
    assert list(error.value.message_dict) == ["target_year"]
    assert not Round.objects.for_org(world.org).exists()


def test_a_target_year_after_the_opening_year_is_saved_and_other_surveys_need_none(world):
    save_valid(_round(world, target_year=2027))
    readiness = SurveyTemplate.objects.for_org(world.org).get(kind="readiness")
    save_valid(_round(world, template=readiness, title="Beredskap"))
    assert sorted(Round.objects.for_org(world.org).values_list("target_year", flat=True), key=str) == [2027, None]


def test_the_round_form_says_which_field_is_wrong(world, login, pages_in_english):
    office = login(world.users[Role.PORTFOLIO_OFFICE])
    data = {
        "template": _maturity(world.org).pk,
        "title": "Ståstedsanalyse",
        "units": [world.unit.pk],
        "opens_on": "01.02.2026",
        "closes_on": "01.03.2026",
        "minimum_group": "5",
        "target_year": "2026",
    }
    response = office.post(reverse("surveys:round_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "target_year": ["The target year must come after the year the round opens."]
    }
    assert not Round.objects.for_org(world.org).exists()


# The answer page


def test_the_answer_page_asks_for_the_target_year_and_groups_each_area(
    world, client, django_capture_on_commit_callbacks
):
    anne = employee(world.org, "anne", world.unit, language="nn")
    round_ = draft_round(world, world.unit, template=_maturity(world.org), target_year=2028)
    with django_capture_on_commit_callbacks(execute=True):
        open_round(round_, base_url="https://omstilling.example.no")
    code = re.search(r"#(\S+)", next(m for m in mail.outbox if m.to[0] == anne.email).body).group(1)

    url = reverse("surveys:answer", args=[world.org.pk])
    body = assert_page(client.post(url, {"code": code}), round_.title)  # in Anne's nynorsk
    assert "Leiing og forankring: kva skildring ønskjer vi skal passe for oss innan 2028?" in body
    assert "{year}" not in body
    body = assert_page(client.post(url, {"code": code, "language": "en", "change_language": "1"}), round_.title)
    assert "1. Leadership and anchoring: which description fits us best now?" in body
    assert "2. Leadership and anchoring: which description do we want to fit us by 2028?" in body
    # Each area's two questions in a fieldset named by the area, seven areas in all.
    areas = re.findall(r'<fieldset class="ds-fieldset survey-area"><legend><h2[^>]*>([^<]+)</h2>', body)
    assert areas[:2] == ["Leadership and anchoring", "Benefits work"] and len(areas) == 7
    first = body.split("survey-area")[1]
    assert first.count('<fieldset class="ds-fieldset survey-question"') == 2


# The migration


def _historical_apps():
    return MigrationLoader(connection).project_state(("surveys", DATA_MIGRATION)).apps


def _as_before(template: SurveyTemplate) -> None:
    """The template as migration 0002 seeded it: one question per area, orders 1–7, no measure."""
    template.questions.filter(measure=Question.Measure.TARGET).delete()
    for question in template.questions.order_by("order"):
        question.order, question.measure = (question.order + 1) // 2, ""
        question.save()


def test_the_migration_adds_target_questions_in_a_new_version_only_where_a_round_used_it(world, other_world):
    used, unused = _maturity(world.org), _maturity(other_world.org)
    _as_before(used)
    _as_before(unused)
    Round.objects.create(
        organisation=world.org,
        template=used,
        title="Før målår",
        opens_on=datetime.date(2025, 2, 1),
        closes_on=datetime.date(2025, 3, 1),
        state=Round.State.CLOSED,
    )

    import_module(f"surveys.migrations.{DATA_MIGRATION}").add_target_questions(_historical_apps())

    used.refresh_from_db()
    unused.refresh_from_db()
    assert used.version == 2
    assert used.questions.filter(version=1).count() == 7  # the round keeps what it asked
    assert list(used.questions.filter(version=1).values_list("measure", flat=True)) == [""] * 7
    assert unused.version == 1
    for template in (used, unused):
        questions = list(current_questions(template))
        assert [(q.order, q.topic, q.measure) for q in questions] == [
            (2 * n + offset + 1, area, measure)
            for n, area in enumerate(
                ["leadership", "benefits", "competence", "involvement", "service_design", "governing", "data"]
            )
            for offset, measure in enumerate(["now", "target"])
        ]
        now, target = questions[0], questions[1]
        assert target.text_nb == "Ledelse og forankring: hvilken beskrivelse ønsker vi skal passe for oss innen {year}?"
        assert target.text(year=2030).endswith("innen 2030?")
        assert [c.text_nb for c in target.choices.all()] == [c.text_nb for c in now.choices.all()]
        assert len(target.choices.all()) == 5

    # Run again: nothing more.
    import_module(f"surveys.migrations.{DATA_MIGRATION}").add_target_questions(_historical_apps())
    assert Question.objects.for_org(world.org).filter(template=used).count() == 7 + 14
    assert Question.objects.for_org(other_world.org).filter(template=unused).count() == 14


# Results


def _choice(question: Question, level: int):
    return next(choice for choice in question.choices.all() if choice.order == level)


def _closed_round(world, closes_on, now_levels, target_levels, *, skip_target_of=()) -> Round:
    """A closed maturity round: respondent i picks ``now_levels[i]`` now and ``target_levels[i]`` as
    the target in every area, except the target of the areas in ``skip_target_of`` for the first one."""
    template = _maturity(world.org)
    round_, units = make_round(world.org, template, {"Ledergruppen": (None, len(now_levels) + 1)}, closes_on=closes_on)
    round_.target_year = 2028
    round_.save()
    questions = list(current_questions(template))
    responses = []
    for i, (now, target) in enumerate(zip(now_levels, target_levels, strict=True)):
        answers = {}
        for question in questions:
            if question.measure == Question.Measure.NOW:
                answers[question] = _choice(question, now)
            elif not (i == 0 and question.topic in skip_target_of):
                answers[question] = _choice(question, target)
        responses.append(answers)
    add_responses(round_, units["Ledergruppen"], responses)
    return close_round(round_)


def _results(world, login, round_):
    response = login(world.users[Role.TOP_MANAGEMENT]).get(reverse("surveys:results", args=[round_.pk]))
    return assert_page(response, f"Results: {round_.title}")


def _row(body: str, area: str) -> str:
    table = body.split('id="maturity-levels"')[1].split("</table>")[0]
    return table.split(f'<th scope="row">{area}</th>')[1].split("</tr>")[0]


def test_the_results_show_each_area_now_and_target_with_the_gap(world, login, pages_in_english):
    # Now: (2 + 2 + 3 + 3 + 4) / 5 = 14 / 5 = 2,8; target: (4 + 4 + 4 + 5 + 5) / 5 = 22 / 5 = 4,4; gap 1,6.
    round_ = _closed_round(world, datetime.date(2026, 3, 1), [2, 2, 3, 3, 4], [4, 4, 4, 5, 5])
    body = _results(world, login, round_)
    assert "Digital maturity: now and the target for 2028" in body
    row = _row(body, "Leadership and anchoring")
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert cells[0].startswith("<strong>2,8</strong>")
    # 2,8 is closest to level 3, 4,4 to level 4: their descriptions.
    assert "We have a digitalisation strategy, and management follows up some initiatives." in cells[0]
    assert cells[1].startswith("<strong>4,4</strong>")
    assert "Top management owns the strategy, and it steers priorities and budgets." in cells[1]
    assert cells[2] == "1,6"
    # The chart: one row per area, labelled, described by the table, with words for its marks.
    svg = body.split('<svg xmlns="http://www.w3.org/2000/svg" class="maturity-chart"')[1].split("</svg>")[0]
    assert 'aria-describedby="maturity-levels"' in svg and 'width="100%"' in svg
    assert svg.count('class="maturity-chart__area"') == 7
    assert "Leadership and anchoring: now 2,8, target 4,4" in svg
    assert ">Now</text>" in svg and ">Target 2028</text>" in svg


def test_a_level_fewer_than_the_minimum_answered_is_not_shown(world, login, pages_in_english):
    round_ = _closed_round(world, datetime.date(2026, 3, 1), [2, 2, 3, 3, 4], [4, 4, 4, 5, 5], skip_target_of={"data"})
    body = _results(world, login, round_)
    cells = re.findall(r"<td>(.*?)</td>", _row(body, "Data and architecture"), re.S)
    assert cells[0].startswith("<strong>2,8</strong>")
    assert cells[1] == "fewer than 5 answers" and cells[2] == "–"
    assert "Data and architecture: now 2,8, target fewer than 5 answers" in body


def test_progress_shows_the_level_now_round_by_round(world, login, pages_in_english):
    earlier = _closed_round(world, datetime.date(2025, 3, 1), [1, 1, 2, 2, 2], [3, 3, 3, 3, 3])
    later = _closed_round(world, datetime.date(2026, 3, 1), [2, 2, 3, 3, 4], [4, 4, 4, 5, 5])
    body = _results(world, login, later)
    progress = body.split("Progress: the level now, round by round")[1]
    assert progress.index(f"{earlier.title} (01.03.2025)") < progress.index(f"{later.title} (01.03.2026)")
    # Earlier: (1 + 1 + 2 + 2 + 2) / 5 = 1,6; later 2,8.
    assert re.search(r'<th scope="row">Competence</th><td>1,6</td><td>2,8</td>', progress)
    # The earlier round's page shows no later round.
    assert "Progress shows here once a second round" in _results(world, login, earlier)


def test_the_results_page_runs_the_same_number_of_queries_however_many_rounds_came_before(world, login):
    client = login(world.users[Role.TOP_MANAGEMENT])
    counts = []
    for year, earlier in ((2022, 1), (2030, 3)):
        for n in range(earlier):
            _closed_round(world, datetime.date(year - 1 - n, 3, 1), [2] * 5, [4] * 5)
        latest = _closed_round(world, datetime.date(year, 3, 1), [3] * 5, [4] * 5)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:results", args=[latest.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_maturity_results_are_accessible_at_phone_width(page, world):
    from .browser import PHONE_WIDTH, assert_page_accessible, sign_in

    _closed_round(world, datetime.date(2025, 3, 1), [1, 1, 2, 2, 2], [3, 3, 3, 3, 3])
    round_ = _closed_round(world, datetime.date(2026, 3, 1), [2, 2, 3, 3, 4], [4, 4, 4, 5, 5], skip_target_of={"data"})
    leader = world.users[Role.TOP_MANAGEMENT]
    leader.preferred_language = "en"
    leader.save()
    sign_in(page, leader)
    assert_page_accessible(page, reverse("surveys:results", args=[round_.pk]), f"Results: {round_.title}")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    chart = page.locator("svg.maturity-chart")
    assert 300 < chart.bounding_box()["width"] <= PHONE_WIDTH  # scaled to the screen, not cut off
