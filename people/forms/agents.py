from django import forms
from django.utils.translation import gettext as _

from core.forms import ModelForm, TenantFormMixin
from organisations.naming import PersonChoicesFormMixin

from ..models import ChangeAgent


class ChangeAgentForm(PersonChoicesFormMixin, TenantFormMixin, ModelForm):
    class Meta:
        model = ChangeAgent
        fields = ["person", "role", "shift", "hours_per_week", "training_received"]
        widgets = {"training_received": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        # The affected unit is set by the view, so check the one-row-per-person rule here.
        super().validate_unique()
        person = self.cleaned_data.get("person")
        affected = getattr(self.instance, "affected_unit", None)
        if person and affected and affected.change_agents.filter(person=person).exclude(pk=self.instance.pk).exists():
            self.add_error("person", _("This person is already appointed in this unit."))
