"""Cost rows a training plan writes are the plan's: shown as such on the economics page, never
changed or removed there by hand; hand-entered rows stay editable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import CostLine, TrainingCost

from .pages import assert_page
from .test_people_training import plan_line, small  # noqa: F401 (small: the fixture used below)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

REFUSAL = "This cost comes from the training plan. Change the plan, and the cost follows."


@pytest.fixture
def planned(request, world):
    """The training tests' small initiative with one plan line (fees 8 000 kr) and one cost entered by hand."""
    initiative, affected = request.getfixturevalue("small")
    line = plan_line(affected)
    line.refresh_from_db()  # the rows its plan wrote
    hand = CostLine.objects.create(initiative=initiative, year=2026, kind="investment", amount=250000, note="Lisens")
    return initiative, line, hand


def edit_link(kind: str, pk: int) -> str:
    return reverse("benefits:part_edit", args=[kind, pk])


def test_the_economics_page_shows_the_plans_rows_as_the_plans_without_edit_or_remove(world, planned, login):
    initiative, line, hand = planned
    response = login(world.users["portfolio_office"]).get(reverse("benefits:economics", args=[initiative.pk]))
    body = assert_page(response, "Economics: Digitalt tilsyn")
    assert body.count("From the training plan") == 2  # the working-time row and the fee row
    assert body.count(f'href="{reverse("people:initiative_readiness", args=[initiative.pk])}"') == 2
    assert edit_link("cost", line.fee_row_id) not in body
    assert reverse("benefits:part_delete", args=["cost", line.fee_row_id]) not in body
    assert edit_link("training", line.cost_row_id) not in body
    assert reverse("benefits:part_delete", args=["training", line.cost_row_id]) not in body
    assert edit_link("cost", hand.pk) in body  # entered by hand: still kept here
    assert reverse("benefits:part_delete", args=["cost", hand.pk]) in body


@pytest.mark.parametrize("kind", ["cost", "training"])
def test_editing_a_row_of_the_plan_is_refused_with_a_message_and_nothing_changes(world, planned, login, kind):
    initiative, line, _hand = planned
    pk = line.fee_row_id if kind == "cost" else line.cost_row_id
    client = login(world.users["portfolio_office"])

    assert client.get(edit_link(kind, pk)).status_code == 302
    data = {
        "year": "2030",
        "kind": "investment",
        "amount": "1",
        "note": "",
        "hours_per_employee": "1",
        "employees": "1",
    }
    data["affected_unit"] = str(line.affected_unit_id)
    response = client.post(edit_link(kind, pk), data, follow=True)

    body = assert_page(response, "Benefits realisation: Digitalt tilsyn")
    assert REFUSAL in body
    fee = CostLine.objects.get(initiative=initiative, pk=line.fee_row_id)
    time = TrainingCost.objects.get(initiative=initiative, pk=line.cost_row_id)
    assert (fee.year, fee.amount) == (2027, Decimal(8000))
    assert (time.year, time.hours_per_employee, time.employees) == (2027, Decimal(6), 12)


@pytest.mark.parametrize("kind", ["cost", "training"])
def test_removing_a_row_of_the_plan_is_refused_with_a_message_and_the_row_stays(world, planned, login, kind):
    initiative, line, _hand = planned
    pk = line.fee_row_id if kind == "cost" else line.cost_row_id
    response = login(world.users["portfolio_office"]).post(
        reverse("benefits:part_delete", args=[kind, pk]), follow=True
    )
    body = assert_page(response, "Benefits realisation: Digitalt tilsyn")
    assert REFUSAL in body
    assert CostLine.objects.filter(initiative=initiative, pk=line.fee_row_id).exists()
    assert TrainingCost.objects.filter(initiative=initiative, pk=line.cost_row_id).exists()
    fee_row, cost_row = line.fee_row_id, line.cost_row_id
    line.refresh_from_db()
    assert (line.fee_row_id, line.cost_row_id) == (fee_row, cost_row)


def test_a_cost_entered_by_hand_is_still_changed_and_removed_here(world, planned, login):
    initiative, _line, hand = planned
    client = login(world.users["portfolio_office"])
    data = {"year": "2026", "kind": "investment", "amount": "260 000", "note": "Lisens"}
    assert client.post(edit_link("cost", hand.pk), data).status_code == 302
    hand.refresh_from_db()
    assert hand.amount == Decimal(260000)
    assert client.post(reverse("benefits:part_delete", args=["cost", hand.pk])).status_code == 302
    assert not CostLine.objects.filter(initiative=initiative, pk=hand.pk).exists()
