"""Training plans per initiative and affected unit, their progress, and the readiness thresholds."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from benefits.models import MAX_TRAINING_HOURS, CostLine, TrainingCost
from core.tenancy import TenantModel
from core.validation import NOT_NEGATIVE, PEOPLE_VALIDATORS, NameField
from portfolio.models import AffectedUnit, Initiative, InitiativeChild

from .competence import Course

MAX_FEES = Decimal(100_000_000)  # trainer and other fees entered for one line of a plan, in kroner


class TrainingMethod(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    E_LEARNING = "e_learning", _("E-learning")
    SIDE_BY_SIDE = "side_by_side", _("Side by side with a super-user")
    ON_THE_JOB = "on_the_job", _("On the job with support")
    CITIZENS = "citizens", _("Training for citizens or users")


class Timing(models.TextChoices):
    BEFORE = "before", _("Before go-live")
    AT = "at", _("At go-live")
    AFTER = "after", _("After go-live")


class TrainingActivity(InitiativeChild):
    """One line of an affected unit's training plan: a target group, a method, hours, a course
    from the catalogue (optional) and fees.

    The plan's cost reaches the economics through rows it owns (``cost_row``, ``fee_row``),
    written only by ``people.services.training.sync_training_costs``.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="training_activities")
    affected_unit = models.ForeignKey(
        AffectedUnit, verbose_name=_("affected unit"), on_delete=models.CASCADE, related_name="training_activities"
    )
    target_group = NameField(_("target group"), max_length=200)
    method = models.CharField(_("method"), max_length=20, choices=TrainingMethod.choices)
    timing = models.CharField(_("when"), max_length=10, choices=Timing.choices)
    hours_per_employee = models.DecimalField(
        _("hours per person"),
        max_digits=6,
        decimal_places=1,
        validators=[NOT_NEGATIVE, MaxValueValidator(MAX_TRAINING_HOURS)],
    )
    employees = models.PositiveIntegerField(
        _("people to train"),
        validators=PEOPLE_VALIDATORS,
        help_text=_("Employees of the unit; for training of citizens or users, the number of participants."),
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("course from the catalogue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_activities",
        help_text=_("Its price per participant is added to the fees for everyone this line trains."),
    )
    fees = models.DecimalField(
        _("trainer and other fees (NOK)"),
        max_digits=12,
        decimal_places=0,
        default=0,
        validators=[NOT_NEGATIVE, MaxValueValidator(MAX_FEES)],
    )
    trained = models.PositiveIntegerField(_("trained so far"), default=0, validators=PEOPLE_VALIDATORS)
    cost_row = models.OneToOneField(
        TrainingCost, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    fee_row = models.OneToOneField(
        CostLine, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("training activity")
        verbose_name_plural = _("training activities")
        ordering = ["affected_unit", "timing", "method", "id"]

    def __str__(self) -> str:
        return f"{self.target_group} – {self.get_method_display()}"

    @property
    def trains_staff(self) -> bool:
        """Citizens and users are not the unit's employees: no working hours, no substitutes."""
        return self.method != TrainingMethod.CITIZENS

    def clean(self) -> None:
        errors = {}
        affected = getattr(self, "affected_unit", None) if self.affected_unit_id else None
        if affected is not None and self.initiative_id and affected.initiative_id != self.initiative_id:
            errors["affected_unit"] = _("Choose a unit affected by this initiative.")
        elif affected is not None and self.trains_staff and (self.employees or 0) > affected.employees_affected:
            errors["employees"] = ngettext(
                "Only %(n)s employee is affected in this unit.",
                "Only %(n)s employees are affected in this unit.",
                affected.employees_affected,
            ) % {"n": affected.employees_affected}
        course = getattr(self, "course", None) if self.course_id else None
        if course is not None and self.initiative_id and course.organisation_id != self.initiative.organisation_id:
            errors["course"] = _("Choose a course from your own organisation's catalogue.")
        if self.trained is not None and self.employees is not None and self.trained > self.employees:
            errors["trained"] = _("More cannot be trained than the %(n)s the plan has.") % {"n": self.employees}
        if errors:
            raise ValidationError(errors)


def _impact_weight(label, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class ReadinessSettings(TenantModel):
    """An organisation's thresholds for training readiness, change-agent coverage and change load.

    Without a row the defaults apply (``people.services.training.readiness_settings``).
    """

    trained_share_percent = models.PositiveSmallIntegerField(
        _("share trained before go-live (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A unit with fewer trained than this is warned as go-live approaches."),
    )
    warning_days = models.PositiveSmallIntegerField(
        _("warn this many days before go-live"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    employees_per_agent = models.PositiveSmallIntegerField(
        _("employees per change agent"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("The target: one champion, super-user or change agent for this many affected employees."),
    )

    weight_low = _impact_weight(_("weight of a low impact"), 1)
    weight_moderate = _impact_weight(_("weight of a moderate impact"), 5)
    weight_high = _impact_weight(_("weight of a high impact"), 10)
    change_load_limit = models.DecimalField(
        _("change load limit per month"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(20),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(1000))],
        help_text=_("A unit above this load in a month is warned. A unit can have its own limit."),
    )
    months_of_change = models.PositiveSmallIntegerField(
        _("months a change weighs"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("A change weighs on a unit from the month it goes live, for this many months."),
    )

    class Meta:
        verbose_name = _("readiness settings")
        verbose_name_plural = _("readiness settings")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="one_readiness_settings_per_org")]

    def __str__(self) -> str:
        return str(_("Readiness settings"))

    def clean(self) -> None:
        # A higher impact never weighs less than a lower one.
        low, moderate, high = self.weight_low, self.weight_moderate, self.weight_high
        if None not in (low, moderate) and moderate < low:
            raise ValidationError({"weight_moderate": _("A moderate impact cannot weigh less than a low one.")})
        if None not in (moderate, high) and high < moderate:
            raise ValidationError({"weight_high": _("A high impact cannot weigh less than a moderate one.")})
