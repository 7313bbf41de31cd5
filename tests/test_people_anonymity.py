"""The minimum-group rule (core.anonymity): no figure shown covers fewer than the minimum of people."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core.anonymity import MINIMUM_GROUP_SIZE, group_units, minimum_group_size
from people.services.gaps import ThemeFigures

# sector 1 → unit 2 → departments 3 and 4; sector 1 → unit 5
TREE = {1: None, 2: 1, 3: 2, 4: 2, 5: 1}


def test_five_answers_are_shown_and_four_are_not():
    grouping = group_units({1: None}, {1: 5}, 5)
    assert grouping.group_of(1).count == 5
    grouping = group_units({1: None}, {1: 4}, 5)
    assert grouping.group_of(1) is None
    assert grouping.hidden == {1}


def test_a_small_department_is_counted_with_its_unit():
    grouping = group_units(TREE, {2: 3, 3: 2, 4: 6, 5: 5}, 5)
    # Department 4 has 6: shown alone. Department 3 has 2: it joins unit 2 (3 + 2 = 5), shown as unit 2.
    assert grouping.group_of(4).unit_ids == {4}
    assert grouping.group_of(3).unit_id == 2
    assert grouping.group_of(2).unit_ids == {2, 3}
    assert grouping.group_of(2).count == 5
    # The sector itself has nobody left over, so it shows nothing of its own.
    assert grouping.group_of(1) is None and grouping.hidden == {1}


def test_a_parent_never_includes_a_child_shown_on_its_own_so_subtracting_reveals_nothing():
    # Unit 2 with 5 of its own and department 3 with 5: both shown; department 4 with 1 joins unit 2.
    grouping = group_units(TREE, {2: 5, 3: 5, 4: 1, 5: 0}, 5)
    parent, child = grouping.group_of(2), grouping.group_of(3)
    assert parent.unit_ids == {2, 4} and parent.count == 6
    assert child.unit_ids == {3} and child.count == 5
    # Were the parent's figure "everyone below it" (11), 11 − 5 would expose department 4's one answer.
    assert parent.unit_ids.isdisjoint(child.unit_ids)


def test_leftovers_too_small_for_any_unit_are_hidden_up_to_the_top():
    grouping = group_units(TREE, {3: 2, 4: 2}, 5)
    assert grouping.groups == {}
    assert grouping.hidden == set(TREE)


def test_a_minimum_below_one_is_a_programming_error():
    with pytest.raises(ValueError):
        group_units(TREE, {}, 0)


def test_an_organisation_may_raise_the_minimum_but_never_lower_it(world):
    world.org.minimum_group_size = 8
    assert minimum_group_size(world.org) == 8
    world.org.minimum_group_size = 4
    with pytest.raises(ValidationError) as exc:
        world.org.full_clean()
    assert list(exc.value.message_dict) == ["minimum_group_size"]
    # Even a value that slipped past validation (an old row, a bulk update) cannot lower it.
    assert minimum_group_size(world.org) == MINIMUM_GROUP_SIZE


@st.composite
def trees_with_counts(draw):
    """A forest of up to 40 units (each unit's parent is an earlier unit or none) and answers per unit."""
    size = draw(st.integers(min_value=1, max_value=40))
    parents = {}
    for unit in range(1, size + 1):
        parents[unit] = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=unit - 1))) if unit > 1 else None
    counts = {unit: draw(st.integers(min_value=0, max_value=9)) for unit in parents}
    return parents, counts


@given(trees_with_counts(), st.integers(min_value=MINIMUM_GROUP_SIZE, max_value=12))
def test_no_shown_figure_covers_fewer_than_the_minimum(tree, minimum):
    parents, counts = tree
    grouping = group_units(parents, counts, minimum)
    shown = list(grouping.groups.values())
    for group in shown:
        assert group.count >= minimum
        assert group.count == sum(counts[unit] for unit in group.unit_ids)
        assert grouping.group_of(group.unit_id) is group
    # Groups are disjoint and, with the hidden units, cover every unit exactly once.
    covered = [unit for group in shown for unit in group.unit_ids]
    assert len(covered) == len(set(covered))
    assert set(covered) | grouping.hidden == set(parents)
    assert not set(covered) & grouping.hidden
    # And a hidden top unit really had too few: its whole hidden part is below the minimum.
    for top in (unit for unit in grouping.hidden if parents[unit] is None):
        hidden_below = [u for u in grouping.hidden if _top_of(u, parents) == top]
        assert sum(counts[u] for u in hidden_below) < minimum


def _top_of(unit, parents):
    while parents[unit] is not None:
        unit = parents[unit]
    return unit


@given(trees_with_counts(), st.data())
def test_no_level_figure_of_a_unit_covers_fewer_than_the_minimum(tree, data):
    """The figures pages show (ThemeFigures.distribution) obey the rule for any unit asked about."""
    parents, counts = tree
    per_unit = {
        unit: Counter(data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))) for unit, n in counts.items()
    }
    figures = ThemeFigures(group_units(parents, counts, MINIMUM_GROUP_SIZE), per_unit, {u: str(u) for u in parents})
    for unit in parents:
        distribution = figures.distribution(unit)
        if distribution is not None:
            assert distribution.count >= MINIMUM_GROUP_SIZE
            assert distribution.count == sum(counts[u] for u in distribution.group.unit_ids)
