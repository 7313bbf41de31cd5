from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.tenancy import TenantModel
from core.validation import DATE_VALIDATORS, NOT_NEGATIVE, PEOPLE_VALIDATORS, LongTextField, NameField
from organisations.models import OrgUnit
from organisations.naming import read_only_named

User = settings.AUTH_USER_MODEL


def score_field(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Phase(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    PLANNING = "planning", _("Planning")
    EXECUTION = "execution", _("Execution")
    CLOSING = "closing", _("Closing")
    REALISATION = "realisation", _("Realisation")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class RAG(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class Programme(TenantModel):
    name = NameField(_("name"), max_length=200)
    description = LongTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Initiative(TenantModel):
    name = NameField(_("name"), max_length=200)
    purpose = LongTextField(_("purpose"), blank=True)
    statutory = models.BooleanField(_("statutory"), default=False, help_text=_("Required by law or regulation."))
    planned_start = models.DateField(_("planned start"), null=True, blank=True, validators=DATE_VALIDATORS)
    planned_end = models.DateField(_("planned end"), null=True, blank=True, validators=DATE_VALIDATORS)
    budget = models.DecimalField(
        _("budget (NOK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )
    sector = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owning sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": OrgUnit.Level.SECTOR},
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    project_owner = models.ForeignKey(
        User, verbose_name=_("project owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    project_leader = models.ForeignKey(
        User, verbose_name=_("project leader"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    service_owner = models.ForeignKey(
        User, verbose_name=_("service owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.CONCEPT, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    #: People named here get rights over the initiative, so they may never be read-only members.
    NAMED_PEOPLE = ("project_owner", "project_leader")

    def clean(self) -> None:
        errors = read_only_named(self, self.organisation_id, self.NAMED_PEOPLE)
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portfolio:initiative", args=[self.pk])


class InitiativeChild(TenantModel):
    """A row that belongs to one initiative; its audit entries show on the initiative page."""

    tenant_parent = "initiative"

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        return {"initiative": self.initiative_id}


class PhaseChange(InitiativeChild):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    changed_on = models.DateField(_("date"), validators=DATE_VALIDATORS)
    changed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = LongTextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_from_phase_display()} → {self.get_to_phase_display()}"


class RolloutWave(InitiativeChild):
    """One wave (pulje) of a rollout: the units in it change on its go-live date."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="waves")
    number = models.PositiveSmallIntegerField(_("wave"), validators=[MinValueValidator(1), MaxValueValidator(50)])
    go_live = models.DateField(_("go-live"), validators=DATE_VALIDATORS)

    class Meta:
        verbose_name = _("rollout wave")
        verbose_name_plural = _("rollout waves")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["initiative", "number"], name="wave_number_once_per_initiative")]

    def __str__(self) -> str:
        return str(_("Wave %(number)s") % {"number": self.number})

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # The units in the wave change when the wave goes live; each saves itself so the audit log sees it.
        for affected in self.affected_units.exclude(change_from=self.go_live):
            affected.save()


class Impact(models.TextChoices):
    """How much a change alters one unit's daily work; each level weighs on the unit's change load."""

    LOW = "low", pgettext_lazy("impact", "Low")
    MODERATE = "moderate", pgettext_lazy("impact", "Moderate")
    HIGH = "high", pgettext_lazy("impact", "High")


class AffectedUnit(InitiativeChild):
    """A unit that must change how it works because of the initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="affected_units")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="impacts")
    employees_affected = models.PositiveIntegerField(_("employees affected"), validators=PEOPLE_VALIDATORS)
    wave = models.ForeignKey(
        RolloutWave,
        verbose_name=_("wave"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affected_units",
        help_text=_("The unit changes when its wave goes live. Without a wave, give the date below."),
    )
    change_from = models.DateField(_("changes from"), validators=DATE_VALIDATORS)
    impact = models.CharField(
        _("impact on the unit"),
        max_length=10,
        choices=Impact.choices,
        default=Impact.MODERATE,
        help_text=_("How much the unit's daily work changes. It weighs on the unit's change load."),
    )
    readiness = models.PositiveSmallIntegerField(
        _("readiness (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("The unit leader's judgement: 1 not ready, 5 ready. Ready units are suggested for early waves."),
    )
    change_description = LongTextField(_("what changes in the way they work"), blank=True)

    class Meta:
        verbose_name = _("affected unit")
        verbose_name_plural = _("affected units")
        ordering = ["change_from", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["initiative", "unit"], name="unit_affected_once_per_initiative")]

    def __str__(self) -> str:
        return str(self.unit)

    def save(self, *args, **kwargs) -> None:
        if self.wave_id:
            self.change_from = self.wave.go_live
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.wave_id:
            if self.wave.initiative_id != self.initiative_id:
                raise ValidationError({"wave": _("Choose a wave of this initiative.")})
            self.change_from = self.wave.go_live
        unit = getattr(self, "unit", None)
        if unit is not None and self.employees_affected is not None and self.employees_affected > unit.headcount:
            raise ValidationError(
                {
                    "employees_affected": ngettext(
                        "The unit has only %(count)s employee.",
                        "The unit has only %(count)s employees.",
                        unit.headcount,
                    )
                    % {"count": unit.headcount}
                }
            )


class Stakeholder(InitiativeChild):
    class Attitude(models.IntegerChoices):
        NEGATIVE = -1, _("Negative")
        NEUTRAL = 0, _("Neutral")
        POSITIVE = 1, _("Positive")

    class Influence(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="stakeholders")
    name = NameField(_("stakeholder"), max_length=200)
    how_affected = LongTextField(_("how they are affected"), blank=True)
    influence = models.SmallIntegerField(_("influence"), choices=Influence.choices)
    attitude = models.SmallIntegerField(_("attitude"), choices=Attitude.choices)
    anchoring = LongTextField(_("anchoring strategy"), blank=True)
    communication = LongTextField(_("communication strategy"), blank=True)
    training = LongTextField(_("training strategy"), blank=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["-influence", "name"]

    def __str__(self) -> str:
        return self.name


class StatusReport(InitiativeChild):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="status_reports")
    report_date = models.DateField(_("report date"), validators=DATE_VALIDATORS)
    overall_status = models.CharField(_("overall status"), max_length=10, choices=RAG.choices)
    overall_comment = LongTextField(_("comment on overall status"), blank=True)
    change_status = models.CharField(_("change management status"), max_length=10, choices=RAG.choices)
    change_comment = LongTextField(_("comment on change management"), blank=True)
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-report_date", "-id"]

    def __str__(self) -> str:
        return f"{self.initiative} {self.report_date:%d.%m.%Y}"


class Deviation(TenantModel):
    class Importance(models.IntegerChoices):
        LOW = 1, _("1 – low")
        MEDIUM = 2, _("2 – medium")
        HIGH = 3, _("3 – high")

    tenant_parent = "report"
    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="deviations")
    description = LongTextField(_("deviation"))
    importance = models.SmallIntegerField(pgettext_lazy("deviation", "importance"), choices=Importance.choices)
    action = LongTextField(_("action"), blank=True)
    responsible = NameField(_("responsible"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=DATE_VALIDATORS)

    class Meta:
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        ordering = ["-importance", "id"]

    def __str__(self) -> str:
        return self.description[:60]

    def get_additional_data(self) -> dict:
        return {"initiative": self.report.initiative_id}


class Idea(TenantModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted as initiative")
        PARKED = "parked", _("Parked")
        REJECTED = "rejected", _("Rejected")

    title = NameField(_("title"), max_length=200)
    problem = LongTextField(_("problem"))
    target_group = LongTextField(_("who it is for"))
    proposed_solution = LongTextField(_("proposed solution"), blank=True)
    expected_benefits = LongTextField(_("expected benefits"), blank=True)
    units = models.ManyToManyField(OrgUnit, verbose_name=_("units concerned"), blank=True, related_name="+")
    proposer = models.ForeignKey(
        User, verbose_name=_("proposed by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    score_strategic = score_field(_("strategic value"))
    score_economic = score_field(_("economic benefit"))
    score_quality = score_field(_("quality benefit"))
    score_risk = score_field(_("risk"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, editable=False
    )
    decision_reason = LongTextField(_("reason for the decision"), blank=True)
    initiative = models.OneToOneField(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="idea", editable=False
    )

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.title
