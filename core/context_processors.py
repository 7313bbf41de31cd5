from django.conf import settings


def navigation(request) -> dict:
    actor = getattr(request, "actor", None)
    return {
        "actor": actor,
        "languages": settings.LANGUAGES,
        "other_memberships": (
            request.user.memberships.filter(is_active=True)
            .exclude(organisation=actor.organisation)
            .select_related("organisation")
            if actor is not None
            else []
        ),
    }
