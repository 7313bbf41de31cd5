"""Rounds of a survey: which version is asked, of whom, when; the unit tree as it was when it opened.

Who has been asked and not answered yet (``Invitation``) is kept here, apart from the answers: nothing
in these tables points to a ``Response``. Answering deletes the invitation, so no row records that a
person answered, or when (an updated row would sit, on disk, in the order people answered).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.anonymity import MINIMUM_GROUP_SIZE
from core.tenancy import TenantModel
from core.validation import DATE_VALIDATORS, YEAR_VALIDATORS, NameField
from organisations.models import OrgUnit
from portfolio.models import Initiative

from .templates import SurveyTemplate


class Round(TenantModel):
    """One sending of a template's version to the employees of chosen units."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone working in the units")
        LEADERS = "leaders", _("Only the leaders of the units")

    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="rounds"
    )
    version = models.PositiveSmallIntegerField(_("version"), editable=False, default=1)
    title = NameField(_("title"), max_length=200)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("about the initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_rounds",
    )
    units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("units asked"),
        related_name="+",
        help_text=_("Their employees, and those of the units below them, are asked."),
    )
    opens_on = models.DateField(_("opens"), validators=DATE_VALIDATORS)
    closes_on = models.DateField(_("closes"), validators=DATE_VALIDATORS)
    remind_on = models.DateField(_("reminder"), null=True, blank=True, validators=DATE_VALIDATORS)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False)
    minimum_group = models.PositiveSmallIntegerField(
        _("fewest answers behind a figure"),
        default=MINIMUM_GROUP_SIZE,
        validators=[MinValueValidator(MINIMUM_GROUP_SIZE), MaxValueValidator(100)],
        help_text=_("At least the organisation's minimum; it can be raised, never lowered."),
    )
    # Reminders go out once per round: the day they went, and to how many (never who).
    reminded_on = models.DateField(_("reminder sent"), null=True, blank=True, editable=False)
    reminders_sent = models.PositiveIntegerField(_("reminders sent"), default=0, editable=False)
    # Who is asked: the barriers for middle managers are answered by leaders only.
    audience = models.CharField(
        _("who is asked"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_(
            "Leaders: whoever leads one of the units asked (those chosen and the units below them), as its "
            "leader or as its middle manager."
        ),
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Digital maturity only: the year the management group sets its target for."),
    )

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-opens_on", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        asks_barriers = self.template_id and self.template.kind == SurveyTemplate.Kind.BARRIERS
        if asks_barriers and self.audience != self.Audience.LEADERS:
            errors["audience"] = _("The barriers for middle managers are answered by leaders: choose only the leaders.")
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            errors["closes_on"] = _("The round must close after it opens.")
        if self.remind_on and self.opens_on and self.closes_on and not self.opens_on < self.remind_on < self.closes_on:
            errors["remind_on"] = _("The reminder must come after the round opens and before it closes.")
        errors.update(self._target_year_errors())
        if errors:
            raise ValidationError(errors)

    def _target_year_errors(self) -> dict[str, str]:
        """A maturity round asks where we want to be by its target year, which comes after it opens."""
        if self.template_id is None or self.template.kind != SurveyTemplate.Kind.MATURITY:
            return {}
        if self.target_year is None:
            return {"target_year": _("Give the year the target is for.")}
        if self.opens_on and self.target_year <= self.opens_on.year:
            return {"target_year": _("The target year must come after the year the round opens.")}
        return {}


class RoundUnit(TenantModel):
    """A unit as it was when the round opened: answers keep this unit even if the tree changes later."""

    tenant_parent = "round"
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_units")
    unit = models.ForeignKey(OrgUnit, null=True, on_delete=models.SET_NULL, related_name="+")
    name = NameField(_("name"), max_length=200)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")
    invited = models.PositiveIntegerField(_("people asked"), default=0)
    # Everyone working here when the round opened, with or without e-mail: the people a unit link asks.
    headcount = models.PositiveIntegerField(_("people working here"), default=0, editable=False)
    # How many answered through a unit link: a count only, nothing about who or when.
    link_answers = models.PositiveIntegerField(_("answers through unit links"), default=0, editable=False)

    class Meta:
        verbose_name = _("unit of a round")
        verbose_name_plural = _("units of a round")
        ordering = ["round", "name"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unit_once_per_round")]

    def asked(self, *, has_unit_link: bool) -> int:
        """Those the unit's response rate counts: everyone working there when the round opened if it has
        a unit link (anyone there may answer through it), else those invited by e-mail; never fewer than
        those invited (a round opened before headcounts were kept has none)."""
        return max(self.headcount, self.invited) if has_unit_link else self.invited

    def __str__(self) -> str:
        return self.name


class Invitation(TenantModel):
    """A person asked in a round who has not answered yet, with a one-time link whose token is stored
    only as a hash. Answering deletes it: the response rate is ``RoundUnit.invited`` against the
    invitations left, and reminders go to those left."""

    tenant_parent = "round"
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("invitation to a survey")
        verbose_name_plural = _("invitations to surveys")
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_invitation_per_person")]

    def __str__(self) -> str:
        return str(_("Invitation"))


class UnitLink(TenantModel):
    """A link (or QR code) for a unit's staff room, where many have no work e-mail; its use is rate limited."""

    tenant_parent = "round"
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="unit_links")
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("unit link")
        verbose_name_plural = _("unit links")

    def __str__(self) -> str:
        return str(self.round_unit)
