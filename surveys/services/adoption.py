"""Adoption after go-live, tied to the benefits: a prerequisite confirmed as in place is contradicted
when the staff say, in an adoption survey, that they do not work the new way (the digital keys that
saved nothing because staff kept fetching the physical ones).

It reads only released figures: the "working the new way" topic of the latest closed adoption round
about the benefit's initiative, for the group holding the benefit's unit, else the whole organisation.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.utils.translation import gettext_lazy as _

from benefits.models import Prerequisite
from benefits.services.warnings import Warning
from core.formatting import format_number
from organisations.models import Organisation

from ..models import ReleasedCell, Round, SurveyTemplate

#: Working the new way scored at or below this (on 1–5) contradicts a prerequisite confirmed as in place.
ADOPTED_AT_OR_BELOW = 3
IN_USE = "in_use"


class AdoptionWarnings:
    messages = {
        "not_adopted": _(
            "In the adoption survey “%(round)s”, staff in %(group)s rate working the new way %(mean)s of 5: "
            "the prerequisite “%(prerequisite)s” may not hold in practice."
        ),
    }

    def by_benefit(
        self, organisation: Organisation, today: datetime.date, benefit_ids: Collection[int] | None = None
    ) -> dict[int, list[Warning]]:
        rounds = (
            Round.objects.for_org(organisation)
            .filter(state=Round.State.CLOSED, template__kind=SurveyTemplate.Kind.ADOPTION)
            .exclude(initiative=None)
            .order_by("initiative_id", "-closes_on", "-pk")
        )
        latest: dict[int, Round] = {}
        for round_ in rounds:
            latest.setdefault(round_.initiative_id, round_)
        if not latest:
            return {}
        confirmed = Prerequisite.objects.for_org(organisation).filter(
            confirmed=True, benefit__initiative_id__in=list(latest)
        )
        if benefit_ids is not None:
            confirmed = confirmed.filter(benefit_id__in=list(benefit_ids))
        first_confirmed: dict[int, tuple[str, int | None, int]] = {}
        for benefit_id, description, unit_id, initiative_id in confirmed.order_by("pk").values_list(
            "benefit_id", "description", "benefit__unit_id", "benefit__initiative_id"
        ):
            first_confirmed.setdefault(benefit_id, (description, unit_id, initiative_id))
        if not first_confirmed:
            return {}
        cells = ReleasedCell.objects.filter(
            round__in=list(latest.values()), kind=ReleasedCell.Kind.TOPIC, topic=IN_USE, mean__isnull=False
        ).select_related("round_unit")
        by_round: dict[int, dict[int | None, ReleasedCell]] = {}
        for cell in cells:
            by_round.setdefault(cell.round_id, {})[cell.round_unit.unit_id if cell.round_unit else None] = cell
        found: dict[int, list[Warning]] = {}
        for benefit_id, (description, unit_id, initiative_id) in first_confirmed.items():
            round_ = latest[initiative_id]
            figures = by_round.get(round_.pk, {})
            cell = figures.get(unit_id) or figures.get(None)
            if cell is None or cell.mean > ADOPTED_AT_OR_BELOW:
                continue
            group = cell.round_unit.name if cell.round_unit else organisation.name
            found[benefit_id] = [
                Warning(
                    "not_adopted",
                    {
                        "round": round_.title,
                        "group": group,
                        "mean": format_number(cell.mean, 1),
                        "prerequisite": description,
                    },
                )
            ]
        return found
