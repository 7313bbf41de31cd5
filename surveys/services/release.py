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
- **Those who skipped a figure are counted too**: a group's responses minus the people behind one
  of its topic or question cells is how many skipped it there. So a cell is shown only where that
  difference is 0 or at least ``minimum``, and the rest of the organisation must pass the same test
  (else the smallest group is hidden, as above). Likewise a topic's people minus one statement's
  people (those who answered the topic but skipped that statement). Only the whole organisation may
  show that a few of its people skipped a question.
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
- **Breakdowns by a background question** (``Question.breakdown``: "Do you work shifts?") are
  released for the whole organisation only: the figures of the people who picked one choice. Never
  crossed with a unit group, never two background questions combined, never free text, and a
  background question's own answers only for the whole organisation (per unit they would be the
  crossing). That alone is not enough: the shown unit groups and the shown choices cut the
  organisation into **atoms** (a shown group or the units' rest, crossed with a shown choice or the
  rest of each background question, those who did not answer it included). Anyone who knows that a
  unit's people all gave one answer (an office works days) can subtract: days (12) minus the office
  (10, all on days) gives the 2 on days in the nursing home. Every figure released is a sum of
  whole atoms, so no subtraction can reach below one; hence **every atom of a figure must hold nobody
  or at least ``minimum`` who answered it, and nobody or ``minimum`` who did not** (for a topic, also
  who answered it but skipped one of its statements). Per figure,
  starting from the choices with ``minimum`` people (a question's choices only among those whose
  response count is shown), a choice is hidden while some atom fails: the smallest choice in a
  failing atom, else the smallest one shown. With no unit group shown this is the rest rule above:
  each choice ``minimum``, the organisation minus the shown choices 0 or ``minimum``. A topic is shown
  for a choice only where each of its statements answered there is shown. The unit groups never give
  way to a breakdown. ``surveys.services.results`` counts per stratum (a unit and the choice picked in
  each background question), so groups, choices and atoms are sums of strata.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.anonymity import group_units, minimum_group_size

from ..models import Question, ReleasedCell, Round, RoundUnit, SurveyTemplate, UnitLink
from ..topics import TOPICS
from .results import SCALE, RoundAnswers, Stratum, read_answers

#: Fewest free-text answers shown at all (the issue's rule; a higher minimum group raises it).
FREE_TEXT_MINIMUM = 10


@dataclass(frozen=True)
class ShownGroup:
    """The people of ``unit_ids`` (round units), shown as the figures of ``holder``."""

    holder: int
    unit_ids: frozenset[int]


def release(round: Round) -> list[ReleasedCell]:
    """Store the figures of a closed round that may be shown (replacing any stored before)."""
    questions = list(Question.objects.filter(template=round.template, version=round.version))
    background = [q.pk for q in questions if q.breakdown and q.kind == Question.Kind.SINGLE]
    cells = released_cells(
        round,
        list(round.round_units.all()),
        questions,
        read_answers(round, background),
        merged_before=earlier_groups(round),
        unit_linked=frozenset(UnitLink.objects.filter(round=round).values_list("round_unit_id", flat=True)),
    )
    ReleasedCell.every_cell.filter(round=round).delete()
    return ReleasedCell.every_cell.bulk_create(cells)


def released_cells(
    round: Round,
    units: list[RoundUnit],
    questions: list[Question],
    strata: RoundAnswers,
    *,
    merged_before: frozenset[int] | None,
    unit_linked: frozenset[int] = frozenset(),
) -> list[ReleasedCell]:
    """The cells of a round that may be shown, unsaved: the rules above, without the database.
    ``strata``: the tallies per stratum (``surveys.services.results``); ``unit_linked``: the round
    units with a unit link, whose rate counts everyone working there (``RoundUnit.asked``)."""
    minimum = max(round.minimum_group, minimum_group_size(round.organisation))
    tallies = strata.per_unit()
    if round.template.kind == SurveyTemplate.Kind.BARRIERS:
        groups = []
    else:
        groups = shown_groups(units, tallies.responses, minimum, merged_before)
    names = {unit.pk: unit.name for unit in units}

    asked = {unit.pk: unit.asked(has_unit_link=unit.pk in unit_linked) for unit in units}
    cells = [_rate_cell(round, None, [], tallies.responses, asked)]
    for group in groups:
        covers = sorted(names[pk] for pk in group.unit_ids)
        cells.append(_rate_cell(round, group, covers, tallies.responses, asked))

    # The unit groups shown for each figure, for the breakdowns below (a figure not shown at all: absent).
    groups_of: dict[tuple, list[ShownGroup]] = {RATE: groups}
    # Where each question's figure is shown (None: the whole organisation), for the topics below.
    shown_for: dict[int, set[int | None]] = {}
    for question in questions:
        if question.kind == Question.Kind.TEXT:
            cells.extend(_text_cell(round, question, tallies.texts.get(question.pk, []), minimum))
            continue
        counts = _per_unit(tallies.question_respondents, question.pk)
        # A background question's own answers per unit would cross units with it: organisation only.
        split = [] if question.breakdown else groups
        shown = _figure_groups(split, counts, [tallies.responses], minimum)
        shown_for[question.pk] = {group.holder if group else None for group in shown}
        if shown:
            groups_of["question", question.pk] = [group for group in shown if group]
        for group in shown:
            if question.kind == Question.Kind.SCALE:
                cells.append(_scale_cell(round, group, tallies, [question.pk], counts, question=question))
            else:
                cells.append(_choice_cell(round, group, tallies, question, counts))

    every_unit = frozenset(unit.pk for unit in units)
    for topic, question_ids in _topics(round, questions):
        if not _complete(None, every_unit, question_ids, shown_for, tallies):
            continue
        counts = _per_unit(tallies.topic_respondents, topic)
        complete = [g for g in groups if _complete(g.holder, g.unit_ids, question_ids, shown_for, tallies)]
        statements = [_per_unit(tallies.question_respondents, q) for q in question_ids]
        shown = _figure_groups(complete, counts, [tallies.responses, *statements], minimum)
        if shown:
            groups_of["topic", topic] = [group for group in shown if group]
        for group in shown:
            cells.append(_scale_cell(round, group, tallies, question_ids, counts, topic=topic))
    return cells + _breakdown_cells(round, questions, strata, groups_of, minimum)


RATE = ("rate",)


def _topics(round: Round, questions: list[Question]) -> list[tuple[str, list[int]]]:
    """The template's topics with the scale questions of each (topics without any left out)."""
    found = []
    for topic in TOPICS.get(round.template.kind, {}):
        question_ids = [q.pk for q in questions if q.topic == topic and q.kind == Question.Kind.SCALE]
        if question_ids:
            found.append((topic, question_ids))
    return found


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


def _safe(people: int, minimum: int) -> bool:
    """A number of people that may be shown or worked out: nobody, or at least the minimum."""
    return people == 0 or people >= minimum


def _without_small_rest(
    groups: list[ShownGroup],
    sizes: Mapping[int, int],
    total: int,
    minimum: int,
    references: Sequence[tuple[Mapping[int, int], int]] = (),
) -> list[ShownGroup]:
    """Hide the smallest group while the organisation minus the groups is between 1 and minimum − 1.
    ``references``: other figures' sizes per group and for the organisation; the rest's difference
    from each (e.g. its responses minus its people behind this figure: those who skipped it) must be
    nobody or at least the minimum too."""
    groups = sorted(groups, key=lambda g: (sizes[g.holder], g.holder))

    def small_rest() -> bool:
        rest = total - sum(sizes[g.holder] for g in groups)
        return not _safe(rest, minimum) or any(
            not _safe(abs(whole - sum(other[g.holder] for g in groups) - rest), minimum) for other, whole in references
        )

    while groups and small_rest():
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


def _figure_groups(
    groups: list[ShownGroup], counts: Mapping[int, int], references: list[Mapping[int, int]], minimum: int
) -> list[ShownGroup | None]:
    """The groups (None: the whole organisation) whose cell of one figure may be shown: each with
    ``minimum`` people who answered it, and a rest that is 0 or at least ``minimum``. ``references``:
    per unit, the responses and (for a topic) each statement's people; a group's and the rest's
    difference from each (who skipped the figure, who answered the topic but skipped a statement)
    must be 0 or at least ``minimum`` as well."""
    total = sum(counts.values())
    if total < minimum:
        return []

    def per_group(tally: Mapping[int, int]) -> dict[int, int]:
        return {g.holder: sum(tally.get(pk, 0) for pk in g.unit_ids) for g in groups}

    sizes = per_group(counts)
    others = [(per_group(tally), sum(tally.values())) for tally in references]
    enough = [
        g
        for g in groups
        if sizes[g.holder] >= minimum
        and all(_safe(abs(other[g.holder] - sizes[g.holder]), minimum) for other, _whole in others)
    ]
    return [None, *_without_small_rest(enough, sizes, total, minimum, others)]


# Breakdowns: the whole organisation split by the answer to one background question


def _breakdown_cells(
    round: Round, questions: list[Question], strata: RoundAnswers, groups_of: Mapping[tuple, list], minimum: int
) -> list[ReleasedCell]:
    """The figures of the people who picked each choice of each background question, where the atoms
    of the figure (see the module's docstring) are all nobody or at least ``minimum``."""
    if not strata.breakdowns:
        return []
    places = range(len(strata.breakdowns))

    def shown_choices(figure: tuple, counts: Mapping, candidates: list[set[int]], statements=()) -> list[set[int]]:
        if figure not in groups_of:
            return [set() for _ in places]
        references = [strata.responses, *statements]
        return _shown_choices(counts, references, groups_of[figure], candidates, minimum)

    picked = [{stratum[1][place] for stratum in strata.responses} - {None} for place in places]
    rate = shown_choices(RATE, strata.responses, picked)
    cells = [
        _cell(round, None, by_choice_id=choice, kind=ReleasedCell.Kind.RATE, count=n)
        for place, choices in enumerate(rate)
        for choice in sorted(choices)
        if (n := sum(_picking(strata.responses, place, choice).values()))
    ]

    respondents: dict[int, dict[Stratum, int]] = defaultdict(dict)
    for (stratum, question_id), n in strata.question_respondents.items():
        respondents[question_id][stratum] = n
    shown_for: dict[int, list[set[int]]] = {}
    for question in questions:
        if question.kind == Question.Kind.TEXT or question.breakdown:
            continue  # free text is never split; background questions are never crossed with each other
        counts = respondents[question.pk]
        shown_for[question.pk] = shown_choices(("question", question.pk), counts, rate)
        for place, choices in enumerate(shown_for[question.pk]):
            for choice in sorted(choices):
                only = _picking(counts, place, choice)
                if question.kind == Question.Kind.SCALE:
                    cell = _scale_cell(round, None, strata, [question.pk], only, question=question)
                else:
                    cell = _choice_cell(round, None, strata, question, only)
                cell.by_choice_id = choice
                cells.append(cell)

    for topic, question_ids in _topics(round, questions):
        counts = _per_unit(strata.topic_respondents, topic)
        # As for groups: a topic only where each of its statements answered there is shown too.
        complete = [
            {
                choice
                for choice in rate[place]
                if all(
                    choice in shown_for[q][place]
                    for q in question_ids
                    if any(_picking(respondents[q], place, choice).values())
                )
            }
            for place in places
        ]
        statements = [respondents[q] for q in question_ids]
        for place, choices in enumerate(shown_choices(("topic", topic), counts, complete, statements)):
            for choice in sorted(choices):
                cell = _scale_cell(round, None, strata, question_ids, _picking(counts, place, choice), topic=topic)
                cell.by_choice_id = choice
                cells.append(cell)
    return cells


def _picking(counts: Mapping[Stratum, int], place: int, choice: int) -> dict[Stratum, int]:
    """The strata of ``counts`` whose people picked ``choice`` in the background question at ``place``."""
    return {stratum: n for stratum, n in counts.items() if stratum[1][place] == choice}


def _shown_choices(
    counts: Mapping[Stratum, int],
    references: list[Mapping[Stratum, int]],
    groups: list[ShownGroup],
    candidates: list[set[int]],
    minimum: int,
) -> list[set[int]]:
    """Per background question, the choices among ``candidates`` whose cell of one figure may be shown.

    ``counts``: the people per stratum who answered the figure; ``references``: per stratum, the
    responses and (for a topic) each statement's people; ``groups``: the unit groups shown for the
    figure. Every atom (a shown group or the units' rest, crossed with a shown choice or the rest of
    each background question) must hold nobody or ``minimum`` people who answered, and differ from
    each reference (those who skipped it, ...) by nobody or ``minimum``. While one does not, a choice
    is hidden: the smallest one taking part in a bad atom, else (the bad atoms are all in the rests)
    the smallest one shown.
    """
    holder = {pk: group.holder for group in groups for pk in group.unit_ids}
    size: Counter = Counter()
    for (_unit, picked), n in counts.items():
        for place, choice in enumerate(picked):
            size[place, choice] += n
    shown = [
        {choice for choice in choices if size[place, choice] >= minimum} for place, choices in enumerate(candidates)
    ]

    def atom(stratum: Stratum) -> tuple:
        unit, picked = stratum
        return (holder.get(unit), *(choice if choice in shown[place] else None for place, choice in enumerate(picked)))

    def per_atom(tally: Mapping[Stratum, int]) -> Counter:
        atoms: Counter = Counter()
        for stratum, n in tally.items():
            atoms[atom(stratum)] += n
        return atoms

    while any(shown):
        answered = per_atom(counts)
        others = [per_atom(tally) for tally in references]
        bad = [
            key
            for key in set(answered).union(*others)
            if not _safe(answered[key], minimum)
            or any(not _safe(abs(other[key] - answered[key]), minimum) for other in others)
        ]
        if not bad:
            break
        in_bad = {(place, choice) for key in bad for place, choice in enumerate(key[1:]) if choice is not None}
        pool = in_bad or {(place, choice) for place, choices in enumerate(shown) for choice in choices}
        place, choice = min(pool, key=lambda p: (size[p], p))
        shown[place].discard(choice)
    return shown


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


def _rate_cell(round, group, covers, responses, asked: Mapping[int, int]) -> ReleasedCell:
    members = _units(group, asked)
    return _cell(
        round,
        group,
        kind=ReleasedCell.Kind.RATE,
        covers=covers,
        count=sum(responses.get(pk, 0) for pk in members),
        invited=sum(asked[pk] for pk in members),
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
