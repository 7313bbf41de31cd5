"""Benefits realisation per initiative: change analysis, benefits, estimates, costs, follow-up."""

from __future__ import annotations

import functools
import operator
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.tenancy import TenantModel
from core.validation import (
    DATE_VALIDATORS,
    NOT_NEGATIVE,
    PAST_DATE_VALIDATORS,
    PEOPLE_VALIDATORS,
    YEAR_VALIDATORS,
    LongTextField,
    NameField,
)
from organisations.models import OrgUnit
from organisations.naming import read_only_named
from portfolio.models import AffectedUnit, Initiative, InitiativeChild

User = settings.AUTH_USER_MODEL
#: Most training hours one employee can be planned for in one year (a sensible upper bound).
MAX_TRAINING_HOURS = 1000
#: Most steps a described process can have.
MAX_PROCESS_STEPS = 999


class Level3(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


class StrategicGoal(TenantModel):
    """A goal in the organisation's strategy that benefits serve (the end of the benefits map)."""

    name = NameField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcessStep(InitiativeChild):
    """One step of today's or the future process: who does what."""

    class State(models.TextChoices):
        TODAY = "today", _("Today")
        FUTURE = "future", _("Future")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="process_steps")
    state = models.CharField(_("process"), max_length=10, choices=State.choices)
    order = models.PositiveSmallIntegerField(
        _("step"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PROCESS_STEPS)]
    )
    actor = NameField(_("who"), max_length=200)
    description = LongTextField(_("what they do"))

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["state", "order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.actor}"


class Change(InitiativeChild):
    """What will be done in a new way, and where (endringsanalyse)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="changes")
    description = LongTextField(_("what will be done in a new way"))
    enabler = NameField(
        _("enabled by"), max_length=300, blank=True, help_text=_("The solution or capability that makes it possible.")
    )
    units = models.ManyToManyField(OrgUnit, verbose_name=_("units that change"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description[:80]


class Benefit(InitiativeChild):
    class Kind(models.TextChoices):
        BUDGET = "budget", _("Priced, budget effect in own organisation")
        CAPACITY = "capacity", _("Priced, alternative use in own organisation")
        OTHER_PUBLIC = "other_public", _("Priced, in other public organisations")
        QUALITATIVE = "qualitative", _("Not priced (quality)")

    class Measure(models.TextChoices):
        KRONER = "kroner", _("Kroner")
        HOURS = "hours", _("Hours")
        QUALITATIVE = "qualitative", _("Qualitative")

    class TakeOut(models.TextChoices):
        BUDGET_REDUCTION = "budget_reduction", _("Budget reduction")
        ALTERNATIVE_USE = "alternative_use", _("Freed capacity used for other work")
        QUALITY = "quality", _("Higher quality")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="benefits")
    change = models.ForeignKey(
        Change, verbose_name=_("change behind it"), on_delete=models.PROTECT, related_name="benefits"
    )
    intermediate = models.ForeignKey(
        "self",
        verbose_name=_("leads to (end benefit)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads_from",
        help_text=_("Set this when the benefit is an intermediate step towards another benefit."),
    )
    description = NameField(_("benefit"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    importance = models.CharField(
        pgettext_lazy("benefit", "importance"),
        max_length=10,
        choices=Level3.choices,
        blank=True,
        help_text=_("For benefits not priced."),
    )
    measure = models.CharField(_("measured in"), max_length=20, choices=Measure.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit where it arises"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="benefits",
        help_text=_("Its hourly cost converts hours to kroner."),
    )
    arises_elsewhere = NameField(
        _("also arises for"), max_length=300, blank=True, help_text=_("Other organisations, citizens or society.")
    )
    goal = models.ForeignKey(
        StrategicGoal, verbose_name=_("strategic goal"), null=True, blank=True, on_delete=models.SET_NULL
    )
    owner = models.ForeignKey(
        User, verbose_name=_("benefit owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible = models.ForeignKey(
        User, verbose_name=_("benefit responsible"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    take_out = models.CharField(_("how it is taken out"), max_length=20, choices=TakeOut.choices, blank=True)
    take_out_detail = LongTextField(_("what the freed capacity or money will be used for"), blank=True)
    take_out_year = models.PositiveSmallIntegerField(
        _("taken out from year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    employees_sharing = models.PositiveIntegerField(
        _("employees sharing the time saving"),
        null=True,
        blank=True,
        validators=PEOPLE_VALIDATORS,
        help_text=_("How many employees the saved hours are spread over; shows whether it can be taken out."),
    )

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description

    #: People named here follow the benefit up, so they may never be read-only members.
    NAMED_PEOPLE = ("owner", "responsible")

    def clean(self) -> None:
        organisation_id = self.organisation_id or (self.initiative.organisation_id if self.initiative_id else None)
        errors = read_only_named(self, organisation_id, self.NAMED_PEOPLE)
        change = getattr(self, "change", None) if self.change_id else None
        if change is not None and self.initiative_id and change.initiative_id != self.initiative_id:
            errors["change"] = _("Choose a change in the same initiative.")
        if self.kind == self.Kind.QUALITATIVE:
            if self.measure != self.Measure.QUALITATIVE:
                errors["measure"] = _("A benefit that is not priced is measured qualitatively.")
            if not self.importance:
                errors["importance"] = _("Say how important a benefit that is not priced is.")
        elif self.measure == self.Measure.QUALITATIVE:
            errors["measure"] = _("A priced benefit is measured in kroner or hours.")
        if self.intermediate_id and self.intermediate_id == self.pk:
            errors["intermediate"] = _("A benefit cannot lead to itself.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("benefits:benefit", args=[self.pk])

    @property
    def is_priced(self) -> bool:
        return self.kind != self.Kind.QUALITATIVE


class BenefitChild(TenantModel):
    """A row under a benefit; its audit entries show on the initiative page."""

    tenant_parent = "benefit"

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        return {"initiative": self.benefit.initiative_id, "benefit": self.benefit_id}


class Prerequisite(BenefitChild):
    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="prerequisites")
    description = NameField(_("prerequisite"), max_length=300)
    confirmed = models.BooleanField(_("confirmed in practice"), default=False)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True, validators=DATE_VALIDATORS)

    class Meta:
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class BenefitEstimate(BenefitChild):
    """One year's estimate, in the benefit's measure (kroner or hours), as three points."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="estimates")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    optimistic = models.DecimalField(_("most optimistic"), max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE])
    likely = models.DecimalField(_("most likely"), max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE])
    pessimistic = models.DecimalField(_("most pessimistic"), max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE])

    class Meta:
        verbose_name = _("estimate")
        verbose_name_plural = _("estimates")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["benefit", "year"], name="one_estimate_per_benefit_year")]

    def __str__(self) -> str:
        return f"{self.benefit} {self.year}"

    def clean(self) -> None:
        values = (self.optimistic, self.likely, self.pessimistic)
        if None in values:
            return
        if any(v < 0 for v in values):
            raise ValidationError(_("Estimates cannot be negative."))
        if not self.pessimistic <= self.likely <= self.optimistic:
            raise ValidationError(_("Order the estimates: most pessimistic ≤ most likely ≤ most optimistic."))

    #: The uncertainty-adjusted estimate (MO + 3·ML + MP) / 5 as weights, defined once for the
    #: model and for the database queries that sum estimates.
    WEIGHTS = {"optimistic": 1, "likely": 3, "pessimistic": 1}

    @property
    def adjusted(self) -> Decimal:
        """Uncertainty-adjusted estimate: (MO + 3·ML + MP) / 5."""
        return sum(weight * getattr(self, field) for field, weight in self.WEIGHTS.items()) / sum(self.WEIGHTS.values())

    @classmethod
    def adjusted_expression(cls, output_field: models.Field | None = None) -> models.Expression:
        """The same estimate computed by the database, for annotations and sums.

        With ``output_field`` (a ``FloatField`` for large sums) each point is read as that type
        first, so the database does plain floating-point arithmetic instead of exact decimals.
        """

        def point(field: str) -> models.Expression:
            return Cast(field, output_field) if output_field else models.F(field)

        terms = [weight * point(field) for field, weight in cls.WEIGHTS.items()]
        return functools.reduce(operator.add, terms) / sum(cls.WEIGHTS.values())


class CostLine(InitiativeChild):
    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Project investment")
        OPERATING = "operating", _("Operating costs of the new solution")
        TRAINING = "training", _("Training (other than planned below)")
        MANAGEMENT = "management", _("Follow-on management")
        DEVELOPMENT = "development", _("Further development")

    TECHNOLOGY = (Kind.INVESTMENT, Kind.OPERATING)

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="cost_lines")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount (NOK)"), max_digits=14, decimal_places=0, validators=[NOT_NEGATIVE])
    note = NameField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["year", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class TrainingCost(InitiativeChild):
    """Training time for an affected unit: hours × employees × hourly cost, plus substitutes in 24/7 units.

    Later, training plans (the people side) will create these rows from planned courses.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="training_costs")
    affected_unit = models.ForeignKey(
        AffectedUnit, verbose_name=_("affected unit"), on_delete=models.CASCADE, related_name="training_costs"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    hours_per_employee = models.DecimalField(
        _("training hours per employee"),
        max_digits=6,
        decimal_places=1,
        validators=[NOT_NEGATIVE, MaxValueValidator(MAX_TRAINING_HOURS)],
    )
    employees = models.PositiveIntegerField(_("employees trained"), validators=PEOPLE_VALIDATORS)

    class Meta:
        verbose_name = _("training cost")
        verbose_name_plural = _("training costs")
        ordering = ["year", "id"]

    def __str__(self) -> str:
        return f"{self.affected_unit} {self.year}"

    def clean(self) -> None:
        affected = getattr(self, "affected_unit", None) if self.affected_unit_id else None
        if affected is None:
            return
        if self.initiative_id and affected.initiative_id != self.initiative_id:
            raise ValidationError({"affected_unit": _("Choose a unit affected by this initiative.")})
        if self.employees is not None and self.employees > affected.employees_affected:
            raise ValidationError(
                {
                    "employees": ngettext(
                        "Only %(n)s employee is affected in this unit.",
                        "Only %(n)s employees are affected in this unit.",
                        affected.employees_affected,
                    )
                    % {"n": affected.employees_affected}
                }
            )


class RealisationMeasure(BenefitChild):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        DONE = "done", _("Done")

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="measures")
    description = NameField(_("measure"), max_length=300)
    responsible = models.ForeignKey(
        User, verbose_name=_("responsible"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=DATE_VALIDATORS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    risk = models.CharField(_("risk"), max_length=10, choices=Level3.choices, default=Level3.LOW)

    class Meta:
        verbose_name = _("realisation measure")
        verbose_name_plural = _("realisation measures")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.description


class Indicator(BenefitChild):
    class Frequency(models.IntegerChoices):
        MONTHLY = 1, _("Monthly")
        QUARTERLY = 3, _("Quarterly")
        HALF_YEARLY = 6, _("Every six months")
        YEARLY = 12, _("Yearly")

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="indicators")
    name = NameField(_("indicator"), max_length=300)
    unit_of_measure = NameField(_("unit of measure"), max_length=50)
    method = LongTextField(_("how it is measured"), blank=True)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True, validators=DATE_VALIDATORS)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True, validators=DATE_VALIDATORS)
    frequency = models.PositiveSmallIntegerField(
        _("measurement frequency"), choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    measured_by = models.ForeignKey(
        User, verbose_name=_("measured by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The latest and previous measurement, copied here by ``benefits.services.measurements`` (the only
    # code that saves or removes measurements), so follow-up and warnings never read the history.
    latest_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, editable=False)
    latest_on = models.DateField(null=True, editable=False)
    previous_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, editable=False)
    previous_on = models.DateField(null=True, editable=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    NAMED_PEOPLE = ("measured_by",)

    def clean(self) -> None:
        organisation_id = self.organisation_id or (self.benefit.organisation_id if self.benefit_id else None)
        errors = read_only_named(self, organisation_id, self.NAMED_PEOPLE)
        if (
            self.baseline_value is not None
            and self.target_value is not None
            and self.baseline_value == self.target_value
        ):
            errors["target_value"] = _("The target must differ from the baseline, or there is nothing to realise.")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must be after the baseline date.")
        if errors:
            raise ValidationError(errors)


class Measurement(TenantModel):
    tenant_parent = "indicator"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(_("measured value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("date measured"), validators=PAST_DATE_VALIDATORS)
    comment = LongTextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on", "id"]
        indexes = [models.Index(fields=["indicator", "measured_on"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on:%d.%m.%Y}"

    def clean(self) -> None:
        indicator = getattr(self, "indicator", None) if self.indicator_id else None
        if indicator and indicator.baseline_date and self.measured_on and self.measured_on < indicator.baseline_date:
            raise ValidationError({"measured_on": _("A measurement cannot be dated before the baseline.")})

    def get_additional_data(self) -> dict:
        return {"initiative": self.indicator.benefit.initiative_id, "benefit": self.indicator.benefit_id}


class BenefitPlan(InitiativeChild):
    """A version of the initiative's benefits realisation plan; approval freezes a snapshot."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="benefit_plans")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by_owner = models.ForeignKey(
        User,
        verbose_name=_("approved by project owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by_owner_on = models.DateField(
        _("signed by project owner on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    approved_by_management = models.ForeignKey(
        User,
        verbose_name=_("approved by top management"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by_management_on = models.DateField(
        _("signed by top management on"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True, validators=DATE_VALIDATORS)
    # Raw values (codes, numbers, ISO dates, people's ids): worded only when shown, in the viewer's language.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("benefits realisation plan")
        verbose_name_plural = _("benefits realisation plans")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["initiative", "version"], name="unique_plan_version")]

    def __str__(self) -> str:
        return f"{self.initiative} v{self.version}"


class ReminderSent(TenantModel):
    """One reminder about one due measurement to one person: never sent twice."""

    tenant_parent = "indicator"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(validators=DATE_VALIDATORS)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "due_on", "recipient"], name="one_reminder_per_due_measurement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.due_on:%d.%m.%Y}"


class PlanReminderSent(TenantModel):
    """One request to sign one content of an initiative's plan, to one person: never sent twice."""

    tenant_parent = "initiative"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    # A digest of the plan's snapshot: a changed plan asks again, an unchanged one never.
    content = models.CharField(max_length=64, editable=False)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "content", "recipient"], name="one_signature_request_per_plan_content"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.content[:8]}"
