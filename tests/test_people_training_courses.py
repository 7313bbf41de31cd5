"""Training plan lines that use a course from the catalogue: its price lands in the economics."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from benefits.models import CostLine
from core.formatting import format_money
from people.models import Course, TrainingActivity
from people.services.training import activity_cost

from .pages import assert_page
from .test_people_courses import course_data
from .test_people_training import economics, plan_line, small  # noqa: F401 (small: the fixture used below)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


@pytest.fixture
def going_live(request):
    """The training tests' small initiative: one 24/7 unit at 550 kr an hour (substitutes 420 kr),
    30 employees affected, go-live 01.03.2027 in its second year, discount rate 4 %."""
    return request.getfixturevalue("small")


def course(organisation, cost: int) -> Course:
    return Course.objects.create(
        organisation=organisation,
        title="Dokumentasjon i ny journal",
        provider="Leverandøren",
        format="classroom",
        hours=6,
        cost_per_participant=cost,
    )


def line_data(**overrides) -> dict:
    data = {
        "target_group": "Sykepleiere på alle vakter",
        "method": "classroom",
        "timing": "before",
        "hours_per_employee": "6",
        "employees": "12",
        "fees": "8 000",
    }
    data.update(overrides)
    return data


def test_the_course_fee_is_the_price_per_participant_times_the_people_plus_the_other_fees(world, going_live):
    initiative, affected = going_live
    line = plan_line(affected, course=course(world.org, 2500))
    cost = activity_cost(line, world.org)
    # fees: 8 000 entered + 2 500 kr × 12 people = 38 000; working time 39 600, substitutes 30 240
    assert (cost.training, cost.substitutes, cost.fees) == (Decimal(39600), Decimal(30240), Decimal(38000))
    assert cost.total == Decimal(107840)
    assert list(CostLine.objects.filter(initiative=initiative).values_list("year", "kind", "amount")) == [
        (2027, "training", Decimal(38000))
    ]
    # 107 840 in the second year, discounted by 1.04
    assert round(economics(initiative).npv_full, 2) == Decimal("-103692.31")


def test_a_course_alone_makes_a_fee_row(world, going_live):
    initiative, affected = going_live
    plan_line(affected, fees=0, employees=10, course=course(world.org, 1200))
    # 1 200 kr × 10 people, no other fees
    assert list(CostLine.objects.filter(initiative=initiative).values_list("amount", flat=True)) == [Decimal(12000)]


def test_choosing_a_course_in_the_form_writes_its_fee(world, going_live, login):
    initiative, affected = going_live
    chosen = course(world.org, 2500)
    client = login(world.users["portfolio_office"])
    response = client.post(reverse("people:training_add", args=[affected.pk]), line_data(course=str(chosen.pk)))
    assert response.status_code == 302
    assert TrainingActivity.objects.get(initiative=initiative).course == chosen
    assert list(CostLine.objects.filter(initiative=initiative).values_list("amount", flat=True)) == [Decimal(38000)]


def test_a_course_of_another_organisation_is_refused_by_the_model(world, other_world, going_live):
    initiative, affected = going_live
    with pytest.raises(ValidationError) as exc:
        plan_line(affected, course=course(other_world.org, 2500))
    assert list(exc.value.message_dict) == ["course"]
    assert not TrainingActivity.objects.filter(initiative=initiative).exists()
    assert not CostLine.objects.filter(initiative=initiative).exists()


def test_a_course_of_another_organisation_is_not_a_choice_in_the_form(world, other_world, going_live, login):
    initiative, affected = going_live
    foreign = course(other_world.org, 2500)
    response = login(world.users["portfolio_office"]).post(
        reverse("people:training_add", args=[affected.pk]), line_data(course=str(foreign.pk))
    )
    assert_page(response, "Add training to the plan for Fjordvik Sykehjem")
    assert list(response.context["form"].errors) == ["course"]
    assert foreign.pk not in {c.pk for c in response.context["form"].fields["course"].queryset}
    assert not TrainingActivity.objects.filter(initiative=initiative).exists()


def test_a_new_price_in_the_catalogue_rewrites_the_plans_that_use_the_course(world, going_live, login):
    initiative, affected = going_live
    chosen = course(world.org, 2500)
    plan_line(affected, course=chosen)
    data = course_data(world, title=chosen.title, cost_per_participant="3 000")
    response = login(world.users["administrator"]).post(reverse("people:course_edit", args=[chosen.pk]), data)
    assert response.status_code == 302
    # 8 000 + 3 000 kr × 12 people
    assert list(CostLine.objects.filter(initiative=initiative).values_list("amount", flat=True)) == [Decimal(44000)]


def test_a_course_in_a_training_plan_is_kept_when_someone_removes_it(world, going_live, login):
    _initiative, affected = going_live
    chosen = course(world.org, 2500)
    plan_line(affected, course=chosen)
    client = login(world.users["administrator"])
    response = client.post(reverse("people:course_delete", args=[chosen.pk]), follow=True)
    assert_page(response, "Courses")
    assert "Training plans use this course" in response.content.decode()
    assert Course.objects.for_org(world.org).filter(pk=chosen.pk).exists()


def test_the_training_plan_shows_the_course(world, going_live, login):
    initiative, affected = going_live
    plan_line(affected, course=course(world.org, 2500))
    response = login(world.users["employee"]).get(reverse("people:initiative_readiness", args=[initiative.pk]))
    body = assert_page(response, "Training and change agents: Digitalt tilsyn")
    assert "Dokumentasjon i ny journal" in body
    assert format_money(38000) in body  # the line's fees with the course
