from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from core.forms import ModelForm, TenantFormMixin

from .models import Membership, Organisation, OrgUnit, Role


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "municipality_number",
            "org_number",
            "language",
            "weight_strategic",
            "weight_economic",
            "weight_quality",
            "weight_risk",
            "hourly_cost",
            "substitute_hourly_cost",
            "hours_per_fte",
            "discount_rate",
            "small_saving_minutes",
        ]


class OrgUnitForm(TenantFormMixin, ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "level", "parent", "leader", "headcount", "runs_24_7", "hourly_cost"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(level=OrgUnit.Level.DEPARTMENT)


class PersonForm(TenantFormMixin, ModelForm):
    """A person's account details, their place in the organisation and their roles."""

    title = forms.CharField(
        label=_("Job title"), required=False, max_length=Membership._meta.get_field("title").max_length
    )
    unit = forms.ModelChoiceField(label=_("Works in"), queryset=OrgUnit.objects.all(), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    password = forms.CharField(
        label=_("Password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Required for a new person. Leave empty to keep the current password."),
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, membership: Membership | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        if membership is not None:
            self.initial.update(
                title=membership.title,
                unit=membership.unit_id,
                roles=list(membership.roles.values_list("role", flat=True)),
            )

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not password and self.instance.pk is None:
            raise forms.ValidationError(_("Give the new person a password."))
        if password:
            validate_password(password, self.instance)
        return password
