from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.anonymity import minimum_group_size
from core.forms import DateInput, Form, ModelForm, TenantFormMixin
from core.validation import parse_id
from core.widgets import TreeCheckboxes

from ..models import Round, SurveyTemplate


class RoundForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Round
        fields = [
            "template",
            "title",
            "initiative",
            "units",
            "audience",
            "opens_on",
            "closes_on",
            "remind_on",
            "minimum_group",
            "target_year",
        ]
        widgets = {
            "units": TreeCheckboxes,
            "audience": forms.RadioSelect,
            "opens_on": DateInput,
            "closes_on": DateInput,
            "remind_on": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("minimum_group", minimum_group_size(self.organisation))
            if self._chosen_kind() == SurveyTemplate.Kind.BARRIERS:
                self.initial["audience"] = Round.Audience.LEADERS
        self.fields["audience"].required = False

    def clean_audience(self) -> str:
        """Not chosen (a form posted without it): only leaders for the barriers, else everyone."""
        audience = self.cleaned_data.get("audience")
        if audience:
            return audience
        template = self.cleaned_data.get("template")
        if template is not None and template.kind == SurveyTemplate.Kind.BARRIERS:
            return Round.Audience.LEADERS
        return Round.Audience.EVERYONE

    def _chosen_kind(self) -> str | None:
        """The kind of the survey a new round starts from (``?template=`` from the survey's page)."""
        chosen = parse_id(str(self.initial.get("template", "")))
        template = SurveyTemplate.objects.for_org(self.organisation).filter(pk=chosen).first() if chosen else None
        return template.kind if template else None

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
