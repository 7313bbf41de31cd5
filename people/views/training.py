"""The initiative's training and change-agent page, the plan lines, progress and the thresholds."""

from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benefits.services.queries import economics_for, initiative_benefits
from core.access import member_required, require
from core.editing import FormCheck, delete_object, edit_object
from core.tenancy import get_for_org_or_404
from portfolio.models import AffectedUnit, Initiative

from ..forms.training import ReadinessSettingsForm, TrainingActivityForm, TrainingProgressForm
from ..models import TrainingActivity
from ..services.agents import initiative_coverage
from ..services.training import initiative_training, readiness_settings, remove_generated_costs
from ..services.waves import training_load_warnings


def readiness_url(initiative_id: int) -> str:
    return reverse("people:initiative_readiness", args=[initiative_id])


def affected_unit(request, pk: int) -> AffectedUnit:
    return get_for_org_or_404(
        AffectedUnit.objects.select_related("initiative", "unit"), request.actor.organisation, pk=pk
    )


@member_required
def initiative_readiness(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "people.view_initiative", initiative)
    settings = readiness_settings(initiative.organisation)
    plans = initiative_training(initiative, settings, timezone.localdate())
    coverage = {c.affected.pk: c for c in initiative_coverage(initiative, settings)}
    units = [(plan, coverage[plan.affected.pk]) for plan in plans]
    return render(
        request,
        "people/training/initiative.html",
        {
            "initiative": initiative,
            "units": units,
            "economics": economics_for(initiative, initiative_benefits(initiative)),
            "settings": settings,
            "substitute_rate": initiative.organisation.substitute_hourly_cost,
        },
    )


def load_check(organisation, stored: TrainingActivity | None) -> FormCheck:
    """Training hours weigh on the unit's change load: a line can be checked before it is saved."""
    return FormCheck(
        label=_("Check change load"),
        run=lambda form: training_load_warnings(organisation, stored, form.instance),
        all_clear=_("No unit would be over its change-load limit in the months around this date."),
    )


@member_required
def training_add(request, pk: int):
    affected = affected_unit(request, pk)
    require(request.actor, "people.change_training_plan", affected)
    return edit_object(
        request,
        TrainingActivityForm,
        TrainingActivity(initiative=affected.initiative, affected_unit=affected),
        title=_("Add training to the plan for %(unit)s") % {"unit": affected.unit.name},
        back=readiness_url(affected.initiative_id),
        context={"initiative": affected.initiative},
        check=load_check(request.actor.organisation, None),
    )


def _activity(request, pk: int) -> TrainingActivity:
    return get_for_org_or_404(
        TrainingActivity.objects.select_related("initiative", "affected_unit__unit"), request.actor.organisation, pk=pk
    )


@member_required
def training_edit(request, pk: int):
    activity = _activity(request, pk)
    require(request.actor, "people.change_training_plan", activity)
    stored = _activity(request, pk) if request.method == "POST" else None  # the form changes ``activity``
    return edit_object(
        request,
        TrainingActivityForm,
        activity,
        title=_("Edit training for %(unit)s") % {"unit": activity.affected_unit.unit.name},
        back=readiness_url(activity.initiative_id),
        context={"initiative": activity.initiative},
        check=load_check(request.actor.organisation, stored),
    )


@require_POST
@member_required
def training_delete(request, pk: int):
    activity = _activity(request, pk)
    require(request.actor, "people.change_training_plan", activity)
    with transaction.atomic():
        remove_generated_costs(activity)
        return delete_object(request, activity, readiness_url(activity.initiative_id))


@member_required
def training_progress(request, pk: int):
    activity = _activity(request, pk)
    require(request.actor, "people.record_training_progress", activity)
    return edit_object(
        request,
        TrainingProgressForm,
        activity,
        title=_("Record how many are trained: %(line)s") % {"line": activity},
        back=readiness_url(activity.initiative_id),
        context={"initiative": activity.initiative},
    )


@member_required
def settings_edit(request):
    require(request.actor, "people.manage_readiness_settings")
    return edit_object(
        request,
        ReadinessSettingsForm,
        readiness_settings(request.actor.organisation),
        title=_("Thresholds for training, change agents and change load"),
        back=reverse("core:home"),
    )
