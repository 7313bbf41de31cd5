from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.validation import parse_id
from organisations.middleware import SESSION_KEY

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def switch_organisation(request):
    """Choose which of one's own organisations to work in; others do not exist."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    organisation_id = parse_id(request.POST.get("organisation", ""))
    if organisation_id is None or not request.user.memberships.filter(organisation_id=organisation_id).exists():
        raise Http404
    request.session[SESSION_KEY] = organisation_id
    return redirect("core:home")
