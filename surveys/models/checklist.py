"""Top management's checklist from a closed round of the barriers for middle managers.

Each barrier the leaders scored at or below the barrier point becomes the 2021 report's remedies as
items (``surveys.services.checklist``); top management gives each an owner and a deadline, and the
owner records when it is done. The items hold nothing from the answers but the barrier's key.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.tenancy import TenantModel
from core.validation import DATE_VALIDATORS, PAST_DATE_VALIDATORS, NameField
from organisations.models import Membership
from organisations.naming import read_only_named

from ..topics import BARRIERS
from .rounds import Round


class RemedyTask(TenantModel):
    """One remedy for one barrier: what is to be done, by whom, by when, and when it was done."""

    tenant_parent = "round"
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="remedy_tasks")
    barrier = models.CharField(_("barrier"), max_length=50, choices=list(BARRIERS.items()))
    text = NameField(_("what is to be done"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=DATE_VALIDATORS)
    done_on = models.DateField(
        _("done on"),
        null=True,
        blank=True,
        validators=PAST_DATE_VALIDATORS,
        help_text=_("Leave empty until it is done."),
    )

    class Meta:
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text

    #: The owner follows the remedy up, so it is never a read-only member.
    NAMED_PEOPLE = ("owner",)

    def clean(self) -> None:
        errors = {}
        round_ = self.round if self.round_id else None
        if round_ is not None and self.owner_id:
            members = Membership.objects.for_org(round_.organisation).filter(user_id=self.owner_id, is_active=True)
            if not members.exists():
                errors["owner"] = _("Choose an active member of the organisation.")
            else:
                errors.update(read_only_named(self, round_.organisation, self.NAMED_PEOPLE))
        if round_ is not None and self.deadline and self.deadline < round_.closes_on:
            errors["deadline"] = _("The deadline cannot be before the round closed (%(closed)s).") % {
                "closed": date_format(round_.closes_on, "SHORT_DATE_FORMAT")
            }
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.done_on is None and self.deadline is not None and self.deadline < today
