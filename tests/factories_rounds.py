"""Survey rounds for tests: a small template made directly with the models, a round, people to ask."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.models import Membership
from surveys.models import Choice, Question, Round, RoundUnit, SurveyTemplate

from .factories import PASSWORD, World


def survey_template(organisation, name: str = "Beredskap i testrunden") -> SurveyTemplate:
    """Version 1: a statement on the scale (required), one choice (required), several choices and free
    text (both optional)."""
    template = SurveyTemplate.objects.create(organisation=organisation, name=name)
    Question.objects.create(
        template=template,
        version=1,
        order=1,
        kind=Question.Kind.SCALE,
        text_nb="Jeg forstår hvorfor vi endrer arbeidsmåten.",
        text_nn="Eg forstår kvifor vi endrar arbeidsmåten.",
        text_en="I understand why we are changing how we work.",
        low_nb="Helt uenig",
        high_nb="Helt enig",
        low_en="Strongly disagree",
        high_en="Strongly agree",
    )
    single = Question.objects.create(
        template=template, version=1, order=2, kind=Question.Kind.SINGLE, text_nb="Hvor jobber du mest?"
    )
    Choice.objects.create(question=single, order=1, text_nb="Dag")
    Choice.objects.create(question=single, order=2, text_nb="Natt")
    multiple = Question.objects.create(
        template=template, version=1, order=3, kind=Question.Kind.MULTIPLE, text_nb="Hva hindrer deg?", required=False
    )
    Choice.objects.create(question=multiple, order=1, text_nb="Tid")
    Choice.objects.create(question=multiple, order=2, text_nb="Opplæring")
    Question.objects.create(
        template=template, version=1, order=4, kind=Question.Kind.TEXT, text_nb="Noe mer?", required=False
    )
    return template


def draft_round(world: World, *units, template: SurveyTemplate | None = None, **fields) -> Round:
    today = timezone.localdate()
    values = {
        "title": "Beredskap før digitalt nattilsyn",
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=14),
        "remind_on": today + datetime.timedelta(days=7),
        **fields,
    }
    round_ = Round.objects.create(
        organisation=world.org, template=template or survey_template(world.org), initiative=world.initiative, **values
    )
    round_.units.set(units or [world.unit])
    return round_


def employee(organisation, username: str, unit, *, email: str | None = None, language: str = "", active=True):
    """A member working in ``unit`` with a work e-mail (unless ``email=""``)."""
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.capitalize(),
        last_name="Ansattsen",
        email=f"{username}@fjordvik.kommune.no" if email is None else email,
        preferred_language=language,
    )
    Membership.objects.create(organisation=organisation, user=user, unit=unit, is_active=active)
    return user


def survey_round(world: World) -> Round:
    """A draft round for the URL sweeps, made on first use."""
    if not hasattr(world, "survey_round"):
        world.survey_round = draft_round(world)
    return world.survey_round


def survey_round_unit(world: World) -> RoundUnit:
    if not hasattr(world, "survey_round_unit"):
        world.survey_round_unit = RoundUnit.objects.create(round=survey_round(world), unit=world.unit, name="Sykehjem")
    return world.survey_round_unit
