"""What the benefits pages show, computed once per request from prefetched rows."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from core.pagination import ListPage, paginate
from portfolio.models import Initiative

from ..models import Benefit
from .economics import Economics
from .followup import IndicatorStatus, indicator_status
from .queries import change_complete_dates, economics_for, initiative_benefits, line_manager_ids
from .warnings import Warning, benefit_warnings, contributed_warnings


@dataclass(frozen=True)
class BenefitRow:
    benefit: Benefit
    warnings: list[Warning]
    indicators: list[IndicatorStatus]


def benefit_rows(
    benefits: list[Benefit],
    organisation,
    today: datetime.date,
    *,
    contributed: Mapping[int, list[Warning]] | None = None,
) -> list[BenefitRow]:
    """``contributed``: other apps' warnings when the caller has read them already (for these benefits or more)."""
    managers = line_manager_ids(organisation)
    complete = change_complete_dates(organisation, {b.initiative_id for b in benefits})
    if contributed is None:
        contributed = contributed_warnings(organisation, today, [b.pk for b in benefits]) if benefits else {}
    rows = []
    for b in benefits:
        statuses = [indicator_status(i, today) for i in b.indicators.all()]
        warnings = benefit_warnings(
            b,
            statuses,
            organisation,
            today,
            line_manager_ids=managers,
            change_complete_on=complete.get(b.initiative_id),
        ) + contributed.get(b.pk, [])
        rows.append(BenefitRow(benefit=b, warnings=warnings, indicators=statuses))
    return rows


#: Rows per page of every long list in the benefits app.
def benefit_rows_page(
    benefits: QuerySet[Benefit],
    params: QueryDict,
    organisation,
    today: datetime.date,
    *,
    prefix: str = "",
    contributed: Mapping[int, list[Warning]] | None = None,
) -> ListPage:
    """One page of an ordered list of benefits, as rows: only the benefits shown are loaded and checked."""
    return paginate(benefits, params, prefix=prefix).with_rows(
        lambda shown: benefit_rows(shown, organisation, today, contributed=contributed)
    )


@dataclass(frozen=True)
class InitiativeBenefits:
    rows: list[BenefitRow]
    economics: Economics


def initiative_summary(initiative: Initiative, today: datetime.date, *, simulate: bool = False) -> InitiativeBenefits:
    benefits = initiative_benefits(initiative)
    return InitiativeBenefits(
        rows=benefit_rows(benefits, initiative.organisation, today),
        economics=economics_for(initiative, benefits, simulate=simulate),
    )
