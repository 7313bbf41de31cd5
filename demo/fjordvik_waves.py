"""Fjordvik's new health records system rolls out in three waves: the units their leaders judge
most ready first, the nursing home still busy with digital night-time supervision last (issue 8, §8)."""

from __future__ import annotations

from core.validation import save_valid
from people.services.load import add_months
from portfolio.models import Initiative, RolloutWave
from portfolio.services.rollout import save_wave

IN_WAVES = "Ny journalløsning helse og omsorg"
# wave number, months after the planned start, units
WAVES = [
    (1, 8, ["Tildelingskontoret", "Strandheim sykehjem"]),
    (2, 11, ["Hjemmetjenesten"]),
    (3, 14, ["Fjordtun sykehjem"]),
]
# unit → (impact, the leader's judgement of readiness 1–5)
JUDGED = {
    "Tildelingskontoret": ("moderate", 5),
    "Strandheim sykehjem": ("high", 4),
    "Hjemmetjenesten": ("high", 3),
    "Fjordtun sykehjem": ("high", 2),
}


def load_waves(org) -> None:
    initiative = Initiative.objects.for_org(org).get(name=IN_WAVES)
    by_unit = {a.unit.name: a for a in initiative.affected_units.select_related("unit")}
    for name, (impact, readiness) in JUDGED.items():
        affected = by_unit[name]
        affected.impact, affected.readiness = impact, readiness
        save_valid(affected)
    for number, months, units in WAVES:
        wave = RolloutWave(initiative=initiative, number=number, go_live=add_months(initiative.planned_start, months))
        save_wave(wave, [by_unit[name] for name in units])
