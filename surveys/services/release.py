"""Release at close: decide once which figures of a round may be shown, and store only those.

The rules (``docs/privacy.md``, "Surveys"), with ``minimum`` the round's minimum group (never below
the organisation's):

- **Groups over the unit tree are disjoint** (``core.anonymity.group_units``): a unit with too few
  responses has them counted in its parent's group, so a parent's figure never includes a child
  shown on its own and a parent minus its shown children is a group that was itself checked.
- **The organisation minus the shown groups** is what no group shows (top units too small). If that
  rest is between 1 and ``minimum`` − 1 people, subtracting would reveal it, so the smallest shown
  group is hidden as well (one is enough: every group holds at least ``minimum``).
- **Each figure needs ``minimum`` people itself**: a topic or question cell of a group counts the
  responses that answered it (questions may be optional), and the same rest rule holds per topic
  and per question. A topic pools its statements' answers, so it is shown for a group only where
  every statement answered there is shown too (the topic minus the shown statements would otherwise
  give a hidden one). The response rate of the whole organisation is always shown; its other figures
  also need ``minimum``.
- **Free text** only for the whole organisation, from ``FREE_TEXT_MINIMUM`` answers (or the
  minimum, if higher), shuffled so their order says nothing.
- **Barriers for middle managers** are answered by few people per unit: only the whole
  organisation is shown.
- **Across rounds of the same template, groups only ever grow.** A unit whose answers were not
  shown on their own in the latest earlier closed round of the template (merged into a parent's
  group, hidden, or asked then but not shown) stays merged into the unit above it now, even if it
  has enough answers. So a later group is always the same as, or a union of, earlier groups, and a
  trend never compares a group with a part of it: a unit cannot be recovered by subtracting last
  year's parent group from this year's.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.anonymity import group_units, minimum_group_size

from ..models import Question, ReleasedCell, Round, RoundUnit, SurveyTemplate
from ..topics import TOPICS
from .results import SCALE, RoundAnswers, read_answers

#: Fewest free-text answers shown at all (the issue's rule; a higher minimum group raises it).
FREE_TEXT_MINIMUM = 10


@dataclass(frozen=True)
class ShownGroup:
    """The people of ``unit_ids`` (round units), shown as the figures of ``holder``."""

    holder: int
    unit_ids: frozenset[int]


def release(round: Round) -> list[ReleasedCell]:
    """Store the figures of a closed round that may be shown (replacing any stored before)."""
    cells = released_cells(
        round,
        list(round.round_units.all()),
        list(Question.objects.filter(template=round.template, version=round.version)),
        read_answers(round),
        merged_before=earlier_groups(round),
    )
    ReleasedCell.objects.filter(round=round).delete()
    return ReleasedCell.objects.bulk_create(cells)


def released_cells(
    round: Round,
    units: list[RoundUnit],
    questions: list[Question],
    tallies: RoundAnswers,
    *,
    merged_before: frozenset[int] | None,
) -> list[ReleasedCell]:
    """The cells of a round that may be shown, unsaved: the rules above, without the database."""
    minimum = max(round.minimum_group, minimum_group_size(round.organisation))
    if round.template.kind == SurveyTemplate.Kind.BARRIERS:
        groups = []
    else:
        groups = shown_groups(units, tallies.responses, minimum, merged_before)
    names = {unit.pk: unit.name for unit in units}

    cells = [_rate_cell(round, None, [], tallies.responses, units)]
    for group in groups:
        covers = sorted(names[pk] for pk in group.unit_ids)
        cells.append(_rate_cell(round, group, covers, tallies.responses, units))

    # Where each question's figure is shown (None: the whole organisation), for the topics below.
    shown_for: dict[int, set[int | None]] = {}
    for question in questions:
        if question.kind == Question.Kind.TEXT:
            cells.extend(_text_cell(round, question, tallies.texts.get(question.pk, []), minimum))
            continue
        counts = _per_unit(tallies.question_respondents, question.pk)
        shown = _figure_groups(groups, counts, minimum)
        shown_for[question.pk] = {group.holder if group else None for group in shown}
        for group in shown:
            if question.kind == Question.Kind.SCALE:
                cells.append(_scale_cell(round, group, tallies, [question.pk], counts, question=question))
            else:
                cells.append(_choice_cell(round, group, tallies, question, counts))

    every_unit = frozenset(unit.pk for unit in units)
    for topic in TOPICS.get(round.template.kind, {}):
        question_ids = [q.pk for q in questions if q.topic == topic and q.kind == Question.Kind.SCALE]
        if not question_ids:
            continue

        if not _complete(None, every_unit, question_ids, shown_for, tallies):
            continue
        counts = _per_unit(tallies.topic_respondents, topic)
        complete = [g for g in groups if _complete(g.holder, g.unit_ids, question_ids, shown_for, tallies)]
        for group in _figure_groups(complete, counts, minimum):
            cells.append(_scale_cell(round, group, tallies, question_ids, counts, topic=topic))
    return cells


def shown_groups(
    units: Iterable[RoundUnit], responses: Mapping[int, int], minimum: int, merged_before: frozenset[int] | None
) -> list[ShownGroup]:
    """Disjoint groups of at least ``minimum`` responses whose rest (the organisation minus them) is 0
    or at least ``minimum``. ``merged_before``: ``OrgUnit`` ids not shown on their own in the latest
    earlier round of the template (None: there was none); those stay merged into their parent."""
    units = list(units)
    by_pk = {unit.pk: unit for unit in units}
    forced = {unit.pk for unit in units if merged_before is not None and unit.unit_id in merged_before}

    def holder_of(pk: int | None) -> int | None:
        """The nearest unit at or above ``pk`` that may be shown on its own (None: none above)."""
        while pk is not None and pk in forced:
            pk = by_pk[pk].parent_id if by_pk[pk].parent_id in by_pk else None
        return pk

    parents: dict[int, int | None] = {}
    counts: Counter = Counter()
    members: dict[int, set[int]] = {}
    for unit in units:
        holder = holder_of(unit.pk)
        if holder is None:
            continue  # a top unit merged before: its answers count for the whole organisation only
        counts[holder] += responses.get(unit.pk, 0)
        members.setdefault(holder, set()).add(unit.pk)
        if holder == unit.pk:
            parents[unit.pk] = holder_of(unit.parent_id) if unit.parent_id in by_pk else None
    grouping = group_units(parents, counts, minimum)
    groups = [
        ShownGroup(g.unit_id, frozenset(pk for holder in g.unit_ids for pk in members[holder]))
        for g in grouping.groups.values()
    ]
    sizes = {g.holder: sum(responses.get(pk, 0) for pk in g.unit_ids) for g in groups}
    return _without_small_rest(groups, sizes, sum(responses.values()), minimum)


def _without_small_rest(
    groups: list[ShownGroup], sizes: Mapping[int, int], total: int, minimum: int
) -> list[ShownGroup]:
    """Hide the smallest group while the organisation minus the groups is between 1 and minimum − 1."""
    groups = sorted(groups, key=lambda g: (sizes[g.holder], g.holder))
    while groups and 0 < total - sum(sizes[g.holder] for g in groups) < minimum:
        groups = groups[1:]
    return groups


def _complete(holder, unit_ids, question_ids, shown_for, tallies: RoundAnswers) -> bool:
    """Every statement of a topic answered in ``unit_ids`` is shown for ``holder`` too: else the topic's
    pooled answers minus the shown statements' would give the hidden statement's."""
    return all(
        holder in shown_for[q]
        for q in question_ids
        if any(tallies.question_respondents.get((pk, q)) for pk in unit_ids)
    )


def _figure_groups(groups: list[ShownGroup], counts: Mapping[int, int], minimum: int) -> list[ShownGroup | None]:
    """The groups (None: the whole organisation) whose cell of one figure may be shown: each with
    ``minimum`` people who answered it, and a rest that is 0 or at least ``minimum``."""
    total = sum(counts.values())
    if total < minimum:
        return []
    sizes = {g.holder: sum(counts.get(pk, 0) for pk in g.unit_ids) for g in groups}
    enough = [g for g in groups if sizes[g.holder] >= minimum]
    return [None, *_without_small_rest(enough, sizes, total, minimum)]


def earlier_groups(round: Round) -> frozenset[int] | None:
    """``OrgUnit`` ids asked in the latest earlier closed round of the template but not shown there on
    their own; None if there is no earlier round."""
    earlier = (
        Round.objects.for_org(round.organisation)
        .filter(template=round.template, state=Round.State.CLOSED, closes_on__lte=round.closes_on)
        .exclude(pk=round.pk)
        .order_by("-closes_on", "-pk")
        .first()
    )
    if earlier is None:
        return None
    asked = set(earlier.round_units.values_list("unit_id", flat=True))
    shown = set(
        ReleasedCell.objects.filter(round=earlier, kind=ReleasedCell.Kind.RATE, round_unit__isnull=False).values_list(
            "round_unit__unit_id", flat=True
        )
    )
    return frozenset(asked - shown - {None})


def _per_unit(tally: Mapping, key) -> dict[int, int]:
    return {unit: n for (unit, k), n in tally.items() if k == key}


def _units(group: ShownGroup | None, units: Iterable[int]) -> list[int]:
    return list(units) if group is None else list(group.unit_ids)


def _cell(round: Round, group: ShownGroup | None, **figures) -> ReleasedCell:
    return ReleasedCell(
        organisation_id=round.organisation_id, round=round, round_unit_id=group.holder if group else None, **figures
    )


def _rate_cell(round, group, covers, responses, units) -> ReleasedCell:
    members = set(_units(group, (u.pk for u in units)))
    return _cell(
        round,
        group,
        kind=ReleasedCell.Kind.RATE,
        covers=covers,
        count=sum(responses.get(pk, 0) for pk in members),
        invited=sum(u.invited for u in units if u.pk in members),
    )


def _scale_cell(round, group, tallies: RoundAnswers, question_ids, counts, *, topic="", question=None):
    members = _units(group, counts)
    pooled: Counter = Counter()
    for pk in members:
        for question_id in question_ids:
            pooled.update(tallies.values.get((pk, question_id), {}))
    answers = sum(pooled.values())
    return _cell(
        round,
        group,
        kind=ReleasedCell.Kind.QUESTION if question else ReleasedCell.Kind.TOPIC,
        topic=topic or (question.topic if question else ""),
        question=question,
        count=sum(counts.get(pk, 0) for pk in members),
        mean=sum(value * n for value, n in pooled.items()) / answers if answers else None,
        distribution=[pooled[value] for value in SCALE],
    )


def _choice_cell(round, group, tallies: RoundAnswers, question, counts) -> ReleasedCell:
    members = _units(group, counts)
    picked: Counter = Counter()
    for pk in members:
        picked.update(tallies.choices.get((pk, question.pk), {}))
    return _cell(
        round,
        group,
        kind=ReleasedCell.Kind.QUESTION,
        topic=question.topic,
        question=question,
        count=sum(counts.get(pk, 0) for pk in members),
        choices={str(choice): n for choice, n in sorted(picked.items())},
    )


def _text_cell(round, question, texts: list[str], minimum: int) -> list[ReleasedCell]:
    if len(texts) < max(FREE_TEXT_MINIMUM, minimum):
        return []
    shuffled = list(texts)
    random.SystemRandom().shuffle(shuffled)
    text = ReleasedCell.Kind.TEXT
    return [_cell(round, None, kind=text, topic=question.topic, question=question, count=len(texts), texts=shuffled)]
