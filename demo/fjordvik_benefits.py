"""Benefits plans for some of Fjordvik's initiatives: enough to show every part of the method."""

from __future__ import annotations

import datetime

from benefits.models import (
    Benefit,
    BenefitEstimate,
    Change,
    CostLine,
    Indicator,
    Measurement,
    Prerequisite,
    ProcessStep,
    RealisationMeasure,
    StrategicGoal,
    TrainingCost,
)
from benefits.services.measurements import save_measurement
from benefits.services.plans import sign
from portfolio.models import Initiative

GOALS = [
    "Trygge og verdige tjenester for eldre",
    "Mer tid til brukerrettet arbeid",
    "Bærekraftig kommuneøkonomi",
    "Enkel og digital kontakt med kommunen",
]

# initiative -> list of (change, enabler, [benefit dicts])
PLANS = {
    "Digitale nattilsyn": [
        (
            "Nattevakten ser til beboere med kamera og sensor i stedet for å gå runder",
            "Digitalt tilsynsutstyr",
            [
                dict(
                    description="Færre fysiske tilsyn om natten",
                    kind="capacity",
                    measure="hours",
                    unit="Fjordtun sykehjem",
                    goal=1,
                    take_out="alternative_use",
                    take_out_detail="Mer aktivitet og oppfølging på dagtid",
                    employees_sharing=12,
                    estimates=[(1, 900, 1400, 1100), (2, 1800, 2600, 2200), (3, 1800, 2600, 2200)],
                    indicator=("Fysiske tilsyn per natt", "antall", 42, 20, [36, 31]),
                    prerequisite=("Alle beboere har samtykke eller vedtak om tilsyn", True),
                ),
                dict(
                    description="Bedre søvn for beboerne",
                    kind="qualitative",
                    measure="qualitative",
                    importance="high",
                    goal=0,
                    indicator=("Beboere med urolig søvn", "prosent", 35, 20, [30]),
                ),
            ],
        ),
    ],
    "Digitale nøkler i hjemmetjenesten": [
        (
            "Ansatte låser seg inn med mobil i stedet for å hente fysiske nøkler",
            "Digitale låser",
            [
                dict(
                    description="Mindre tid til å hente og levere nøkler",
                    kind="capacity",
                    measure="hours",
                    unit="Hjemmetjenesten",
                    goal=1,
                    take_out="budget_reduction",
                    take_out_detail="Én stilling mindre i nøkkelforvaltningen",
                    employees_sharing=60,
                    estimates=[(0, 600, 1000, 800), (1, 900, 1500, 1200), (2, 900, 1500, 1200)],
                    indicator=("Minutter per vakt til nøkler", "minutter", 25, 5, [22, 21]),
                    prerequisite=(
                        "Ansatte slutter å bruke fysiske nøkler",
                        True,
                    ),  # confirmed at go-live; see the adoption survey
                ),
            ],
        ),
    ],
    "Robotisert fakturabehandling (RPA)": [
        (
            "Roboten konterer og matcher inngående fakturaer",
            "Programvarerobot",
            [
                dict(
                    description="Lavere kostnad til fakturabehandling",
                    kind="budget",
                    measure="kroner",
                    unit="Regnskap",
                    goal=2,
                    take_out="budget_reduction",
                    take_out_detail="Redusert lønnsbudsjett i regnskap",
                    estimates=[(1, 350000, 420000, 250000), (2, 380000, 450000, 300000), (3, 380000, 450000, 300000)],
                    indicator=("Manuelt behandlede fakturaer", "prosent", 100, 30, [70, 55, 48]),
                    prerequisite=("Leverandører sender EHF-faktura", True),
                ),
            ],
        ),
    ],
    "Digital byggesøknad": [
        (
            "Søkere sender komplette søknader digitalt",
            "Søknadsløsning med veiviser",
            [
                dict(
                    description="Kortere saksbehandlingstid",
                    kind="other_public",
                    measure="kroner",
                    goal=3,
                    estimates=[(2, 150000, 200000, 80000), (3, 150000, 200000, 80000)],
                    indicator=("Saksbehandlingstid", "dager", 45, 21, []),
                ),
            ],
        ),
    ],
}


def load_benefits(org, units: dict, users: dict, reference: datetime.date) -> None:
    goals = [StrategicGoal.objects.create(organisation=org, name=name) for name in GOALS]
    for name, changes in PLANS.items():
        initiative = Initiative.objects.get(organisation=org, name=name)
        start = initiative.planned_start.year
        ProcessStep.objects.create(
            initiative=initiative, state="today", order=1, actor="Ansatt", description="Utfører oppgaven manuelt"
        )
        ProcessStep.objects.create(
            initiative=initiative, state="future", order=1, actor="Løsningen", description="Utfører oppgaven digitalt"
        )
        CostLine.objects.create(initiative=initiative, year=start, kind="investment", amount=initiative.budget)
        for offset in range(1, 6):
            CostLine.objects.create(
                initiative=initiative, year=start + offset, kind="operating", amount=initiative.budget // 10
            )
        CostLine.objects.create(
            initiative=initiative, year=start + 1, kind="management", amount=initiative.budget // 20
        )
        for affected in initiative.affected_units.all():
            TrainingCost.objects.create(
                initiative=initiative,
                affected_unit=affected,
                year=start,
                hours_per_employee=6,
                employees=affected.employees_affected,
            )
        for description, enabler, benefits in changes:
            change = Change.objects.create(initiative=initiative, description=description, enabler=enabler)
            change.units.set([a.unit for a in initiative.affected_units.all()])
            for spec in benefits:
                _benefit(initiative, change, spec, goals, units, users, start, reference)
    rpa = Initiative.objects.get(organisation=org, name="Robotisert fakturabehandling (RPA)")
    rpa.project_owner = users["prosjekteier"]
    rpa.save()
    signed_on = reference - datetime.timedelta(days=200)
    # Two different people sign: the project owner, then another member of top management.
    sign(rpa, users["prosjekteier"], as_owner=True, as_management=True, on=signed_on)
    sign(rpa, users["kommunedirektor"], as_owner=False, as_management=True, on=signed_on)


def _benefit(initiative, change, spec, goals, units, users, start, reference) -> None:
    benefit = Benefit.objects.create(
        initiative=initiative,
        change=change,
        description=spec["description"],
        kind=spec["kind"],
        measure=spec["measure"],
        importance=spec.get("importance", ""),
        unit=units.get(spec.get("unit")),
        goal=goals[spec["goal"]],
        owner=users["gevinsteier"],
        responsible=users["gevinstansvarlig"],
        take_out=spec.get("take_out", ""),
        take_out_detail=spec.get("take_out_detail", ""),
        take_out_year=start + 1 if spec.get("take_out") else None,
        employees_sharing=spec.get("employees_sharing"),
    )
    for offset, optimistic, likely, pessimistic in [
        (o, max(a, b, c), sorted((a, b, c))[1], min(a, b, c)) for o, a, b, c in spec.get("estimates", [])
    ]:
        BenefitEstimate.objects.create(
            benefit=benefit, year=start + offset, optimistic=optimistic, likely=likely, pessimistic=pessimistic
        )
    if "prerequisite" in spec:
        text, confirmed = spec["prerequisite"]
        Prerequisite.objects.create(benefit=benefit, description=text, confirmed=confirmed)
    RealisationMeasure.objects.create(
        benefit=benefit,
        description="Endre rutiner og bemanningsplan i enheten",
        responsible=users["gevinsteier"],
        deadline=reference + datetime.timedelta(days=60),
        risk="moderate",
    )
    name, unit_of_measure, baseline, target, values = spec["indicator"]
    baseline_date = datetime.date(start, 1, 1)
    indicator = Indicator.objects.create(
        benefit=benefit,
        name=name,
        unit_of_measure=unit_of_measure,
        baseline_value=baseline,
        baseline_date=baseline_date,
        target_value=target,
        target_date=datetime.date(start + 2, 12, 31),
        frequency=3,
        measured_by=users["gevinstansvarlig"],
    )
    for n, value in enumerate(values, start=1):
        save_measurement(
            Measurement(
                indicator=indicator,
                value=value,
                measured_on=min(baseline_date + datetime.timedelta(days=120 * n), reference),
                recorded_by=users["gevinstansvarlig"],
            )
        )
