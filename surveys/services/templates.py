"""Keeping survey templates: the defaults, and versions that keep the text a round asked.

A round asks one version of a template (``Round.version``). Every change to a question or a choice
goes through ``editable_version`` first: when a round has used the current version, its questions
and choices are copied to the next version and the change is made there, so the round keeps the
text people answered. Questions of an earlier version are never changed.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from core.validation import save_valid

from ..content import create_default_templates
from ..models import Choice, Question, SurveyTemplate
from ..topics import TOPICS


def seed_default_templates(organisation) -> int:
    """Give ``organisation`` the shipped templates it has none of that kind of; returns how many were added."""
    with transaction.atomic():
        return create_default_templates(organisation, SurveyTemplate, Question, Choice)


def current_questions(template: SurveyTemplate):
    return template.questions.filter(version=template.version).prefetch_related("choices")


def questions_by_topic(template: SurveyTemplate) -> list[tuple[str, list[Question]]]:
    """The current version's questions under their topic's name, topics in the order results show them;
    questions whose topic the template's kind does not know come last, under their own key."""
    known = TOPICS.get(template.kind, {})
    groups: dict[str, list[Question]] = {key: [] for key in known}
    for question in current_questions(template):
        groups.setdefault(question.topic, []).append(question)
    return [(str(known.get(key, key)), questions) for key, questions in groups.items() if questions]


@transaction.atomic
def editable_version(template: SurveyTemplate) -> int:
    """The version changes go to: the current one, or a copy of it when a round has used it."""
    # Locked, so two editors of a used version make one copy between them.
    locked = SurveyTemplate.objects.for_org(template.organisation).select_for_update().get(pk=template.pk)
    if locked.rounds.filter(version=locked.version).exists():
        _copy_version(locked, locked.version + 1)
        locked.version += 1
        save_valid(locked)
    template.version = locked.version
    return locked.version


def _copy_version(template: SurveyTemplate, version: int) -> None:
    for question in list(current_questions(template)):
        choices = list(question.choices.all())
        question.pk = None
        question._state.adding = True
        question.version = version
        question.save()
        for choice in choices:
            choice.pk = None
            choice._state.adding = True
            choice.question = question
        Choice.objects.bulk_create(choices)


def _editable_question(question: Question) -> Question:
    """The row of the editable version in ``question``'s place (itself unless a round used its version)."""
    template = question.template
    version = editable_version(template)
    if question.version == version:
        return question
    return template.questions.get(version=version, order=question.order)


@transaction.atomic
def save_question(question: Question) -> Question:
    """Store a new or changed question in the editable version; a new one goes last."""
    template = question.template
    if question.pk is None:
        question.version = editable_version(template)
        last = template.questions.filter(version=question.version).aggregate(last=Max("order"))["last"]
        question.order = (last or 0) + 1
    else:
        stored = template.questions.get(pk=question.pk)
        target = _editable_question(stored)
        question.pk, question.version = target.pk, target.version
    save_valid(question)
    return question


@transaction.atomic
def move_question(question: Question, step: int) -> Question:
    """Swap the question with the one before it (``step`` −1) or after it (+1) under the same topic, as
    the template's page lists them, in the editable version; the first cannot move up nor the last down.
    Returns the moved question's row."""
    moved = _editable_question(question)
    others = moved.template.questions.filter(version=moved.version)
    same_topic = others.filter(topic=moved.topic)
    if step < 0:
        neighbour = same_topic.filter(order__lt=moved.order).order_by("-order").first()
    else:
        neighbour = same_topic.filter(order__gt=moved.order).order_by("order").first()
    if neighbour is None:
        return moved
    # One place per (template, version, order): the moved one waits outside the list while the other
    # takes its place. The waiting place may lie beyond the range an order is checked against.
    waiting = others.aggregate(last=Max("order"))["last"] + 1
    others.filter(pk=moved.pk).update(order=waiting)
    moved.order, neighbour.order = neighbour.order, moved.order
    save_valid(neighbour)
    save_valid(moved)
    return moved


@transaction.atomic
def delete_question(question: Question) -> None:
    _editable_question(question).delete()


def _editable_choice(choice: Choice) -> Choice:
    question = _editable_question(choice.question)
    if question.pk == choice.question_id:
        return choice
    return question.choices.get(order=choice.order)


@transaction.atomic
def save_choice(choice: Choice) -> Choice:
    """Store a new or changed choice under the editable version's question; a new one goes last."""
    if choice.pk is None:
        choice.question = _editable_question(choice.question)
        last = choice.question.choices.aggregate(last=Max("order"))["last"]
        choice.order = (last or 0) + 1
    else:
        target = _editable_choice(choice.question.choices.get(pk=choice.pk))
        choice.pk, choice.question = target.pk, target.question
    save_valid(choice)
    return choice


@transaction.atomic
def delete_choice(choice: Choice) -> None:
    _editable_choice(choice).delete()
