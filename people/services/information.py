"""Information to employees: one page per affected unit following the 2018 study's checklist
(what, why, who, what changes in my daily work, how consequences are handled, when, training,
whom to ask, how to give input)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organisations.actor import Actor
from portfolio.models import AffectedUnit, Initiative
from portfolio.services.overview import own_unit_and_above
from portfolio.services.phases import CLOSED

from ..models import EmployeeInformation


@dataclass(frozen=True)
class ChecklistItem:
    field: str
    label: str
    answer: str


@dataclass(frozen=True)
class InformationPage:
    affected: AffectedUnit
    information: EmployeeInformation  # unsaved (empty) when nobody has written it yet
    items: list[ChecklistItem]

    @property
    def filled(self) -> int:
        return sum(1 for item in self.items if item.answer.strip())

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.filled == self.total

    @property
    def missing(self) -> list[str]:
        return [item.label for item in self.items if not item.answer.strip()]


def checklist(information: EmployeeInformation) -> list[ChecklistItem]:
    return [
        ChecklistItem(name, str(EmployeeInformation._meta.get_field(name).verbose_name), getattr(information, name))
        for name in EmployeeInformation.CHECKLIST
    ]


def information_page(affected: AffectedUnit) -> InformationPage:
    """The page for ``affected`` (its initiative and unit already fetched), saved or not yet."""
    information = EmployeeInformation.objects.filter(affected_unit=affected).first()
    information = information or EmployeeInformation(affected_unit=affected, organisation_id=affected.organisation_id)
    return InformationPage(affected, information, checklist(information))


def page_of(affected: AffectedUnit) -> InformationPage:
    """``affected``'s page from its ``information`` already loaded (``select_related``), saved or not yet."""
    try:
        information = affected.information
    except EmployeeInformation.DoesNotExist:
        information = EmployeeInformation(affected_unit=affected, organisation_id=affected.organisation_id)
    return InformationPage(affected, information, checklist(information))


def pages_of(initiative: Initiative) -> list[InformationPage]:
    """Every affected unit of the initiative with its page and how complete it is (one query)."""
    return [page_of(a) for a in initiative.affected_units.select_related("unit", "initiative", "information")]


def suggested_answers(affected: AffectedUnit) -> dict[str, str]:
    """A first draft from what the initiative already says, for the person writing the page."""
    employees = affected.employees_affected
    return {
        "what": affected.initiative.name,
        "why": affected.initiative.purpose,
        "who": _("%(count)s employees in %(unit)s.") % {"count": employees, "unit": affected.unit.name},
        "daily_work": affected.change_description,
        "when": _("From %(date)s.") % {"date": date_format(affected.change_from, "SHORT_DATE_FORMAT")},
    }


def information_for_me(actor: Actor) -> QuerySet[EmployeeInformation]:
    """Published pages for the person's unit and the units above it, of initiatives still open."""
    return (
        EmployeeInformation.objects.for_org(actor.organisation)
        .filter(published=True, affected_unit__unit_id__in=own_unit_and_above(actor))
        .exclude(affected_unit__initiative__phase__in=CLOSED)
        .select_related("affected_unit__initiative", "affected_unit__unit")
        .order_by("affected_unit__change_from", "pk")
    )
