from django.conf import settings


def navigation(request) -> dict:
    actor = getattr(request, "actor", None)
    return {
        "actor": actor,
        "languages": settings.LANGUAGES,
        "other_memberships": actor.other_memberships if actor is not None else (),
    }
