"""Fjordvik's people side: courses, what initiatives need of competence, and self-assessments.

Self-assessments sit in units both above and below the minimum group of 5, so the figures, the
merging into the unit above and "fewer than 5 answers" all show; two employees share with their leader.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model

from organisations.models import Membership, OrgUnit, Role, RoleAssignment
from people.models import CompetenceRequirement, Course, CourseTheme, SelfAssessment, SelfAssessmentAnswer, Theme
from portfolio.models import AffectedUnit, Phase

# The default framework's themes by their place (order 10, 20, …): see people/defaults.py.
BENEFITS_WORK, ANCHORING, SERVICE_DESIGN, CHANGE_MANAGEMENT = 10, 20, 30, 40
USER_INVOLVEMENT, GOVERNING_DOCUMENTS, DEVELOPMENT = 50, 60, 70
INFORMATION, COLLABORATION, CONTENT, SAFETY, PROBLEM_SOLVING = 80, 90, 100, 110, 120

# title, provider, format, hours, cost per participant, shift workers can take it, {theme: level}
COURSES = [
    ("Gevinstrealisering i praksis", "KS Læring", "e_learning", 2, 0, True, {BENEFITS_WORK: 2}),
    (
        "Endringsledelse for enhetsledere",
        "Fjordregionen digitalt samarbeid",
        "workshop",
        12,
        4500,
        False,
        {CHANGE_MANAGEMENT: 4, ANCHORING: 3},
    ),
    (
        "Tjenestedesign – grunnkurs",
        "Fjordvik kommune, HR og organisasjon",
        "classroom",
        7,
        2900,
        False,
        {SERVICE_DESIGN: 3, USER_INVOLVEMENT: 3},
    ),
    ("Digital sikkerhet for alle", "KS Læring", "e_learning", 1.5, 0, True, {SAFETY: 3}),
    (
        "Superbruker side om side",
        "Fjordvik kommune, Digitalisering og IKT",
        "guided_practice",
        6,
        0,
        True,
        {PROBLEM_SOLVING: 3, INFORMATION: 3, COLLABORATION: 3},
    ),
    (
        "Digital transformasjon i offentlig sektor, 15 studiepoeng",
        "Fjordregionen høgskole",
        "study",
        400,
        12000,
        False,
        {BENEFITS_WORK: 4, CHANGE_MANAGEMENT: 4, DEVELOPMENT: 4, GOVERNING_DOCUMENTS: 4},
    ),
]

# unit, theme, level needed, which staff: for every active initiative that changes the unit.
NEEDS = [
    ("Hjemmetjenesten", SAFETY, 3, "Alle som bruker nettbrett i tjenesten"),
    ("Hjemmetjenesten", PROBLEM_SOLVING, 3, "Superbrukere på hver vakt"),
    ("Hjemmetjenesten", CHANGE_MANAGEMENT, 4, "Fagledere og enhetsleder"),
    ("Fjordtun sykehjem", SAFETY, 3, "Alle ansatte"),
    ("Fjordtun sykehjem", BENEFITS_WORK, 3, "Avdelingsledere"),
    ("Fjordvik skole", COLLABORATION, 3, "Alle lærere"),
    ("Fjordvik skole", CONTENT, 3, "Kontaktlærere"),
]

# unit, job title, how many employees there assessed themselves, how many of them share with their leader
ASSESSED = [
    ("Hjemmetjenesten", "Sykepleier", 4, 2),  # 4 + 2 from Praktisk bistand = 6: shown, the department merged in
    ("Praktisk bistand", "Helsefagarbeider", 2, 0),
    ("Hjemmesykepleie sone nord", "Helsefagarbeider", 6, 0),  # shown on its own
    ("Fjordtun sykehjem", "Sykepleier", 3, 0),  # too few, and too few in the sector above: "fewer than 5 answers"
    ("Fjordvik skole", "Lærer", 5, 0),  # exactly 5: shown
]
FIRST_NAMES = ["Siri", "Jonas", "Marit", "Emil", "Hanne", "Amir", "Tone", "Lars", "Nora", "Petter", "Aud", "Yusuf"]
LAST_NAMES = ["Aasen", "Berg", "Dahl", "Eide", "Haugen", "Lie", "Moen", "Nilsen", "Strand", "Vik"]


def load_people(org, units: dict[str, OrgUnit], rng: random.Random) -> None:
    themes = {theme.order: theme for theme in Theme.objects.for_org(org)}
    for title, provider, fmt, hours, cost, shift, levels in COURSES:
        course = Course.objects.create(
            organisation=org,
            title=title,
            provider=provider,
            format=fmt,
            hours=hours,
            cost_per_participant=cost,
            shift_workers_can_take=shift,
            language="nb",
        )
        for order, level in levels.items():
            CourseTheme.objects.create(course=course, theme=themes[order], level=level)

    active = [Phase.CONCEPT, Phase.PLANNING, Phase.EXECUTION, Phase.CLOSING, Phase.REALISATION]
    for unit_name, order, level, staff in NEEDS:
        affected = (
            AffectedUnit.objects.for_org(org)
            .filter(unit=units[unit_name], initiative__phase__in=active)
            .order_by("change_from")
        )
        for row in affected[:2]:
            CompetenceRequirement.objects.get_or_create(
                affected_unit=row, theme=themes[order], defaults={"target_level": level, "staff": staff}
            )

    User = get_user_model()
    number = 0
    for unit_name, title, count, sharing in ASSESSED:
        for index in range(count):
            first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[number % len(LAST_NAMES)]
            number += 1
            user = User.objects.create_user(username=f"ansatt{number:02d}", first_name=first, last_name=last)
            membership = Membership.objects.create(organisation=org, user=user, unit=units[unit_name], title=title)
            RoleAssignment.with_default_scope(membership, Role.EMPLOYEE).save()
            assessment = SelfAssessment.objects.create(
                organisation=org, person=user, shared_with_leader=index < sharing
            )
            for theme in themes.values():
                SelfAssessmentAnswer.objects.create(
                    assessment=assessment, theme=theme, level=rng.choices([1, 2, 3, 4, 5], [1, 3, 4, 2, 1])[0]
                )
