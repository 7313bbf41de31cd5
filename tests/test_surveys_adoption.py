"""Adoption after go-live warns a benefit whose prerequisite, confirmed as in place, the staff contradict."""

import datetime

import pytest

from benefits.models import Prerequisite
from benefits.services.warnings import contributed_warnings
from surveys.models import Question, Round, SurveyTemplate
from surveys.services.rounds import close_round

from .survey_results_data import add_responses, make_round

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 24)


def adoption_round(world, value: int):
    """The shipped adoption survey about the world's initiative: the unit's 6 answer ``value`` to every
    statement on working the new way."""
    template = SurveyTemplate.objects.for_org(world.org).get(kind=SurveyTemplate.Kind.ADOPTION)
    in_use = Question.objects.filter(template=template, version=template.version, topic="in_use")
    round, units = make_round(world.org, template, {"Unit": (None, 8)}, org_units={"Unit": world.unit})
    Round.objects.for_org(world.org).filter(pk=round.pk).update(initiative=world.initiative, title="Nøkler i bruk?")
    add_responses(round, units["Unit"], [dict.fromkeys(in_use, value)] * 6)
    return close_round(round)


def adoption_warnings(world):
    warned = contributed_warnings(world.org, TODAY, [world.benefit.pk]).get(world.benefit.pk, [])
    return [w for w in warned if w.code == "not_adopted"]


def test_low_adoption_contradicts_a_confirmed_prerequisite(world):
    Prerequisite.objects.for_org(world.org).filter(benefit=world.benefit).update(confirmed=True)
    adoption_round(world, 2)
    [warning] = adoption_warnings(world)
    assert warning.facts == {
        "round": "Nøkler i bruk?",
        "group": "Unit",
        "mean": "2,0",
        "prerequisite": "Samtykke fra beboere",
    }


def test_no_warning_when_the_new_way_is_used_or_nothing_was_confirmed(world):
    adoption_round(world, 2)
    assert adoption_warnings(world) == []  # the prerequisite is not confirmed: it already warns as open
    Prerequisite.objects.for_org(world.org).filter(benefit=world.benefit).update(confirmed=True)
    adoption_round(world, 4)  # the latest round says the staff work the new way
    assert adoption_warnings(world) == []
