"""Who may be named on a row that gives rights (owner, leader, measurer, signer): never a read-only member.

Politicians only read. The forms leave them out of the choices and the models refuse them, so a
forged form or a service call gets a field error instead of a politician holding a right.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core.forms import members_of, named_person

from .models import READ_ONLY_ROLES, OrgUnit, Role, RoleAssignment

READ_ONLY_NAMED = _("A politician only reads and cannot be named here. Choose someone else.")


def read_only_people(organisation) -> set[int]:
    """Ids of the people whose membership in ``organisation`` holds a read-only role."""
    assignments = RoleAssignment.objects.for_org(organisation).filter(role__in=READ_ONLY_ROLES)
    return set(assignments.values_list("membership__user_id", flat=True))


def people_who_may_be_named(organisation, *, keep: int | None = None):
    """Members of ``organisation`` who may be given a right by being named on a row."""
    return members_of(organisation, keep=keep).exclude(pk__in=read_only_people(organisation))


def read_only_named(instance, organisation, fields: tuple[str, ...]) -> dict[str, str]:
    """A field error for each of ``instance``'s person ``fields`` that names a read-only member."""
    named = {name: getattr(instance, f"{name}_id") for name in fields if getattr(instance, f"{name}_id")}
    if not named:
        return {}
    read_only = read_only_people(organisation)
    return {name: READ_ONLY_NAMED for name, user_id in named.items() if user_id in read_only}


#: Who fits each person field best, best first: a role, or ``LEADS_UNIT`` (leads a unit or holds
#: the middle manager role). A person matching an earlier fit comes before one matching only later
#: ones; matching more breaks ties; people with none of them come last. Within each, by name.
LEADS_UNIT = "leads_unit"
BEST_FIT: dict[str, tuple[str, ...]] = {
    "portfolio.Initiative.project_owner": (Role.TOP_MANAGEMENT, LEADS_UNIT, Role.PROJECT_OWNER),
    "portfolio.Initiative.project_leader": (Role.PROJECT_LEADER, Role.PORTFOLIO_OFFICE),
    "portfolio.Initiative.service_owner": (LEADS_UNIT, Role.TOP_MANAGEMENT),
    "benefits.Benefit.owner": (LEADS_UNIT, Role.BENEFIT_OWNER),
    "benefits.Benefit.responsible": (Role.BENEFIT_RESPONSIBLE, LEADS_UNIT),
    "benefits.RealisationMeasure.responsible": (LEADS_UNIT, Role.BENEFIT_RESPONSIBLE),
    "benefits.Indicator.measured_by": (Role.BENEFIT_RESPONSIBLE, Role.BENEFIT_OWNER, LEADS_UNIT),
    "organisations.OrgUnit.leader": (Role.MIDDLE_MANAGER, Role.TOP_MANAGEMENT),
    # Top management removes the barriers the middle managers named; unit leaders help.
    "surveys.RemedyTask.owner": (Role.TOP_MANAGEMENT, LEADS_UNIT),
}


def _fits(organisation, fit: str) -> Q:
    """People who fit ``fit`` in ``organisation``, as a condition on the person's row."""
    roles = RoleAssignment.objects.for_org(organisation).filter(
        membership__user=OuterRef("pk"), membership__is_active=True
    )
    if fit != LEADS_UNIT:
        return Q(Exists(roles.filter(role=fit)))
    leads = OrgUnit.objects.for_org(organisation).filter(leader=OuterRef("pk"))
    return Q(Exists(leads)) | Q(Exists(roles.filter(role=Role.MIDDLE_MANAGER)))


def person_choices(organisation, field: str, *, keep: int | None = None):
    """The people a form may offer for ``field`` ("app.Model.field"), those who fit it best first.

    Never a read-only member (a politician holds no row's right, and is named on none); ordered
    by ``BEST_FIT[field]``, then by name (a field without an entry: by name). Every person
    choice of every form comes from here.
    """
    people = people_who_may_be_named(organisation, keep=keep)
    fits = BEST_FIT.get(field, ())
    if not fits:
        return people
    # Each fit weighs more than all later ones together, so the sum orders as the table reads.
    score = sum(
        Case(When(_fits(organisation, fit), then=Value(2 ** (len(fits) - index))), default=Value(0))
        for index, fit in enumerate(fits)
    )
    return people.annotate(fit=score).order_by("-fit", "first_name", "last_name")


class PersonChoicesFormMixin:
    """Every person choice of the form: only people who may be named, those who fit best first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = self._meta.model._meta.label
        for name, field in self.fields.items():
            if getattr(field, "queryset", None) is not None and field.queryset.model is get_user_model():
                keep = named_person(self, name)
                field.queryset = person_choices(self.organisation, f"{label}.{name}", keep=keep)
