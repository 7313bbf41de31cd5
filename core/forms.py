"""Forms render with Designsystemet markup through one renderer and a few templates."""

from django import forms
from django.contrib.auth import get_user_model
from django.forms.renderers import TemplatesSetting

from .tenancy import TenantModel


class DesignsystemetRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    """A native date picker; it needs ISO dates whatever the display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StyledFormMixin:
    """Gives every widget Designsystemet's input class, dates a date picker, and decimals a comma."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = DateInput(attrs=field.widget.attrs)
            elif isinstance(field, forms.DecimalField | forms.FloatField):
                # Norwegians write 3,5: a text field read and shown in the active locale's format.
                field.localize = True
                attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
                field.widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal"})
                field.widget.is_localized = True
            if not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "ds-input")


class Form(StyledFormMixin, forms.Form):
    pass


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass


def members_of(organisation):
    """People with a membership in ``organisation``: the only ones a form may offer."""
    return get_user_model().objects.filter(memberships__organisation=organisation).order_by("first_name", "last_name")


class TenantFormMixin:
    """Limits every choice of units, programmes and people to the form's organisation."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is get_user_model():
                field.queryset = members_of(organisation)
            elif issubclass(queryset.model, TenantModel):
                field.queryset = queryset.filter(organisation=organisation)
        if isinstance(self.instance, TenantModel):
            self.instance.organisation = organisation
