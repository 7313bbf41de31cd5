"""The figures released when a round closes: the only survey figures any page, export or API reads.

``surveys.services.release`` decides once, at close, which cells may be shown (``docs/privacy.md``,
"Surveys") and stores them here; nothing is computed from the answers afterwards. A cell is one
group (a unit of the round with the units merged into it, or the whole organisation when
``round_unit`` is empty) and one figure: the response rate, a topic, a question, or the free-text
answers of a question (the whole organisation only).

A breakdown cell (``by_choice`` set, ``round_unit`` empty) holds the same figures for the people of
the whole organisation who picked one choice of a background question. ``ReleasedCell.objects``
leaves them out, so every reader of the organisation's and the groups' figures reads what it always
did; ``ReleasedCell.breakdowns`` reads only them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.tenancy import TenantManager, TenantModel

from .rounds import Round, RoundUnit
from .templates import Choice, Question


class _GroupCells(TenantManager):
    """Cells of the whole organisation and of unit groups: a breakdown cell is no group."""

    def get_queryset(self):
        return super().get_queryset().filter(by_choice__isnull=True)


class _BreakdownCells(TenantManager):
    def get_queryset(self):
        return super().get_queryset().filter(by_choice__isnull=False)


class ReleasedCell(TenantModel):
    class Kind(models.TextChoices):
        RATE = "rate", _("Response rate")
        TOPIC = "topic", _("Topic")
        QUESTION = "question", _("Question")
        TEXT = "text", _("Free-text answers")

    tenant_parent = "round"
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="released_cells")
    # The unit holding the group (its own people and those of small units merged into it); empty:
    # the whole organisation.
    round_unit = models.ForeignKey(RoundUnit, null=True, on_delete=models.CASCADE, related_name="+")
    # The people of the whole organisation who picked this choice of a background question; empty: not split.
    by_choice = models.ForeignKey(Choice, null=True, on_delete=models.CASCADE, related_name="+")
    # The units whose answers the group holds, by name, so a page can say what a figure covers.
    covers = models.JSONField(default=list)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    topic = models.CharField(max_length=50, blank=True)
    question = models.ForeignKey(Question, null=True, on_delete=models.CASCADE, related_name="+")
    # People behind the figure: responses for the rate, respondents for a topic or question.
    count = models.PositiveIntegerField()
    invited = models.PositiveIntegerField(null=True)
    mean = models.FloatField(null=True)
    # Answers with the values 1–5, in that order (a topic pools the answers of its questions).
    distribution = models.JSONField(default=list)
    # Choice id (as text) → how many picked it.
    choices = models.JSONField(default=dict)
    # Free-text answers, shuffled at release.
    texts = models.JSONField(default=list)

    objects = _GroupCells()
    breakdowns = _BreakdownCells()
    every_cell = TenantManager()

    class Meta:
        verbose_name = _("released figure")
        verbose_name_plural = _("released figures")
        indexes = [models.Index(fields=["round", "kind"])]

    @property
    def response_rate(self) -> float | None:
        """A rate cell's share of those asked who answered, at most 1: someone with a personal link may
        also answer through a unit link, and nobody can tell (``RoundUnit.asked``)."""
        return min(1.0, self.count / self.invited) if self.invited else None

    def __str__(self) -> str:
        return str(self.get_kind_display())
