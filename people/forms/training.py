from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from core.formatting import format_money
from core.forms import ModelForm, TenantFormMixin

from ..models import Course, ReadinessSettings, TrainingActivity
from ..services.training import lines_over_the_affected, record_progress, save_training_activity


def course_choice_label(course: Course) -> str:
    return _("%(title)s (%(price)s per participant)") % {
        "title": course.title,
        "price": format_money(course.cost_per_participant),
    }


class TrainingActivityForm(TenantFormMixin, ModelForm):
    class Meta:
        model = TrainingActivity
        fields = ["target_group", "method", "timing", "hours_per_employee", "employees", "course", "fees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # the course list holds the organisation's own courses only
        self.fields["course"].label_from_instance = course_choice_label
        self.fields["fees"].required = False  # most lines have none

    def clean_fees(self):
        return self.cleaned_data["fees"] or 0

    def clean_employees(self) -> int:
        employees = self.cleaned_data["employees"]
        if employees < self.instance.trained:
            raise ValidationError(_("%(n)s are already recorded as trained.") % {"n": self.instance.trained})
        return employees

    def clean(self):
        cleaned = super().clean()
        for line in lines_over_the_affected(self.instance):
            self.add_error(
                None,
                _("“%(line)s” plans %(n)s people, more than the %(affected)s now affected. Correct it first.")
                % {"line": line, "n": line.employees, "affected": self.instance.affected_unit.employees_affected},
            )
        return cleaned

    def save(self, commit: bool = True) -> TrainingActivity:
        # The plan's cost is written into the economics in the same transaction.
        return save_training_activity(self.instance)


class TrainingProgressForm(TenantFormMixin, ModelForm):
    class Meta:
        model = TrainingActivity
        fields = ["trained"]
        widgets = {"trained": forms.NumberInput(attrs={"min": 0})}

    def _update_errors(self, errors):
        # The plan line's other fields may no longer fit (its unit's affected employees were
        # lowered since): show that above the form instead of failing on a field it lacks.
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {(f if f in self.fields else NON_FIELD_ERRORS): m for f, m in errors.error_dict.items()}
            )
        super()._update_errors(errors)

    def save(self, commit: bool = True) -> TrainingActivity:
        return record_progress(self.instance, self.cleaned_data["trained"])


class ReadinessSettingsForm(TenantFormMixin, ModelForm):
    class Meta:
        model = ReadinessSettings
        fields = [
            "trained_share_percent",
            "warning_days",
            "employees_per_agent",
            "weight_low",
            "weight_moderate",
            "weight_high",
            "change_load_limit",
            "months_of_change",
        ]
