"""Adding and changing the rows of a benefits plan. Each view: fetch in the organisation, check, edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.audit import history_for
from core.editing import delete_object, edit_object
from core.tenancy import get_for_org_or_404
from portfolio.models import Initiative

from .. import forms
from ..models import (
    Benefit,
    Change,
    CostLine,
    Indicator,
    Measurement,
    Prerequisite,
    ProcessStep,
    RealisationMeasure,
    TrainingCost,
)
from ..services.economics import HORIZON, start_year_of
from ..services.estimates import save_estimates
from ..services.queries import benefits_queryset
from ..services.summary import benefit_rows


def _plan_initiative(request, pk: int) -> Initiative:
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.change_plan", initiative)
    return initiative


def _overview_url(initiative) -> str:
    return reverse("benefits:initiative", args=[initiative.pk])


def _edit(request, form_class, instance, title):
    """Benefits go to their own page after saving; other rows back to the benefits overview."""
    initiative = instance.initiative
    back = None if isinstance(instance, Benefit) else _overview_url(initiative)
    return edit_object(request, form_class, instance, title=title, back=back, context={"initiative": initiative})


# Process steps, changes, costs: rows directly under the initiative.
INITIATIVE_PARTS = {
    "process": (ProcessStep, forms.ProcessStepForm, gettext_lazy("Process step")),
    "change": (Change, forms.ChangeForm, gettext_lazy("Change")),
    "benefit": (Benefit, forms.BenefitForm, gettext_lazy("Benefit")),
    "cost": (CostLine, forms.CostLineForm, gettext_lazy("Cost")),
    "training": (TrainingCost, forms.TrainingCostForm, gettext_lazy("Training cost")),
}


def _kind(parts: dict, kind: str):
    if kind not in parts:
        raise Http404
    return parts[kind]


@member_required
def part_add(request, pk: int, kind: str):
    model, form_class, label = _kind(INITIATIVE_PARTS, kind)
    initiative = _plan_initiative(request, pk)
    return _edit(request, form_class, model(initiative=initiative), _("Add: %(what)s") % {"what": label})


@member_required
def part_edit(request, pk: int, kind: str):
    model, form_class, label = _kind(INITIATIVE_PARTS, kind)
    instance = get_for_org_or_404(model, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.change_plan", instance.initiative)
    return _edit(request, form_class, instance, _("Edit: %(what)s") % {"what": label})


@require_POST
@member_required
def part_delete(request, pk: int, kind: str):
    model, _form, _label = _kind(INITIATIVE_PARTS, kind)
    instance = get_for_org_or_404(model, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.change_plan", instance.initiative)
    if isinstance(instance, Change) and instance.benefits.exists():
        messages.error(request, _("Remove or move the benefits of this change first."))
        return redirect(_overview_url(instance.initiative))
    return delete_object(request, instance, _overview_url(instance.initiative))


@member_required
def benefit_detail(request, pk: int):
    history = Prefetch("indicators__measurements", queryset=Measurement.objects.order_by("measured_on", "id"))
    benefit = get_for_org_or_404(benefits_queryset().prefetch_related(history), request.actor.organisation, pk=pk)
    row = benefit_rows([benefit], request.actor.organisation, timezone.localdate())[0]
    context = {
        "benefit": benefit,
        "initiative": benefit.initiative,
        "row": row,
        "history": history_for(benefit, children_key="benefit"),
    }
    return render(request, "benefits/benefit.html", context)


@member_required
def estimates_edit(request, pk: int):
    benefit = get_for_org_or_404(Benefit, request.actor.organisation, pk=pk)
    initiative = benefit.initiative
    require(request.actor, "benefits.change_plan", initiative)
    existing = {e.year: e for e in benefit.estimates.all()}
    start = start_year_of(initiative, list(existing))
    initial = [
        {
            "year": year,
            **(
                {k: getattr(existing[year], k) for k in ("optimistic", "likely", "pessimistic")}
                if year in existing
                else {}
            ),
        }
        for year in range(start, start + HORIZON)
    ]
    formset = forms.EstimateFormSet(request.POST or None, initial=initial, prefix="years")
    if request.method == "POST" and formset.is_valid():
        try:
            save_estimates(benefit, formset.cleaned_data)
        except ValidationError as error:
            for form in formset.forms:
                if (year := str(form.cleaned_data["year"])) in error.message_dict:
                    form.add_error(None, error.message_dict[year])
        else:
            messages.success(request, _("The estimates were saved."))
            return redirect(benefit)
    return render(
        request, "benefits/estimates.html", {"benefit": benefit, "initiative": initiative, "formset": formset}
    )


# Rows under a benefit: prerequisites, measures, indicators. The owner and responsible keep them.
BENEFIT_PARTS = {
    "prerequisite": (Prerequisite, forms.PrerequisiteForm, gettext_lazy("Prerequisite")),
    "measure": (RealisationMeasure, forms.MeasureForm, gettext_lazy("Realisation measure")),
    "indicator": (Indicator, forms.IndicatorForm, gettext_lazy("Indicator")),
}


@member_required
def benefit_part_add(request, pk: int, kind: str):
    model, form_class, label = _kind(BENEFIT_PARTS, kind)
    benefit = get_for_org_or_404(Benefit, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.follow_up", benefit)
    return edit_object(
        request,
        form_class,
        model(benefit=benefit),
        title=_("Add: %(what)s") % {"what": label},
        back=benefit,
        context={"initiative": benefit.initiative},
    )


@member_required
def benefit_part_edit(request, pk: int, kind: str):
    model, form_class, label = _kind(BENEFIT_PARTS, kind)
    instance = get_for_org_or_404(model, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.follow_up", instance.benefit)
    return edit_object(
        request,
        form_class,
        instance,
        title=_("Edit: %(what)s") % {"what": label},
        back=instance.benefit,
        context={"initiative": instance.benefit.initiative},
    )


@require_POST
@member_required
def benefit_part_delete(request, pk: int, kind: str):
    model, _form, _label = _kind(BENEFIT_PARTS, kind)
    instance = get_for_org_or_404(model, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.follow_up", instance.benefit)
    if isinstance(instance, Indicator) and instance.measurements.exists():
        # Measurements are the record of what was achieved; they are never deleted with a click.
        messages.error(request, _("This indicator has measurements, so it is kept with its history."))
        return redirect(instance.benefit)
    return delete_object(request, instance, instance.benefit)


@member_required
def measurement_add(request, pk: int):
    indicator = get_for_org_or_404(Indicator, request.actor.organisation, pk=pk)
    require(request.actor, "benefits.measure", indicator)
    measurement = Measurement(indicator=indicator, recorded_by=request.user)
    return edit_object(
        request,
        forms.MeasurementForm,
        measurement,
        title=_("New measurement: %(name)s") % {"name": indicator.name},
        back=indicator.benefit,
        context={"initiative": indicator.benefit.initiative},
        initial={"measured_on": timezone.localdate()},
    )
