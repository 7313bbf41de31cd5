"""Fjordvik's involvement: a reference group before the solution was chosen for every initiative
past planning but one, so the warning shows where it belongs, and "you said, we did" with the
project's answers (issue 8, §6 and §10)."""

from __future__ import annotations

import datetime

from core.validation import create_valid
from people.models import InputItem, InvolvementActivity, InvolvementWarning
from portfolio.models import Initiative, Phase

#: The one initiative whose solution was chosen without the leaders of the units it changes.
CHOSEN_WITHOUT_THEM = "Ny læringsplattform"
PAST_THE_CHOICE = (Phase.EXECUTION, Phase.CLOSING, Phase.REALISATION, Phase.COMPLETED)
# what was said, by whom, what the project did with it, and why
INPUT = [
    (
        "Opplæringen må legges til vaktene, ikke til fridager.",
        InputItem.Voice.EMPLOYEE,
        InputItem.Response.ADOPTED,
        "Kursene holdes i arbeidstiden på alle tre vakter, med vikar der det trengs.",
    ),
    (
        "Vi trenger en superbruker på hver avdeling de første ukene.",
        InputItem.Voice.UNIT_LEADER,
        InputItem.Response.PARTLY,
        "Én superbruker per enhet fra første dag; flere hvis målingene viser at det trengs.",
    ),
    (
        "Endringer i arbeidsoppgaver må drøftes med de tillitsvalgte før de innføres.",
        InputItem.Voice.UNION,
        InputItem.Response.ADOPTED,
        "Drøftingsmøte lagt inn i planen før hver pulje tas i bruk.",
    ),
]


def load_involvement(org) -> None:
    """A reference group in planning, with the affected units' leaders, employees and union
    representatives, for every initiative past the choice but ``CHOSEN_WITHOUT_THEM``."""
    involved = (
        Initiative.objects.for_org(org)
        .filter(phase__in=PAST_THE_CHOICE)
        .exclude(name=CHOSEN_WITHOUT_THEM)
        .prefetch_related("affected_units__unit")
    )
    for initiative in involved:
        units = [affected.unit for affected in initiative.affected_units.all()]
        held_on = (initiative.planned_start or datetime.date(2025, 1, 1)) - datetime.timedelta(days=45)
        activity = create_valid(
            InvolvementActivity,
            initiative=initiative,
            title=f"Referansegruppe: {initiative.name}",
            held_on=held_on,
            phase=Phase.PLANNING,
            method=InvolvementActivity.Method.REFERENCE_GROUP,
            description="Hvordan løsningen passer inn i hverdagen, og hva som må til for at den tas i bruk.",
            union_representatives=True,
        )
        activity.leader_units.add(*units)
        activity.employee_units.add(*units)
        for text, voice, response, reason in INPUT:
            create_valid(
                InputItem,
                activity=activity,
                text=text,
                voice=voice,
                unit=units[0] if units and voice != InputItem.Voice.UNION else None,
                given_on=held_on,
                response=response,
                reason=reason,
                answered_on=held_on + datetime.timedelta(days=14),
            )
    # The phase history was written before these activities existed; they were held before it.
    InvolvementWarning.objects.for_org(org).filter(initiative__in=involved).delete()
