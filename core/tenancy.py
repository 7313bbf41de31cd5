"""Tenant scoping in one place.

Every model that belongs to a municipality inherits ``TenantModel``: it carries its own
``organisation`` foreign key (child rows copy it from their parent on save), and its
default manager has ``for_org``. Views fetch objects only through ``for_org`` (usually via
``get_for_org_or_404``), so an id from another organisation is a 404 like an unknown id.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


class TenantQuerySet(models.QuerySet):
    def for_org(self, organisation) -> TenantQuerySet:
        return self.filter(organisation=organisation)


class TenantModel(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", editable=False
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True

    #: Name of the field whose object this row belongs to; its organisation is copied on save.
    tenant_parent: str | None = None

    def save(self, *args, **kwargs):
        if self.tenant_parent:
            parent = getattr(self, self.tenant_parent)
            self.organisation_id = parent.organisation_id
        super().save(*args, **kwargs)


def get_for_org_or_404(model_or_queryset: type[M] | TenantQuerySet, organisation, **lookup) -> M:
    """Fetch one object of ``organisation``; other organisations' objects do not exist."""
    queryset = model_or_queryset if isinstance(model_or_queryset, models.QuerySet) else model_or_queryset.objects.all()
    try:
        return queryset.for_org(organisation).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
