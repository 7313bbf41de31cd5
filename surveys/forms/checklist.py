"""The form for one remedy on top management's checklist."""

from django import forms

from core.forms import DateInput, ModelForm, TenantFormMixin
from organisations.naming import PersonChoicesFormMixin

from ..models import RemedyTask


class RemedyTaskForm(PersonChoicesFormMixin, TenantFormMixin, ModelForm):
    """The whole item for those who keep the checklist; only the done date for an owner who does not."""

    class Meta:
        model = RemedyTask
        fields = ["barrier", "text", "owner", "deadline", "done_on"]
        widgets = {"deadline": DateInput, "done_on": DateInput, "text": forms.TextInput}

    def __init__(self, *args, keeps_checklist: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not keeps_checklist:
            for name in ("barrier", "text", "owner", "deadline"):
                del self.fields[name]
