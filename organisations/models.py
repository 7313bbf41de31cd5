from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.tenancy import TenantModel
from core.validation import NOT_NEGATIVE, PEOPLE_VALIDATORS, NameField

from .validators import validate_municipality_number, validate_orgnr


class Role(models.TextChoices):
    TOP_MANAGEMENT = "top_management", _("Top management")
    PORTFOLIO_OFFICE = "portfolio_office", _("Portfolio office")
    PROJECT_OWNER = "project_owner", _("Project owner")
    PROJECT_LEADER = "project_leader", _("Project leader")
    BENEFIT_OWNER = "benefit_owner", _("Benefit owner")
    BENEFIT_RESPONSIBLE = "benefit_responsible", _("Benefit responsible")
    MIDDLE_MANAGER = "middle_manager", _("Middle manager")
    EMPLOYEE = "employee", _("Employee")
    UNION_REPRESENTATIVE = "union_representative", _("Union representative")
    POLITICIAN = "politician", _("Politician (read only)")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


class Language(models.TextChoices):
    BOKMAL = "nb", _("Norwegian Bokmål")
    NYNORSK = "nn", _("Norwegian Nynorsk")


class Region(models.Model):
    """A collaboration of several organisations (e.g. a regional digitalisation network)."""

    name = NameField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


#: Upper bounds of the economics settings: hours in a leap year, minutes in a week.
HOURS_IN_A_YEAR = 8784
MINUTES_IN_A_WEEK = 7 * 24 * 60
# A real discount rate above this is no longer a public-sector appraisal (the state uses 4 %, falling
# to 2 % over long horizons); below zero a later krone would count for more than one today.
MAX_DISCOUNT_RATE = Decimal(20)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("County council")

    name = NameField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    municipality_number = models.CharField(
        _("municipality number"), max_length=4, validators=[validate_municipality_number]
    )
    org_number = models.CharField(_("organisation number"), max_length=9, unique=True, validators=[validate_orgnr])
    language = models.CharField(
        _("written language"),
        max_length=2,
        choices=Language.choices,
        default=Language.BOKMAL,
        help_text=_("The organisation's written standard, also the default language of the interface."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    # Weights of the idea scoring criteria; the weighted total is on the 1-5 scale.
    weight_strategic = models.DecimalField(
        _("weight of strategic value"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.35"),
        validators=[NOT_NEGATIVE],
    )
    weight_economic = models.DecimalField(
        _("weight of economic benefit"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[NOT_NEGATIVE],
    )
    weight_quality = models.DecimalField(
        _("weight of quality benefit"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[NOT_NEGATIVE],
    )
    weight_risk = models.DecimalField(
        _("weight of risk"), max_digits=4, decimal_places=2, default=Decimal("0.15"), validators=[NOT_NEGATIVE]
    )
    # Economics of benefits realisation.
    hourly_cost = models.DecimalField(
        _("hourly cost (NOK)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("650"),
        validators=[NOT_NEGATIVE],
        help_text=_("Average cost of one working hour with social costs; converts hours to kroner."),
    )
    substitute_hourly_cost = models.DecimalField(
        _("substitute hourly cost (NOK)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("700"),
        validators=[NOT_NEGATIVE],
        help_text=_("What a substitute costs per hour when shift staff are in training."),
    )
    hours_per_fte = models.DecimalField(
        _("hours per FTE"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("1695"),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(HOURS_IN_A_YEAR)],
        help_text=_("Productive hours in one full-time equivalent (årsverk) per year."),
    )
    discount_rate = models.DecimalField(
        _("discount rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("4.00"),
        validators=[NOT_NEGATIVE, MaxValueValidator(MAX_DISCOUNT_RATE)],
        help_text=_("Real discount rate for net present value, from 0 to 20 %; the state's standard is 4 %."),
    )
    small_saving_minutes = models.PositiveIntegerField(
        _("smallest time saving that can be taken out (minutes per employee per week)"),
        default=30,
        validators=[MaxValueValidator(MINUTES_IN_A_WEEK)],
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        weights = (self.weight_strategic, self.weight_economic, self.weight_quality, self.weight_risk)
        if None not in weights and not any(w > 0 for w in weights):
            raise ValidationError(
                {"weight_strategic": _("Give at least one criterion a weight above zero, or no idea gets a score.")}
            )


class OrgUnit(TenantModel):
    """A sector (tjenesteområde), unit (enhet) or department (avdeling) in one organisation."""

    class Level(models.TextChoices):
        SECTOR = "sector", _("Sector")
        UNIT = "unit", _("Unit")
        DEPARTMENT = "department", _("Department")

    #: The level a child must have under a parent of each level.
    CHILD_LEVEL = {Level.SECTOR: Level.UNIT, Level.UNIT: Level.DEPARTMENT}

    name = NameField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_units",
    )
    headcount = models.PositiveIntegerField(_("employees"), default=0, validators=PEOPLE_VALIDATORS)
    hourly_cost = models.DecimalField(
        _("hourly cost (NOK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text=_("Leave empty to use the organisation's hourly cost."),
    )
    runs_24_7 = models.BooleanField(
        _("24/7 shifts"),
        default=False,
        help_text=_("Staff work in shifts around the clock, so training needs paid substitutes."),
    )

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"], name="unique_unit_name_per_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[OrgUnit]:
        """Parents up to the sector, nearest first (stops if the data already holds a cycle)."""
        chain: list[OrgUnit] = []
        node = self.parent
        while node is not None and node not in chain and node != self:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.parent is None:
            if self.level and self.level != self.Level.SECTOR:
                errors["parent"] = _("A unit or department must be part of a sector or unit.")
        else:
            if self.parent.organisation_id != self.organisation_id:
                errors["parent"] = _("Choose a unit in the same organisation.")
            elif self.pk and (self.parent.pk == self.pk or self in self.parent.ancestors()):
                errors["parent"] = _("A unit cannot be placed under itself or one of its own sub-units.")
            elif (expected := self.CHILD_LEVEL.get(self.parent.level)) is None:
                errors["parent"] = _("A department cannot have sub-units.")
            elif self.level != expected:
                errors["level"] = _("Under a %(parent)s you can only add a %(child)s.") % {
                    "parent": self.parent.get_level_display().lower(),
                    "child": expected.label.lower(),
                }
        if self.pk and self.headcount is not None:
            claimed = self.impacts.aggregate(most=models.Max("employees_affected"))["most"] or 0
            if self.headcount < claimed:
                errors["headcount"] = ngettext(
                    "An initiative counts %(count)s employee affected here: the unit needs at least %(count)s.",
                    "An initiative counts %(count)s employees affected here: the unit needs at least %(count)s.",
                    claimed,
                ) % {"count": claimed}
        if errors:
            raise ValidationError(errors)

    def effective_hourly_cost(self) -> Decimal:
        return self.hourly_cost if self.hourly_cost is not None else self.organisation.hourly_cost


class Membership(TenantModel):
    """A person's place in one organisation: where they work and which roles they hold."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("works in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = NameField(_("job title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class RoleAssignment(TenantModel):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    tenant_parent = "membership"

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["membership", "role"], name="unique_role_per_membership")]

    def __str__(self) -> str:
        return self.get_role_display()
