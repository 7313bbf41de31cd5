"""Fjordvik's change load: the new record system's second wave and a new rota land on the home care
service in the same month, so Hjemmetjenesten is over its limit next autumn (issue 8, §9–§10)."""

from __future__ import annotations

from decimal import Decimal

from benefits.models import Benefit, Change
from core.validation import create_valid
from people.models import TrainingActivity
from people.services.training import save_training_activity
from portfolio.models import Impact, Initiative

OVERLOADED = "Hjemmetjenesten"
RECORD_SYSTEM = "Ny journalløsning helse og omsorg"
ROTA = "Digital turnus og vaktbytte"
# The record system's impact per unit is judged with its waves (demo/fjordvik_waves.py); a new rota
# changes every shift, so its impact is high.
# The record system's training in the home care service: target group, method, timing, hours per person
RECORD_TRAINING = [
    ("Alle ansatte, alle vakter", "classroom", "at", Decimal(4)),
    ("Alle ansatte, alle vakter", "e_learning", "after", Decimal(2)),
]


def load_change_load(org) -> None:
    initiatives = Initiative.objects.for_org(org)
    record_here = initiatives.get(name=RECORD_SYSTEM).affected_units.select_related("unit").get(unit__name=OVERLOADED)
    record_here.employees_affected = record_here.unit.headcount
    record_here.save()
    # The rota goes live the month the record system reaches the unit (wherever its wave puts it).
    rota_here = initiatives.get(name=ROTA).affected_units.get(unit__name=OVERLOADED)
    rota_here.employees_affected = record_here.unit.headcount - 4
    rota_here.change_from = record_here.change_from
    rota_here.impact = Impact.HIGH
    rota_here.save()
    for group, method, timing, hours in RECORD_TRAINING:
        save_training_activity(
            TrainingActivity(
                initiative=record_here.initiative,
                affected_unit=record_here,
                target_group=group,
                method=method,
                timing=timing,
                hours_per_employee=hours,
                employees=record_here.employees_affected,
            )
        )
    # The benefit the unit is to take out just as both changes land: warned (issue 8 §10).
    change = create_valid(
        Change, initiative=record_here.initiative, description="Pleierne dokumenterer i journalen hos brukeren"
    )
    change.units.add(record_here.unit)
    create_valid(
        Benefit,
        initiative=record_here.initiative,
        change=change,
        description="Mindre dobbeltdokumentasjon i hjemmetjenesten",
        kind=Benefit.Kind.CAPACITY,
        measure=Benefit.Measure.HOURS,
        unit=record_here.unit,
        owner=record_here.unit.leader,
        employees_sharing=record_here.employees_affected,
    )
