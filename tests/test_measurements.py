"""Each indicator's stored latest and previous measurement stays true however measurements change."""

import datetime
import importlib
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from benefits.models import Indicator, Measurement
from benefits.services.measurements import delete_measurement, save_measurement

from .pages import assert_page


def stored(indicator):
    indicator = Indicator.objects.across_organisations().get(pk=indicator.pk)
    return (indicator.latest_value, indicator.latest_on, indicator.previous_value, indicator.previous_on)


def measure(indicator, value, day):
    return save_measurement(Measurement(indicator=indicator, value=value, measured_on=day))


def test_the_world_starts_with_its_one_measurement(world):
    assert stored(world.indicator) == (D(35), datetime.date(2026, 6, 1), None, None)


def test_adding_keeps_the_newest_by_date_not_by_entry(world):
    measure(world.indicator, 30, datetime.date(2026, 8, 1))
    assert stored(world.indicator) == (D(30), datetime.date(2026, 8, 1), D(35), datetime.date(2026, 6, 1))
    # Entered later but dated earlier: the latest stays; it is older than the previous too.
    measure(world.indicator, 38, datetime.date(2026, 3, 1))
    assert stored(world.indicator) == (D(30), datetime.date(2026, 8, 1), D(35), datetime.date(2026, 6, 1))
    # Two on the same date: the one entered last counts as the newer.
    measure(world.indicator, 29, datetime.date(2026, 8, 1))
    assert stored(world.indicator) == (D(29), datetime.date(2026, 8, 1), D(30), datetime.date(2026, 8, 1))


def test_editing_a_measurement_moves_it(world):
    newer = measure(world.indicator, 30, datetime.date(2026, 8, 1))
    newer.measured_on = datetime.date(2026, 2, 1)  # corrected: it was taken before the June one
    save_measurement(newer)
    assert stored(world.indicator) == (D(35), datetime.date(2026, 6, 1), D(30), datetime.date(2026, 2, 1))
    newer.value = D("31.50")
    save_measurement(newer)
    assert stored(world.indicator)[2] == D("31.50")


def test_deleting_falls_back_to_the_one_before(world):
    newer = measure(world.indicator, 30, datetime.date(2026, 8, 1))
    delete_measurement(newer)
    assert stored(world.indicator) == (D(35), datetime.date(2026, 6, 1), None, None)
    delete_measurement(Measurement.objects.get(indicator=world.indicator))
    assert stored(world.indicator) == (None, None, None, None)


def test_a_refused_measurement_changes_nothing(world):
    with pytest.raises(ValidationError) as refused:
        measure(world.indicator, 1, datetime.date(2025, 12, 31))  # before the baseline
    assert "measured_on" in refused.value.message_dict
    assert stored(world.indicator) == (D(35), datetime.date(2026, 6, 1), None, None)


def test_the_measurement_page_goes_through_the_service(world, login):
    client = login(world.users["benefit_responsible"])
    response = client.post(
        reverse("benefits:measurement_add", args=[world.indicator.pk]), {"value": "28", "measured_on": "2026-09-01"}
    )
    assert response.status_code == 302
    assert stored(world.indicator) == (D(28), datetime.date(2026, 9, 1), D(35), datetime.date(2026, 6, 1))
    page = assert_page(client.get(world.benefit.get_absolute_url()), world.benefit.description)
    # (28 − 40) / (20 − 40) = 60 % achieved, up from (35 − 40) / (20 − 40) = 25 %.
    assert "60\xa0%" in page


def test_the_data_migration_copies_the_two_newest(world):
    measure(world.indicator, 30, datetime.date(2026, 8, 1))
    Indicator.objects.across_organisations().update(
        latest_value=None, latest_on=None, previous_value=None, previous_on=None
    )
    migration = importlib.import_module("benefits.migrations.0004_indicator_latest_measurement")
    state = MigrationExecutor(connection).loader.project_state(("benefits", "0004_indicator_latest_measurement"))
    migration.copy_latest_measurements(state.apps, None)
    assert stored(world.indicator) == (D(30), datetime.date(2026, 8, 1), D(35), datetime.date(2026, 6, 1))
