from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, TenantFormMixin, TenantInlineFormSet
from core.widgets import TreeCheckboxes
from organisations.models import OrgUnit
from organisations.naming import PersonChoicesFormMixin

from .models import (
    AffectedUnit,
    Deviation,
    Idea,
    Initiative,
    Phase,
    Programme,
    RolloutWave,
    Stakeholder,
    StatusReport,
)
from .plan_checks import warnings_for
from .services.rollout import save_wave


class InitiativeForm(PersonChoicesFormMixin, TenantFormMixin, ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "name",
            "purpose",
            "statutory",
            "planned_start",
            "planned_end",
            "budget",
            "sector",
            "programme",
            "project_owner",
            "project_leader",
            "service_owner",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}


class PhaseChangeForm(Form):
    to_phase = forms.ChoiceField(label=_("New phase"))
    changed_on = forms.DateField(label=_("Date"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the initiative is stopped or moved back."),
    )

    def __init__(self, *args, allowed: list[Phase], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [(p.value, p.label) for p in allowed]


def _wave_label(wave: RolloutWave) -> str:
    return _("Wave %(number)s, live %(date)s") % {
        "number": wave.number,
        "date": date_format(wave.go_live, "SHORT_DATE_FORMAT"),
    }


READINESS_CHOICES = [
    ("", _("Not judged yet")),
    (1, _("1 – not ready")),
    (2, "2"),
    (3, _("3 – partly ready")),
    (4, "4"),
    (5, _("5 – ready")),
]


class AffectedUnitForm(TenantFormMixin, ModelForm):
    readiness = forms.TypedChoiceField(
        label=_("How ready is the unit?"),
        choices=READINESS_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "The unit leader's judgement of how ready the staff are for this change, from 1 (not ready) "
            "to 5 (ready). The most ready units are suggested for the first waves."
        ),
    )

    class Meta:
        model = AffectedUnit
        fields = ["unit", "employees_affected", "wave", "change_from", "impact", "readiness", "change_description"]
        widgets = {"change_description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "change_from": _("Needed only without a wave. With a wave, the unit changes on the wave's go-live date."),
        }

    def __init__(self, *args, choosable_units: frozenset[int] | None = None, **kwargs):
        """``choosable_units`` limits the unit choice (a unit leader picks only units they lead)."""
        super().__init__(*args, **kwargs)
        units = self.fields["unit"].queryset.exclude(level=OrgUnit.Level.SECTOR)
        if choosable_units is not None:
            units = units.filter(pk__in=choosable_units)
        self.fields["unit"].queryset = units
        wave = self.fields["wave"]
        wave.queryset = RolloutWave.objects.filter(initiative=self.instance.initiative)
        wave.label_from_instance = _wave_label
        wave.empty_label = _("No wave: the date below")
        self.fields["change_from"].required = False
        self.fields["impact"].required = False  # left out, the row keeps its impact (a new one: moderate)
        self.fields["readiness"].choices = READINESS_CHOICES  # the empty choice keeps its own words

    def clean_impact(self) -> str:
        return self.cleaned_data["impact"] or self.instance.impact

    def clean(self):
        cleaned = super().clean()
        dated = cleaned.get("wave") or cleaned.get("change_from")
        if not dated and not self.has_error("change_from") and not self.has_error("wave"):
            self.add_error("change_from", _("Give the date the unit changes from, or choose a wave."))
        return cleaned

    def validate_unique(self):
        # The initiative is set by the view, so check the one-row-per-unit rule here.
        super().validate_unique()
        unit = self.cleaned_data.get("unit")
        initiative = getattr(self.instance, "initiative", None)
        if (
            unit
            and initiative
            and (AffectedUnit.objects.filter(initiative=initiative, unit=unit).exclude(pk=self.instance.pk).exists())
        ):
            self.add_error("unit", _("This unit is already listed for the initiative."))

    def load_warnings(self) -> list[str]:
        """What the row as typed would do to the change load, against the row as stored (valid form)."""
        stored = AffectedUnit.objects.filter(initiative=self.instance.initiative, pk=self.instance.pk)
        return warnings_for(self.organisation, list(stored) if self.instance.pk else [], [self.instance])


class RolloutWaveForm(TenantFormMixin, ModelForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Units in this wave"),
        queryset=AffectedUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A unit moved here from another wave changes on this wave's date."),
    )

    class Meta:
        model = RolloutWave
        fields = ["number", "go_live"]
        help_texts = {"go_live": _("The units in the wave change from this date.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["units"]
        units.queryset = AffectedUnit.objects.filter(initiative=self.instance.initiative).select_related("unit", "wave")
        units.label_from_instance = _unit_in_wave_label
        if self.instance.pk:
            units.initial = [affected.pk for affected in units.queryset if affected.wave_id == self.instance.pk]

    def validate_unique(self):
        # The initiative is set by the view, so check the one-number-per-initiative rule here.
        super().validate_unique()
        number = self.cleaned_data.get("number")
        waves = RolloutWave.objects.filter(initiative=self.instance.initiative, number=number)
        if number and waves.exclude(pk=self.instance.pk).exists():
            self.add_error("number", _("The initiative already has a wave with this number."))

    def save(self, commit: bool = True) -> RolloutWave:
        return save_wave(self.instance, self.cleaned_data["units"])

    def load_warnings(self) -> list[str]:
        """What moving the chosen units to this go-live would do to the change load (valid form)."""
        units = list(self.cleaned_data["units"])
        return warnings_for(self.organisation, units, units, self.cleaned_data["go_live"])


def _unit_in_wave_label(affected: AffectedUnit) -> str:
    if affected.wave is None:
        return _("%(unit)s (now %(date)s, no wave)") % {
            "unit": affected.unit.name,
            "date": date_format(affected.change_from, "SHORT_DATE_FORMAT"),
        }
    return _("%(unit)s (now in wave %(number)s)") % {"unit": affected.unit.name, "number": affected.wave.number}


class StakeholderForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "how_affected", "influence", "attitude", "anchoring", "communication", "training"]
        widgets = {
            f: forms.Textarea(attrs={"rows": 2}) for f in ["how_affected", "anchoring", "communication", "training"]
        }


class StatusReportForm(TenantFormMixin, ModelForm):
    class Meta:
        model = StatusReport
        fields = ["report_date", "overall_status", "overall_comment", "change_status", "change_comment"]
        widgets = {
            "overall_comment": forms.Textarea(attrs={"rows": 3}),
            "change_comment": forms.Textarea(attrs={"rows": 3}),
        }


class DeviationForm(ModelForm):
    class Meta:
        model = Deviation
        fields = ["description", "importance", "action", "responsible", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "action": forms.Textarea(attrs={"rows": 2})}


#: A status report starts with no deviation rows; each press of "add deviation" adds one.
MOST_DEVIATIONS = 20

DeviationFormSet = forms.inlineformset_factory(
    StatusReport,
    Deviation,
    form=DeviationForm,
    formset=TenantInlineFormSet,
    extra=0,
    max_num=MOST_DEVIATIONS,
    validate_max=True,
    can_delete=False,
)


def typed_values(form) -> dict:
    """What was typed into ``form``, read without checking it (for showing the form again)."""
    return {name: form[name].value() for name in form.fields}


def status_report_forms(data, report: StatusReport, *, organisation, initial: dict, add_deviation: bool):
    """The status report form and its deviation rows.

    With ``add_deviation`` the posted values come back unchecked, with one more empty deviation
    row, so asking for a row never shows errors and never saves.
    """
    form = StatusReportForm(data, instance=report, organisation=organisation, initial=initial)
    deviations = DeviationFormSet(data, instance=report, prefix="deviations")
    if not add_deviation:
        return form, deviations
    rows = [typed_values(row) for row in deviations.forms][: MOST_DEVIATIONS - 1]
    form = StatusReportForm(instance=report, organisation=organisation, initial=typed_values(form))
    deviations = DeviationFormSet(instance=report, prefix="deviations", initial=[*rows, {}])
    deviations.extra = len(rows) + 1
    return form, deviations


class IdeaForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "problem", "target_group", "proposed_solution", "expected_benefits", "units"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "proposed_solution": forms.Textarea(attrs={"rows": 3}),
            "expected_benefits": forms.Textarea(attrs={"rows": 3}),
            "units": TreeCheckboxes,
        }


class IdeaScoreForm(ModelForm):
    class Meta:
        model = Idea
        fields = ["score_strategic", "score_economic", "score_quality", "score_risk"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
            field.widget = forms.Select(
                choices=[("", "–")] + [(n, str(n)) for n in range(1, 6)], attrs={"class": "ds-input"}
            )
        self.fields["score_risk"].help_text = _("1 is low risk, 5 is high risk.")


class IdeaDecisionForm(Form):
    DECISIONS = [
        ("accept", _("Accept as initiative")),
        ("park", _("Park")),
        ("reject", _("Reject")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (shown to the proposer)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProgrammeForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description"]
