"""The rows of a benefits plan, kept through the shared row views, and the benefit's own pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import member_required, require
from core.audit import history_for
from core.editing import RowKind, RowRegistry
from core.tenancy import get_for_org_or_404

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
    StrategicGoal,
    TrainingCost,
)
from ..services import generated
from ..services.economics import HORIZON, start_year_of
from ..services.estimates import save_estimates
from ..services.measurements import delete_measurement, save_measurement
from ..services.queries import benefits_queryset
from ..services.summary import benefit_rows


def _overview_url(initiative) -> str:
    return reverse("benefits:initiative", args=[initiative.pk])


def _benefits_of_change(change: Change) -> str | None:
    return _("Remove or move the benefits of this change first.") if change.benefits.exists() else None


def _measured_benefit(benefit: Benefit) -> str | None:
    if Measurement.objects.filter(indicator__benefit=benefit, organisation=benefit.organisation_id).exists():
        return _("This benefit has measurements, so it is kept with its history.")
    return None


def _measured_indicator(indicator: Indicator) -> str | None:
    # Measurements are the record of what was achieved; they are never deleted with the indicator.
    if indicator.measurements.exists():
        return _("This indicator has measurements, so it is kept with its history.")
    return None


def _goal_in_use(goal: StrategicGoal) -> str | None:
    if Benefit.objects.for_org(goal.organisation).filter(goal=goal).exists():
        return _("Benefits are linked to this goal. Link them to another goal first.")
    return None


def _plan_row(model, form, **options) -> RowKind:
    """A row directly under the initiative, kept by those who edit its benefits plan."""
    return RowKind(
        model,
        form,
        parent="initiative",
        rule="benefits.change_plan",
        back=_overview_url,
        initiative_of=lambda initiative: initiative,
        **options,
    )


def _follow_up_row(model, form, **options) -> RowKind:
    """A row under a benefit, kept by those who follow the benefit up."""
    return RowKind(
        model,
        form,
        parent="benefit",
        rule="benefits.follow_up",
        initiative_of=lambda benefit: benefit.initiative,
        **options,
    )


# Process steps, changes, benefits, costs: rows directly under the initiative.
INITIATIVE_PARTS: RowRegistry = {
    "process": _plan_row(ProcessStep, forms.ProcessStepForm),
    "change": _plan_row(Change, forms.ChangeForm, keep_reason=_benefits_of_change),
    "benefit": _plan_row(Benefit, forms.BenefitForm, show_saved=True, keep_reason=_measured_benefit),
    "cost": _plan_row(CostLine, forms.CostLineForm, locked=generated.refusal),
    "training": _plan_row(TrainingCost, forms.TrainingCostForm, locked=generated.refusal),
}

# Rows under a benefit: prerequisites, measures, indicators. The owner and responsible keep them.
BENEFIT_PARTS: RowRegistry = {
    "prerequisite": _follow_up_row(Prerequisite, forms.PrerequisiteForm),
    "measure": _follow_up_row(RealisationMeasure, forms.MeasureForm),
    "indicator": _follow_up_row(Indicator, forms.IndicatorForm, keep_reason=_measured_indicator),
}

# Measurements, written only through the measurement service, by those who may measure.
MEASUREMENTS: RowRegistry = {
    "measurement": RowKind(
        Measurement,
        forms.MeasurementForm,
        parent="indicator",
        rule="benefits.measure",
        back=lambda indicator: indicator.benefit,
        initiative_of=lambda indicator: indicator.benefit.initiative,
        new=lambda request, indicator: Measurement(indicator=indicator, recorded_by=request.user),
        initial=lambda request: {"measured_on": timezone.localdate()},
        add_title=lambda indicator: _("New measurement: %(name)s") % {"name": indicator.name},
        save=save_measurement,
        delete=delete_measurement,
    )
}

# The organisation's strategic goals.
GOALS: RowRegistry = {
    "goal": RowKind(
        StrategicGoal,
        forms.GoalForm,
        parent=None,
        rule="benefits.manage_goals",
        back=lambda _organisation: reverse("benefits:goals"),
        keep_reason=_goal_in_use,
    )
}


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
