from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, TenantFormMixin
from core.validation import TEXT_MAX_LENGTH
from organisations.models import OrgUnit

from ..models import InputItem, InvolvementActivity
from ..services.involvement import Speaker


class ActivityForm(TenantFormMixin, ModelForm):
    class Meta:
        model = InvolvementActivity
        fields = [
            "title",
            "held_on",
            "phase",
            "method",
            "description",
            "leader_units",
            "employee_units",
            "union_representatives",
            "users_or_citizens",
            "open_for_input",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "leader_units": forms.CheckboxSelectMultiple,
            "employee_units": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the initiative's affected units (and any already chosen) can be ticked.
        chosen = set(self.instance.leader_units.values_list("pk", flat=True)) if self.instance.pk else set()
        chosen |= set(self.instance.employee_units.values_list("pk", flat=True)) if self.instance.pk else set()
        affected = set(initiative.affected_units.values_list("unit_id", flat=True))
        for name in ("leader_units", "employee_units"):
            self.fields[name].queryset = self.fields[name].queryset.filter(pk__in=affected | chosen).order_by("name")


class InputForm(Form):
    text = forms.CharField(label=_("Your input"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX_LENGTH)
    voice = forms.ChoiceField(label=_("You speak as"))
    unit = forms.ModelChoiceField(label=_("For the unit"), queryset=OrgUnit.objects.none(), required=False)
    signed = forms.BooleanField(
        label=_("Show my name with it"),
        required=False,
        help_text=_(
            "Without this, readers see only the group you speak for. Input from union representatives is never signed."
        ),
    )

    def __init__(self, *args, speaker: Speaker, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voice"].choices = [(v, InputItem.Voice(v).label) for v in speaker.voices]
        self.fields["unit"].queryset = OrgUnit.objects.for_org(organisation).filter(pk__in=speaker.unit_ids)
        if len(speaker.unit_ids) == 1:  # an employee or leader of one affected unit speaks for it
            self.fields["unit"].initial = next(iter(speaker.unit_ids))


class AnswerForm(TenantFormMixin, ModelForm):
    class Meta:
        model = InputItem
        fields = ["response", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
