"""Bad input gets a field error and saves nothing; Norwegian numbers are read; exports take any stored text.

Each test here is a case that was reproduced against the app (a 500, or a value silently stored).
"""

import datetime
import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from benefits.models import Benefit, BenefitEstimate, Change, Measurement, Prerequisite
from benefits.services.estimates import save_estimates
from core.validation import TEXT_MAX_LENGTH, DateRangeValidator, validate_multi_line, validate_single_line
from kommit import template as T
from kommit.importer import create_initiative
from organisations.models import Organisation, OrgUnit
from portfolio.models import Idea, Initiative, Phase, Stakeholder
from portfolio.services.phases import change_phase

from .test_kommit import build, good_cells, parsed_good

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:.*not supported:UserWarning")]


@pytest.fixture
def login(login, settings):
    """Signed in with the interface in English, so the tests read the messages as written."""

    def _login(user):
        client = login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


HUGE_ID = str(10**30)
TITLE = '<h1 class="ds-heading" data-size="lg">'


def page_with_errors(response, heading: str) -> str:
    """The form shown again, with its heading: the content for further checks."""
    content = response.content.decode()
    assert response.status_code == 200
    assert f"{TITLE}{heading}</h1>" in content
    return content


def field_errors(response) -> dict:
    form = response.context["form"]
    return {name: list(errors) for name, errors in form.errors.items()}


# --- Dates -------------------------------------------------------------------------------------


def test_a_measurement_dated_30_11_9999_is_a_field_error_and_the_pages_still_answer(world, login):
    client = login(world.users["administrator"])
    before = Measurement.objects.filter(indicator=world.indicator).count()
    url = reverse("benefits:measurement_add", args=[world.indicator.pk])
    for day in ("30.11.9999", (timezone.localdate() + datetime.timedelta(days=1)).isoformat()):
        response = client.post(url, {"value": "30", "measured_on": day})
        page_with_errors(response, f"New measurement: {world.indicator.name}")
        assert list(field_errors(response)) == ["measured_on"]
        assert "Choose a date from 01.01.2000 to" in field_errors(response)["measured_on"][0]
    assert Measurement.objects.filter(indicator=world.indicator).count() == before
    # Today is a good date.
    response = client.post(url, {"value": "30", "measured_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    for name, args in [
        ("benefits:benefit", [world.benefit.pk]),
        ("benefits:economics", [world.initiative.pk]),
        ("benefits:at_risk", []),
        ("benefits:portfolio", []),
        ("exports:portfolio_xlsx", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_an_initiative_ending_31_12_9999_is_a_field_error_and_the_timeline_answers(world, login):
    client = login(world.users["administrator"])
    data = {
        "name": world.initiative.name,
        "planned_start": "2026-01-01",
        "planned_end": "31.12.9999",
        "budget": "1000000",
    }
    response = client.post(reverse("portfolio:initiative_edit", args=[world.initiative.pk]), data)
    page_with_errors(response, "Edit initiative")
    assert list(field_errors(response)) == ["planned_end"]
    world.initiative.refresh_from_db()
    assert world.initiative.planned_end == datetime.date(2027, 6, 30)
    response = client.get(reverse("portfolio:timeline"))
    assert response.status_code == 200 and world.initiative.name in response.content.decode()


def test_dates_out_of_range_are_refused_by_the_model_itself(world):
    world.initiative.planned_start = datetime.date(1999, 12, 31)
    with pytest.raises(ValidationError) as error:
        world.initiative.full_clean()
    assert list(error.value.message_dict) == ["planned_start"]


def test_services_check_the_model_rules_before_saving(world):
    with pytest.raises(ValidationError) as error:
        change_phase(world.initiative, Phase.PLANNING, by=world.users["owner"], on=datetime.date(9999, 12, 31))
    assert list(error.value.message_dict) == ["changed_on"]
    world.initiative.refresh_from_db()
    assert world.initiative.phase == Phase.CONCEPT and world.initiative.phase_changes.count() == 1


def test_the_workbook_importer_refuses_a_measurement_dated_after_today_and_saves_nothing(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    parsed = parsed_good(world, cells={(T.RESULTS, "F1"): f"Dato: {tomorrow:%d.%m.%Y}"}).workbook
    assert parsed.measured_on == tomorrow
    before = Initiative.objects.filter(organisation=world.org).count()
    with pytest.raises(ValidationError) as error:
        create_initiative(parsed, world.org, by=None, start_year=2026)
    assert list(error.value.message_dict) == ["measured_on"]
    assert Initiative.objects.filter(organisation=world.org).count() == before


def test_the_upload_shows_a_value_the_model_refuses_instead_of_failing(world, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    cells = good_cells(world) | {(T.RESULTS, "F1"): f"Dato: {tomorrow:%d.%m.%Y}"}
    upload = io.BytesIO(build(cells))
    upload.name = "nattilsyn.xlsx"
    before = Initiative.objects.filter(organisation=world.org).count()
    response = login(world.users["portfolio_office"]).post(
        reverse("kommit:upload"), {"workbook": upload, "start_year": 2026, "step": "preview"}
    )
    assert response.status_code == 200
    assert "Choose a date from 01.01.2000 to" in response.content.decode()
    assert Initiative.objects.filter(organisation=world.org).count() == before


# --- Numbers with a meaning ---------------------------------------------------------------------


def settings_data(org: Organisation, **overrides) -> dict:
    data = {
        "name": org.name,
        "kind": org.kind,
        "municipality_number": org.municipality_number,
        "org_number": org.org_number,
        "language": org.language,
        "weight_strategic": "0,35",
        "weight_economic": "0,25",
        "weight_quality": "0,25",
        "weight_risk": "0,15",
        "hourly_cost": "650",
        "substitute_hourly_cost": "700",
        "hours_per_fte": "1695",
        "discount_rate": "4",
        "small_saving_minutes": "30",
        "minimum_group_size": "5",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("rate", ["-99,99", "-0,01", "20,01"])
def test_a_discount_rate_outside_0_to_20_percent_is_refused(world, login, rate):
    response = login(world.users["administrator"]).post(
        reverse("organisations:settings"), settings_data(world.org, discount_rate=rate)
    )
    page_with_errors(response, "Organisation settings")
    assert list(field_errors(response)) == ["discount_rate"]
    world.org.refresh_from_db()
    assert world.org.discount_rate == Decimal("4.00")


def test_idea_weights_all_zero_or_negative_are_refused(world, login):
    client = login(world.users["administrator"])
    zero = {f"weight_{k}": "0" for k in ("strategic", "economic", "quality", "risk")}
    response = client.post(reverse("organisations:settings"), settings_data(world.org, **zero))
    page_with_errors(response, "Organisation settings")
    assert field_errors(response) == {
        "weight_strategic": ["Give at least one criterion a weight above zero, or no idea gets a score."]
    }
    response = client.post(reverse("organisations:settings"), settings_data(world.org, weight_risk="-0,15"))
    assert list(field_errors(response)) == ["weight_risk"]
    world.org.refresh_from_db()
    assert (world.org.weight_strategic, world.org.weight_risk) == (Decimal("0.35"), Decimal("0.15"))


def test_a_unit_headcount_cannot_drop_below_the_employees_an_initiative_claims(world, login):
    # world.affected claims 30 of the unit's 40 employees.
    data = {"name": world.unit.name, "level": "unit", "parent": world.sector.pk, "headcount": "29"}
    response = login(world.users["administrator"]).post(reverse("organisations:unit_edit", args=[world.unit.pk]), data)
    page_with_errors(response, "Edit unit")
    assert field_errors(response) == {
        "headcount": ["An initiative counts 30 employees affected here: the unit needs at least 30."]
    }
    world.unit.refresh_from_db()
    assert world.unit.headcount == 40
    world.unit.headcount = 30
    world.unit.full_clean()  # exactly the claimed number is fine
    world.unit.headcount = 29
    with pytest.raises(ValidationError) as error:
        world.unit.full_clean()
    assert list(error.value.message_dict) == ["headcount"]


# --- Hidden and posted values ---------------------------------------------------------------------


def estimates_post(year: str, likely: str = "1000") -> dict:
    return {
        "years-TOTAL_FORMS": "1",
        "years-INITIAL_FORMS": "1",
        "years-0-year": year,
        "years-0-optimistic": likely,
        "years-0-likely": likely,
        "years-0-pessimistic": likely,
    }


@pytest.mark.parametrize("year", ["1", "40000", "-1", str(10**25)])
def test_an_estimate_year_out_of_range_is_refused(world, login, year):
    before = list(BenefitEstimate.objects.filter(benefit=world.benefit).values_list("year", "likely"))
    response = login(world.users["administrator"]).post(
        reverse("benefits:estimates", args=[world.benefit.pk]), estimates_post(year)
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f"{TITLE}Estimates per year</h1>" in content
    assert "Nothing was saved" in content
    assert list(BenefitEstimate.objects.filter(benefit=world.benefit).values_list("year", "likely")) == before


def test_saving_estimates_checks_the_model_rules_and_saves_nothing_on_error(world):
    rows = [
        {"year": 2028, "optimistic": Decimal(5), "likely": Decimal(4), "pessimistic": Decimal(3)},
        {"year": 1, "optimistic": Decimal(5), "likely": Decimal(4), "pessimistic": Decimal(3)},
    ]
    with pytest.raises(ValidationError) as error:
        save_estimates(world.benefit, rows)
    assert list(error.value.message_dict) == ["1"]
    assert list(BenefitEstimate.objects.filter(benefit=world.benefit).values_list("year", flat=True)) == [2027]


def test_huge_ids_in_multi_selects_are_field_errors(world, login):
    client = login(world.users["administrator"])
    response = client.post(
        reverse("benefits:part_edit", kwargs={"pk": world.change.pk, "kind": "change"}),
        {"description": "Ny beskrivelse", "units": [str(world.unit.pk), HUGE_ID]},
    )
    page_with_errors(response, "Edit: Change")
    assert list(field_errors(response)) == ["units"]
    world.change.refresh_from_db()
    assert world.change.description != "Ny beskrivelse" and not world.change.units.exists()
    before = Idea.objects.filter(organisation=world.org).count()
    response = client.post(
        reverse("portfolio:idea_create"), {"title": "Idé", "problem": "p", "target_group": "t", "units": [HUGE_ID]}
    )
    assert response.status_code == 200 and list(field_errors(response)) == ["units"]
    assert Idea.objects.filter(organisation=world.org).count() == before


def test_the_organisation_switcher_answers_404_for_a_huge_id(world, login):
    response = login(world.users["administrator"]).post(
        reverse("accounts:switch_organisation"), {"organisation": HUGE_ID}
    )
    assert response.status_code == 404


# --- Control characters ---------------------------------------------------------------------------


def test_forms_strip_control_characters_and_keep_line_breaks_in_long_text(world, login):
    response = login(world.users["administrator"]).post(
        reverse("portfolio:stakeholder_edit", args=[world.stakeholder.pk]),
        {
            "name": "Tillits\x0bvalgte\x00",
            "how_affected": "Linje 1\r\nLinje\x1b 2\tslutt",
            "influence": 3,
            "attitude": 0,
        },
    )
    assert response.status_code == 302
    world.stakeholder.refresh_from_db()
    assert world.stakeholder.name == "Tillitsvalgte"
    assert world.stakeholder.how_affected == "Linje 1\r\nLinje 2\tslutt"


def test_the_model_refuses_control_characters_on_every_other_path(world):
    world.stakeholder.name = "Tillits\x0bvalgte"
    world.stakeholder.anchoring = "Møte\x07"
    world.stakeholder.how_affected = "To\nlinjer"
    with pytest.raises(ValidationError) as error:
        world.stakeholder.full_clean()
    assert sorted(error.value.message_dict) == ["anchoring", "name"]


def test_long_text_has_a_maximum_length_on_the_model(world):
    world.stakeholder.how_affected = "x" * 10_001
    with pytest.raises(ValidationError) as error:
        world.stakeholder.full_clean()
    assert list(error.value.message_dict) == ["how_affected"]


def test_every_export_answers_for_text_with_control_characters_stored_directly(world, login):
    # Rows put straight into the database skip every check: the exports must still work.
    dirty = "Navn\x0bmed\x01kontroll\x1f"
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(name=dirty, purpose=dirty)
    Benefit.objects.for_org(world.org).filter(pk=world.benefit.pk).update(description=dirty, take_out_detail=dirty)
    Change.objects.for_org(world.org).filter(pk=world.change.pk).update(description=dirty)
    Stakeholder.objects.for_org(world.org).filter(pk=world.stakeholder.pk).update(name=dirty, how_affected=dirty)
    Prerequisite.objects.for_org(world.org).filter(pk=world.prerequisite.pk).update(description=dirty)
    OrgUnit.objects.for_org(world.org).filter(pk=world.unit.pk).update(name=dirty)
    Organisation.objects.filter(pk=world.org.pk).update(name=dirty)
    client = login(world.users["administrator"])
    clean = "Navnmedkontroll"
    for name, args in [
        ("portfolio:export_csv", []),
        ("portfolio:export_xlsx", []),
        ("exports:portfolio_xlsx", []),
        ("kommit:export", [world.initiative.pk]),
        ("exports:plan_docx", [world.initiative.pk]),
        ("exports:plan_pdf", [world.initiative.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        if name.endswith("xlsx") or name == "kommit:export":
            workbook = openpyxl.load_workbook(io.BytesIO(response.content))
            texts = [c.value for s in workbook.worksheets for row in s.iter_rows() for c in row]
            assert any(isinstance(t, str) and clean in t for t in texts), name
        elif name == "exports:plan_docx":
            document = docx.Document(io.BytesIO(response.content))
            assert any(clean in p.text for p in document.paragraphs)
        elif name == "portfolio:export_csv":
            assert clean in response.content.decode("utf-8-sig")


# --- Norwegian numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["450 000", "450\u00a0000", "450\u202f000"])
def test_money_typed_with_spaces_is_read(world, login, typed):
    data = {"name": world.initiative.name, "planned_start": "2026-01-01", "budget": typed}
    response = login(world.users["administrator"]).post(
        reverse("portfolio:initiative_edit", args=[world.initiative.pk]), data
    )
    assert response.status_code == 302
    world.initiative.refresh_from_db()
    assert world.initiative.budget == Decimal(450000)


@pytest.mark.parametrize("typed", ["450 000,50", "450\u00a0000,50", "450\u202f000,5"])
def test_decimals_typed_with_spaces_and_a_comma_are_read(world, login, typed):
    data = {"name": world.indicator.name, "unit_of_measure": "kr", "frequency": 3, "target_value": typed}
    url = reverse("benefits:benefit_part_edit", kwargs={"pk": world.indicator.pk, "kind": "indicator"})
    response = login(world.users["administrator"]).post(url, data)
    assert response.status_code == 302
    world.indicator.refresh_from_db()
    assert world.indicator.target_value == Decimal("450000.50")


def test_whole_numbers_typed_with_spaces_are_read(world, login):
    data = {"name": world.unit.name, "level": "unit", "parent": world.sector.pk, "headcount": "1\u202f200"}
    response = login(world.users["administrator"]).post(reverse("organisations:unit_edit", args=[world.unit.pk]), data)
    assert response.status_code == 302
    world.unit.refresh_from_db()
    assert world.unit.headcount == 1200


def test_a_number_that_cannot_be_read_says_what_is_expected(world, login):
    client = login(world.users["administrator"])
    response = client.post(
        reverse("organisations:settings"), settings_data(world.org, hourly_cost="1.234,5", small_saving_minutes="3,5")
    )
    page_with_errors(response, "Organisation settings")
    assert field_errors(response) == {
        "hourly_cost": ["Write a number with digits and a decimal comma, for example 450 000 or 450 000,50."],
        "small_saving_minutes": ["Write a whole number with digits, for example 450 000."],
    }


def test_a_job_title_longer_than_the_model_allows_is_a_field_error(world, login):
    membership = world.users["employee"].memberships.get()
    data = {"title": "x" * 201, "is_active": "on", "roles": ["employee"]}
    response = login(world.users["administrator"]).post(
        reverse("organisations:person_edit", args=[membership.pk]), data
    )
    assert list(field_errors(response)) == ["title"]
    membership.refresh_from_db()
    assert membership.title == ""


def test_dates_stored_before_the_ranges_existed_still_show(world, login):
    # Rows saved before these rules (straight into the database) must not take the pages down.
    Initiative.objects.for_org(world.org).filter(pk=world.initiative.pk).update(planned_end=datetime.date(9999, 12, 31))
    Measurement.objects.filter(indicator=world.indicator).update(measured_on=datetime.date(9999, 11, 30))
    client = login(world.users["administrator"])
    for name, args in [
        ("portfolio:timeline", []),
        ("benefits:at_risk", []),
        ("benefits:benefit", [world.benefit.pk]),
        ("benefits:economics", [world.initiative.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert world.initiative.name in response.content.decode() or world.benefit.description in (
            response.content.decode()
        ), name
    for name, args in [("exports:portfolio_xlsx", []), ("exports:plan_docx", [world.initiative.pk])]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_every_field_a_person_can_fill_in_has_a_sensible_range():
    """A new model field without a range fails here, before it reaches a municipality."""
    missing = []
    for label in ("organisations", "portfolio", "benefits", "people"):
        for model in apps.get_app_config(label).get_models():
            for f in model._meta.concrete_fields:
                validators = f.validators
                if f.primary_key or not f.editable or f.choices or f.is_relation or isinstance(f, models.BooleanField):
                    continue
                if isinstance(f, models.DateTimeField):
                    continue  # set by the app (auto_now_add), never typed
                if isinstance(f, models.DateField):
                    ok = any(isinstance(v, DateRangeValidator) for v in validators)
                elif isinstance(f, models.TextField):
                    # At most the shared maximum, and refused on save (a TextField's length is not checked by itself).
                    limits = [v.limit_value for v in validators if isinstance(v, MaxLengthValidator)]
                    ok = (
                        validate_multi_line in validators and f.max_length in limits and f.max_length <= TEXT_MAX_LENGTH
                    )
                elif isinstance(f, models.EmailField):
                    ok = True  # Django's e-mail validator limits it (and its length) already
                elif isinstance(f, models.CharField):
                    ok = validate_single_line in validators or bool(f._validators)
                elif isinstance(f, models.IntegerField):
                    ok = any(isinstance(v, MaxValueValidator) for v in f._validators)
                elif isinstance(f, models.DecimalField):
                    ok = f.max_digits is not None
                else:
                    ok = False
                if not ok:
                    missing.append(f"{model.__name__}.{f.name}")
    # The plan version is counted up by the app (latest + 1); an invitation's roles are codes from
    # a fixed list of checkboxes, checked against the roles by the form and the role service.
    assert sorted(missing) == ["BenefitPlan.version", "Invitation.role_codes"]
