"""Warnings on a benefit, each computed from the data and explained in plain words.

A warning is a code and its facts; the sentence is translated only when it is shown, so the
at-risk list can check thousands of benefits without formatting thousands of sentences.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrgUnit
from portfolio.models import AffectedUnit

from ..models import Benefit, BenefitEstimate, Indicator, Prerequisite
from .followup import IndicatorStatus, needing_attention

WEEKS_PER_YEAR = 46  # working weeks after holidays, used to spread yearly hours over weeks

MESSAGES = {
    "no_owner": _("No benefit owner: nobody in the line is accountable for taking it out."),
    "owner_not_line_manager": _("The benefit owner leads no unit: a benefit is taken out by a line manager."),
    "no_indicator": _("No indicator: nobody will know whether the benefit is realised."),
    "no_baseline": _("An indicator has no baseline: progress cannot be measured from it."),
    "measurement_overdue": _("A measurement of “%(name)s” was due %(date)s."),
    "behind_plan": _(
        "“%(name)s” is at %(actual)s %% of its target, but a straight line from baseline to target says %(expected)s %%."  # noqa: E501
    ),
    "cut_before_change": _(
        "The budget is reduced from 01.01.%(year)s, before every unit works in the new way (%(done)s)."
    ),
    "prerequisites_open": _("Not all prerequisites are confirmed: the new way of working may not be in use."),
    "spread_thin": _(
        "The time saving is about %(minutes)s minutes per employee per week: too little to take out unless work or staffing changes."  # noqa: E501
    ),
}


class ContributedWarnings(Protocol):
    """Warnings another app adds to benefits from its own data (the people side: change load, training).

    ``by_benefit`` returns the warnings per benefit id for the benefits of the organisation (or only
    ``benefit_ids``), in a fixed number of queries; ``with_warnings`` lists the benefits it names.
    """

    messages: dict[str, str]

    def by_benefit(
        self, organisation: Organisation, today: datetime.date, benefit_ids: Collection[int] | None = None
    ) -> dict[int, list[Warning]]: ...


_contributed: list[ContributedWarnings] = []


def contribute_warnings(source: ContributedWarnings) -> None:
    """Called from an app's ready(): its warnings then show wherever a benefit's warnings do."""
    MESSAGES.update(source.messages)
    _contributed.append(source)


def contributed_warnings(
    organisation: Organisation, today: datetime.date, benefit_ids: Collection[int] | None = None
) -> dict[int, list[Warning]]:
    found: dict[int, list[Warning]] = {}
    for source in _contributed:
        for benefit_id, warnings in source.by_benefit(organisation, today, benefit_ids).items():
            found.setdefault(benefit_id, []).extend(warnings)
    return found


@dataclass(frozen=True)
class Warning:
    code: str
    facts: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        facts = {k: v.strftime("%d.%m.%Y") if isinstance(v, datetime.date) else v for k, v in self.facts.items()}
        return str(MESSAGES[self.code]) % facts if facts else str(MESSAGES[self.code])


def benefit_warnings(
    benefit: Benefit,
    statuses: list[IndicatorStatus],
    organisation: Organisation,
    today: datetime.date,
    *,
    line_manager_ids: frozenset[int],
    change_complete_on: datetime.date | None,
) -> list[Warning]:
    """Needs the annotations of ``benefits.services.queries.with_warning_facts`` and the indicators' statuses.

    ``line_manager_ids``: people who lead a unit in the organisation.
    ``change_complete_on``: when the last affected unit has changed its way of working.
    """
    found: list[Warning] = []
    if benefit.owner_id is None:
        found.append(Warning("no_owner"))
    elif benefit.owner_id not in line_manager_ids:
        found.append(Warning("owner_not_line_manager"))
    if not statuses:
        found.append(Warning("no_indicator"))
    elif any(s.indicator.baseline_value is None or s.indicator.baseline_date is None for s in statuses):
        found.append(Warning("no_baseline"))
    for status in statuses:
        name = status.indicator.name
        if status.overdue(today):
            found.append(Warning("measurement_overdue", {"name": name, "date": status.next_due}))
        if status.behind:
            found.append(
                Warning(
                    "behind_plan",
                    {
                        "name": name,
                        "actual": round(status.achievement * 100),
                        "expected": round(status.expected * 100),
                    },
                )
            )
    if (
        benefit.take_out == Benefit.TakeOut.BUDGET_REDUCTION
        and benefit.take_out_year
        and change_complete_on
        and datetime.date(benefit.take_out_year, 1, 1) < change_complete_on
    ):
        found.append(Warning("cut_before_change", {"year": benefit.take_out_year, "done": change_complete_on}))
    if benefit.has_open_prerequisites:
        found.append(Warning("prerequisites_open"))
    minutes = weekly_minutes_per_employee(benefit)
    if minutes is not None and minutes < organisation.small_saving_minutes:
        found.append(Warning("spread_thin", {"minutes": round(minutes)}))
    return found


def weekly_minutes_per_employee(benefit: Benefit) -> Decimal | None:
    """The largest yearly hour saving, spread over the employees who share it, in minutes per week."""
    if benefit.measure != Benefit.Measure.HOURS or not benefit.employees_sharing:
        return None
    yearly = benefit.largest_yearly_estimate
    if yearly is None:
        return None
    return yearly * 60 / WEEKS_PER_YEAR / benefit.employees_sharing


def largest_yearly_estimate() -> Subquery:
    """A benefit's largest uncertainty-adjusted yearly estimate, for ``weekly_minutes_per_employee``."""
    adjusted = ExpressionWrapper(
        BenefitEstimate.adjusted_expression(), output_field=DecimalField(max_digits=16, decimal_places=4)
    )
    return Subquery(
        BenefitEstimate.objects.filter(benefit=OuterRef("pk"))
        .annotate(adjusted=adjusted)
        .order_by("-adjusted")
        .values("adjusted")[:1]
    )


def with_warnings(
    benefits: QuerySet[Benefit],
    organisation: Organisation,
    today: datetime.date,
    *,
    contributed: Mapping[int, list[Warning]] | None = None,
) -> QuerySet[Benefit]:
    """The benefits that ``benefit_warnings`` gives at least one warning, decided by the database.

    The same rules as conditions, so a list can count and page them without loading any;
    tests/test_benefits_rules.py checks that both agree. Contributed warnings come from other apps'
    data, so their benefits are named by id: ``contributed`` when the caller has read them already
    (to word its rows from them too), else they are read here.
    """
    if contributed is None:
        contributed = contributed_warnings(organisation, today)
    leaders = OrgUnit.objects.for_org(organisation).exclude(leader=None).values("leader_id")
    take_out_year = OuterRef("take_out_year")
    changes_after_cut = AffectedUnit.objects.filter(initiative=OuterRef("initiative_id")).filter(
        Q(change_from__year__gt=take_out_year)
        | Q(change_from__year=take_out_year) & ~Q(change_from__month=1, change_from__day=1)
    )
    # minutes = largest · 60 / weeks / employees < the organisation's limit, multiplied out.
    spread_thin = Q(
        measure=Benefit.Measure.HOURS,
        employees_sharing__gt=0,
        _largest__isnull=False,
        _minutes_times_sharing__lt=Value(organisation.small_saving_minutes * WEEKS_PER_YEAR) * F("employees_sharing"),
    )
    return benefits.alias(
        _largest=largest_yearly_estimate(),
        _minutes_times_sharing=F("_largest") * 60,
    ).filter(
        Q(owner__isnull=True)
        | ~Q(owner_id__in=leaders)
        | ~Exists(Indicator.objects.filter(benefit=OuterRef("pk")))
        | Exists(needing_attention(Indicator.objects.filter(benefit=OuterRef("pk")), today))
        | Q(take_out=Benefit.TakeOut.BUDGET_REDUCTION, take_out_year__isnull=False) & Exists(changes_after_cut)
        | Exists(Prerequisite.objects.filter(benefit=OuterRef("pk"), confirmed=False))
        | spread_thin
        | Q(pk__in=list(contributed))
    )
