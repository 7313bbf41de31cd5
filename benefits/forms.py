from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, TenantFormMixin
from core.validation import EARLIEST_YEAR, LATEST_YEAR
from core.widgets import TreeCheckboxes
from organisations.models import OrgUnit
from organisations.naming import PersonChoicesFormMixin
from portfolio.models import AffectedUnit

from .models import (
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
from .services.measurements import save_measurement


def textareas(*names, rows=3):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class InitiativePartForm(TenantFormMixin, ModelForm):
    """Choices of changes, benefits and affected units come from the row's own initiative."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = self.instance.initiative
        for name, queryset in {
            "change": Change.objects.filter(initiative=initiative),
            "intermediate": Benefit.objects.filter(initiative=initiative).exclude(pk=self.instance.pk),
            "affected_unit": AffectedUnit.objects.filter(initiative=initiative).select_related("unit"),
        }.items():
            if name in self.fields:
                self.fields[name].queryset = queryset


class ProcessStepForm(InitiativePartForm):
    class Meta:
        model = ProcessStep
        fields = ["state", "order", "actor", "description"]
        widgets = textareas("description", rows=2)


class ChangeForm(InitiativePartForm):
    class Meta:
        model = Change
        fields = ["description", "enabler", "units"]
        widgets = {**textareas("description"), "units": TreeCheckboxes}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["units"].queryset.exclude(level=OrgUnit.Level.SECTOR).select_related("parent")
        self.fields["units"].queryset = units  # under their sectors' names


class BenefitForm(PersonChoicesFormMixin, InitiativePartForm):
    class Meta:
        model = Benefit
        fields = [
            "change",
            "description",
            "kind",
            "importance",
            "measure",
            "unit",
            "arises_elsewhere",
            "goal",
            "intermediate",
            "owner",
            "responsible",
            "take_out",
            "take_out_detail",
            "take_out_year",
            "employees_sharing",
        ]
        widgets = textareas("take_out_detail", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change"].empty_label = None
        self.fields["change"].error_messages["required"] = _(
            "Every benefit comes from a change: add the change in the change analysis first."
        )


class PrerequisiteForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Prerequisite
        fields = ["description", "confirmed", "confirmed_on"]


class MeasureForm(PersonChoicesFormMixin, TenantFormMixin, ModelForm):
    class Meta:
        model = RealisationMeasure
        fields = ["description", "responsible", "deadline", "status", "risk"]


class IndicatorForm(PersonChoicesFormMixin, TenantFormMixin, ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit_of_measure",
            "method",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "frequency",
            "measured_by",
        ]
        widgets = textareas("method", rows=2)


class MeasurementForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Measurement
        fields = ["value", "measured_on", "comment"]
        widgets = textareas("comment", rows=2)

    def save(self, commit: bool = True) -> Measurement:
        # Added or changed through the one service that keeps the indicator's latest measurement true.
        return save_measurement(self.instance)


class CostLineForm(InitiativePartForm):
    class Meta:
        model = CostLine
        fields = ["year", "kind", "amount", "note"]


class TrainingCostForm(InitiativePartForm):
    class Meta:
        model = TrainingCost
        fields = ["affected_unit", "year", "hours_per_employee", "employees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.fields["affected_unit"].queryset.exists():
            self.fields["affected_unit"].help_text = _(
                "The initiative has no affected units yet. Add them on the initiative's page first."
            )


class GoalForm(TenantFormMixin, ModelForm):
    class Meta:
        model = StrategicGoal
        fields = ["name"]


class EstimateRowForm(Form):
    """One year of estimates; a row is either empty or complete."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)
    optimistic = forms.DecimalField(
        label=_("Most optimistic"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    likely = forms.DecimalField(label=_("Most likely"), required=False, min_value=0, max_digits=14, decimal_places=2)
    pessimistic = forms.DecimalField(
        label=_("Most pessimistic"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    def clean(self):
        data = super().clean()
        values = [data.get(k) for k in ("optimistic", "likely", "pessimistic")]
        if any(v is not None for v in values):
            if any(v is None for v in values):
                raise ValidationError(_("Fill in all three estimates for the year, or none."))
            optimistic, likely, pessimistic = values
            if not pessimistic <= likely <= optimistic:
                raise ValidationError(_("Order the estimates: most pessimistic ≤ most likely ≤ most optimistic."))
        return data


EstimateFormSet = forms.formset_factory(EstimateRowForm, extra=0)
