"""Approving a benefits realisation plan: a frozen snapshot, and what changed since."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.validation import create_valid, save_valid
from organisations.naming import read_only_people
from portfolio.models import Initiative

from ..models import Benefit, BenefitPlan
from .queries import initiative_benefits

SNAPSHOT_FIELDS = ["description", "kind", "measure", "importance", "owner", "responsible", "take_out", "take_out_year"]


def snapshot(benefits: list[Benefit]) -> dict:
    """What approval freezes: each benefit's key fields, yearly estimates and indicator targets."""
    result = {}
    for b in benefits:
        result[str(b.pk)] = {
            "description": b.description,
            "kind": b.get_kind_display(),
            "measure": b.get_measure_display(),
            "importance": b.get_importance_display() if b.importance else "",
            "owner": str(b.owner or ""),
            "responsible": str(b.responsible or ""),
            "take_out": b.get_take_out_display() if b.take_out else "",
            "take_out_year": b.take_out_year or "",
            "estimates": {
                str(e.year): [str(e.optimistic), str(e.likely), str(e.pessimistic)] for e in b.estimates.all()
            },
            "indicators": {
                i.name: [str(i.baseline_value), str(i.target_value), i.target_date.isoformat() if i.target_date else ""]
                for i in b.indicators.all()
            },
        }
    return result


def current_plan(initiative: Initiative) -> BenefitPlan:
    """The plan being worked on: the newest draft, or a new draft after the approved version."""
    latest = initiative.benefit_plans.order_by("-version").first()
    if latest is None or latest.status == BenefitPlan.Status.APPROVED:
        return create_valid(BenefitPlan, initiative=initiative, version=(latest.version + 1 if latest else 1))
    return latest


def approved_plan(initiative: Initiative) -> BenefitPlan | None:
    return initiative.benefit_plans.filter(status=BenefitPlan.Status.APPROVED).order_by("-version").first()


@transaction.atomic
def sign(initiative: Initiative, user, *, as_owner: bool, as_management: bool, on: datetime.date) -> BenefitPlan:
    """Record a signature on the current draft; with both signatures the plan is approved and frozen.

    A signature covers the plan as it stood when signed: if the benefits change before the
    second signature, the first one no longer counts.
    """
    if user.pk in read_only_people(initiative.organisation_id):
        raise ValidationError(_("A politician only reads and cannot sign a plan."))
    if as_owner and user.pk != initiative.project_owner_id:
        raise ValidationError(_("Only the initiative's project owner can approve as project owner."))
    if not (as_owner or as_management):
        raise ValidationError(_("The plan is approved by the project owner and by top management."))
    benefits = initiative_benefits(initiative)
    if not benefits:
        raise ValidationError(_("A plan without benefits cannot be approved."))
    plan = current_plan(initiative)
    now = snapshot(benefits)
    if plan.snapshot and plan.snapshot != now:
        plan.approved_by_owner = plan.approved_by_management = None
    plan.snapshot = now
    if as_owner:
        plan.approved_by_owner = user
    if as_management:
        plan.approved_by_management = user
    if plan.approved_by_owner and plan.approved_by_management:
        plan.status = BenefitPlan.Status.APPROVED
        plan.approved_on = on
    save_valid(plan)
    return plan


@dataclass(frozen=True)
class Difference:
    benefit: str
    what: str
    approved: str
    now: str


LABELS = {
    "description": gettext_lazy("Benefit"),
    "kind": gettext_lazy("Kind"),
    "measure": gettext_lazy("Measured in"),
    "importance": gettext_lazy("Importance"),
    "owner": gettext_lazy("Benefit owner"),
    "responsible": gettext_lazy("Benefit responsible"),
    "take_out": gettext_lazy("How it is taken out"),
    "take_out_year": gettext_lazy("Taken out from year"),
}


def differences(approved: dict, now: dict) -> list[Difference]:
    """Field by field, what differs between the approved snapshot and today's plan."""
    found: list[Difference] = []
    for key in sorted(set(approved) | set(now), key=lambda k: int(k)):
        old, new = approved.get(key), now.get(key)
        name = (new or old)["description"]
        if old is None:
            found.append(Difference(name, _("Benefit"), "", _("added")))
            continue
        if new is None:
            found.append(Difference(name, _("Benefit"), _("removed"), ""))
            continue
        for field in SNAPSHOT_FIELDS:
            if str(old.get(field, "")) != str(new.get(field, "")):
                found.append(Difference(name, str(LABELS[field]), str(old.get(field, "")), str(new.get(field, ""))))
        for year in sorted(set(old["estimates"]) | set(new["estimates"])):
            a, b = old["estimates"].get(year), new["estimates"].get(year)
            if a != b:
                found.append(Difference(name, _("Estimate %(year)s") % {"year": year}, _points(a), _points(b)))
        for indicator in sorted(set(old["indicators"]) | set(new["indicators"])):
            a, b = old["indicators"].get(indicator), new["indicators"].get(indicator)
            if a != b:
                found.append(Difference(name, _("Indicator “%(name)s”") % {"name": indicator}, _points(a), _points(b)))
    return found


def _points(values) -> str:
    return " / ".join(values) if values else "–"
