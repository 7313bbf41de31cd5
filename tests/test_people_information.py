"""Information to employees: the checklist page per affected unit, its completeness, the start-page
panel for the unit's employees and the one-page print."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from organisations.models import Language
from people.models import EmployeeInformation
from people.models.information import ANSWER_MAX_LENGTH
from people.services.information import information_page
from portfolio.models import AffectedUnit, Phase

from .factories import involvement_rows
from .pages import assert_page
from .test_dashboards import home, panels

pytestmark = pytest.mark.django_db


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def test_completeness_counts_the_written_checklist_points(world):
    EmployeeInformation.objects.create(
        affected_unit=world.affected, what="Digitalt tilsyn", why="Færre runder", training="  ", contact="Kari"
    )
    with translation.override("en"):
        page = information_page(world.affected)
    assert (page.filled, page.total, page.complete) == (3, 9, False)  # blank space is not an answer
    assert page.missing == [
        "Who is affected",
        "What will change in my daily work",
        "How changes to tasks, roles and staffing are handled",
        "When",
        "Training",
        "How to give input",
    ]


def test_an_answer_longer_than_fits_on_the_sheet_is_refused(world):
    information = EmployeeInformation(affected_unit=world.affected, why="x" * (ANSWER_MAX_LENGTH + 1))
    with pytest.raises(ValidationError) as exc:
        information.full_clean(exclude=["organisation"])
    assert set(exc.value.message_dict) == {"why"}


def test_first_edit_is_drafted_from_the_initiative(world, login):
    world.affected.change_description = "Nattevakten ser sensorvarsler på nettbrett"
    world.affected.save()
    client = login(english(world.users["unit_leader"]))  # leads the affected unit
    url = reverse("people:information_edit", args=[world.affected.pk])
    form = client.get(url).context["form"]
    assert form["daily_work"].value() == "Nattevakten ser sensorvarsler på nettbrett"
    assert form["when"].value() == "From 01.09.2026."
    response = client.post(url, {"what": "Digitalt nattilsyn", "daily_work": "Nettbrett", "published": "on"})
    assert response.status_code == 302
    saved = EmployeeInformation.objects.filter(affected_unit=world.affected).get()
    assert (saved.what, saved.daily_work, saved.why, saved.published) == ("Digitalt nattilsyn", "Nettbrett", "", True)


def test_employee_reads_but_cannot_write(world, login):
    employee = english(world.users["employee"])
    client = login(employee)
    url = reverse("people:information_edit", args=[world.affected.pk])
    assert client.post(url, {"what": "Noe annet"}).status_code == 403
    assert not EmployeeInformation.objects.filter(affected_unit=world.affected).exists()
    body = assert_page(
        client.get(reverse("people:information", args=[world.affected.pk])), "What the change means for you"
    )
    assert url not in body and "checklist points are written" not in body


def test_project_leader_sees_completeness_on_the_list(world, login):
    EmployeeInformation.objects.create(affected_unit=world.affected, what="a", why="b")
    url = reverse("people:information_list", args=[world.initiative.pk])
    body = assert_page(login(english(world.users["project_leader"])).get(url), "Information to employees")
    assert "2 of 9" in body and "Who is affected" in body


def test_employees_of_the_unit_see_published_pages_on_their_start_page(world, login):
    employee = world.users["employee"]
    employee.memberships.update(unit=world.department)  # below the affected unit
    published = EmployeeInformation.objects.create(affected_unit=world.affected, what="a", published=True)
    other = AffectedUnit.objects.create(
        initiative=world.initiative, unit=world.other_unit, employees_affected=3, change_from=datetime.date(2026, 9, 1)
    )
    EmployeeInformation.objects.create(affected_unit=other, what="b", published=True)  # not their unit
    title, count, rest = panels(home(login, employee))["people-information_for_me"]
    assert (title, count) == ("What the change means for you", 1)
    assert published.get_absolute_url() in rest
    published.published = False
    published.save()
    assert "people-information_for_me" not in panels(home(login, employee))


def test_closed_initiatives_leave_the_panel(world, login):
    employee = world.users["employee"]
    employee.memberships.update(unit=world.unit)
    EmployeeInformation.objects.create(affected_unit=world.affected, what="a", published=True)
    type(world.initiative).objects.for_org(world.org).filter(pk=world.initiative.pk).update(phase=Phase.COMPLETED)
    assert "people-information_for_me" not in panels(home(login, employee))


def pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_print_is_one_a4_page_even_when_every_answer_is_full(world, login):
    full = {name: "Lang tekst om endringen. " * 30 for name in EmployeeInformation.CHECKLIST}
    full = {name: text[:ANSWER_MAX_LENGTH] for name, text in full.items()}
    EmployeeInformation.objects.create(affected_unit=world.affected, **full)
    response = login(world.users["employee"]).get(reverse("people:information_pdf", args=[world.affected.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pages_in(response.content) == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in response.content  # A4 in points


def test_print_is_in_the_organisations_written_language(world, login):
    world.org.language = Language.NYNORSK
    world.org.save()
    user = english(world.users["employee"])  # the reader's own language does not matter for the print
    response = login(user).get(reverse("people:information_pdf", args=[world.affected.pk]))
    assert response.status_code == 200 and b"/Lang (nn)" in response.content


def test_the_page_points_employees_to_open_activities(world, login):
    involvement_rows(world)  # an open workshop
    closed = type(world.activity).objects.create(
        initiative=world.initiative,
        title="Lukket høring",
        held_on=datetime.date(2026, 2, 1),
        phase="planning",
        method="hearing",
    )
    url = reverse("people:information", args=[world.affected.pk])
    body = assert_page(login(english(world.users["employee"])).get(url), "What the change means for you")
    assert "Say what you think" in body and world.activity.get_absolute_url() in body
    assert closed.title not in body
