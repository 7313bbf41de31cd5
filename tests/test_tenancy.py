"""Reading a tenant model without saying whose rows fails loudly instead of leaking."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q

from benefits.models import Benefit, Indicator, Measurement
from core.tenancy import TenantManager, TenantModel, UnscopedQueryError
from portfolio.models import AffectedUnit, Initiative, Stakeholder

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "run",
    [
        lambda: list(Initiative.objects.all()),
        lambda: Initiative.objects.filter(name__contains="a").first(),
        lambda: Initiative.objects.get(name="x"),
        lambda: Initiative.objects.count(),
        lambda: Initiative.objects.exists(),
        lambda: list(Initiative.objects.values_list("name", flat=True)),
        lambda: Initiative.objects.filter(name="x").update(name="y"),
        lambda: Stakeholder.objects.filter(influence=3).delete(),
        lambda: list(Initiative.objects.iterator()),
        lambda: Initiative.objects.in_bulk(),
    ],
)
def test_an_unscoped_query_raises(world, other_world, run):
    with pytest.raises(UnscopedQueryError):
        run()


def test_a_condition_under_or_or_not_does_not_scope(world, other_world):
    either = Q(organisation=world.org) | Q(name=other_world.initiative.name)
    with pytest.raises(UnscopedQueryError):
        list(Initiative.objects.filter(either))
    with pytest.raises(UnscopedQueryError):
        list(Initiative.objects.exclude(organisation=other_world.org))


def test_scoped_reads_return_only_that_organisations_rows(world, other_world):
    assert list(Initiative.objects.for_org(world.org)) == [world.initiative]
    assert list(Stakeholder.objects.filter(initiative=world.initiative)) == [world.stakeholder]
    assert list(world.initiative.stakeholders.all()) == [world.stakeholder]
    assert list(Benefit.objects.filter(initiative__organisation=other_world.org)) == [other_world.benefit]
    assert Initiative.objects.across_organisations().count() == 2
    assert Initiative.objects.none().count() == 0


def test_prefetch_with_its_own_queryset_is_scoped_by_its_parents(world, other_world):
    measurements = Prefetch("indicators__measurements", queryset=Measurement.objects.order_by("measured_on"))
    benefit = Benefit.objects.for_org(world.org).prefetch_related(measurements).get()
    indicator = benefit.indicators.all()[0]
    assert [m.value for m in indicator.measurements.all()] == [35]


def test_bulk_create_copies_the_parents_organisation_and_refuses_rows_without_one(world):
    created = Stakeholder.objects.bulk_create(
        [Stakeholder(initiative=world.initiative, name="Bulk", influence=1, attitude=0)]
    )
    assert created[0].organisation_id == world.org.pk
    assert Stakeholder.objects.for_org(world.org).filter(name="Bulk").exists()
    with pytest.raises(UnscopedQueryError):
        Initiative.objects.bulk_create([Initiative(name="Orphan")])
    assert not Initiative.objects.across_organisations().filter(name="Orphan").exists()


def test_every_tenant_model_uses_the_scoped_manager():
    # A model that declares its own ``objects`` would silently read unscoped.
    tenant_models = [model for model in apps.get_models() if issubclass(model, TenantModel)]
    assert Indicator in tenant_models
    wrong = [m.__name__ for m in tenant_models if not isinstance(m._default_manager, TenantManager)]
    assert not wrong


def test_model_validation_checks_uniqueness_without_being_refused(world):
    # Django's own check of a unique constraint looks across the table; it may, and must still work.
    duplicate = AffectedUnit(initiative=world.initiative, unit=world.unit, employees_affected=1)
    duplicate.organisation = world.org
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "__all__" in error.value.message_dict
    with pytest.raises(UnscopedQueryError):  # and the permission lasts only for the check
        list(Initiative.objects.all())
