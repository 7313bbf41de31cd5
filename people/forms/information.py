from django import forms

from core.forms import ModelForm, TenantFormMixin

from ..models import EmployeeInformation


class InformationForm(TenantFormMixin, ModelForm):
    class Meta:
        model = EmployeeInformation
        fields = [*EmployeeInformation.CHECKLIST, "published"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in EmployeeInformation.CHECKLIST}
