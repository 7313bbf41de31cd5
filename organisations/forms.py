from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ModelForm, TenantFormMixin

from .models import ROLE_SCOPES, Invitation, Membership, Organisation, OrgUnit, Role, RoleAssignment, Scope
from .naming import PersonChoicesFormMixin


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
            "minimum_group_size",
        ]


class OrgUnitForm(PersonChoicesFormMixin, TenantFormMixin, ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "level", "parent", "leader", "headcount", "runs_24_7", "hourly_cost", "change_load_limit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(level=OrgUnit.Level.DEPARTMENT)


def roles_field() -> forms.MultipleChoiceField:
    """The roles a membership or an invitation gives, as checkboxes."""
    return forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class MembershipForm(TenantFormMixin, ModelForm):
    """A person's place in this organisation. Their account (name, e-mail, password) is their own."""

    roles = roles_field()
    field_order = ["title", "unit", "roles", "is_active"]

    class Meta:
        model = Membership
        fields = ["title", "unit", "is_active"]

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        self.initial["roles"] = list(self.instance.roles.values_list("role", flat=True))

    def clean(self):
        cleaned = super().clean()
        # Administrators cannot lock themselves out; another administrator must do it.
        if self.instance.user_id == self.editor.pk:
            if not cleaned.get("is_active"):
                self.add_error("is_active", _("You cannot end your own membership."))
            if Role.ADMINISTRATOR not in cleaned.get("roles", []):
                self.add_error("roles", _("You cannot remove your own administrator role."))
        manages_a_unit = self.instance.roles.filter(role=Role.MIDDLE_MANAGER, unit__isnull=False).exists()
        require_unit_for_middle_manager(self, cleaned, manages_a_unit=manages_a_unit)
        return cleaned


class InvitationForm(TenantFormMixin, ModelForm):
    roles = roles_field()

    class Meta:
        model = Invitation
        fields = ["email", "first_name", "last_name", "title", "unit"]
        help_texts = {"email": _("We send a link to this address. The person chooses their own password.")}

    def clean_email(self):
        email = self.cleaned_data["email"]
        # Only this organisation's own members are checked: nothing is said about other accounts.
        if Membership.objects.for_org(self.organisation).filter(is_active=True, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member here."))
        return email

    def clean(self):
        cleaned = super().clean()
        require_unit_for_middle_manager(self, cleaned, manages_a_unit=False)
        return cleaned


def require_unit_for_middle_manager(form, cleaned: dict, *, manages_a_unit: bool) -> None:
    """A middle manager's role covers the unit they work in, so that unit must be chosen."""
    if Role.MIDDLE_MANAGER in cleaned.get("roles", []) and not cleaned.get("unit") and not manages_a_unit:
        form.add_error("unit", _("A middle manager leads a unit: choose the unit the person works in."))


class ScopedRoleForm(TenantFormMixin, ModelForm):
    """A role that covers one unit (and the units below it) or one initiative, not the organisation."""

    class Meta:
        model = RoleAssignment
        fields = ["role", "unit", "initiative"]
        help_texts = {
            "unit": _("For a middle manager or a union representative: the unit, with the units below it."),
            "initiative": _("For project and benefit roles: the initiative the role covers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scoped = [role for role, label in Role.choices if set(ROLE_SCOPES[role]) & {Scope.UNIT, Scope.INITIATIVE}]
        self.fields["role"].choices = [(role, Role(role).label) for role in scoped]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("unit") and not cleaned.get("initiative"):
            raise forms.ValidationError(
                _("Choose the unit or the initiative the role covers; roles for the whole organisation are set above.")
            )
        return cleaned

    def validate_unique(self):
        # The page sets the membership, so Django leaves out the constraints that name it; a role the
        # person already holds for this unit or initiative is a form error, not a failed insert.
        if self.instance.membership.roles.filter(
            role=self.instance.role, unit=self.instance.unit, initiative=self.instance.initiative
        ).exists():
            self.add_error(None, _("This person already holds this role for it."))
