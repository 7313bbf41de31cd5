"""The answers. A response holds the round, the unit as it was when the round opened, and the answers:
no person, no e-mail, no address, no time, no language. Keys are random (UUID), so their order says
nothing about who answered when. Only ``surveys.services.results`` reads these tables
(a test fails if any other module does); they are never audited or logged.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import TenantModel
from core.validation import LongTextField

from .rounds import Round, RoundUnit
from .templates import Choice, Question

#: The longest free-text answer.
ANSWER_MAX_LENGTH = 2000


class Response(TenantModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant_parent = "round"
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="+")
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(_("Response"))


class Answer(TenantModel):
    """One answer of a response: a value on the scale, a choice (one row per choice picked) or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant_parent = "response"
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, validators=[MinValueValidator(1), MaxValueValidator(5)])
    choice = models.ForeignKey(Choice, null=True, on_delete=models.PROTECT, related_name="+")
    text = LongTextField(blank=True, max_length=ANSWER_MAX_LENGTH, validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # The release finds each response's background answer by both: without it, a database that
        # has never been analysed may search by question alone, thousands of rows per response.
        indexes = [models.Index(fields=["response", "question"], name="answer_by_response_question")]

    def __str__(self) -> str:
        return str(_("Answer"))
