"""Fjordvik's people side for training and change agents: a 24/7 nursing home's plan with
substitute costs and training still under way, and a change-agent network with gaps on the evening
and night shifts (issue 8, §4–§5)."""

from __future__ import annotations

from decimal import Decimal

from core.validation import create_valid
from people.models import ChangeAgent, Course, TrainingActivity
from people.services.training import save_training_activity
from portfolio.models import Initiative

# target group, method, timing, hours per person, share of the affected staff, fees, share trained, course
PLAN = [
    ("Alle pleiere, alle vakter", "classroom", "before", Decimal(4), 1.0, Decimal(12000), 0.55, None),
    ("Nattevakter", "side_by_side", "at", Decimal(3), 0.3, Decimal(0), 0.0, "Superbruker side om side"),
    ("Alle pleiere, alle vakter", "e_learning", "after", Decimal(1), 1.0, Decimal(0), 0.0, None),
    ("Pårørende", "citizens", "at", Decimal(1), 0.5, Decimal(5000), 0.0, None),
]
# unit, username, role, shift, hours per week, training received
AGENTS = [
    ("Fjordtun sykehjem", "ansatt", "super_user", "day", Decimal(2), "Superbrukerkurs hos leverandøren, to dager."),
    ("Strandheim sykehjem", "tillitsvalgt", "champion", "evening", Decimal(1), ""),
]


def load_training(org, users: dict) -> None:
    initiative = Initiative.objects.for_org(org).get(name="Digitale nattilsyn")
    courses = {course.title: course for course in Course.objects.for_org(org)}
    for affected in initiative.affected_units.select_related("unit"):
        for group, method, timing, hours, share, fees, trained, course in PLAN:
            employees = max(1, round(affected.employees_affected * share))
            save_training_activity(
                TrainingActivity(
                    initiative=initiative,
                    affected_unit=affected,
                    target_group=group,
                    method=method,
                    timing=timing,
                    hours_per_employee=hours,
                    employees=employees,
                    fees=fees,
                    trained=round(employees * trained),
                    course=courses.get(course),
                )
            )
    by_unit = {a.unit.name: a for a in initiative.affected_units.select_related("unit")}
    for unit, username, role, shift, hours, training in AGENTS:
        create_valid(
            ChangeAgent,
            initiative=initiative,
            affected_unit=by_unit[unit],
            person=users[username],
            role=role,
            shift=shift,
            hours_per_week=hours,
            training_received=training,
        )
