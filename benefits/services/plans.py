"""Approving a benefits realisation plan: two signatures, a frozen snapshot, and what changed since.

The snapshot holds raw values (choice codes, numbers as decimal strings, ISO dates, people's ids and
names), never translated labels: it reads the same in every language, and the differences are
worded and formatted only when shown.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_money, format_number
from core.permissions import can
from core.validation import create_valid, save_valid
from organisations.naming import read_only_people
from portfolio.models import Initiative

from ..models import Benefit, BenefitPlan
from .queries import benefits_queryset, initiative_benefits

CHOICE_FIELDS = ["kind", "measure", "importance", "take_out"]
PEOPLE_FIELDS = ["owner", "responsible"]
SNAPSHOT_FIELDS = ["description", *CHOICE_FIELDS, *PEOPLE_FIELDS, "take_out_year"]


def _decimal(value) -> str | None:
    return None if value is None else str(value)


def snapshot(benefits: list[Benefit]) -> dict:
    """What approval freezes: each benefit's key fields, yearly estimates and indicator targets."""
    result = {}
    for b in benefits:
        frozen = {field: getattr(b, field) or "" for field in ["description", *CHOICE_FIELDS]}
        for field in PEOPLE_FIELDS:
            person = getattr(b, field)
            frozen[field] = person.pk if person else None
            frozen[f"{field}_name"] = str(person or "")
        frozen["take_out_year"] = b.take_out_year
        frozen["estimates"] = {
            str(e.year): [_decimal(e.optimistic), _decimal(e.likely), _decimal(e.pessimistic)]
            for e in b.estimates.all()
        }
        frozen["indicators"] = {
            i.name: [
                _decimal(i.baseline_value),
                _decimal(i.target_value),
                i.target_date.isoformat() if i.target_date else None,
            ]
            for i in b.indicators.all()
        }
        result[str(b.pk)] = frozen
    return result


def current_plan(initiative: Initiative) -> BenefitPlan:
    """The plan being worked on: the newest draft, or a new draft after the approved version."""
    latest = initiative.benefit_plans.order_by("-version").first()
    if latest is None or latest.status == BenefitPlan.Status.APPROVED:
        return create_valid(BenefitPlan, initiative=initiative, version=(latest.version + 1 if latest else 1))
    return latest


def approved_plan(initiative: Initiative) -> BenefitPlan | None:
    return initiative.benefit_plans.filter(status=BenefitPlan.Status.APPROVED).order_by("-version").first()


def draft_plan(initiative: Initiative) -> BenefitPlan | None:
    return (
        initiative.benefit_plans.filter(status=BenefitPlan.Status.DRAFT)
        .select_related("approved_by_owner", "approved_by_management")
        .first()
    )


def signed_draft(initiative: Initiative, now: dict) -> tuple[BenefitPlan | None, bool]:
    """The draft whose signatures still count for today's plan, and whether a draft's signatures
    lapsed because the plan changed after they were given."""
    draft = draft_plan(initiative)
    if draft is not None and draft.snapshot != now:
        return None, True
    return draft, False


def unchanged_since_approval(initiative: Initiative, now: dict) -> BenefitPlan | None:
    """The approved version when today's plan is exactly that version: there is nothing new to sign."""
    approved = approved_plan(initiative)
    return approved if approved and approved.snapshot == now else None


@transaction.atomic
def sign(initiative: Initiative, user, *, as_owner: bool, as_management: bool, on: datetime.date) -> BenefitPlan:
    """Record one signature on the current draft; with both signatures the plan is approved and frozen.

    ``as_owner`` and ``as_management`` say which signatures ``user`` may give. Two different people
    sign: the project owner always signs as owner, so a project owner who is also top management
    leaves the management signature to another member of top management. A signature covers the
    plan as it stood when signed: if the benefits change before the second signature, the first
    one no longer counts.
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
    now = snapshot(benefits)
    unchanged = unchanged_since_approval(initiative, now)
    if unchanged:
        raise ValidationError(
            _("Nothing has changed since version %(version)s was approved, so there is nothing new to sign.")
            % {"version": unchanged.version}
        )
    plan = current_plan(initiative)
    if plan.snapshot and plan.snapshot != now:
        plan.approved_by_owner = plan.approved_by_management = None
        plan.approved_by_owner_on = plan.approved_by_management_on = None
    plan.snapshot = now
    if user.pk in (plan.approved_by_owner_id, plan.approved_by_management_id):
        raise ValidationError(
            _("You have already signed this plan. The other signature must come from another person: %(who)s")
            % {"who": " ".join(missing_signatures(initiative, plan))}
        )
    if as_owner:
        plan.approved_by_owner, plan.approved_by_owner_on = user, on
    else:
        plan.approved_by_management, plan.approved_by_management_on = user, on
    if plan.approved_by_owner and plan.approved_by_management:
        plan.status = BenefitPlan.Status.APPROVED
        plan.approved_on = on
    save_valid(plan)
    return plan


def can_sign_now(actor, initiative: Initiative, draft: BenefitPlan | None, unchanged: bool) -> bool:
    """Whether the sign button is shown: there is something new, and this person's signature is missing."""
    if unchanged:
        return False
    if can(actor, "benefits.sign_as_owner", initiative):
        return draft is None or draft.approved_by_owner_id != actor.user.pk
    if can(actor, "benefits.sign_as_management", initiative):
        return draft is None or actor.user.pk not in (draft.approved_by_owner_id, draft.approved_by_management_id)
    return False


def missing_signatures(initiative: Initiative, draft: BenefitPlan | None) -> list[str]:
    """Who still must sign the draft, worded for the page."""
    missing = []
    if draft is None or draft.approved_by_owner_id is None:
        missing.append(
            _("The project owner, %(name)s.") % {"name": initiative.project_owner}
            if initiative.project_owner
            else _("The project owner (the initiative has none yet).")
        )
    if draft is None or draft.approved_by_management_id is None:
        owner_signer = draft.approved_by_owner if draft else initiative.project_owner
        missing.append(
            _("A member of top management other than %(name)s.") % {"name": owner_signer}
            if owner_signer
            else _("A member of top management.")
        )
    return missing


def content_key(frozen: dict) -> str:
    """A short fingerprint of a plan's content: equal content, equal key."""
    return hashlib.sha256(json.dumps(frozen, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class PlanToSign:
    """A plan with something new that waits for the actor's signature, as what, and its content."""

    initiative: Initiative
    draft: BenefitPlan | None
    as_owner: bool
    content: str


def plans_awaiting_signature(actor) -> list[PlanToSign]:
    """Plans the actor may sign now, for the start page and the e-mail digest: a constant number of
    queries, however many initiatives the person owns.

    A project owner is asked for each initiative they own whose plan is new or changed since
    approval and lacks their signature; top management is asked once a draft carries the other
    person's signature and lacks theirs.
    """
    organisation, user = actor.organisation, actor.user
    found = [
        PlanToSign(initiative, draft, as_owner=True, content=content_key(now))
        for initiative, draft, now in _owned_plans_changed(actor)
        if not (draft and draft.approved_by_owner_id == user.pk) and can(actor, "benefits.sign_as_owner", initiative)
    ]
    signed_by_owner = (
        BenefitPlan.objects.for_org(organisation)
        .filter(status=BenefitPlan.Status.DRAFT, approved_by_owner__isnull=False, approved_by_management=None)
        .exclude(approved_by_owner=user)
        .select_related("initiative", "approved_by_owner")
        .order_by("initiative__name")
    )
    for draft in signed_by_owner:
        if can(actor, "benefits.sign_as_management", draft.initiative):
            found.append(PlanToSign(draft.initiative, draft, as_owner=False, content=content_key(draft.snapshot)))
    return found


def _owned_plans_changed(actor) -> list[tuple[Initiative, BenefitPlan | None, dict]]:
    """Each initiative the actor is named project owner of whose plan has benefits and differs from its
    approved version: with the draft whose signatures still count and today's snapshot. Three reads
    (initiatives, their benefits, their plan versions) and the benefits' prefetches."""
    owned = list(Initiative.objects.for_org(actor.organisation).filter(project_owner=actor.user).order_by("name"))
    benefits: dict[int, list[Benefit]] = defaultdict(list)
    for benefit in benefits_queryset().for_org(actor.organisation).filter(initiative__in=owned):
        benefits[benefit.initiative_id].append(benefit)
    versions: dict[int, list[BenefitPlan]] = defaultdict(list)  # newest first
    plans = BenefitPlan.objects.for_org(actor.organisation).filter(initiative__in=owned)
    for plan in plans.select_related("approved_by_owner", "approved_by_management").order_by("-version"):
        versions[plan.initiative_id].append(plan)
    changed = []
    for initiative in owned:
        if not benefits[initiative.pk]:
            continue
        now = snapshot(benefits[initiative.pk])
        approved = next((p for p in versions[initiative.pk] if p.status == BenefitPlan.Status.APPROVED), None)
        if approved and approved.snapshot == now:
            continue
        draft = next((p for p in versions[initiative.pk] if p.status == BenefitPlan.Status.DRAFT), None)
        changed.append((initiative, draft if draft and draft.snapshot == now else None, now))
    return changed


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
    """Field by field, what differs in value between the approved snapshot and today's plan.

    Compared on raw values; worded in the active language and Norwegian number format.
    """
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
            if old.get(field) != new.get(field):
                found.append(Difference(name, str(LABELS[field]), _shown(old, field), _shown(new, field)))
        for year in sorted(set(old["estimates"]) | set(new["estimates"])):
            a, b = old["estimates"].get(year), new["estimates"].get(year)
            if a != b:
                what = _("Estimate %(year)s") % {"year": year}
                found.append(Difference(name, what, _estimate(a, old["measure"]), _estimate(b, new["measure"])))
        for indicator in sorted(set(old["indicators"]) | set(new["indicators"])):
            a, b = old["indicators"].get(indicator), new["indicators"].get(indicator)
            if a != b:
                what = _("Indicator “%(name)s”") % {"name": indicator}
                found.append(Difference(name, what, _indicator(a), _indicator(b)))
    return found


def _shown(frozen: dict, field: str) -> str:
    """One frozen field as the viewer reads it: a choice label, a person's name, the value."""
    value = frozen.get(field)
    if field in CHOICE_FIELDS:
        return str(dict(Benefit._meta.get_field(field).flatchoices).get(value, value or ""))
    if field in PEOPLE_FIELDS:
        return frozen.get(f"{field}_name", "")
    return "" if value is None else str(value)


def _figure(value: str | None, measure: str | None = None) -> str:
    if value is None:
        return "–"
    amount = Decimal(value)
    if measure == Benefit.Measure.KRONER:
        return format_money(amount)
    return format_number(amount, 0 if amount == amount.to_integral_value() else 2)


def _estimate(points: list | None, measure: str) -> str:
    """Optimistic / likely / pessimistic, in kroner or as a number of hours."""
    return " / ".join(_figure(p, measure) for p in points) if points else "–"


def _indicator(values: list | None) -> str:
    """Baseline → target by date."""
    if not values:
        return "–"
    baseline, target, target_date = values
    text = f"{_figure(baseline)} → {_figure(target)}"
    if target_date:
        text += f" ({datetime.date.fromisoformat(target_date):%d.%m.%Y})"
    return text
