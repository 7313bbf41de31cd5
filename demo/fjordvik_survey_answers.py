"""The people Fjordvik's surveys ask, and their answers, given through the intake service like any
respondent's (``surveys.services.intake``): checked, stored without a person, the invitation deleted.

Answers are drawn from a seeded generator around a mean per topic, so the demo's figures are the same
every time and tell the story ``demo.fjordvik_surveys`` describes.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from organisations.models import Membership, OrgUnit, Role, RoleAssignment
from surveys.content.shapes import WORKING_HOURS
from surveys.models import Invitation, Question, Round
from surveys.services.intake import Ticket, check_answers, questions_of, submit

FIRST_NAMES = ["Anne", "Bjørn", "Camilla", "Dag", "Elin", "Fatima", "Gunnar", "Hilde", "Ida", "Jan", "Kristin"]
LAST_NAMES = ["Andersen", "Bakke", "Christensen", "Eriksen", "Hansen", "Johansen", "Larsen", "Olsen", "Solberg"]


@dataclass(frozen=True)
class Profile:
    """How a group answers: a mean per topic (a scale's value, or the level of a described choice),
    the choices of a several-choice question by weight (in their order), free-text answers, and the
    level aimed at per topic where a question asks for a target (digital maturity). The first
    ``day_workers`` to answer in a unit say they work days only, the others shifts; nobody says they
    lead others."""

    means: Mapping[str, float]
    picks: Sequence[int] = ()
    texts: Sequence[str] = field(default_factory=tuple)
    targets: Mapping[str, float] = field(default_factory=dict)
    day_workers: int = 0


def add_staff(org, units: Mapping[str, OrgUnit], staff: Mapping[str, int], title: str, prefix: str) -> None:
    """Employees with a work e-mail (so they are invited), ``staff[unit]`` of them in each unit.
    They sign in with single sign-on only (no password), so they are not among the demo's logins."""
    User = get_user_model()
    number = 0
    for unit_name, count in staff.items():
        for _index in range(count):
            number += 1
            first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[number % len(LAST_NAMES)]
            username = f"{prefix}{number:02d}"
            user = User.objects.create_user(
                username=username, first_name=first, last_name=last, email=f"{username}@fjordvik.kommune.example"
            )
            membership = Membership.objects.create(organisation=org, user=user, unit=units[unit_name], title=title)
            RoleAssignment.with_default_scope(membership, Role.EMPLOYEE).save()


def add_manager(org, unit: OrgUnit, username: str, name: str, title: str, role: str) -> None:
    """A leader with a work e-mail, working in ``unit``. The unit's ``leader`` is left as it is: the
    demo's other parts (and their tests) rely on who leads which unit."""
    first, last = name.split(" ", 1)
    user = get_user_model().objects.create_user(
        username=username, first_name=first, last_name=last, email=f"{username}@fjordvik.kommune.example"
    )
    membership = Membership.objects.create(organisation=org, user=user, unit=unit, title=title)
    RoleAssignment.with_default_scope(membership, role).save()


def answer(
    round_: Round,
    rng: random.Random,
    profiles: Mapping[str, Profile],
    *,
    per_unit: Mapping[str, int] | None = None,
    people: Collection[str] | None = None,
) -> int:
    """Let invited people answer through the intake: in each unit of the round named in ``profiles``,
    the first ``per_unit[unit]`` invited (all when not given), or only the invited ``people`` (usernames).
    Free-text answers of a profile are given once each. Returns how many answered."""
    questions = questions_of(round_)
    invitations = round_.invitations.select_related("round_unit", "person").order_by("person__username")
    taken: dict[str, int] = {}
    texts = {name: list(profile.texts) for name, profile in profiles.items()}
    for invitation in invitations:
        unit = invitation.round_unit.name
        if unit not in profiles or (people is not None and invitation.person.username not in people):
            continue
        if per_unit is not None and taken.get(unit, 0) >= per_unit.get(unit, 0):
            continue
        taken[unit] = taken.get(unit, 0) + 1
        given = _answers(
            questions, profiles[unit], texts[unit], rng, works_days=taken[unit] <= profiles[unit].day_workers
        )
        checked = check_answers(questions, given)
        if checked.errors:  # the demo's own data is wrong: fail the load rather than store less
            raise ValueError(f"Demo answers refused in {round_.title}: {checked.errors}")
        submit(_ticket(round_, invitation), checked.answers, uuid.uuid4().hex)
    return sum(taken.values())


def _ticket(round_: Round, invitation: Invitation) -> Ticket:
    """What the one-time link e-mailed to ``invitation.person`` lets them answer (the demo never sends it)."""
    return Ticket(round_, invitation.round_unit, invitation=invitation)


def _answers(
    questions: Sequence[Question], profile: Profile, texts: list[str], rng: random.Random, *, works_days: bool
) -> dict:
    given: dict[int, list[str]] = {}
    for question in questions:
        if question.breakdown:
            choices = list(question.choices.all())
            working_hours = question.text_nb == WORKING_HOURS.text.nb
            given[question.pk] = [str((choices[0] if working_hours and works_days else choices[-1]).pk)]
            continue
        if question.measure == Question.Measure.TARGET:
            mean = profile.targets.get(question.topic, 4.0)
        else:
            mean = profile.means.get(question.topic, 3.5)
        if question.kind == Question.Kind.SCALE:
            given[question.pk] = [str(_near(mean, rng))]
        elif question.kind == Question.Kind.SINGLE:
            choices = list(question.choices.all())
            given[question.pk] = [str(choices[min(_near(mean, rng, spread=0.6), len(choices)) - 1].pk)]
        elif question.kind == Question.Kind.MULTIPLE:
            choices = list(question.choices.all())
            weights = (list(profile.picks) + [0] * len(choices))[: len(choices)] if profile.picks else None
            picked = {choices[i].pk for i in rng.choices(range(len(choices)), weights=weights, k=rng.randint(1, 2))}
            given[question.pk] = [str(pk) for pk in picked]
        elif texts:
            given[question.pk] = [texts.pop(0)]
    return given


def _near(mean: float, rng: random.Random, spread: float = 0.9) -> int:
    return min(5, max(1, round(rng.gauss(mean, spread))))
