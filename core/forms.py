"""Forms render with Designsystemet markup through one renderer and a few templates."""

from collections.abc import Callable

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .tenancy import TenantModel
from .validation import NUMBER_SPACES, parse_id, without_control_characters
from .widgets import TreeSelect


class DesignsystemetRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    """A native date picker; it needs ISO dates whatever the display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _read_first(field: forms.Field, method: str, prepare: Callable) -> None:
    """Let ``field``'s ``method`` (to_python or clean) get the posted value through ``prepare``."""
    original = getattr(field, method)
    setattr(field, method, lambda value: original(prepare(value)))


def _number_text(value):
    """ "450 000,50" with ordinary, no-break or narrow no-break spaces → "450000,50" for the locale's parser."""
    return value.translate(NUMBER_SPACES) if isinstance(value, str) else value


def _text_without_controls(multi_line: bool) -> Callable:
    def prepare(value):
        return without_control_characters(value, multi_line=multi_line) if isinstance(value, str) else value

    return prepare


def _ids_in_range(field: forms.ModelChoiceField) -> Callable:
    """An id no row can have (too long for the database) is an invalid choice, not a crash."""

    def prepare(value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in field.empty_values or isinstance(item, field.queryset.model) or field.to_field_name:
                continue
            if parse_id(item) is None:
                message = field.error_messages["invalid_choice"]
                raise ValidationError(message, code="invalid_choice", params={"value": item})
        return value

    return prepare


# Decimal and float fields are integer fields to Django: they come first.
NUMBER_FORMAT_ERRORS = {
    forms.DecimalField: _("Write a number with digits and a decimal comma, for example 450 000 or 450 000,50."),
    forms.FloatField: _("Write a number with digits and a decimal comma, for example 450 000 or 450 000,50."),
    forms.IntegerField: _("Write a whole number with digits, for example 450 000."),
}


class StyledFormMixin:
    """Gives every widget Designsystemet's input class and reads what Norwegians type.

    Dates get a date picker; numbers are text fields that take "450 000,50" (spaces of any kind
    and a decimal comma); texts lose control characters (multi-line text keeps line breaks and
    tabs); an impossible id in a choice is a field error. A required field says so once, in its
    label: no HTML ``required`` attribute as well (screen readers would announce both, and the
    forms are checked on the server).
    """

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            self._prepare_field(field)
            if not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "ds-input")

    @staticmethod
    def _prepare_field(field: forms.Field) -> None:
        hidden = isinstance(field.widget, forms.HiddenInput)
        if isinstance(field, forms.DateField) and not hidden:
            field.widget = DateInput(attrs=field.widget.attrs)
        elif isinstance(field, forms.IntegerField):
            # Norwegians write 450 000,5: a text field read and shown in the active locale's format.
            field.localize = True
            kind = next(k for k in NUMBER_FORMAT_ERRORS if isinstance(field, k))
            field.error_messages["invalid"] = NUMBER_FORMAT_ERRORS[kind]
            _read_first(field, "to_python", _number_text)
            if not hidden:
                attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
                inputmode = "numeric" if kind is forms.IntegerField else "decimal"
                field.widget = forms.TextInput(attrs={**attrs, "inputmode": inputmode})
            field.widget.is_localized = True
        elif isinstance(field, forms.ModelMultipleChoiceField):
            _read_first(field, "clean", _ids_in_range(field))
        elif isinstance(field, forms.ModelChoiceField):
            _read_first(field, "to_python", _ids_in_range(field))
            if field.empty_label is not None:
                field.empty_label = _empty_choice(field)
        elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
            field.choices = [("", _empty_choice(field)), *field.choices[1:]]
        elif isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
            _read_first(field, "to_python", _text_without_controls(isinstance(field.widget, forms.Textarea)))


def _empty_choice(field: forms.Field) -> str:
    """Words for the empty choice of a list, instead of Django's "---------"."""
    return _("Choose …") if field.required else _("None")


class Form(StyledFormMixin, forms.Form):
    pass


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass


def members_of(organisation, *, keep: int | None = None):
    """People with an active membership in ``organisation``: the only ones a form may offer.

    ``keep`` is the person a row already names: still offered after they left, so the row can be
    saved again without choosing someone else at once.
    """
    current = Q(memberships__organisation=organisation, memberships__is_active=True)
    named = Q(pk=keep, memberships__organisation=organisation) if keep else Q(pk__in=[])
    return get_user_model().objects.filter(current | named).distinct().order_by("first_name", "last_name")


def named_person(form, field_name: str) -> int | None:
    """The id of the person the form's row names in ``field_name`` today, if any."""
    return getattr(form.instance, f"{field_name}_id", None)


class TenantFormMixin:
    """Limits every choice of units, programmes and people to the form's organisation."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is get_user_model():
                field.queryset = members_of(organisation, keep=named_person(self, name))
            elif hasattr(queryset, "with_tree_fields") and not isinstance(field, forms.ModelMultipleChoiceField):
                # One row of a tree (a unit): the list shows the tree.
                rows = queryset.for_org(organisation).with_tree_fields().select_related("parent")
                field.widget = TreeSelect(attrs=field.widget.attrs)
                field.queryset = rows.tree_filter(organisation=organisation)
            elif issubclass(queryset.model, TenantModel):
                field.queryset = queryset.filter(organisation=organisation)
        if isinstance(self.instance, TenantModel):
            self.instance.organisation = organisation


class TenantInlineFormSet(forms.BaseInlineFormSet):
    """Rows under one parent. A posted row id is looked up among that parent's rows only: Django's
    own lookup for a bound formset searches the whole table, so another organisation's id would be
    found (and the tenant scoping refuses the unscoped query)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self._pk_field.name].queryset = self.get_queryset()
