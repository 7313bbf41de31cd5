"""The people side's warnings on benefits: a unit cannot take out a benefit while it is overloaded
with changes or not trained for the new way of working.

A benefit concerns the initiative's affected units at its own unit, above it or below it. It is warned

- when its unit is over its change-load limit in a month the change weighs on it (from the go-live of
  such an affected unit, for ``months_of_change`` months): that is when the unit must change how it
  works to take the benefit out;
- when such an affected unit's training is behind as go-live nears (``people.services.training.readiness``).

Both come from a fixed number of queries for any number of benefits.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from benefits.models import Benefit
from benefits.services.warnings import Warning
from organisations.models import Organisation
from portfolio.models import AffectedUnit

from .load import NOT_COUNTED, add_months, build_grid, load_inputs, month_start, months_from, organisation_units
from .training import readiness, readiness_settings, with_training_progress

#: How far back and ahead a benefit's unit is checked for overload, in months from this month.
MONTHS_BACK, MONTHS_AHEAD = 12, 24


class PeopleWarnings:
    messages = {
        "unit_overloaded": _(
            "%(unit)s is over its change-load limit in %(month)s, when this benefit is to be taken out: "
            "with too many changes at once, the new way of working may not take hold."
        ),
        "training_behind": _(
            "Training in %(unit)s is behind: %(trained)s of %(planned)s trained, with go-live %(date)s."
        ),
    }

    def by_benefit(
        self, organisation: Organisation, today: datetime.date, benefit_ids: Collection[int] | None = None
    ) -> dict[int, list[Warning]]:
        benefits = Benefit.objects.for_org(organisation).exclude(unit=None).exclude(initiative__phase__in=NOT_COUNTED)
        if benefit_ids is not None:
            benefits = benefits.filter(pk__in=list(benefit_ids))
        concerned = list(benefits.values_list("pk", "unit_id", "initiative_id"))
        if not concerned:
            return {}
        settings = readiness_settings(organisation)
        units = list(organisation_units(organisation))
        paths = {unit.pk: set(unit.tree_path) for unit in units}
        affected_rows = list(
            with_training_progress(
                AffectedUnit.objects.for_org(organisation).filter(
                    initiative_id__in={initiative_id for _pk, _unit, initiative_id in concerned}
                )
            ).select_related("unit")
        )
        months = months_from(add_months(month_start(today), -MONTHS_BACK), MONTHS_BACK + MONTHS_AHEAD)
        grid = build_grid(units, load_inputs(organisation, settings), months, settings)
        over = {row.unit.pk: dict(row.over_limit(grid.months)) for row in grid.rows}
        names = {unit.pk: unit.name for unit in units}
        by_initiative: dict[int, list[AffectedUnit]] = {}
        for affected in affected_rows:
            by_initiative.setdefault(affected.initiative_id, []).append(affected)
        found: dict[int, list[Warning]] = {}
        for benefit_id, unit_id, initiative_id in concerned:
            related = [
                a
                for a in by_initiative.get(initiative_id, [])
                if (a.unit_id in paths.get(unit_id, ()) or unit_id in paths.get(a.unit_id, ()))
            ]
            warnings = self._overload(related, over.get(unit_id, {}), names.get(unit_id, ""), settings)
            warnings += [
                Warning(
                    "training_behind",
                    {
                        "unit": state.affected.unit.name,
                        "trained": state.trained,
                        "planned": state.planned,
                        "date": state.affected.change_from,
                    },
                )
                for state in (readiness(a, settings, today) for a in related)
                if state.behind
            ]
            if warnings:
                found[benefit_id] = warnings
        return found

    @staticmethod
    def _overload(related, over_months, unit_name, settings) -> list[Warning]:
        weighed = sorted(
            {add_months(month_start(a.change_from), i) for a in related for i in range(settings.months_of_change)}
        )
        first = next((month for month in weighed if month in over_months), None)
        if first is None:
            return []
        return [Warning("unit_overloaded", {"unit": unit_name, "month": date_format(first, "YEAR_MONTH_FORMAT")})]
