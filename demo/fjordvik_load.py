"""Fjordvik's change load: the new record system and a new rota land on the home care service in
the same month, so Hjemmetjenesten is over its limit (issue 8, §9–§10)."""

from __future__ import annotations

from decimal import Decimal

from people.models import TrainingActivity
from people.services.training import save_training_activity
from portfolio.models import AffectedUnit, Impact, Initiative

OVERLOADED = "Hjemmetjenesten"
RECORD_SYSTEM = "Ny journalløsning helse og omsorg"
ROTA = "Digital turnus og vaktbytte"
# A new record system changes every nurse's daily documentation: high impact everywhere it lands.
HIGH_IMPACT = [RECORD_SYSTEM, ROTA]
# target group, method, timing, hours per person
RECORD_TRAINING = [
    ("Alle ansatte, alle vakter", "classroom", "at", Decimal(4)),
    ("Alle ansatte, alle vakter", "e_learning", "after", Decimal(2)),
]


def load_change_load(org) -> None:
    for affected in AffectedUnit.objects.for_org(org).filter(initiative__name__in=HIGH_IMPACT):
        affected.impact = Impact.HIGH
        affected.save()
    initiatives = Initiative.objects.for_org(org)
    record_here = initiatives.get(name=RECORD_SYSTEM).affected_units.select_related("unit").get(unit__name=OVERLOADED)
    record_here.employees_affected = record_here.unit.headcount
    record_here.save()
    # The rota goes live the month the record system reaches the unit (wherever its wave puts it).
    rota_here = initiatives.get(name=ROTA).affected_units.get(unit__name=OVERLOADED)
    rota_here.employees_affected = record_here.unit.headcount - 4
    rota_here.change_from = record_here.change_from
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
