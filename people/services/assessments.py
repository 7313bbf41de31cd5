"""Self-assessments: a person's own answers, and who else may ever read them.

A person's answers are theirs. Only when they choose to share do the leaders of their unit see
them (the unit's leader and the middle managers for it; if it has none, those of the nearest unit
above). Everyone else only ever sees figures for groups (``people.services.gaps``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from core.validation import create_valid, save_valid
from organisations.models import Membership, OrgUnit, Role, RoleAssignment

from ..models import SelfAssessment, SelfAssessmentAnswer, Theme


def assessment_of(actor) -> SelfAssessment | None:
    return SelfAssessment.objects.for_org(actor.organisation).filter(person=actor.user).first()


def levels_of(assessment: SelfAssessment | None) -> dict[int, int]:
    """Theme id → the level the person chose."""
    if assessment is None:
        return {}
    return dict(assessment.answers.values_list("theme_id", "level"))


@transaction.atomic
def save_self_assessment(actor, levels: Mapping[Theme, int | None], *, shared_with_leader: bool) -> SelfAssessment:
    """Store the actor's own levels (None removes an answer) and their choice to share."""
    assessment = assessment_of(actor) or SelfAssessment(organisation=actor.organisation, person=actor.user)
    assessment.shared_with_leader = shared_with_leader
    save_valid(assessment)
    answers = {answer.theme_id: answer for answer in assessment.answers.all()}
    for theme, level in levels.items():
        answer = answers.get(theme.pk)
        if level is None:
            if answer is not None:
                answer.delete()
        elif answer is None:
            create_valid(SelfAssessmentAnswer, assessment=assessment, theme=theme, level=level)
        elif answer.level != level:
            answer.level = level
            save_valid(answer)
    return assessment


@transaction.atomic
def delete_self_assessment(actor) -> None:
    """Remove every answer the actor gave, and their choice to share."""
    assessment = assessment_of(actor)
    if assessment is not None:
        assessment.delete()


class LeaderMap:
    """Who leads each unit: its leader and the middle managers for it, read in two queries."""

    def __init__(self, organisation) -> None:
        units = OrgUnit.objects.for_org(organisation).values_list("pk", "parent_id", "leader_id")
        self.parent = {pk: parent for pk, parent, _leader in units}
        self.leaders: dict[int, set[int]] = {pk: {leader} if leader else set() for pk, _parent, leader in units}
        managers = (
            RoleAssignment.objects.for_org(organisation)
            .filter(role=Role.MIDDLE_MANAGER, unit__isnull=False, membership__is_active=True)
            .values_list("unit_id", "membership__user_id")
        )
        for unit_id, user_id in managers:
            self.leaders.setdefault(unit_id, set()).add(user_id)

    def leaders_of(self, unit_id: int | None, person_id: int) -> frozenset[int]:
        """The leaders of the person's unit, or of the nearest unit above that has one (never the person)."""
        seen = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            leaders = self.leaders.get(unit_id, set()) - {person_id}
            if leaders:
                return frozenset(leaders)
            unit_id = self.parent.get(unit_id)
        return frozenset()


@dataclass(frozen=True)
class SharedAssessment:
    person: object
    unit: OrgUnit | None
    assessment: SelfAssessment
    answers: list[SelfAssessmentAnswer]


def shared_with(actor) -> list[SharedAssessment]:
    """The self-assessments people have chosen to share with ``actor`` as their leader."""
    organisation = actor.organisation
    works_in = {
        m.user_id: m.unit
        for m in Membership.objects.for_org(organisation).filter(is_active=True).select_related("unit")
    }
    leaders = LeaderMap(organisation)
    assessments = (
        SelfAssessment.objects.for_org(organisation)
        .filter(shared_with_leader=True)
        .exclude(person=actor.user)
        .select_related("person")
        .prefetch_related("answers__theme")
        .order_by("person__first_name", "person__last_name")
    )
    shared = []
    for assessment in assessments:
        if assessment.person_id not in works_in:
            continue  # no longer a member here: nobody sees their answers
        unit = works_in[assessment.person_id]
        if actor.user.pk in leaders.leaders_of(unit.pk if unit else None, assessment.person_id):
            answers = sorted(assessment.answers.all(), key=lambda a: (a.theme.order, a.theme.name))
            shared.append(SharedAssessment(assessment.person, unit, assessment, answers))
    return shared


def export_for_person(user) -> list[dict]:
    """The person's self-assessments in every organisation, for their copy of their own data."""
    assessments = (
        SelfAssessment.objects.across_organisations()
        .filter(person=user)
        .select_related("organisation")
        .prefetch_related("answers__theme")
    )
    return [
        {
            "organisation": str(assessment.organisation),
            "shared_with_leader": assessment.shared_with_leader,
            "last_changed": assessment.updated_at.isoformat(),
            "answers": {answer.theme.name: answer.level for answer in assessment.answers.all()},
        }
        for assessment in assessments
    ]


def erase_for_person(user) -> None:
    """Delete the person's self-assessments in every organisation (nothing of them is kept)."""
    SelfAssessment.objects.across_organisations().filter(person=user).delete()
