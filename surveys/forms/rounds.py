from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.anonymity import minimum_group_size
from core.forms import DateInput, Form, ModelForm, TenantFormMixin
from core.widgets import TreeCheckboxes

from ..models import Round


class RoundForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Round
        fields = [
            "template",
            "title",
            "initiative",
            "units",
            "opens_on",
            "closes_on",
            "remind_on",
            "minimum_group",
            "target_year",
        ]
        widgets = {"units": TreeCheckboxes, "opens_on": DateInput, "closes_on": DateInput, "remind_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("minimum_group", minimum_group_size(self.organisation))

    def clean_minimum_group(self):
        value = self.cleaned_data["minimum_group"]
        fewest = minimum_group_size(self.organisation)
        if value is not None and value < fewest:
            raise forms.ValidationError(
                _("The organisation shows no figure for fewer than %(fewest)s answers; choose %(fewest)s or more.")
                % {"fewest": fewest}
            )
        return value

    def clean_units(self):
        units = self.cleaned_data["units"]
        if not units:
            raise forms.ValidationError(_("Choose at least one unit to ask."))
        return units


class CodeForm(Form):
    """The code from the e-mail or the poster, for those whose browser does not run the page's script."""

    code = forms.CharField(label=gettext_lazy("Your code"), max_length=100)
