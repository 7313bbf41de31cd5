from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, TenantFormMixin
from core.validation import save_valid

from ..models import CompetenceRequirement, Course, CourseTheme, Level, Theme
from ..services.training import sync_plans_using


class ThemeForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "order", "level_1", "level_2", "level_3", "level_4", "level_5"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields if name not in ("name", "order")}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        taken = Theme.objects.for_org(self.organisation).filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The framework already has a theme with this name."))
        return name


class RequirementForm(TenantFormMixin, ModelForm):
    class Meta:
        model = CompetenceRequirement
        fields = ["theme", "target_level", "staff", "staff_count"]

    def clean_theme(self):
        theme = self.cleaned_data["theme"]
        affected = self.instance.affected_unit
        taken = affected.competence_needs.filter(theme=theme).exclude(pk=self.instance.pk)
        if theme is not None and taken.exists():
            raise forms.ValidationError(_("This unit already has a need for this theme; change that one."))
        return theme


def level_choices(theme: Theme, empty_label) -> list[tuple[str, str]]:
    """ "2 – basic: I can describe …" for each level, after an empty choice."""
    choices = [("", empty_label)]
    for level, text in theme.levels:
        choices.append((str(level.value), f"{level.label}: {text}" if text else str(level.label)))
    return choices


class SelfAssessmentForm(Form):
    """One choice of level per theme of the framework, and whether to share the answers."""

    shared_with_leader = forms.BooleanField(
        label=_("Share my answers with my leader"),
        required=False,
        help_text=_(
            "Your leader then sees your answers, for example before your development talk. "
            "Untick to stop sharing at any time."
        ),
    )

    def __init__(self, *args, themes, levels: dict[int, int], shared: bool, **kwargs):
        """``levels`` maps theme ids to the levels the person chose before."""
        super().__init__(*args, **kwargs)
        self.fields["shared_with_leader"].initial = shared
        self.themes = list(themes)
        for theme in self.themes:
            field = forms.TypedChoiceField(
                label=theme.name,
                help_text=theme.description,
                choices=level_choices(theme, _("Not answered")),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=levels.get(theme.pk, ""),
            )
            self.fields[self.field_name(theme)] = field
        self.order_fields([self.field_name(theme) for theme in self.themes] + ["shared_with_leader"])

    @staticmethod
    def field_name(theme: Theme) -> str:
        return f"theme_{theme.pk}"

    def levels(self) -> dict[Theme, int | None]:
        return {theme: self.cleaned_data.get(self.field_name(theme)) for theme in self.themes}


class CourseForm(TenantFormMixin, ModelForm):
    """A course, and for each theme of the framework the level it builds (if any)."""

    # A link typed without a scheme ("ks.no/kurs") is read as https.
    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Course
        fields = [*Course.DETAILS, "shared_with_region"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = list(Theme.objects.for_org(self.organisation).order_by("order", "name"))
        built = dict(self.instance.themes_built.values_list("theme_id", "level")) if self.instance.pk else {}
        for theme in self.themes:
            self.fields[self.field_name(theme)] = forms.TypedChoiceField(
                label=_("Builds %(theme)s up to") % {"theme": theme.name},
                choices=[("", _("Not this theme")), *[(str(v), label) for v, label in Level.choices]],
                coerce=int,
                empty_value=None,
                required=False,
                initial=built.get(theme.pk),
            )

    @staticmethod
    def field_name(theme: Theme) -> str:
        return f"theme_{theme.pk}"

    @transaction.atomic
    def save(self, commit=True):
        course = super().save(commit=commit)
        existing = {c.theme_id: c for c in course.themes_built.all()}
        for theme in self.themes:
            level = self.cleaned_data.get(self.field_name(theme))
            built = existing.get(theme.pk)
            if level is None:
                if built is not None:
                    built.delete()
            elif built is None:
                save_valid(CourseTheme(course=course, theme=theme, level=level))
            elif built.level != level:
                built.level = level
                save_valid(built)
        if "cost_per_participant" in self.changed_data:
            sync_plans_using(course)
        return course
