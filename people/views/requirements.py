"""What an initiative needs of competence in each affected unit."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import delete_object, edit_object
from core.tenancy import get_for_org_or_404
from portfolio.models import AffectedUnit, Initiative

from ..forms.competence import RequirementForm
from ..models import CompetenceRequirement


@member_required
def initiative_people(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    affected_units = initiative.affected_units.select_related("unit").prefetch_related("competence_needs__theme")
    return render(request, "people/initiative.html", {"initiative": initiative, "affected_units": affected_units})


def _back(initiative: Initiative) -> str:
    return reverse("people:initiative", args=[initiative.pk])


@member_required
def requirement_add(request, pk: int):
    affected = get_for_org_or_404(
        AffectedUnit.objects.select_related("initiative", "unit"), request.actor.organisation, pk=pk
    )
    require(request.actor, "people.change_requirements", affected.initiative)
    return edit_object(
        request,
        RequirementForm,
        CompetenceRequirement(affected_unit=affected),
        title=_("Add competence need for %(unit)s") % {"unit": affected.unit.name},
        back=_back(affected.initiative),
        context={"initiative": affected.initiative},
    )


@member_required
def requirement_edit(request, pk: int):
    need = get_for_org_or_404(
        CompetenceRequirement.objects.select_related("affected_unit__initiative", "affected_unit__unit"),
        request.actor.organisation,
        pk=pk,
    )
    initiative = need.affected_unit.initiative
    require(request.actor, "people.change_requirements", initiative)
    return edit_object(
        request,
        RequirementForm,
        need,
        title=_("Edit competence need for %(unit)s") % {"unit": need.affected_unit.unit.name},
        back=_back(initiative),
        context={"initiative": initiative},
    )


@require_POST
@member_required
def requirement_delete(request, pk: int):
    need = get_for_org_or_404(
        CompetenceRequirement.objects.select_related("affected_unit__initiative"), request.actor.organisation, pk=pk
    )
    require(request.actor, "people.change_requirements", need.affected_unit.initiative)
    return delete_object(request, need, _back(need.affected_unit.initiative))
