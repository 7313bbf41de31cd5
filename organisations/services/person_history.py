"""A person's history in one organisation: their account, membership and roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from core.audit import History, read_history
from core.permissions import can

from ..actor import Actor
from ..models import Membership, RoleAssignment


def history_for_membership(membership: Membership, viewer: Actor) -> History:
    """Changes to the person's account, their membership here and their roles here.

    Only administrators and the person see union-representative roles (special-category data).
    """
    content_type = ContentType.objects.get_for_model
    condition = (
        Q(content_type=content_type(Membership), object_pk=str(membership.pk))
        | Q(content_type=content_type(RoleAssignment), additional_data__membership=membership.pk)
        | Q(content_type=content_type(get_user_model()), object_pk=str(membership.user_id))
    )
    show_union_roles = can(viewer, "organisations.view_union_role", membership)
    return read_history(condition, membership.organisation_id, show_union_roles=show_union_roles)
