"""Competence: the organisation's framework, what initiatives need, self-assessments and courses."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.tenancy import TenantModel
from core.validation import PEOPLE_VALIDATORS, LongTextField, NameField, validate_single_line
from portfolio.models import AffectedUnit

User = settings.AUTH_USER_MODEL


class Level(models.IntegerChoices):
    """The five steps of every theme; each theme says in its own words what each step means."""

    ONE = 1, _("1 – beginner")
    TWO = 2, _("2 – basic")
    THREE = 3, _("3 – independent")
    FOUR = 4, _("4 – advanced")
    FIVE = 5, _("5 – expert")


LEVEL_VALIDATORS = [MinValueValidator(Level.ONE), MaxValueValidator(Level.FIVE)]
LEVELS = tuple(Level)


def level_field(label):
    return models.PositiveSmallIntegerField(label, choices=Level.choices, validators=LEVEL_VALIDATORS)


class Theme(TenantModel):
    """A competence theme of the organisation's framework, with its five levels in plain words."""

    class Source(models.TextChoices):
        KOMPETANSELOFT = "kompetanseloft", _("Kompetanseløft Trøndelag")
        DIGCOMP = "digcomp", _("DigComp 2.2")
        OWN = "own", _("Our own")

    name = NameField(_("theme"), max_length=200)
    description = LongTextField(_("what the theme covers"), blank=True)
    source = models.CharField(_("based on"), max_length=20, choices=Source.choices, default=Source.OWN)
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, validators=[MaxValueValidator(999)], help_text=_("Themes are listed by this number.")
    )
    level_1 = LongTextField(_("level 1"), blank=True)
    level_2 = LongTextField(_("level 2"), blank=True)
    level_3 = LongTextField(_("level 3"), blank=True)
    level_4 = LongTextField(_("level 4"), blank=True)
    level_5 = LongTextField(_("level 5"), blank=True)

    class Meta:
        verbose_name = _("competence theme")
        verbose_name_plural = _("competence themes")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_theme_name_per_org")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:framework") + f"#theme-{self.pk}"

    def level_text(self, level: int) -> str:
        return getattr(self, f"level_{level}")

    @property
    def levels(self) -> list[tuple[Level, str]]:
        return [(level, self.level_text(level)) for level in LEVELS]


class CompetenceRequirement(TenantModel):
    """A competence an initiative needs in one affected unit: the theme, the level, and for whom."""

    tenant_parent = "affected_unit"
    affected_unit = models.ForeignKey(
        AffectedUnit, verbose_name=_("affected unit"), on_delete=models.CASCADE, related_name="competence_needs"
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="requirements")
    target_level = level_field(_("level needed"))
    staff = NameField(
        _("which staff"), max_length=200, blank=True, help_text=_("For example: all nurses on night shifts.")
    )
    staff_count = models.PositiveIntegerField(
        _("how many"), null=True, blank=True, validators=PEOPLE_VALIDATORS, help_text=_("Leave empty if unsure.")
    )

    class Meta:
        verbose_name = _("competence need")
        verbose_name_plural = _("competence needs")
        ordering = ["theme__order", "theme__name"]
        constraints = [
            models.UniqueConstraint(fields=["affected_unit", "theme"], name="one_need_per_theme_and_affected_unit")
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.target_level})"

    def get_additional_data(self) -> dict:
        return {"initiative": self.affected_unit.initiative_id}

    def clean(self) -> None:
        affected = getattr(self, "affected_unit", None)
        theme = getattr(self, "theme", None)
        errors = {}
        if affected is not None and theme is not None and theme.organisation_id != affected.organisation_id:
            errors["theme"] = _("Choose a theme of your own organisation.")
        if affected is not None and self.staff_count is not None and self.staff_count > affected.employees_affected:
            errors["staff_count"] = ngettext(
                "Only %(count)s employee is affected in this unit.",
                "Only %(count)s employees are affected in this unit.",
                affected.employees_affected,
            ) % {"count": affected.employees_affected}
        if errors:
            raise ValidationError(errors)


class SelfAssessment(TenantModel):
    """One person's own view of their competence, and whether they share it with their leader."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    shared_with_leader = models.BooleanField(
        _("share my answers with my leader"),
        default=False,
        help_text=_("For example before your development talk. You can stop sharing at any time."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="one_self_assessment_per_person_and_org")
        ]

    def __str__(self) -> str:
        return str(_("Self-assessment"))


class SelfAssessmentAnswer(TenantModel):
    tenant_parent = "assessment"
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+", verbose_name=_("theme"))
    level = level_field(_("my level"))

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "theme"], name="one_answer_per_theme")]

    def __str__(self) -> str:
        return f"{self.theme}: {self.level}"


class Course(TenantModel):
    """A course or study the organisation offers or recommends."""

    class Format(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom")
        E_LEARNING = "e_learning", _("E-learning")
        WORKSHOP = "workshop", _("Workshop")
        GUIDED_PRACTICE = "guided_practice", _("Guided practice at work")
        STUDY = "study", _("Study with credits")

    class Language(models.TextChoices):
        BOKMAL = "nb", _("Norwegian Bokmål")
        NYNORSK = "nn", _("Norwegian Nynorsk")
        ENGLISH = "en", _("English")
        NORTHERN_SAMI = "se", _("Northern Sami")

    title = NameField(_("title"), max_length=200)
    provider = NameField(_("provider"), max_length=200)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    hours = models.DecimalField(
        _("hours per participant"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(2000)],
        help_text=_("A study of 30 credits is about 800 hours."),
    )
    cost_per_participant = models.DecimalField(
        _("cost per participant (NOK)"),
        max_digits=10,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.BOKMAL)
    link = models.URLField(_("link"), max_length=500, blank=True, validators=[validate_single_line])
    shift_workers_can_take = models.BooleanField(
        _("shift workers can take it"),
        default=False,
        help_text=_("It can be taken at any time of day or is offered on several shifts."),
    )
    description = LongTextField(_("description"), blank=True)
    shared_with_region = models.BooleanField(
        _("share with the region"),
        default=False,
        help_text=_("The other organisations in your region see the course in their catalogue, without changing it."),
    )

    #: What describes the course itself: its form edits them, and a copy from the region takes them over
    #: (sharing on is the copying organisation's own choice).
    DETAILS = (
        "title",
        "provider",
        "format",
        "hours",
        "cost_per_participant",
        "language",
        "link",
        "shift_workers_can_take",
        "description",
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("people:courses") + f"#course-{self.pk}"


class CourseTheme(TenantModel):
    """A theme a course builds, and the level a participant reaches."""

    tenant_parent = "course"
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="themes_built")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="courses", verbose_name=_("theme"))
    level = level_field(_("builds up to level"))

    class Meta:
        verbose_name = _("theme a course builds")
        verbose_name_plural = _("themes a course builds")
        ordering = ["theme__order", "theme__name"]
        constraints = [models.UniqueConstraint(fields=["course", "theme"], name="one_level_per_course_and_theme")]

    def __str__(self) -> str:
        return f"{self.theme}: {self.level}"
