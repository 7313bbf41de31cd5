"""Forms that fit how people work: rows kept through one mechanism, units as a tree, people in
order of fit, deviation rows on demand, one "required" per field."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from benefits.forms import BenefitForm
from benefits.models import Benefit, Measurement, StrategicGoal
from benefits.views.parts import BENEFIT_PARTS, GOALS, INITIATIVE_PARTS, MEASUREMENTS
from demo.fjordvik import load_fjordvik
from portfolio.forms import InitiativeForm
from portfolio.models import Deviation, StatusReport
from portfolio.views.parts import INITIATIVE_ROWS, PROGRAMMES

from .pages import assert_page
from .urls_under_test import ROW_OF_KIND

pytestmark = pytest.mark.django_db

# (URL name before _add/_edit/_delete, registry, whether the URL carries the kind)
ROW_URLS = [
    ("benefits:part", INITIATIVE_PARTS, True),
    ("benefits:benefit_part", BENEFIT_PARTS, True),
    ("benefits:measurement", MEASUREMENTS, False),
    ("benefits:goal", GOALS, False),
    ("portfolio:affected_unit", {"affected_unit": INITIATIVE_ROWS["affected_unit"]}, False),
    ("portfolio:stakeholder", {"stakeholder": INITIATIVE_ROWS["stakeholder"]}, False),
    ("portfolio:wave", {"wave": INITIATIVE_ROWS["wave"]}, False),
    ("portfolio:programme", PROGRAMMES, False),
]
KINDS = [(prefix, kind, in_path) for prefix, registry, in_path in ROW_URLS for kind in registry]

# kind → (field posted with a new value, the value, how the saved row shows it)
CHANGES = {
    "process": ("description", "Ringer i stedet", "Ringer i stedet"),
    "change": ("description", "Ny arbeidsflyt", "Ny arbeidsflyt"),
    "benefit": ("description", "Færre runder om natta", "Færre runder om natta"),
    "cost": ("note", "Lisens", "Lisens"),
    "training": ("employees", "7", 7),
    "prerequisite": ("description", "Avtale med leverandør", "Avtale med leverandør"),
    "measure": ("description", "Opplæring av nattevakter", "Opplæring av nattevakter"),
    "indicator": ("name", "Runder per natt i snitt", "Runder per natt i snitt"),
    "measurement": ("comment", "Telt på nytt", "Telt på nytt"),
    "goal": ("name", "Trygg eldreomsorg", "Trygg eldreomsorg"),
    "affected_unit": ("change_description", "Nye rutiner", "Nye rutiner"),
    "stakeholder": ("name", "Pårørende", "Pårørende"),
    "wave": ("go_live", "2026-11-02", datetime.date(2026, 11, 2)),
    "programme": ("name", "Digital omsorg", "Digital omsorg"),
}
# Rows of the world that must stay when someone asks to remove them, and why.
KEPT = {
    "change": "benefits",  # a change with benefits
    "benefit": "measurements",  # a benefit whose indicator is measured
    "indicator": "measurements",
    "programme": "initiatives",
}


def test_every_kind_has_a_change_to_try():
    assert sorted(kind for _prefix, kind, _in_path in KINDS) == sorted(CHANGES)


def row_url(world, prefix, kind, in_path, action):
    pk = getattr(world, ROW_OF_KIND[kind]).pk
    if in_path:
        return reverse(f"{prefix}_{action}", kwargs={"kind": kind, "pk": pk})
    return reverse(f"{prefix}_{action}", args=[pk])


def posted_values(form) -> dict:
    """What the edit page sends back unchanged: each field's value as its widget shows it."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        shown = field.widget.format_value(value)
        data[name] = "" if shown is None else shown
    return data


def page_values(response) -> dict:
    return posted_values(response.context["form"])


@pytest.mark.parametrize(("prefix", "kind", "in_path"), KINDS, ids=[kind for _p, kind, _i in KINDS])
def test_each_kind_of_row_can_be_edited_by_its_keepers_and_no_one_else(
    world, other_world, login, client, prefix, kind, in_path
):
    url = row_url(world, prefix, kind, in_path, "edit")
    field, value, stored = CHANGES[kind]
    row = getattr(world, ROW_OF_KIND[kind])
    before = getattr(row, field)
    page = login(world.users["portfolio_office"]).get(url)
    assert_page(page, re.sub(r"\s+", " ", page.context["title"]))
    data = {**page_values(page), field: value}

    client.logout()
    assert login(world.users["politician"]).post(url, data).status_code == 403
    client.logout()
    assert login(other_world.users["administrator"]).post(url, data).status_code == 404
    row.refresh_from_db()
    assert getattr(row, field) == before

    client.logout()
    response = login(world.users["portfolio_office"]).post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else None
    row.refresh_from_db()
    assert getattr(row, field) == stored


@pytest.mark.parametrize(("prefix", "kind", "in_path"), KINDS, ids=[kind for _p, kind, _i in KINDS])
def test_each_kind_of_row_can_be_removed_unless_it_must_be_kept(
    world, other_world, login, client, prefix, kind, in_path
):
    url = row_url(world, prefix, kind, in_path, "delete")
    row = getattr(world, ROW_OF_KIND[kind])
    model = type(row)

    def exists():
        return model.objects.across_organisations().filter(pk=row.pk).exists()

    assert login(world.users["politician"]).post(url).status_code == 403
    client.logout()
    assert login(other_world.users["administrator"]).post(url).status_code == 404
    assert exists()

    client.logout()
    response = login(world.users["portfolio_office"]).post(url)
    assert response.status_code == 302
    if kind in KEPT:
        assert exists()
        [message] = [str(m) for m in get_messages(response.wsgi_request)]
        assert message  # the person is told why, in words
    else:
        assert not exists()


def test_a_measurement_is_corrected_through_the_rules_of_the_measurement_service(world, login):
    client = login(world.users["benefit_responsible"])  # named measurer of the indicator
    url = reverse("benefits:measurement_edit", args=[world.measurement.pk])
    page = assert_page(client.get(url), "Rediger: Måling")
    assert 'value="35,00"' in page
    before_baseline = client.post(url, {"value": "30", "measured_on": "2025-12-31"})
    assert before_baseline.status_code == 200 and "measured_on" in before_baseline.context["form"].errors
    world.measurement.refresh_from_db()
    assert world.measurement.measured_on.isoformat() == "2026-06-01"
    assert client.post(url, {"value": "30,5", "measured_on": "2026-06-02"}).status_code == 302
    world.measurement.refresh_from_db()
    assert str(world.measurement.value) == "30.50"
    benefit_page = client.get(world.benefit.get_absolute_url()).content.decode()
    assert url in benefit_page and reverse("benefits:measurement_delete", args=[world.measurement.pk]) in benefit_page
    assert client.post(reverse("benefits:measurement_delete", args=[world.measurement.pk])).status_code == 302
    assert not Measurement.objects.filter(indicator=world.indicator).exists()


def test_an_employee_who_does_not_measure_sees_no_edit_for_measurements(world, login):
    page = assert_page(login(world.users["employee"]).get(world.benefit.get_absolute_url()), world.benefit.description)
    assert reverse("benefits:measurement_edit", args=[world.measurement.pk]) not in page


def test_idea_units_are_a_tree_with_a_filter_box(world, login):
    page = assert_page(login(world.users["employee"]).get(reverse("portfolio:idea_create")), "Foreslå en idé")
    tree = page[page.index("data-tree-checkboxes") :]
    tree = tree[: tree.index("</fieldset>")]
    assert 'type="search"' in tree and 'for="id_units_filter"' in tree
    # sector > unit > department, each level a list inside the one above
    sector, unit, department = (tree.index(f">{u.name}</label>") for u in (world.sector, world.unit, world.department))
    assert sector < unit < department
    assert tree[sector:unit].count('<ul class="tree-level">') == 1
    assert tree[unit:department].count('<ul class="tree-level">') == 1
    assert "js/tree-checkboxes.js" in page
    assert "<legend" in page[: page.index("data-tree-checkboxes")].rsplit("<fieldset", 1)[1]


def test_the_change_analysis_offers_units_under_their_sectors_names_without_choosing_a_sector(world, login):
    url = reverse("benefits:part_add", kwargs={"pk": world.initiative.pk, "kind": "change"})
    page = assert_page(login(world.users["owner"]).get(url), "Legg til: Endring")
    tree = page[page.index("data-tree-checkboxes") :]
    assert f">{world.sector.name}</label>" not in tree and f'value="{world.sector.pk}"' not in tree
    sector = tree.index(f'<span class="tree-heading">{world.sector.name}</span>')
    unit, department = tree.index(f">{world.unit.name}</label>"), tree.index(f">{world.department.name}</label>")
    assert sector < unit < department
    assert tree[sector:unit].count('<ul class="tree-level">') == 1
    assert tree[unit:department].count('<ul class="tree-level">') == 1


def test_a_single_unit_choice_groups_units_under_their_sector_and_indents_departments(world, login):
    client = login(world.users["owner"])
    body = assert_page(
        client.get(reverse("portfolio:affected_unit_add", args=[world.initiative.pk])), "Legg til: Berørt enhet"
    )
    group = body[body.index(f'<optgroup label="{world.sector.name}">') :]
    group = group[: group.index("</optgroup>")]
    assert f">{world.unit.name}</option>" in group and f">{world.other_unit.name}</option>" in group
    assert f">\u00a0\u00a0\u00a0{world.department.name}</option>" in group
    edit = client.get(reverse("portfolio:affected_unit_edit", args=[world.affected.pk]))
    body = assert_page(edit, "Rediger: Berørt enhet")
    assert f'<option value="{world.unit.pk}" selected>{world.unit.name}</option>' in body


def names(field) -> list[str]:
    return [user.username for user in field.queryset]


def test_benefit_owners_are_offered_unit_leaders_first_and_never_a_politician(world):
    form = BenefitForm(instance=world.benefit, organisation=world.org)
    offered = names(form.fields["owner"])
    # Leaders of a unit (named leader, or middle manager role), then benefit owners, then the rest by name.
    assert offered[:3] == ["a-middle_manager", "a-unitleader", "a-benefit_owner"]
    assert offered[3:] == sorted(offered[3:])
    assert "a-politician" not in offered
    responsible = names(form.fields["responsible"])
    assert responsible[0] == "a-benefit_responsible" and "a-politician" not in responsible


def test_project_owners_are_offered_top_management_first_then_unit_leaders(world):
    form = InitiativeForm(instance=world.initiative, organisation=world.org)
    assert names(form.fields["project_owner"])[:5] == [
        "a-top_management",
        "a-middle_manager",
        "a-unitleader",
        "a-owner",
        "a-project_owner",
    ]
    assert names(form.fields["project_leader"])[:2] == ["a-project_leader", "a-portfolio_office"]
    for field in ("project_owner", "project_leader", "service_owner"):
        assert "a-politician" not in names(form.fields[field])


def status_data(**extra) -> dict:
    return {
        "report_date": "2026-11-01",
        "overall_status": "yellow",
        "change_status": "green",
        "deviations-TOTAL_FORMS": "0",
        "deviations-INITIAL_FORMS": "0",
        **extra,
    }


def test_a_status_report_starts_without_deviation_rows_and_adds_them_on_demand(world, login):
    client = login(world.users["owner"])
    url = reverse("portfolio:status_report_add", args=[world.initiative.pk])
    page = assert_page(client.get(url), "Skriv statusrapport")
    assert 'class="ds-fieldset deviation"' not in page
    assert 'name="add_deviation"' in page
    reports = StatusReport.objects.filter(initiative=world.initiative).count()

    one = client.post(url, status_data(add_deviation="1", overall_comment="Går greit"))
    page = assert_page(one, "Skriv statusrapport")
    assert page.count('class="ds-fieldset deviation"') == 1
    assert "Går greit" in page  # what was typed comes back
    assert 'data-color="danger"' not in page  # asking for a row is not an error
    two = client.post(
        url,
        status_data(**{"add_deviation": "1", "deviations-TOTAL_FORMS": "1", "deviations-0-description": "Sent levert"}),
    )
    page = assert_page(two, "Skriv statusrapport")
    assert page.count('class="ds-fieldset deviation"') == 2 and "Sent levert" in page
    assert StatusReport.objects.filter(initiative=world.initiative).count() == reports
    assert not Deviation.objects.for_org(world.org).exists()

    saved = client.post(
        url,
        status_data(
            **{
                "deviations-TOTAL_FORMS": "2",
                "deviations-0-description": "Sent levert",
                "deviations-0-importance": "2",
            }
        ),
    )
    assert saved.status_code == 302
    report = StatusReport.objects.filter(initiative=world.initiative).latest("id")
    assert [d.description for d in report.deviations.all()] == ["Sent levert"]


def test_a_required_field_says_so_once(world, login):
    page = assert_page(
        login(world.users["owner"]).get(reverse("portfolio:status_report_add", args=[world.initiative.pk])),
        "Skriv statusrapport",
    )
    form = page[page.index("<form method") :]
    assert " required" not in form.replace('class="required"', "")
    label = re.search(r'<label class="ds-label" for="id_report_date">(.*?)</label>', form, re.S).group(1)
    assert label.count("påkrevd") == 1


def test_pages_say_when_there_is_nothing_yet(world, login):
    world.training.delete()
    reader = world.users["politician"]
    reader.preferred_language = "en"
    reader.save()
    client = login(reader)
    StrategicGoal.objects.for_org(world.org).delete()
    goals = assert_page(client.get(reverse("benefits:goals")), "Strategic goals")
    assert "No goals yet." in goals
    economics = assert_page(
        client.get(reverse("benefits:economics", args=[world.initiative.pk])), f"Economics: {world.initiative.name}"
    )
    assert "No training planned yet." in economics


def test_in_the_demo_the_benefit_owner_who_leads_a_unit_comes_first(db):
    demo = load_fjordvik(datetime.date(2026, 11, 1))
    benefit = Benefit.objects.for_org(demo.organisation).first()
    owners = names(BenefitForm(instance=benefit, organisation=demo.organisation).fields["owner"])
    # Marte Nilsen is benefit owner and leads Fjordtun sykehjem; then the other leaders by name: of a
    # unit or a sector, or middle managers (the surveys' unit leaders: Arne Lunde, Berit Fossum, Eva
    # Rønning; then Ingrid Sæther, Kari Fjeld); the mayor is never offered.
    assert owners[:6] == [
        "gevinsteier",
        "leder.eiendom",
        "leder.okonomi",
        "leder.strandheim",
        "prosjekteier",
        "kommunedirektor",
    ]
    assert owners.index("mellomleder") < owners.index("ansatt")
    assert "politiker" not in owners
    project_owners = names(
        InitiativeForm(instance=benefit.initiative, organisation=demo.organisation).fields["project_owner"]
    )
    # Top management who also lead a sector first, then the rest of top management (the sector heads
    # the surveys added), then unit leaders.
    assert project_owners[:2] == ["prosjekteier", "kommunedirektor"]
    assert {"kommunalsjef.adm", "kommunalsjef.oppvekst", "kommunalsjef.teknisk"} == set(project_owners[2:5])
    assert project_owners.index("gevinsteier") < project_owners.index("mellomleder") < project_owners.index("ansatt")


def test_the_training_form_says_when_there_are_no_units_to_train(world, login):
    world.affected.delete()  # takes its training rows with it
    reader = world.users["owner"]
    reader.preferred_language = "en"
    reader.save()
    url = reverse("benefits:part_add", kwargs={"pk": world.initiative.pk, "kind": "training"})
    page = assert_page(login(reader).get(url), "Add: Training cost")
    assert "The initiative has no affected units yet." in page
