from .actor import build_actor

SESSION_KEY = "organisation_id"


class ActorMiddleware:
    """Sets ``request.actor`` (or None) for signed-in people from their chosen organisation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = None
        if request.user.is_authenticated:
            request.actor = build_actor(request.user, request.session.get(SESSION_KEY))
        return self.get_response(request)
