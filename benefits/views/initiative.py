"""An initiative's benefits realisation: overview, economics, benefits map and plan approval."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import can, member_required, require
from core.tenancy import get_for_org_or_404
from portfolio.models import Initiative

from ..models import Change, ProcessStep
from ..services.benefits_map import build_map
from ..services.generated import generated_rows, with_origin
from ..services.plans import (
    approved_plan,
    can_sign_now,
    differences,
    missing_signatures,
    sign,
    signed_draft,
    snapshot,
    unchanged_since_approval,
)
from ..services.summary import initiative_summary


def _initiative(request, pk: int) -> Initiative:
    return get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)


@member_required
def overview(request, pk: int):
    initiative = _initiative(request, pk)
    summary = initiative_summary(initiative, timezone.localdate(), simulate=True)
    plans = list(initiative.benefit_plans.select_related("approved_by_owner", "approved_by_management"))
    context = {
        "initiative": initiative,
        "summary": summary,
        "economics": summary.economics,
        "process_today": ProcessStep.objects.filter(initiative=initiative, state=ProcessStep.State.TODAY),
        "process_future": ProcessStep.objects.filter(initiative=initiative, state=ProcessStep.State.FUTURE),
        "changes": Change.objects.filter(initiative=initiative).prefetch_related("units"),
        "plan": plans[0] if plans else None,
        "approved": next((p for p in plans if p.status == "approved"), None),
    }
    return render(request, "benefits/initiative.html", context)


@member_required
def economics(request, pk: int):
    initiative = _initiative(request, pk)
    summary = initiative_summary(initiative, timezone.localdate(), simulate=True)
    origins = generated_rows(initiative)
    context = {
        "initiative": initiative,
        "economics": summary.economics,
        "organisation": initiative.organisation,
        "cost_lines": with_origin(initiative.cost_lines.all(), origins),
        "training_costs": with_origin(initiative.training_costs.select_related("affected_unit__unit"), origins),
    }
    return render(request, "benefits/economics.html", context)


@member_required
def benefits_map(request, pk: int):
    initiative = _initiative(request, pk)
    changes = list(Change.objects.filter(initiative=initiative))
    benefits = list(initiative.benefits.select_related("goal", "change"))
    context = {"initiative": initiative, "map": build_map(changes, benefits), "benefits": benefits, "changes": changes}
    return render(request, "benefits/map.html", context)


@member_required
def plan(request, pk: int):
    initiative = _initiative(request, pk)
    summary = initiative_summary(initiative, timezone.localdate(), simulate=True)
    now = snapshot([row.benefit for row in summary.rows])
    approved = approved_plan(initiative)
    unchanged = unchanged_since_approval(initiative, now) is not None
    draft, lapsed = signed_draft(initiative, now)
    context = {
        "initiative": initiative,
        "summary": summary,
        "economics": summary.economics,
        "approved": approved,
        "draft": draft,
        "lapsed": lapsed,
        "unchanged": unchanged,
        "can_sign": bool(summary.rows) and can_sign_now(request.actor, initiative, draft, unchanged),
        "missing": [] if unchanged else missing_signatures(initiative, draft),
        "differences": differences(approved.snapshot, now) if approved else [],
        "plans": initiative.benefit_plans.select_related("approved_by_owner", "approved_by_management"),
    }
    return render(request, "benefits/plan.html", context)


@require_POST
@member_required
def plan_sign(request, pk: int):
    initiative = _initiative(request, pk)
    actor = request.actor
    require(actor, "benefits.sign_plan", initiative)
    as_owner = can(actor, "benefits.sign_as_owner", initiative)
    as_management = can(actor, "benefits.sign_as_management", initiative)
    try:
        result = sign(initiative, request.user, as_owner=as_owner, as_management=as_management, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.status == "approved":
            messages.success(request, _("The plan is approved and frozen as version %(v)s.") % {"v": result.version})
        else:
            messages.success(request, _("Your approval is recorded. The plan needs one more signature."))
    return redirect("benefits:plan", pk=initiative.pk)
