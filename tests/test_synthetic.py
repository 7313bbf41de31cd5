import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.synthetic import generate
from organisations.models import Membership, Organisation, OrgUnit, RoleAssignment
from organisations.validators import validate_orgnr
from portfolio.models import (
    AffectedUnit,
    Deviation,
    Initiative,
    Phase,
    PhaseChange,
    Programme,
    Stakeholder,
    StatusReport,
)

REFERENCE = datetime.date(2026, 3, 15)


def _new_orgs(before: set[int]) -> list[Organisation]:
    return list(Organisation.objects.exclude(pk__in=before).order_by("pk"))


@pytest.mark.django_db
def test_counts_match_the_request_and_the_database():
    counts = generate(3, 10, reference=REFERENCE)

    orgs = list(Organisation.objects.all())
    assert counts["Organisation"] == len(orgs) == 3
    assert counts["Initiative"] == Initiative.objects.across_organisations().count() == 30
    for org in orgs:
        assert Initiative.objects.for_org(org).count() == 10
    for model in (
        OrgUnit,
        Membership,
        RoleAssignment,
        Programme,
        PhaseChange,
        AffectedUnit,
        Stakeholder,
        StatusReport,
        Deviation,
    ):
        assert counts[model.__name__] == model.objects.across_organisations().count() > 0, model.__name__
    assert counts["User"] == get_user_model().objects.count()
    assert all(u.username.startswith("syn") for u in get_user_model().objects.all())


@pytest.mark.django_db
def test_organisations_are_valid_municipalities():
    generate(3, 10, reference=REFERENCE)

    numbers = list(Organisation.objects.values_list("org_number", flat=True))
    assert len(set(numbers)) == 3
    for number in numbers:
        validate_orgnr(number)  # raises ValidationError if the check digit is wrong
    for org in Organisation.objects.all():
        org.full_clean()
        assert org.name.startswith("Syntetisk kommune ")
        assert len(org.municipality_number) == 4
        assert org.region is not None
        sectors = OrgUnit.objects.for_org(org).filter(level=OrgUnit.Level.SECTOR)
        assert sectors.count() == 5
        assert OrgUnit.objects.for_org(org).filter(level=OrgUnit.Level.UNIT).count() >= 25
        assert OrgUnit.objects.for_org(org).filter(level=OrgUnit.Level.DEPARTMENT).exists()
        assert OrgUnit.objects.for_org(org).filter(runs_24_7=True, parent__name="Helse og omsorg").exists()
        assert not OrgUnit.objects.for_org(org).filter(runs_24_7=True, parent__name="Oppvekst").exists()


@pytest.mark.django_db
def test_every_tenant_row_belongs_to_its_parents_organisation():
    generate(3, 10, reference=REFERENCE)

    for unit in OrgUnit.objects.across_organisations().select_related("parent"):
        unit.full_clean()  # level matches the parent's level, same organisation
        if unit.parent:
            assert unit.parent.organisation_id == unit.organisation_id
    for membership in Membership.objects.across_organisations().select_related("user", "unit"):
        if membership.unit:
            assert membership.unit.organisation_id == membership.organisation_id
    for role in RoleAssignment.objects.across_organisations().select_related("membership"):
        assert role.organisation_id == role.membership.organisation_id
    for initiative in Initiative.objects.across_organisations().select_related("sector", "programme"):
        initiative.full_clean()
        assert initiative.sector.organisation_id == initiative.organisation_id
        if initiative.programme:
            assert initiative.programme.organisation_id == initiative.organisation_id
        for user in (initiative.project_owner_id, initiative.project_leader_id, initiative.service_owner_id):
            if user:
                assert (
                    Membership.objects.across_organisations()
                    .filter(organisation=initiative.organisation, user_id=user)
                    .exists()
                )
    for model in (PhaseChange, Stakeholder, StatusReport):
        for row in model.objects.across_organisations().select_related("initiative"):
            assert row.organisation_id == row.initiative.organisation_id, model.__name__
    for affected in AffectedUnit.objects.across_organisations().select_related("unit", "initiative"):
        assert affected.unit.organisation_id == affected.initiative.organisation_id == affected.organisation_id
        affected.full_clean()  # no more employees affected than the unit has
    for deviation in Deviation.objects.across_organisations().select_related("report"):
        assert deviation.organisation_id == deviation.report.organisation_id


@pytest.mark.django_db
def test_phases_and_history():
    generate(3, 10, reference=REFERENCE)

    for org in Organisation.objects.all():
        phases = set(Initiative.objects.for_org(org).values_list("phase", flat=True))
        assert phases == set(Phase.values)
    for initiative in Initiative.objects.across_organisations().prefetch_related("phase_changes"):
        history = sorted(initiative.phase_changes.all(), key=lambda change: change.pk)  # in the order made
        assert history[0].from_phase == ""
        assert history[0].to_phase == Phase.CONCEPT
        assert history[-1].to_phase == initiative.phase
        assert [c.from_phase for c in history[1:]] == [c.to_phase for c in history[:-1]]
        dates = [change.changed_on for change in history]
        assert dates == sorted(dates)
        assert dates[-1] <= REFERENCE
        assert initiative.phase_changes.first().to_phase == initiative.phase  # what the page shows as latest
        if initiative.phase == Phase.CONCEPT:
            assert not initiative.status_reports.exists()


@pytest.mark.django_db
def test_running_twice_adds_new_municipalities_without_collisions():
    first = generate(3, 10, reference=REFERENCE)
    second = generate(3, 10, reference=REFERENCE)

    assert first["Organisation"] == second["Organisation"] == 3
    assert Organisation.objects.count() == 6
    assert len(set(Organisation.objects.values_list("name", flat=True))) == 6
    assert Initiative.objects.across_organisations().count() == 60
    assert second["Region"] == 0  # the region of the first run is reused


@pytest.mark.django_db
def test_same_seed_gives_the_same_initiatives():
    def names(seed: int) -> list[list[str]]:
        before = set(Organisation.objects.values_list("pk", flat=True))
        generate(3, 10, seed=seed, reference=REFERENCE)
        return [
            list(Initiative.objects.for_org(org).order_by("pk").values_list("name", flat=True))
            for org in _new_orgs(before)
        ]

    first, again, other = names(7), names(7), names(8)
    assert first == again
    assert first != other


@pytest.mark.django_db
def test_command_prints_counts_and_time():
    out = StringIO()
    call_command("generate_synthetic", "--organisations", "2", "--initiatives", "7", "--seed", "3", stdout=out)

    counts = dict(line.rsplit(maxsplit=1) for line in out.getvalue().splitlines() if not line.startswith("Done"))
    assert counts["Organisation"] == "2" and counts["Initiative"] == "14"  # 2 organisations × 7 initiatives
    assert int(counts["Total"]) == sum(int(n) for name, n in counts.items() if name != "Total")
    assert re.search(r"^Done in \d+\.\d\d s\.$", out.getvalue(), re.M)
    assert Organisation.objects.count() == 2 and Initiative.objects.across_organisations().count() == 14
