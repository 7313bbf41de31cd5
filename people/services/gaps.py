"""Self-assessed levels per unit, only for groups large enough (``core.anonymity``), and the gaps
between what initiatives need and what the staff say they master.

A unit's gap in a theme compares the highest level an active initiative needs there with the
levels its staff gave themselves: how many of those who answered are below that level. The
figures are those of the group the unit's answers are shown in, which may be a unit above it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max

from core.anonymity import Group, Grouping, group_units, minimum_group_size
from organisations.models import Membership, OrgUnit
from portfolio.models import Phase

from ..models import LEVELS, CompetenceRequirement, CourseTheme, SelfAssessmentAnswer, Theme
from .courses import region_course_themes

#: Initiatives whose needs count: not yet completed or stopped.
ACTIVE_PHASES = (Phase.CONCEPT, Phase.PLANNING, Phase.EXECUTION, Phase.CLOSING, Phase.REALISATION)

# Share of those who answered that is below the level needed, from which a gap is moderate or large.
MODERATE_GAP = Decimal("0.25")
LARGE_GAP = Decimal("0.5")


@dataclass(frozen=True)
class Distribution:
    """How many in one shown group gave themselves each level of a theme."""

    group: Group
    per_level: tuple[int, ...]  # people at level 1 … 5
    shown_as: str  # the name of the unit whose figure this is

    @property
    def count(self) -> int:
        return sum(self.per_level)

    def below(self, level: int) -> int:
        return sum(self.per_level[: level - 1])


@dataclass(frozen=True)
class ThemeFigures:
    grouping: Grouping
    per_unit: dict[int, Counter]  # unit id → Counter(level → people answering in that unit itself)
    names: dict[int, str]

    def distribution(self, unit_id: int) -> Distribution | None:
        """The figures of the group that holds ``unit_id``'s answers, or None when none may be shown."""
        group = self.grouping.group_of(unit_id)
        if group is None:
            return None
        total: Counter = Counter()
        for member in group.unit_ids:
            total.update(self.per_unit.get(member, {}))
        return Distribution(group, tuple(total[level] for level in LEVELS), self.names[group.unit_id])


def answer_figures(organisation) -> dict[int, ThemeFigures]:
    """Theme id → the level figures of every unit, grouped so no shown group is too small. Three queries."""
    units = OrgUnit.objects.for_org(organisation).values_list("pk", "parent_id", "name")
    parents = {pk: parent for pk, parent, _name in units}
    names = {pk: name for pk, _parent, name in units}
    works_in = dict(
        Membership.objects.for_org(organisation)
        .filter(is_active=True, unit__isnull=False)
        .values_list("user_id", "unit_id")
    )
    per_theme: dict[int, dict[int, Counter]] = defaultdict(lambda: defaultdict(Counter))
    answers = SelfAssessmentAnswer.objects.for_org(organisation).values_list(
        "assessment__person_id", "theme_id", "level"
    )
    for person_id, theme_id, level in answers:
        if (unit_id := works_in.get(person_id)) is not None:
            per_theme[theme_id][unit_id][level] += 1
    minimum = minimum_group_size(organisation)
    figures = {}
    for theme_id, per_unit in per_theme.items():
        counts = {unit_id: sum(levels.values()) for unit_id, levels in per_unit.items()}
        figures[theme_id] = ThemeFigures(group_units(parents, counts, minimum), dict(per_unit), names)
    return figures


@dataclass(frozen=True)
class Gap:
    unit_id: int
    theme: Theme
    required: int
    distribution: Distribution | None

    @property
    def merged_into(self) -> str | None:
        """The unit whose figure holds this unit's answers, when it is not the unit itself."""
        if self.distribution is None or self.distribution.group.unit_id == self.unit_id:
            return None
        return self.distribution.shown_as

    @property
    def below(self) -> int | None:
        return self.distribution.below(self.required) if self.distribution else None

    @property
    def share_below(self) -> Decimal | None:
        if self.distribution is None:
            return None
        return Decimal(self.below) / Decimal(self.distribution.count)

    @property
    def band(self) -> str:
        """none, small, moderate, large, or unknown (too few answers to show)."""
        share = self.share_below
        if share is None:
            return "unknown"
        if share == 0:
            return "none"
        if share < MODERATE_GAP:
            return "small"
        return "moderate" if share < LARGE_GAP else "large"


@dataclass
class UnitGaps:
    unit: OrgUnit
    gaps: dict[int, Gap] = field(default_factory=dict)  # theme id → gap
    cells: list[Gap | None] = field(default_factory=list)  # one per column of the heatmap


def required_levels(organisation, unit_ids: Iterable[int] | None = None) -> dict[tuple[int, int], int]:
    """(unit id, theme id) → the highest level an active initiative needs there."""
    needs = CompetenceRequirement.objects.for_org(organisation).filter(
        affected_unit__initiative__phase__in=ACTIVE_PHASES
    )
    if unit_ids is not None:
        needs = needs.filter(affected_unit__unit_id__in=list(unit_ids))
    rows = needs.values("affected_unit__unit_id", "theme_id").annotate(level=Max("target_level"))
    return {(row["affected_unit__unit_id"], row["theme_id"]): row["level"] for row in rows}


@dataclass(frozen=True)
class Heatmap:
    themes: list[Theme]
    rows: list[UnitGaps]
    minimum: int


def gap_heatmap(organisation, visible_unit_ids: frozenset[int] | None) -> Heatmap:
    """Units with needs (those in ``visible_unit_ids``, or all for None) × the themes needed."""
    required = required_levels(organisation, visible_unit_ids)
    theme_ids = {theme_id for _unit, theme_id in required}
    themes = list(Theme.objects.for_org(organisation).filter(pk__in=theme_ids))
    themes_by_id = {theme.pk: theme for theme in themes}
    units = OrgUnit.objects.for_org(organisation).filter(pk__in={unit_id for unit_id, _theme in required})
    rows = {unit.pk: UnitGaps(unit) for unit in units.order_by("name")}
    figures = answer_figures(organisation)
    for (unit_id, theme_id), level in required.items():
        theme_figures = figures.get(theme_id)
        distribution = theme_figures.distribution(unit_id) if theme_figures else None
        rows[unit_id].gaps[theme_id] = Gap(unit_id, themes_by_id[theme_id], level, distribution)
    for row in rows.values():
        row.cells = [row.gaps.get(theme.pk) for theme in themes]
    return Heatmap(themes, list(rows.values()), minimum_group_size(organisation))


@dataclass(frozen=True)
class ThemeInUnit:
    """One theme on a unit's competence page: its figures, the need, and courses that close the gap."""

    theme: Theme
    distribution: Distribution | None
    gap: Gap | None
    needs: list[CompetenceRequirement]
    courses: list[CourseTheme]
    merged_into: str | None  # the unit whose figures these are, when too few answered in this one


def unit_competence(organisation, unit: OrgUnit) -> list[ThemeInUnit]:
    """Every theme of the framework for ``unit``: figures if they may be shown, needs, gaps, courses."""
    figures = answer_figures(organisation)
    needs_by_theme: dict[int, list[CompetenceRequirement]] = defaultdict(list)
    needs = (
        CompetenceRequirement.objects.for_org(organisation)
        .filter(affected_unit__unit=unit, affected_unit__initiative__phase__in=ACTIVE_PHASES)
        .select_related("affected_unit__initiative")
    )
    for need in needs:
        needs_by_theme[need.theme_id].append(need)
    courses = courses_by_theme(organisation, shift_work_first=unit.runs_24_7)
    result = []
    for theme in Theme.objects.for_org(organisation).order_by("order", "name"):
        theme_figures = figures.get(theme.pk)
        distribution = theme_figures.distribution(unit.pk) if theme_figures else None
        theme_needs = needs_by_theme.get(theme.pk, [])
        gap = Gap(unit.pk, theme, max(n.target_level for n in theme_needs), distribution) if theme_needs else None
        closing = [c for c in courses.get(theme.pk, []) if gap is not None and c.level >= gap.required]
        merged_into = distribution.shown_as if distribution and distribution.group.unit_id != unit.pk else None
        closing = closing if gap and gap.below != 0 else []
        result.append(ThemeInUnit(theme, distribution, gap, theme_needs, closing, merged_into))
    return result


def courses_by_theme(organisation, *, shift_work_first: bool = False) -> dict[int, list[CourseTheme]]:
    """Theme id → the courses that build it; for 24/7 units those shift workers can take come first."""
    built = CourseTheme.objects.for_org(organisation).select_related("course")
    by_theme: dict[int, list[CourseTheme]] = defaultdict(list)
    for course_theme in built:
        by_theme[course_theme.theme_id].append(course_theme)
    # A course shared in the region builds another organisation's theme: it counts for ours of the same name.
    own_theme_ids = dict(Theme.objects.for_org(organisation).values_list("name", "pk"))
    for course_theme in region_course_themes(organisation):
        if (theme_id := own_theme_ids.get(course_theme.theme.name)) is not None:
            by_theme[theme_id].append(course_theme)
    for course_themes in by_theme.values():
        course_themes.sort(
            key=lambda c: (
                shift_work_first and not c.course.shift_workers_can_take,
                c.level,
                c.course.cost_per_participant,
                c.course.title,
            )
        )
    return dict(by_theme)
