"""Involvement before, during and after a change, and "you said, we did".

An initiative holds involvement activities (a workshop, a hearing, a pilot …) with who took part.
People give input to the activities that are open for it; the project answers each item with what
was done with it. ``InvolvementWarning`` records, at the step into execution, who had not been
involved before the solution was chosen.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import TenantModel
from core.validation import DATE_VALIDATORS, LongTextField, NameField
from organisations.models import OrgUnit
from portfolio.models import Initiative, InitiativeChild, Phase, PhaseChange

User = settings.AUTH_USER_MODEL

#: The phases before the solution is chosen: involvement here is what counts for the warning.
BEFORE_CHOICE = (Phase.CONCEPT, Phase.PLANNING)
#: Phases an activity can be held in (an initiative that is completed or stopped holds none).
ACTIVITY_PHASES = [(p.value, p.label) for p in (*BEFORE_CHOICE, Phase.EXECUTION, Phase.CLOSING, Phase.REALISATION)]


class InvolvementActivity(InitiativeChild):
    class Method(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        HEARING = "hearing", _("Hearing")
        REFERENCE_GROUP = "reference_group", _("Reference group")
        PILOT = "pilot", _("Pilot")
        DEMO = "demo", _("Demonstration")
        SURVEY = "survey", _("Survey")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="involvement_activities")
    title = NameField(_("title"), max_length=200)
    held_on = models.DateField(_("date"), validators=DATE_VALIDATORS)
    phase = models.CharField(_("phase"), max_length=20, choices=ACTIVITY_PHASES)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    description = LongTextField(_("what it was about"), blank=True)
    leader_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("units whose leader took part"),
        blank=True,
        related_name="+",
        help_text=_("The leaders of these affected units were involved."),
    )
    employee_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("units whose employees took part"), blank=True, related_name="+"
    )
    union_representatives = models.BooleanField(_("union representatives took part"), default=False)
    users_or_citizens = models.BooleanField(_("users or citizens took part"), default=False)
    open_for_input = models.BooleanField(
        _("open for input"),
        default=False,
        help_text=_("Employees of the affected units and union representatives may add their input here."),
    )

    class Meta:
        verbose_name = _("involvement activity")
        verbose_name_plural = _("involvement activities")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:involvement", args=[self.initiative_id]) + f"#activity-{self.pk}"


class InputItem(TenantModel):
    """One thing someone said, and what the project did with it.

    Readers see who said it only as a group ("an employee", "union representatives"), never a
    name, unless the person chose to sign it; union representatives never sign (the role is
    special-category data). ``author`` is kept so the person finds their own input and it goes
    with their data when they ask for it or are erased.
    """

    class Voice(models.TextChoices):
        EMPLOYEE = "employee", _("An employee")
        UNIT_LEADER = "unit_leader", _("A unit leader")
        UNION = "union", _("Union representatives")
        USER = "user", _("A user or citizen")
        PROJECT = "project", _("Noted by the project")

    class Response(models.TextChoices):
        OPEN = "open", _("Not answered yet")
        ADOPTED = "adopted", _("Adopted")
        PARTLY = "partly", _("Partly adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    tenant_parent = "activity"
    activity = models.ForeignKey(InvolvementActivity, on_delete=models.CASCADE, related_name="items")
    text = LongTextField(_("what was said"))
    voice = models.CharField(_("said by"), max_length=20, choices=Voice.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        User, verbose_name=_("written by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed = models.BooleanField(
        _("show my name with it"), default=False, help_text=_("Without this, readers see only the group you speak for.")
    )
    given_on = models.DateField(_("given on"), validators=DATE_VALIDATORS)
    response = models.CharField(_("what we did"), max_length=20, choices=Response.choices, default=Response.OPEN)
    reason = LongTextField(_("what was done, and why"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, validators=DATE_VALIDATORS)

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("input")
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self) -> None:
        if self.response != self.Response.OPEN and not self.reason.strip():
            raise ValidationError({"reason": _("Say what was done with the input, or why it was not adopted.")})

    @property
    def response_color(self) -> str:
        """The Designsystemet colour of the answer's tag."""
        return {"adopted": "success", "partly": "warning", "not_adopted": "danger"}.get(self.response, "neutral")

    @property
    def shown_author(self):
        """The name readers see: only when the person signed and does not speak for the union."""
        return self.author if self.signed and self.voice != self.Voice.UNION else None


class InvolvementWarning(InitiativeChild):
    """Recorded with a phase change into execution: who had not been involved before the choice."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="involvement_warnings")
    phase_change = models.OneToOneField(PhaseChange, on_delete=models.CASCADE, related_name="involvement_warning")
    units_left_out = models.ManyToManyField(
        OrgUnit, verbose_name=_("units whose leader was not involved"), blank=True, related_name="+"
    )
    union_left_out = models.BooleanField(_("union representatives not involved"), default=False)

    class Meta:
        verbose_name = _("involvement warning")
        verbose_name_plural = _("involvement warnings")

    def __str__(self) -> str:
        return str(self.phase_change)
