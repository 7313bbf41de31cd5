"""Information to the employees of one affected unit, following the 2018 study's checklist."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import TenantModel
from core.validation import LongTextField
from portfolio.models import AffectedUnit

#: Each answer is short, so the whole page prints on one A4 sheet for the staff room.
ANSWER_MAX_LENGTH = 600


def answer_field(label, help_text):
    return LongTextField(
        label,
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
        help_text=help_text,
    )


class EmployeeInformation(TenantModel):
    tenant_parent = "affected_unit"
    affected_unit = models.OneToOneField(AffectedUnit, on_delete=models.CASCADE, related_name="information")
    what = answer_field(_("What the change is"), _("In a few plain sentences, without project words."))
    why = answer_field(_("Why we are doing it"), _("The problem it solves and what we hope to gain."))
    who = answer_field(_("Who is affected"), _("Which groups, shifts or roles in the unit."))
    daily_work = answer_field(
        _("What will change in my daily work"), _("Routines, tools and tasks that will be done differently.")
    )
    consequences = answer_field(
        _("How changes to tasks, roles and staffing are handled"),
        _("What happens to tasks, roles and staffing, and how the employer and union representatives handle it."),
    )
    when = answer_field(_("When"), _("Dates: first use, training, when the old way stops."))
    training = answer_field(_("Training"), _("What training everyone gets, and when."))
    contact = answer_field(_("Whom to ask"), _("Names of the leader, super-users or change agents to ask."))
    give_input = answer_field(_("How to give input"), _("Where and until when employees can say what they think."))
    published = models.BooleanField(
        _("show it to the unit's employees"),
        default=False,
        help_text=_("Employees of the unit see it on their start page."),
    )

    #: The checklist in its order: the fields that make a page complete.
    CHECKLIST = ("what", "why", "who", "daily_work", "consequences", "when", "training", "contact", "give_input")

    class Meta:
        verbose_name = _("information to employees")
        verbose_name_plural = _("information to employees")

    def __str__(self) -> str:
        return str(self.affected_unit)

    def get_additional_data(self) -> dict:
        return {"initiative": self.affected_unit.initiative_id}

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:information", args=[self.affected_unit_id])
