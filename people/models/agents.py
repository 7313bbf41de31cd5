"""Champions, super-users and change agents appointed per initiative and affected unit."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validation import NOT_NEGATIVE, LongTextField
from organisations.models import Membership
from organisations.naming import read_only_named
from portfolio.models import AffectedUnit, Initiative, InitiativeChild

MAX_HOURS_PER_WEEK = Decimal(40)


class AgentRole(models.TextChoices):
    CHAMPION = "champion", _("Champion")
    SUPER_USER = "super_user", _("Super-user")
    CHANGE_AGENT = "change_agent", _("Change agent")


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


class ChangeAgent(InitiativeChild):
    """A member who helps colleagues in one affected unit through one initiative's change."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="change_agents")
    affected_unit = models.ForeignKey(
        AffectedUnit, verbose_name=_("affected unit"), on_delete=models.CASCADE, related_name="change_agents"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=AgentRole.choices)
    shift = models.CharField(
        _("shift"),
        max_length=10,
        choices=Shift.choices,
        blank=True,
        help_text=_("Needed in units with 24/7 shifts, so every shift has someone to ask."),
    )
    hours_per_week = models.DecimalField(
        _("hours set aside per week"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[NOT_NEGATIVE, MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    training_received = LongTextField(_("training received"), blank=True)

    class Meta:
        verbose_name = _("change agent")
        verbose_name_plural = _("change agents")
        ordering = ["affected_unit", "shift", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["affected_unit", "person"], name="agent_once_per_affected_unit")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    def clean(self) -> None:
        errors = {}
        affected = getattr(self, "affected_unit", None) if self.affected_unit_id else None
        if affected is not None and self.initiative_id and affected.initiative_id != self.initiative_id:
            errors["affected_unit"] = _("Choose a unit affected by this initiative.")
        if affected is not None and affected.unit.runs_24_7 and not self.shift:
            errors["shift"] = _("The unit works in shifts around the clock: choose the shift this person covers.")
        if self.person_id and affected is not None:
            organisation = affected.organisation
            active = Membership.objects.for_org(organisation).filter(user_id=self.person_id, is_active=True)
            if not active.exists():
                errors["person"] = _("Choose an active member of the organisation.")
            else:
                errors.update(read_only_named(self, organisation, ("person",)))
        if errors:
            raise ValidationError(errors)
