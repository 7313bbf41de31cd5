"""Forms for survey templates, their questions and their choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ModelForm, TenantFormMixin

from ..models import Choice, Question, SurveyTemplate
from ..topics import TOPICS

#: Where a question may hold the target year: how the placeholder reads to whoever writes the text.
YEAR_HELP = _("{year} is replaced by the round's target year, so respondents read the year itself.")

#: Question kinds answered by picking among the question's choices.
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)


class SurveyTemplateForm(TenantFormMixin, ModelForm):
    """The name and description in bokmål (the name required), nynorsk and English: respondents read the
    one in their language, bokmål where it is not written."""

    class Meta:
        model = SurveyTemplate
        fields = ["name", "name_nn", "name_en", "description", "description_nn", "description_en"]
        labels = {"name": _("Name (nb)"), "description": _("Description (nb)")}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3}) for name in ("description", "description_nn", "description_en")
        }

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        taken = SurveyTemplate.objects.for_org(self.organisation).filter(name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a survey with this name."))
        return name


class QuestionForm(TenantFormMixin, ModelForm):
    """A question in bokmål (required), nynorsk and English; the topic from the template's kind."""

    class Meta:
        model = Question
        fields = [
            "kind",
            "topic",
            "text_nb",
            "text_nn",
            "text_en",
            "low_nb",
            "low_nn",
            "low_en",
            "high_nb",
            "high_nn",
            "high_en",
            "required",
            "breakdown",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("text_nb", "text_nn", "text_en")}
        help_texts = {
            "topic": _("Results are grouped by it."),
            "low_nb": _("Only for statements on a scale, e.g. “Strongly disagree”."),
            "high_nb": _("Only for statements on a scale, e.g. “Strongly agree”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.template.kind == SurveyTemplate.Kind.MATURITY:
            # Only maturity rounds have a target year to put in a question.
            for name in ("text_nb", "text_nn", "text_en"):
                self.fields[name].help_text = YEAR_HELP
        topics = TOPICS.get(self.instance.template.kind)
        if topics:
            choices = [("", _("No topic")), *topics.items()]
            self.fields["topic"] = forms.ChoiceField(
                label=self.fields["topic"].label,
                choices=choices,
                required=False,
                help_text=self.fields["topic"].help_text,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if kind not in CHOICE_KINDS and self.instance.pk and self.instance.choices.exists():
            raise forms.ValidationError(_("This question has choices. Remove them first, or keep a kind with choices."))
        return kind


class ChoiceForm(TenantFormMixin, ModelForm):
    class Meta:
        model = Choice
        fields = ["text_nb", "text_nn", "text_en"]
