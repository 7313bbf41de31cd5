"""Rights that depend only on a person's roles in the organisation."""

from .actor import Actor
from .models import Role


def can_manage_organisation(actor: Actor) -> bool:
    """Units, people and roles are kept by administrators."""
    return actor.has(Role.ADMINISTRATOR)
