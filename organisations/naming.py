"""Who may be named on a row that gives rights (owner, leader, measurer, signer): never a read-only member.

Politicians only read. The forms leave them out of the choices and the models refuse them, so a
forged form or a service call gets a field error instead of a politician holding a right.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.forms import members_of, named_person

from .models import READ_ONLY_ROLES, RoleAssignment

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


class NamedPeopleFormMixin:
    """Offers only people who may be named in the form's ``named_people_fields``."""

    named_people_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.named_people_fields:
            if name in self.fields:
                keep = named_person(self, name)
                self.fields[name].queryset = people_who_may_be_named(self.organisation, keep=keep)
