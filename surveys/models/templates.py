"""Survey templates and their questions, versioned: a round always shows the text people answered."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.tenancy import TenantModel
from core.validation import LongTextField, NameField

#: The longest question or choice text: a statement read on a phone.
QUESTION_MAX_LENGTH = 500
#: Stands for the round's target year in a digital maturity target question (``Question.text``).
YEAR_PLACEHOLDER = "{year}"
#: The languages a question is written in; the respondent picks one.
LANGUAGES = ("nb", "nn", "en")


def _texts(label: str, *, max_length: int, required: bool = True, long: bool = False) -> list[models.Field]:
    """The field in bokmål (required unless said) and in nynorsk and English (optional)."""
    field = LongTextField if long else NameField
    options = {"max_length": max_length}
    if long:
        options["validators"] = [MaxLengthValidator(max_length)]
    return [
        field(format_lazy("{} ({})", label, code), blank=(code != "nb" or not required), **options)
        for code in LANGUAGES
    ]


class SurveyTemplate(TenantModel):
    """What a survey asks. Rounds use one version of it; editing a version a round has used makes a new one."""

    class Kind(models.TextChoices):
        READINESS = "readiness", _("Change readiness")
        BARRIERS = "barriers", _("Barriers for middle managers")
        MATURITY = "maturity", _("Digital maturity")
        ADOPTION = "adoption", _("Adoption after go-live")
        OTHER = "other", _("Other")

    name = NameField(_("name"), max_length=200)
    name_nn = NameField(format_lazy("{} ({})", _("name"), "nn"), max_length=200, blank=True)
    name_en = NameField(format_lazy("{} ({})", _("name"), "en"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = LongTextField(_("description"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)])
    description_nn = LongTextField(
        format_lazy("{} ({})", _("description"), "nn"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    description_en = LongTextField(
        format_lazy("{} ({})", _("description"), "en"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, editable=False, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_survey_template_name")]

    def __str__(self) -> str:
        # In the reader's language: select options, the audit log and every page show it.
        return self.shown_name()

    def shown_name(self, language: str | None = None) -> str:
        """The name in ``language`` (default: the active one); bokmål where it is not written."""
        return _in_language(self, "name", language, bokmal="name")

    def shown_description(self, language: str | None = None) -> str:
        return _in_language(self, "description", language, bokmal="description")


class Question(TenantModel):
    """One question of one version of a template, in bokmål, nynorsk and English."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("Statement on a scale from 1 to 5")
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", _("Free text")

    class Measure(models.TextChoices):
        """Digital maturity asks each area twice: where we are now and where we want to be by the target year."""

        NONE = "", _("Nothing in particular")
        NOW = "now", _("Where we are now")
        TARGET = "target", _("Where we want to be by the target year")

    tenant_parent = "template"
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    version = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1), MaxValueValidator(1000)])
    order = models.PositiveSmallIntegerField(_("order"), validators=[MaxValueValidator(999)])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    # The stage, barrier or area the question belongs to, by key (``surveys.content``): results are grouped by it.
    topic = models.CharField(_("topic"), max_length=50, blank=True)
    text_nb, text_nn, text_en = _texts(_("question"), max_length=QUESTION_MAX_LENGTH, long=True)
    low_nb, low_nn, low_en = _texts(_("label of 1"), max_length=100, required=False)
    high_nb, high_nn, high_en = _texts(_("label of 5"), max_length=100, required=False)
    required = models.BooleanField(_("an answer is required"), default=True)
    measure = models.CharField(_("asks about"), max_length=10, choices=Measure.choices, default="", blank=True)
    # A background question ("Do you work shifts?"): results can be split by its answer, for the whole
    # organisation only (``surveys.services.release``). Always optional: "I'd rather not say" must be possible.
    breakdown = models.BooleanField(
        _("results can be split by this answer"),
        default=False,
        db_default=False,  # rows written by data migrations' older models, which lack the field, are no breakdown
        help_text=_("Only for questions of one choice. People may always leave it unanswered."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["template", "version", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "version", "order"], name="one_question_per_place")]

    def __str__(self) -> str:
        return self.text()

    def clean(self) -> None:
        super().clean()
        if self.breakdown and self.kind != self.Kind.SINGLE:
            raise ValidationError({"breakdown": _("Results can only be split by a question of one choice.")})
        if self.breakdown and self.required:
            raise ValidationError(
                {"required": _("A question results are split by is always optional: people may rather not say.")}
            )

    def text(self, language: str | None = None, year: int | None = None) -> str:
        """The question in ``language``; a target question's ``{year}`` becomes ``year``, or "the target year"."""
        text = _in_language(self, "text", language)
        if YEAR_PLACEHOLDER not in text:
            return text
        if year:
            return text.replace(YEAR_PLACEHOLDER, str(year))
        with translation.override(language or get_language()):  # the words in the question's language
            return text.replace(YEAR_PLACEHOLDER, gettext("the target year"))

    def low(self, language: str | None = None) -> str:
        return _in_language(self, "low", language)

    def high(self, language: str | None = None) -> str:
        return _in_language(self, "high", language)


class Choice(TenantModel):
    """An answer to pick, for a question of one or several choices."""

    tenant_parent = "question"
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"), validators=[MaxValueValidator(999)])
    text_nb, text_nn, text_en = _texts(_("choice"), max_length=200)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order"]
        constraints = [models.UniqueConstraint(fields=["question", "order"], name="one_choice_per_place")]

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        return _in_language(self, "text", language)


def _in_language(row: models.Model, field: str, language: str | None, *, bokmal: str | None = None) -> str:
    """The text in ``language`` (default: the active one), falling back to bokmål where it is not written.
    ``bokmal`` names the bokmål field where it is not ``<field>_nb``."""
    code = (language or get_language() or "nb")[:2]
    in_bokmal = getattr(row, bokmal or f"{field}_nb")
    return (getattr(row, f"{field}_{code}") if code in ("nn", "en") else "") or in_bokmal
