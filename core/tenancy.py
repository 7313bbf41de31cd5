"""Tenant scoping in one place.

Every model that belongs to a municipality inherits ``TenantModel``: it carries its own
``organisation`` foreign key (child rows copy it from their parent on save, and in
``bulk_create``), and its default manager returns querysets that refuse to run until they are
scoped, in the spirit of NetBox's restricted querysets. A queryset is scoped by

- ``for_org(organisation)`` (or any filter on ``organisation``),
- a filter on the row's tenant parent (``filter(initiative=initiative)``) where the parent was
  itself fetched for the organisation,
- being a related manager of an object already fetched (``initiative.stakeholders.all()``),
- ``across_organisations()``, the explicit choice of commands that serve every tenant.

A forgotten filter raises ``UnscopedQueryError`` instead of leaking another municipality's rows.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models
from django.db.models.expressions import Col
from django.db.models.sql.where import AND, WhereNode
from django.http import Http404

M = TypeVar("M", bound=models.Model)


#: True while Django checks a unique constraint: a constraint holds across the whole table, so
#: the check looks across organisations, and learns only whether a value is taken.
_checking_uniqueness: ContextVar[bool] = ContextVar("checking_uniqueness", default=False)


class UnscopedQueryError(RuntimeError):
    """A tenant model was read or written without saying which organisation's rows."""


class TenantQuerySet(models.QuerySet):
    _tenant_scoped = False

    def _clone(self):
        clone = super()._clone()
        clone._tenant_scoped = self._tenant_scoped
        return clone

    def for_org(self, organisation) -> TenantQuerySet:
        return self.filter(organisation=organisation)

    def across_organisations(self) -> TenantQuerySet:
        """Every organisation's rows, deliberately: for commands and jobs that serve all tenants."""
        clone = self._chain()
        clone._tenant_scoped = True
        return clone

    def _check_scoped(self) -> None:
        if self._tenant_scoped or _checking_uniqueness.get() or self.query.is_empty():
            return
        if not _narrowed(self.query.where, self.model):
            raise UnscopedQueryError(
                f"{self.model.__name__} was queried without an organisation: use for_org(), a parent "
                "filter or a related manager, or across_organisations() in a command that serves all."
            )

    # Every way a queryset reaches the database checks its scope first.
    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._check_scoped()
        return super().iterator(*args, **kwargs)

    def count(self) -> int:
        if self._result_cache is None:
            self._check_scoped()
        return super().count()

    def exists(self) -> bool:
        if self._result_cache is None:
            self._check_scoped()
        return super().exists()

    def aggregate(self, *args, **kwargs) -> dict[str, Any]:
        self._check_scoped()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs) -> int:
        self._check_scoped()
        return super().update(**kwargs)

    def delete(self):
        self._check_scoped()
        return super().delete()

    def in_bulk(self, *args, **kwargs):
        self._check_scoped()
        return super().in_bulk(*args, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        """Child rows take their parent's organisation here too; a row without one is refused."""
        objs = list(objs)
        for obj in objs:
            obj.copy_parent_organisation()
            if obj.organisation_id is None:
                raise UnscopedQueryError(f"{self.model.__name__} bulk_create without an organisation.")
        return super().bulk_create(objs, *args, **kwargs)


def _narrowed(node: WhereNode, model) -> bool:
    """Must every row match a condition on its organisation (or its tenant parent)?

    Read from the compiled query rather than from ``filter()`` arguments, so conditions Django adds
    itself (a prefetch's ``parent__in``) count too; a condition under OR or NOT does not.
    """
    if node.negated or node.connector != AND:
        return False
    for child in node.children:
        if isinstance(child, WhereNode):
            if _narrowed(child, model):
                return True
            continue
        column = getattr(child, "lhs", None)
        if isinstance(column, Col) and _is_scoping_field(column.target, model):
            return True
    return False


def _is_scoping_field(field, model) -> bool:
    if field.name == "organisation" and issubclass(field.model, TenantModel):
        return True
    return field.model is model and field.name == model.tenant_parent


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    def get_queryset(self) -> TenantQuerySet:
        queryset = super().get_queryset()
        # A related manager (``initiative.stakeholders``) reads the rows of an object that was
        # itself fetched for its organisation, so its queryset is scoped by construction.
        if getattr(self, "instance", None) is not None:
            queryset._tenant_scoped = True
        return queryset


class TenantModel(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", editable=False
    )

    objects = TenantManager()

    class Meta:
        abstract = True

    #: Name of the field whose object this row belongs to; its organisation is copied on save.
    tenant_parent: str | None = None

    def save(self, *args, **kwargs):
        self.copy_parent_organisation()
        super().save(*args, **kwargs)

    def _perform_unique_checks(self, unique_checks):
        token = _checking_uniqueness.set(True)
        try:
            return super()._perform_unique_checks(unique_checks)
        finally:
            _checking_uniqueness.reset(token)

    def validate_constraints(self, exclude=None):
        token = _checking_uniqueness.set(True)
        try:
            return super().validate_constraints(exclude=exclude)
        finally:
            _checking_uniqueness.reset(token)

    def copy_parent_organisation(self) -> None:
        if self.tenant_parent:
            self.organisation_id = getattr(self, self.tenant_parent).organisation_id


def get_for_org_or_404(model_or_queryset: type[M] | TenantQuerySet, organisation, **lookup) -> M:
    """Fetch one object of ``organisation``; other organisations' objects do not exist."""
    queryset = model_or_queryset if isinstance(model_or_queryset, models.QuerySet) else model_or_queryset.objects.all()
    try:
        return queryset.for_org(organisation).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
