"""Change load per unit and month, hand-computed.

The world: sector (100 employees) > unit (40) > department (20), and another unit (30).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from benefits.models import Benefit
from benefits.services.queries import warning_queryset
from benefits.services.summary import benefit_rows
from benefits.services.warnings import with_warnings
from people.models import ReadinessSettings, TrainingActivity
from people.services.benefit_warnings import PeopleWarnings
from people.services.load import change_load, what_if, what_if_training
from portfolio.models import AffectedUnit, Initiative, Phase, RolloutWave

pytestmark = pytest.mark.django_db

SEP, OCT, NOV, DEC = (datetime.date(2026, month, 1) for month in (9, 10, 11, 12))


def decided(initiative: Initiative, phase: str = Phase.EXECUTION) -> Initiative:
    Initiative.objects.for_org(initiative.organisation).filter(pk=initiative.pk).update(phase=phase)
    initiative.refresh_from_db()
    return initiative


@pytest.fixture
def loaded(world):
    return build_loaded(world)


def build_loaded(world):
    """The world's change (high impact, 30 of the unit's 40, live 1 September: 300 points) and a
    second one (high, 20 of the department's 20, live 15 October: 200 points) whose department
    trains 10 people 4 hours 28 days before go-live (17 September: 40 hours)."""
    decided(world.initiative)
    AffectedUnit.objects.for_org(world.org).filter(pk=world.affected.pk).update(impact="high")
    world.affected.refresh_from_db()
    second = decided(Initiative.objects.create(organisation=world.org, name="Ny turnus"))
    department_change = AffectedUnit.objects.create(
        initiative=second, unit=world.department, employees_affected=20, change_from=datetime.date(2026, 10, 15)
    )
    department_change.impact = "high"
    department_change.save()
    for method, people in (("classroom", 10), ("citizens", 50)):
        TrainingActivity.objects.create(
            initiative=second,
            affected_unit=department_change,
            target_group="Alle",
            method=method,
            timing="before",
            hours_per_employee=4,
            employees=people,
        )
    return world


def loads(grid, unit):
    return list(grid.row_for(unit.pk).loads)


def test_load_is_weighted_points_over_headcount_summed_up_the_tree(loaded):
    w = loaded
    grid = change_load(w.org, SEP, 4)
    assert grid.months == (SEP, OCT, NOV, DEC)
    # Department: training 40 h / 20 in September; 200 points / 20 from October for three months.
    assert loads(grid, w.department) == [Decimal("2.0"), Decimal("10.0"), Decimal("10.0"), Decimal("10.0")]
    # Unit: its own 300 points September-November, plus the department's points and hours, over 40.
    assert loads(grid, w.unit) == [Decimal("8.5"), Decimal("12.5"), Decimal("12.5"), Decimal("5.0")]
    # Sector: the same sums over 100 employees.
    assert loads(grid, w.sector) == [Decimal("3.4"), Decimal("5.0"), Decimal("5.0"), Decimal("2.0")]
    assert loads(grid, w.other_unit) == [Decimal(0)] * 4


def test_ideas_and_stopped_initiatives_do_not_weigh(loaded):
    w = loaded
    for phase in (Phase.CONCEPT, Phase.STOPPED):
        decided(w.initiative, phase)
        assert loads(change_load(w.org, SEP, 1), w.unit) == [Decimal("1.0")]  # the department's training only


def test_the_organisation_sets_weights_months_and_limit_and_a_unit_its_own_limit(loaded):
    w = loaded
    ReadinessSettings.objects.create(
        organisation=w.org, weight_high=4, months_of_change=1, change_load_limit=Decimal("2.5")
    )
    w.department.change_load_limit = Decimal(9)
    w.department.save()
    grid = change_load(w.org, SEP, 2)
    # 30 × 4 / 40 = 3.0 plus 40 h / 40 = 1.0 in September; October: 20 × 4 / 40 = 2.0.
    assert loads(grid, w.unit) == [Decimal("4.0"), Decimal("2.0")]
    assert grid.row_for(w.unit.pk).over_limit(grid.months) == [(SEP, Decimal("4.0"))]
    assert grid.row_for(w.department.pk).limit == Decimal(9)
    assert grid.row_for(w.department.pk).over_limit(grid.months) == []


def test_a_wave_gives_its_units_their_date(loaded):
    w = loaded
    wave = RolloutWave.objects.create(initiative=w.initiative, number=1, go_live=datetime.date(2026, 11, 3))
    w.affected.wave = wave
    w.affected.save()
    w.affected.refresh_from_db()
    assert w.affected.change_from == datetime.date(2026, 11, 3)
    wave.go_live = datetime.date(2027, 1, 4)
    wave.save()
    w.affected.refresh_from_db()
    assert w.affected.change_from == datetime.date(2027, 1, 4)
    assert loads(change_load(w.org, NOV, 1), w.unit) == [Decimal("5.0")]  # the department's change only


def test_what_if_names_the_units_a_new_date_would_put_over_their_limit(loaded):
    w = loaded
    w.unit.change_load_limit = Decimal(12)
    w.unit.save()
    # Today the unit is over in October and November (12.5). Moved to December, its 300 points meet
    # the department's 200 there (12.5) and leave October and November at 5.0.
    found = what_if(w.org, [w.affected], datetime.date(2026, 12, 1))
    assert found == [(w.unit, DEC, Decimal("12.5"), Decimal(12))]
    assert what_if(w.org, [w.affected], datetime.date(2027, 3, 1)) == []


def test_the_grid_takes_the_same_queries_whatever_the_data(loaded, django_assert_num_queries):
    w = loaded
    with django_assert_num_queries(4):
        change_load(w.org, SEP, 12)
    for number in range(5):
        initiative = decided(Initiative.objects.create(organisation=w.org, name=f"Endring {number}"))
        AffectedUnit.objects.create(
            initiative=initiative, unit=w.other_unit, employees_affected=5, change_from=datetime.date(2026, 9, 1)
        )
    with django_assert_num_queries(4):
        grid = change_load(w.org, SEP, 12)
    assert loads(grid, w.other_unit)[0] == Decimal("4.2")  # 5 × 5 × 5 / 30 = 4.17


# Tied to the benefits: the world's benefit is taken out in the unit the world's change reaches.


def people_warnings(world, today):
    benefits = list(warning_queryset().filter(organisation=world.org, pk=world.benefit.pk))
    row = benefit_rows(benefits, world.org, today)[0]
    return [w for w in row.warnings if w.code in PeopleWarnings.messages]


def test_a_benefit_is_warned_when_its_unit_is_over_its_limit_as_the_change_lands(loaded):
    w = loaded
    today = datetime.date(2026, 8, 1)
    w.unit.change_load_limit = Decimal(13)
    w.unit.save()
    assert people_warnings(w, today) == []  # at most 12.5
    w.unit.change_load_limit = Decimal(12)
    w.unit.save()
    # The change weighs September to November; the unit is over in October (12.5).
    [warning] = people_warnings(w, today)
    assert warning.code == "unit_overloaded"
    assert warning.facts == {"unit": w.unit.name, "month": date_format(OCT, "YEAR_MONTH_FORMAT")}
    found = with_warnings(Benefit.objects.for_org(w.org), w.org, today)
    assert w.benefit in found


def test_a_benefit_is_warned_when_its_unit_is_behind_on_training_before_go_live(loaded):
    w = loaded
    TrainingActivity.objects.create(
        initiative=w.initiative,
        affected_unit=w.affected,
        target_group="Nattevakter",
        method="classroom",
        timing="before",
        hours_per_employee=3,
        employees=10,
        trained=7,
    )
    # 14 days before go-live on 1 September, 7 of 10 is under 80 %; a day earlier it is too early to warn.
    assert people_warnings(w, datetime.date(2026, 8, 17)) == []
    [warning] = people_warnings(w, datetime.date(2026, 8, 18))
    assert warning.code == "training_behind"
    assert warning.facts == {"unit": w.unit.name, "trained": 7, "planned": 10, "date": datetime.date(2026, 9, 1)}
    activity = TrainingActivity.objects.for_org(w.org).get(target_group="Nattevakter")
    activity.trained = 8
    activity.save()
    assert people_warnings(w, datetime.date(2026, 8, 18)) == []


def test_a_load_is_rounded_half_up_to_one_decimal(world):
    decided(world.initiative)
    # One of the department's 20 at moderate impact: 5 × 1 / 20 = 0,25, shown as 0,3 (not 0,2).
    AffectedUnit.objects.create(
        initiative=world.initiative, unit=world.department, employees_affected=1, change_from=SEP
    )
    assert loads(change_load(world.org, SEP, 1), world.department) == [Decimal("0.3")]


def test_what_if_adds_an_ideas_units_without_taking_out_what_was_never_counted(loaded):
    w = loaded
    w.unit.change_load_limit = Decimal(12)
    w.unit.save()
    decided(w.initiative, Phase.CONCEPT)  # its 300 points for the unit do not count today
    # Live 1 October, they would meet the department's 200 points in October to December: 12,5 each.
    found = what_if(w.org, [w.affected], datetime.date(2026, 10, 1))
    assert found == [(w.unit, month, Decimal("12.5"), Decimal(12)) for month in (OCT, NOV, DEC)]


def test_the_grid_equals_the_benchmarks_hand_written_sql_on_generated_data(db):
    # An independent computation in one SQL statement (benchmarks/change_load.py): every cell must agree.
    from benchmarks.change_load import check_agreement
    from benchmarks.change_load_data import FIRST_MONTH, build
    from organisations.models import OrgUnit

    organisation = build(initiatives=40, units=80)
    assert OrgUnit.objects.for_org(organisation).count() == 80
    assert check_agreement(organisation, FIRST_MONTH, 36) == 80 * 36


# What-if for a training plan line: its hours weigh on the unit in the month of its timing.


def training_line(world, *, hours, timing="at", stored=False):
    line = TrainingActivity(
        initiative=world.initiative,
        affected_unit=world.affected,
        target_group="Alle",
        method="classroom",
        timing=timing,
        hours_per_employee=hours,
        employees=30,
    )
    if stored:
        line.save()
    return line


def test_what_if_training_names_the_month_new_hours_would_put_over_the_limit(loaded):
    w = loaded
    w.unit.change_load_limit = Decimal(12)
    w.unit.save()
    # September is 8,5 today; 8 hours × 30 people at go-live add 240 / 40 = 6,0: 14,5.
    assert what_if_training(w.org, None, training_line(w, hours=8)) == [(w.unit, SEP, Decimal("14.5"), Decimal(12))]
    # 2 hours add 1,5: 10,0, within the limit. After go-live (November) the unit is over already.
    assert what_if_training(w.org, None, training_line(w, hours=2)) == []
    assert what_if_training(w.org, None, training_line(w, hours=8, timing="after")) == []


def test_what_if_training_takes_the_saved_line_out_before_putting_the_new_one_in(loaded):
    w = loaded
    w.unit.change_load_limit = Decimal(15)
    w.unit.save()
    stored = training_line(w, hours=8, stored=True)  # September: 14,5, within 15
    # 9 hours instead of 8: 8,5 + 270 / 40 = 15,25, over; counted once, not on top of the 8 hours.
    [(unit, month, load, limit)] = what_if_training(w.org, stored, training_line(w, hours=9))
    assert (unit, month, load, limit) == (w.unit, SEP, Decimal("15.3"), Decimal(15))
    assert what_if_training(w.org, stored, training_line(w, hours=7)) == []


def test_the_training_form_checks_the_load_without_saving(loaded, login):
    w = loaded
    w.unit.change_load_limit = Decimal(12)
    w.unit.save()
    data = {"target_group": "Alle", "method": "classroom", "timing": "at", "hours_per_employee": "8", "employees": "30"}
    url = reverse("people:training_add", args=[w.affected.pk])
    response = login(w.users["portfolio_office"]).post(url, {**data, "check": "1"})
    assert response.status_code == 200 and response.context["checked"]
    [warning] = response.context["check_warnings"]
    assert w.unit.name in warning and "14,5" in warning
    assert not TrainingActivity.objects.filter(initiative=w.initiative).exists()
    assert login(w.users["portfolio_office"]).post(url, data).status_code == 302  # saving is allowed
    assert TrainingActivity.objects.filter(initiative=w.initiative).count() == 1
