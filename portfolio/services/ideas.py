"""Idea intake: the weighted score and the portfolio office's decision."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.validation import create_valid, save_valid
from organisations.models import Organisation

from ..models import Idea, Initiative
from .phases import record_creation


def weighted_score(idea: Idea, organisation: Organisation) -> Decimal | None:
    """The weighted total on the 1–5 scale; risk counts inverted (low risk scores high).

    total = (ws·S + we·E + wq·Q + wr·(6 − R)) / (ws + we + wq + wr), rounded to two decimals.
    """
    scores = (idea.score_strategic, idea.score_economic, idea.score_quality, idea.score_risk)
    if any(s is None for s in scores):
        return None
    weights = (
        organisation.weight_strategic,
        organisation.weight_economic,
        organisation.weight_quality,
        organisation.weight_risk,
    )
    values = (scores[0], scores[1], scores[2], 6 - scores[3])
    total_weight = sum(weights)
    if total_weight <= 0:
        return None
    total = sum(Decimal(v) * w for v, w in zip(values, weights, strict=True)) / total_weight
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def accept_idea(idea: Idea, *, by, on, reason: str = "") -> Initiative:
    if idea.status == Idea.Status.ACCEPTED:
        raise ValidationError(_("This idea has already been accepted."))
    initiative = create_valid(
        Initiative,
        organisation=idea.organisation,
        name=idea.title,
        purpose="\n\n".join(p for p in (idea.problem, idea.expected_benefits) if p),
    )
    record_creation(initiative, by=by, on=on, comment=_("Created from an idea."))
    idea.status = Idea.Status.ACCEPTED
    idea.initiative = initiative
    idea.decision_reason = reason
    save_valid(idea, update_fields=["status", "initiative", "decision_reason"])
    return initiative


def park_or_reject(idea: Idea, status: str, reason: str) -> None:
    if idea.status == Idea.Status.ACCEPTED:
        raise ValidationError(_("This idea has already been accepted."))
    if status == Idea.Status.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("Give the proposer a reason for the rejection.")})
    idea.status = status
    idea.decision_reason = reason
    save_valid(idea, update_fields=["status", "decision_reason"])
