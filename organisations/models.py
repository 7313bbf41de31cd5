from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from tree_queries.query import TreeQuerySet

from core.anonymity import MINIMUM_GROUP_SIZE
from core.tenancy import TenantManager, TenantModel, TenantQuerySet
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


class Scope(models.TextChoices):
    """What a role assignment covers: the whole organisation, one unit (and below), or one initiative."""

    ORGANISATION = "organisation", _("The whole organisation")
    UNIT = "unit", _("A unit and the units below it")
    INITIATIVE = "initiative", _("An initiative")


#: The scopes each role may carry, defined once; the first is where a role without a choice goes.
ROLE_SCOPES: dict[str, tuple[Scope, ...]] = {
    Role.TOP_MANAGEMENT: (Scope.ORGANISATION,),
    Role.PORTFOLIO_OFFICE: (Scope.ORGANISATION,),
    Role.ADMINISTRATOR: (Scope.ORGANISATION,),
    Role.POLITICIAN: (Scope.ORGANISATION,),
    Role.REGIONAL_COORDINATOR: (Scope.ORGANISATION,),
    Role.EMPLOYEE: (Scope.ORGANISATION,),
    Role.MIDDLE_MANAGER: (Scope.UNIT,),
    Role.UNION_REPRESENTATIVE: (Scope.ORGANISATION, Scope.UNIT),
    Role.PROJECT_OWNER: (Scope.ORGANISATION, Scope.INITIATIVE),
    Role.PROJECT_LEADER: (Scope.ORGANISATION, Scope.INITIATIVE),
    Role.BENEFIT_OWNER: (Scope.ORGANISATION, Scope.INITIATIVE),
    Role.BENEFIT_RESPONSIBLE: (Scope.ORGANISATION, Scope.INITIATIVE),
}

#: Roles that only ever read: a membership holding one never writes, whatever else it holds.
READ_ONLY_ROLES = frozenset({Role.POLITICIAN})


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
#: A higher minimum group would hide the results of all but the largest units.
MAX_MINIMUM_GROUP_SIZE = 50


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
    # Figures about people (self-assessments, surveys) are shown only for groups this large: core.anonymity.
    minimum_group_size = models.PositiveSmallIntegerField(
        _("fewest answers behind a figure"),
        default=MINIMUM_GROUP_SIZE,
        validators=[MinValueValidator(MINIMUM_GROUP_SIZE), MaxValueValidator(MAX_MINIMUM_GROUP_SIZE)],
        help_text=_("Results about people are shown only for groups with at least this many answers; 5 or more."),
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


class OrgUnitQuerySet(TreeQuerySet, TenantQuerySet):
    """Units of one organisation, with the tree walked by the database (a recursive CTE)."""

    def with_units_below(self, organisation, unit_ids) -> OrgUnitQuerySet:
        """The units ``unit_ids`` and every unit below them, in ``organisation``."""
        ids = list(unit_ids)
        if not ids:
            return self.none()
        under_any = models.Q()
        for unit_id in ids:
            under_any |= models.Q(tree_path__contains=unit_id)
        return self.for_org(organisation).tree_filter(organisation=organisation).filter(under_any)


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

    change_load_limit = models.DecimalField(
        _("change load limit per month"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(1000))],
        help_text=_("Leave empty to use the organisation's limit."),
    )

    objects = TenantManager.from_queryset(OrgUnitQuerySet)()

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"], name="unique_unit_name_per_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def units_below(self) -> set[int]:
        """This unit's id and those of every unit below it, from one recursive query."""
        return set(OrgUnit.objects.with_units_below(self.organisation, [self.pk]).values_list("pk", flat=True))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.parent is None:
            if self.level and self.level != self.Level.SECTOR:
                errors["parent"] = _("A unit or department must be part of a sector or unit.")
        else:
            if self.parent.organisation_id != self.organisation_id:
                errors["parent"] = _("Choose a unit in the same organisation.")
            elif self.pk and self.parent.pk in self.units_below():
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
    is_active = models.BooleanField(
        _("active member"),
        default=True,
        help_text=_("Untick when the person leaves: their access here ends at once, and what they did is kept."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"

    def get_additional_data(self) -> dict:
        """Keys that put its audit entries on the person's history."""
        return {"person": self.user_id}


class RoleAssignment(TenantModel):
    """One role a member holds, for the whole organisation, one unit (and below) or one initiative."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("for unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        verbose_name=_("for initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    tenant_parent = "membership"

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True) | models.Q(initiative__isnull=True), name="role_has_one_scope"
            ),
            models.UniqueConstraint(
                fields=["membership", "role"],
                condition=models.Q(unit__isnull=True, initiative__isnull=True),
                name="unique_role_per_membership",
            ),
            models.UniqueConstraint(
                fields=["membership", "role", "unit"],
                condition=models.Q(unit__isnull=False),
                name="unique_role_per_unit",
            ),
            models.UniqueConstraint(
                fields=["membership", "role", "initiative"],
                condition=models.Q(initiative__isnull=False),
                name="unique_role_per_initiative",
            ),
        ]

    def __str__(self) -> str:
        target = self.unit or self.initiative
        return f"{self.get_role_display()} ({target})" if target else str(self.get_role_display())

    @classmethod
    def with_default_scope(cls, membership: Membership, role: str) -> RoleAssignment:
        """An unsaved ``role`` for ``membership`` covering the organisation, or for a role that must
        cover a unit (a middle manager), the unit the person works in."""
        unit = membership.unit if ROLE_SCOPES[role][0] == Scope.UNIT else None
        return cls(organisation_id=membership.organisation_id, membership=membership, role=role, unit=unit)

    @property
    def scope(self) -> Scope:
        if self.unit_id:
            return Scope.UNIT
        return Scope.INITIATIVE if self.initiative_id else Scope.ORGANISATION

    def clean(self) -> None:
        if self.unit_id and self.initiative_id:
            raise ValidationError({"initiative": _("A role covers either a unit or an initiative, not both.")})
        allowed = ROLE_SCOPES.get(self.role, ())
        if allowed and self.scope not in allowed:
            field = {Scope.UNIT: "unit", Scope.INITIATIVE: "initiative"}.get(self.scope)
            field = field or ("unit" if Scope.UNIT in allowed else "initiative")
            raise ValidationError(
                {
                    field: _("The role %(role)s can only cover: %(scopes)s.")
                    % {"role": self.get_role_display(), "scopes": ", ".join(str(s.label).lower() for s in allowed)}
                }
            )
        organisation_id = self.membership.organisation_id if self.membership_id else self.organisation_id
        for field in ("unit", "initiative"):
            target = getattr(self, field)
            if target is not None and target.organisation_id != organisation_id:
                raise ValidationError({field: _("Choose one in the same organisation.")})

    def get_additional_data(self) -> dict:
        """Keys that put its audit entries on the person's history."""
        return {"membership": self.membership_id, "person": self.membership.user_id}


class Invitation(TenantModel):
    """An e-mailed offer to join an organisation; only a hash of its one-time token is stored."""

    email = models.EmailField(_("e-mail"))
    first_name = NameField(_("first name"), max_length=150, blank=True)
    last_name = NameField(_("last name"), max_length=150, blank=True)
    title = NameField(_("job title"), max_length=200, blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("works in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role_codes = models.JSONField(_("roles"), default=list, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("invited by")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email
