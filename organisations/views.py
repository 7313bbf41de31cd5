from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.audit import history_for
from core.editing import delete_object, edit_object
from core.permissions import can
from core.tenancy import get_for_org_or_404
from people.services.unit_page import unit_page

from .forms import InvitationForm, MembershipForm, OrganisationForm, OrgUnitForm, ScopedRoleForm
from .models import Membership, OrgUnit, RoleAssignment
from .services.invitations import invite, pending_invitations, resend
from .services.people import people_rows, save_membership, scoped_roles
from .services.person_history import history_for_membership
from .services.tree import unit_tree


@member_required
def unit_list(request):
    actor = request.actor
    context = {
        "tree": unit_tree(actor.organisation),
        "organisation": actor.organisation,
    }
    return render(request, "organisations/unit_list.html", context)


@member_required
def unit_detail(request, pk: int):
    actor = request.actor
    unit = get_for_org_or_404(OrgUnit.objects.select_related("parent", "leader"), actor.organisation, pk=pk)
    context = {
        "unit": unit,
        "page": unit_page(actor, unit, timezone.localdate()),
        "history": history_for(unit),
    }
    return render(request, "organisations/unit_detail.html", context)


@member_required
def unit_edit(request, pk: int | None = None):
    require(request.actor, "organisations.manage")
    organisation = request.actor.organisation
    unit = get_for_org_or_404(OrgUnit, organisation, pk=pk) if pk else OrgUnit()
    form = OrgUnitForm(request.POST or None, instance=unit, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The unit was saved."))
        return redirect("organisations:unit", pk=unit.pk)
    title = _("Edit unit") if pk else _("New unit")
    return render(request, "form.html", {"form": form, "title": title})


@member_required
def organisation_edit(request):
    require(request.actor, "organisations.manage")
    organisation = request.actor.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation was saved."))
        return redirect("organisations:units")
    return render(request, "form.html", {"form": form, "title": _("Organisation settings")})


@member_required
def people_list(request):
    actor = request.actor
    can_manage = can(actor, "organisations.manage")
    context = {
        "people": people_rows(actor),
        "can_manage": can_manage,
        "former": people_rows(actor, active=False) if can_manage else [],
        "invitations": pending_invitations(actor.organisation).select_related("unit") if can_manage else [],
    }
    return render(request, "organisations/people_list.html", context)


@member_required
def person_edit(request, pk: int):
    require(request.actor, "organisations.manage")
    organisation = request.actor.organisation
    membership = get_for_org_or_404(Membership.objects.select_related("user"), organisation, pk=pk)
    form = MembershipForm(request.POST or None, instance=membership, organisation=organisation, editor=request.user)
    if request.method == "POST" and form.is_valid():
        save_membership(membership, form.cleaned_data)
        messages.success(request, _("The membership was saved."))
        return redirect("organisations:people")
    context = {
        "form": form,
        "title": _("Membership of %(name)s") % {"name": membership.user},
        "membership": membership,
        "scoped_roles": scoped_roles(membership).select_related("unit", "initiative"),
        "history": history_for_membership(membership, request.actor),
    }
    return render(request, "organisations/membership_form.html", context)


@member_required
def scoped_role_add(request, pk: int):
    require(request.actor, "organisations.manage")
    membership = get_for_org_or_404(Membership.objects.select_related("user"), request.actor.organisation, pk=pk)
    return edit_object(
        request,
        ScopedRoleForm,
        RoleAssignment(membership=membership),
        title=_("Role for a unit or an initiative: %(name)s") % {"name": membership.user},
        back=reverse("organisations:person_edit", args=[membership.pk]),
    )


@require_POST
@member_required
def scoped_role_delete(request, pk: int):
    require(request.actor, "organisations.manage")
    assignment = get_for_org_or_404(scoped_roles(), request.actor.organisation, pk=pk)
    return delete_object(request, assignment, reverse("organisations:person_edit", args=[assignment.membership_id]))


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@member_required
def invitation_create(request):
    require(request.actor, "organisations.manage")
    organisation = request.actor.organisation
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        invite(organisation, form.cleaned_data, invited_by=request.user, base_url=_site(request))
        # The same words whether or not the address has an account anywhere.
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("organisations:people")
    context = {"form": form, "title": _("Invite a person"), "submit_label": _("Send invitation")}
    return render(request, "form.html", context)


@require_POST
@member_required
def invitation_resend(request, pk: int):
    require(request.actor, "organisations.manage")
    invitation = get_for_org_or_404(pending_invitations(request.actor.organisation), request.actor.organisation, pk=pk)
    resend(invitation, _site(request))
    messages.success(request, _("A new invitation was sent to %(email)s.") % {"email": invitation.email})
    return redirect("organisations:people")


@require_POST
@member_required
def invitation_withdraw(request, pk: int):
    require(request.actor, "organisations.manage")
    invitation = get_for_org_or_404(pending_invitations(request.actor.organisation), request.actor.organisation, pk=pk)
    invitation.delete()
    messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("organisations:people")
