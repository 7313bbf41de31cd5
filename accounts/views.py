from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.validation import parse_id
from organisations.middleware import SESSION_KEY
from organisations.models import Organisation
from organisations.services import invitations

from .forms import (
    EmailChangeForm,
    LoginForm,
    NewAccountForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
)
from .services.credentials import account_for_email, change_email

# Accounts made here sign in with Django's own backend; axes has already let the request through.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


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
    if (
        organisation_id is None
        or not request.user.memberships.filter(organisation_id=organisation_id, is_active=True).exists()
    ):
        raise Http404
    request.session[SESSION_KEY] = organisation_id
    return redirect("core:home")


@login_required
def account(request):
    """A person's own account: name and language here, links to change e-mail and password."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your account was saved."))
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form})


@login_required
def email_change(request):
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_email(request.user, form.cleaned_data["email"])
        messages.success(request, _("Your e-mail address was changed."))
        return redirect("accounts:account")
    context = {"form": form, "title": _("Change e-mail address")}
    return render(request, "form.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:account")
    extra_context = {"title": gettext_lazy("Change password")}

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Always the same answer, so the page never tells whether an address has an account."""

    template_name = "form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": gettext_lazy("Forgotten password"), "submit_label": gettext_lazy("Send link")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


def invitation(request, organisation: int, token: str):
    """Accept an invitation: join with one's own account, or create one with one's own password."""
    found = invitations.usable_invitation(get_object_or_404(Organisation, pk=organisation), token)
    if found is None:
        return render(request, "accounts/invitation_unusable.html", status=410)
    existing = account_for_email(found.email)
    if request.user.is_authenticated and request.user != existing:
        return render(request, "accounts/invitation.html", {"invitation": found, "state": "other_account"})
    if existing is not None and not request.user.is_authenticated:
        sign_in = f"{reverse('accounts:login')}?next={request.path}"
        return render(
            request, "accounts/invitation.html", {"invitation": found, "state": "sign_in", "sign_in": sign_in}
        )
    if existing is not None:
        if request.method == "POST" and invitations.accept(found, request.user) is not None:
            return _joined(request, found)
        return render(request, "accounts/invitation.html", {"invitation": found, "state": "join"})
    initial = {"first_name": found.first_name, "last_name": found.last_name}
    form = NewAccountForm(request.POST or None, initial=initial, email=found.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = invitations.create_account_and_accept(found, data["first_name"], data["last_name"], data["password1"])
        if user is not None:
            login(request, user, backend=MODEL_BACKEND)
            return _joined(request, found)
    return render(request, "accounts/invitation.html", {"invitation": found, "state": "new_account", "form": form})


def _joined(request, invitation):
    request.session[SESSION_KEY] = invitation.organisation_id
    messages.success(request, _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name})
    return redirect("core:home")
