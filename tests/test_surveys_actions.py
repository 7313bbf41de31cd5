"""From results to action: a closed round about an initiative goes into its "you said, we did" log."""

import pytest
from django.urls import reverse

from people.models import InputItem, InvolvementActivity
from surveys.models import Round

from .pages import assert_page
from .survey_results_data import released_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


@pytest.fixture
def about_the_initiative(world):
    """The released readiness round (the unit's 6 answered 4, the sector's 5 answered 2, the other
    unit's 5 answered 3), about the world's initiative."""
    round = released_round(world)
    Round.objects.for_org(world.org).filter(pk=round.pk).update(initiative=world.initiative)
    round.refresh_from_db()
    return round


def survey_activities(world):
    return InvolvementActivity.objects.filter(initiative=world.initiative, method="survey")


def test_what_holds_back_goes_into_the_involvement_log_once(world, login, about_the_initiative):
    round = about_the_initiative
    office = login(world.users["portfolio_office"])
    page = assert_page(office.get(reverse("surveys:results", args=[round.pk])), f"Results: {round.title}")
    assert reverse("surveys:record_actions", args=[round.pk]) in page
    response = office.post(reverse("surveys:record_actions", args=[round.pk]))
    assert response.status_code == 302 and response.url == reverse("people:involvement", args=[world.initiative.pk])
    [activity] = survey_activities(world)
    items = list(activity.items.order_by("text"))
    # Five stages at 2,0 in the sector's group and five at 3,0 in the other unit's; the unit's 4,0 and
    # the organisation's (24 + 10 + 15) / 16 = 3,06 do not hold back.
    assert len(items) == 10 and {item.voice for item in items} == {InputItem.Voice.EMPLOYEE}
    assert any(item.text == "Staff in Other: “Understanding why” 3,0 of 5 (5 answers)." for item in items)
    assert not any(item.author_id for item in items)
    office.post(reverse("surveys:record_actions", args=[round.pk]))
    assert survey_activities(world).count() == 1
    page = assert_page(office.get(reverse("surveys:results", args=[round.pk])), f"Results: {round.title}")
    assert "The findings are in the involvement log" in page


def test_only_those_who_keep_the_initiatives_involvement_record_it(world, login, about_the_initiative):
    response = login(world.users["top_management"]).post(
        reverse("surveys:record_actions", args=[about_the_initiative.pk])
    )
    assert response.status_code == 403
    assert not survey_activities(world).exists()
