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

from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from benefits.models import Benefit
from benefits.services.warnings import Warning
from organisations.models import Organisation
from portfolio.models import AffectedUnit

from ..models import ReadinessSettings
from .load import NOT_COUNTED, add_months, build_grid, load_inputs, month_start, months_from, organisation_units
from .training import Readiness, readiness, readiness_settings, with_training_progress

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
        # The organisation's load and training first: they name the few units and initiatives that can
        # warn at all, so only the benefits there are read and checked, not every benefit of a list.
        settings = readiness_settings(organisation)
        units = list(organisation_units(organisation))
        months = months_from(add_months(month_start(today), -MONTHS_BACK), MONTHS_BACK + MONTHS_AHEAD)
        grid = build_grid(units, load_inputs(organisation, settings), months, settings)
        over = {row.unit.pk: dict(months_over) for row in grid.rows if (months_over := row.over_limit(grid.months))}
        behind = self._by_initiative(
            (state.affected.initiative_id, state.affected.unit_id, state)
            for state in self._behind_on_training(organisation, settings, today)
        )
        if not over and not behind:
            return {}
        benefits = (
            Benefit.objects.for_org(organisation)
            .exclude(unit=None)
            .exclude(initiative__phase__in=NOT_COUNTED)
            .filter(Q(unit_id__in=list(over)) | Q(initiative_id__in=list(behind)))
        )
        if benefit_ids is not None:
            benefits = benefits.filter(pk__in=list(benefit_ids))
        concerned = list(benefits.values_list("pk", "unit_id", "initiative_id"))
        paths = {unit.pk: set(unit.tree_path) for unit in units}
        names = {unit.pk: unit.name for unit in units}
        # Only the go-live dates matter for the load, and only of initiatives whose benefit's unit is over.
        overloaded = [initiative_id for _pk, unit_id, initiative_id in concerned if unit_id in over]
        dates = self._by_initiative(
            AffectedUnit.objects.for_org(organisation)
            .filter(initiative_id__in=overloaded)
            .values_list("initiative_id", "unit_id", "change_from")
        )
        found: dict[int, list[Warning]] = {}
        for benefit_id, unit_id, initiative_id in concerned:

            def concerns(other_unit_id: int, unit_id: int = unit_id) -> bool:
                return other_unit_id in paths.get(unit_id, ()) or unit_id in paths.get(other_unit_id, ())

            go_lives = [day for other, day in dates.get(initiative_id, []) if concerns(other)]
            warnings = self._overload(go_lives, over.get(unit_id, {}), names.get(unit_id, ""), settings)
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
                for other, state in behind.get(initiative_id, [])
                if concerns(other)
            ]
            if warnings:
                found[benefit_id] = warnings
        return found

    @staticmethod
    def _behind_on_training(
        organisation: Organisation, settings: ReadinessSettings, today: datetime.date
    ) -> list[Readiness]:
        """Counted affected units whose training is behind by ``readiness``; the database hands over only
        units with staff training due by now and fewer trained than the required share."""
        due = (
            with_training_progress(
                AffectedUnit.objects.for_org(organisation)
                .exclude(initiative__phase__in=NOT_COUNTED)
                .filter(change_from__lte=today + datetime.timedelta(days=settings.warning_days))
            )
            .alias(
                trained_percent=F("trained_by_go_live") * 100,
                required_percent=F("planned_by_go_live") * settings.trained_share_percent,
            )
            .filter(planned_by_go_live__gt=0, trained_percent__lt=F("required_percent"))
        )
        return [state for state in (readiness(a, settings, today) for a in due.select_related("unit")) if state.behind]

    @staticmethod
    def _by_initiative(rows) -> dict[int, list[tuple[int, object]]]:
        """(initiative, unit, thing) rows → initiative → [(unit, thing)]."""
        grouped: dict[int, list[tuple[int, object]]] = {}
        for initiative_id, unit_id, thing in rows:
            grouped.setdefault(initiative_id, []).append((unit_id, thing))
        return grouped

    @staticmethod
    def _overload(go_lives, over_months, unit_name, settings) -> list[Warning]:
        weighed = sorted(
            {add_months(month_start(day), i) for day in go_lives for i in range(settings.months_of_change)}
        )
        first = next((month for month in weighed if month in over_months), None)
        if first is None:
            return []
        return [Warning("unit_overloaded", {"unit": unit_name, "month": date_format(first, "YEAR_MONTH_FORMAT")})]
