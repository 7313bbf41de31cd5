from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import member_required, require
from core.audit import history_for
from core.tenancy import get_for_org_or_404

from .forms import OrganisationForm, OrgUnitForm, PersonForm
from .models import Membership, OrgUnit, RoleAssignment
from .services.people import save_person
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
    unit = get_for_org_or_404(OrgUnit, request.actor.organisation, pk=pk)
    context = {
        "unit": unit,
        "impacts": unit.impacts.select_related("initiative").order_by("change_from"),
        "children": unit.children.all(),
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
    organisation = request.actor.organisation
    roles = RoleAssignment.objects.for_org(organisation).select_related("unit", "initiative")  # each shows its scope
    memberships = (
        Membership.objects.for_org(organisation)
        .select_related("user", "unit")
        .prefetch_related(Prefetch("roles", queryset=roles))
        .order_by("user__first_name", "user__last_name")
    )
    return render(request, "organisations/people_list.html", {"memberships": memberships})


@member_required
def person_edit(request, pk: int | None = None):
    require(request.actor, "organisations.manage")
    organisation = request.actor.organisation
    membership = get_for_org_or_404(Membership, organisation, pk=pk) if pk else None
    user = membership.user if membership else get_user_model()()
    form = PersonForm(request.POST or None, instance=user, membership=membership, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        save_person(organisation, form.instance, form.cleaned_data)
        messages.success(request, _("The person was saved."))
        return redirect("organisations:people")
    title = _("Edit person") if pk else _("New person")
    return render(request, "form.html", {"form": form, "title": title})
