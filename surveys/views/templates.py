"""Survey templates: the list, one template's questions in a chosen language, and editing them.

Every change to a question or a choice goes through ``surveys.services.templates``, which makes a
new version first when a round has used the current one.
"""

from dataclasses import dataclass

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import RowKind, RowRegistry
from core.tenancy import get_for_org_or_404

from ..forms.templates import CHOICE_KINDS, ChoiceForm, QuestionForm, SurveyTemplateForm
from ..models import Choice, Question, SurveyTemplate
from ..models.templates import LANGUAGES
from ..services import templates as service

#: The languages a template can be read in, by code, in their own names (a reader may not know the others).
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


@member_required
def template_list(request):
    require(request.actor, "surveys.view_templates")
    templates = SurveyTemplate.objects.for_org(request.actor.organisation)
    return render(request, "surveys/templates/list.html", {"templates": templates})


@member_required
def template_detail(request, pk: int):
    require(request.actor, "surveys.view_templates")
    template = get_for_org_or_404(SurveyTemplate, request.actor.organisation, pk=pk)
    language = _reading_language(request.GET.get("lang"))
    groups = [
        (topic, [_ShownQuestion.of(question, language) for question in questions])
        for topic, questions in service.questions_by_topic(template)
    ]
    context = {
        "template": template,
        "description": template.shown_description(language),
        "groups": groups,
        "language": language,
        "reading_languages": [(code, LANGUAGE_NAMES[code], code == language) for code in LANGUAGES],
    }
    return render(request, "surveys/templates/detail.html", context)


#: The buttons beside a question and the way each moves it.
_STEPS = {"up": -1, "down": 1}


@member_required
@require_POST
def question_move(request, pk: int):
    """Move a question of the current version one place up or down (a used version is copied first)."""
    question = get_for_org_or_404(Question.objects.select_related("template"), request.actor.organisation, pk=pk)
    require(request.actor, "surveys.manage_templates", question.template)
    if question.version != question.template.version:
        raise Http404  # earlier versions keep the order rounds asked them in
    step = _STEPS.get(request.POST.get("direction", ""))
    if step is None:
        return HttpResponseBadRequest()
    moved = service.move_question(question, step)
    # Back to the question, so keyboard and screen-reader users go on from where they were.
    return redirect(f"{_page_of(question.template)}#question-{moved.pk}")


@dataclass(frozen=True)
class _ShownQuestion:
    """A question with its texts in the language the page is read in."""

    question: Question
    text: str
    low: str
    high: str
    choices: list[tuple[Choice, str]]
    takes_choices: bool

    @classmethod
    def of(cls, question: Question, language: str) -> "_ShownQuestion":
        choices = [(choice, choice.text(language)) for choice in question.choices.all()]
        texts = question.text(language), question.low(language), question.high(language)
        return cls(question, *texts, choices, question.kind in CHOICE_KINDS)


def _reading_language(asked: str | None) -> str:
    """The language asked for, else the interface's (bokmål where that is not one of the three)."""
    if asked in LANGUAGES:
        return asked
    active = (get_language() or "nb")[:2]
    return active if active in LANGUAGES else "nb"


def _page_of(template: SurveyTemplate) -> str:
    return reverse("surveys:template", args=[template.pk])


def _used_by_rounds(template: SurveyTemplate) -> str | None:
    if template.rounds.exists():
        return _("Rounds have asked this survey, so it is kept with the answers to them.")
    return None


def _earlier_version(row) -> str | None:
    """Only the current version is edited: earlier ones are the text rounds asked."""
    question = row if isinstance(row, Question) else row.question
    if question.version != question.template.version:
        return _("This is an earlier version of the question, kept as rounds asked it. Edit the current one.")
    return None


def _new_question(request, template: SurveyTemplate) -> Question:
    return Question(template=template, version=template.version, order=0)


def _new_choice(request, question: Question) -> Choice:
    return Choice(question=question, order=0)


def _add_choice_title(question: Question) -> str:
    return _("Add a choice to: %(question)s") % {"question": question.text()}


# Templates belong to the organisation; questions to a template, choices to a question
# (surveys/urls.py: row_urls). The portfolio office and administrators keep them.
TEMPLATES: RowRegistry = {
    "template": RowKind(
        SurveyTemplate,
        SurveyTemplateForm,
        parent=None,
        rule="surveys.manage_templates",
        back=lambda _organisation: reverse("surveys:templates"),
        keep_reason=_used_by_rounds,
    ),
}
QUESTIONS: RowRegistry = {
    "question": RowKind(
        Question,
        QuestionForm,
        parent="template",
        rule="surveys.manage_templates",
        back=_page_of,
        locked=_earlier_version,
        save=service.save_question,
        delete=service.delete_question,
        new=_new_question,
    ),
}
CHOICES: RowRegistry = {
    "choice": RowKind(
        Choice,
        ChoiceForm,
        parent="question",
        rule="surveys.manage_templates",
        back=lambda question: _page_of(question.template),
        locked=_earlier_version,
        save=service.save_choice,
        delete=service.delete_choice,
        new=_new_choice,
        add_title=_add_choice_title,
    ),
}
