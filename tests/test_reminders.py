"""Reminder emails: one digest per person, in their language, never twice for the same thing."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from benefits.models import Indicator, Measurement, ReminderSent
from benefits.services.measurements import save_measurement
from benefits.services.reminders import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(world):
    # The world's indicator is measured quarterly; its last measurement was 01.06.2026, so
    # the next is due 01.09.2026. A second indicator of the same benefit is due 01.04.2026.
    person = world.users["benefit_responsible"]
    person.email = "gevinst@example.no"
    person.save()
    second = Indicator.objects.create(
        benefit=world.benefit,
        name="Andel digitale tilsyn",
        unit_of_measure="prosent",
        baseline_value=0,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=80,
        frequency=3,
        measured_by=person,
    )
    return person, second


def test_one_digest_per_person_with_every_due_item(world, due):
    _person, second = due
    assert send_reminders(datetime.date(2026, 9, 2)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gevinst@example.no"]
    assert world.indicator.name in message.body and second.name in message.body
    assert "01.09.2026" in message.body and "01.04.2026" in message.body
    assert "2 målinger" in message.subject  # the organisation writes bokmål


def test_never_twice_for_the_same_due_measurement(world, due):
    assert send_reminders(datetime.date(2026, 9, 2)) == 1
    assert send_reminders(datetime.date(2026, 9, 3)) == 0
    assert len(mail.outbox) == 1
    # A new measurement moves the due date: the next period is reminded again.
    save_measurement(Measurement(indicator=world.indicator, value=30, measured_on=datetime.date(2026, 9, 5)))
    save_measurement(Measurement(indicator=due[1], value=30, measured_on=datetime.date(2026, 9, 5)))
    assert send_reminders(datetime.date(2026, 12, 6)) == 1
    assert ReminderSent.objects.across_organisations().filter(due_on=datetime.date(2026, 12, 5)).count() == 2


def test_nothing_due_nothing_sent(world, due):
    assert send_reminders(datetime.date(2026, 3, 1)) == 0
    assert mail.outbox == []


def test_language_of_the_person(world, due):
    person, _second = due
    person.preferred_language = "en"
    person.save()
    call_command("send_benefit_reminders")  # today is after every due date in the fixture
    assert len(mail.outbox) == 1 and "measurements are due" in mail.outbox[0].subject


def test_falls_back_to_the_benefit_owner(world, due):
    Indicator.objects.across_organisations().update(measured_by=None)
    owner = world.users["unit_leader"]
    owner.email = "leder@example.no"
    owner.save()
    assert send_reminders(datetime.date(2026, 9, 2)) == 1
    assert [m.to for m in mail.outbox] == [["leder@example.no"]]


def test_an_ended_member_is_not_reminded_the_next_in_line_is(world, due):
    person, _second = due
    person.memberships.update(is_active=False)
    owner = world.users["unit_leader"]
    owner.email = "leder@example.no"
    owner.save()
    assert send_reminders(datetime.date(2026, 9, 2)) == 1
    assert [m.to for m in mail.outbox] == [["leder@example.no"]]


def test_a_politician_named_as_measurer_is_never_reminded(world, due):
    Indicator.objects.filter(benefit=world.benefit).update(measured_by=world.users["politician"])
    world.users["politician"].email = "politiker@example.no"
    world.users["politician"].save()
    world.benefit.owner.memberships.update(is_active=False)
    assert send_reminders(datetime.date(2026, 9, 2)) == 0
    assert mail.outbox == []


def test_people_who_must_sign_a_plan_are_asked_once_per_plan_content(world, due):
    from benefits.models import BenefitEstimate
    from benefits.services.plans import sign

    owner, management = world.users["owner"], world.users["top_management"]
    for person, address in ((owner, "eier@example.no"), (management, "leder@example.no")):
        person.email, person.preferred_language = address, "en"  # new texts are compiled in at merge
        person.save()
    quiet_day = datetime.date(2026, 3, 1)  # no measurement is due
    assert send_reminders(quiet_day) == 1
    assert mail.outbox[0].to == ["eier@example.no"]
    assert f"{world.initiative.name} – as project owner" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Omstilling: 1 plan waits for your signature"
    assert send_reminders(quiet_day) == 0
    sign(world.initiative, owner, as_owner=True, as_management=False, on=quiet_day)
    assert send_reminders(quiet_day) == 1
    assert mail.outbox[1].to == ["leder@example.no"]
    assert f"{world.initiative.name} – as top management" in mail.outbox[1].body
    sign(world.initiative, management, as_owner=False, as_management=True, on=quiet_day)
    assert send_reminders(quiet_day) == 0
    # A changed plan is new content: the project owner is asked again.
    BenefitEstimate.objects.filter(benefit=world.benefit).update(likely=900)
    assert send_reminders(quiet_day) == 1
    assert mail.outbox[2].to == ["eier@example.no"]
