"""The two checks every view makes: a signed-in member of an organisation, and a named rule."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .permissions import can, require

__all__ = ["can", "member_required", "require"]


def member_required(view):
    """Only signed-in people with a membership in some organisation get through."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.actor is None:
            return render(request, "core/no_membership.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
