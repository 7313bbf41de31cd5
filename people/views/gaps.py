"""Competence figures per unit (groups of at least the minimum size) and the gaps."""

from django.shortcuts import render

from core.access import can, member_required, require
from core.anonymity import minimum_group_size
from core.tenancy import get_for_org_or_404
from organisations.models import OrgUnit

from ..models import LEVELS
from ..services.gaps import gap_heatmap, unit_competence


@member_required
def gaps(request):
    actor = request.actor
    require(actor, "people.view_competence_overview")
    visible = None if can(actor, "people.view_all_units") else actor.led_unit_ids
    heatmap = gap_heatmap(actor.organisation, visible)
    return render(request, "people/gaps.html", {"heatmap": heatmap})


@member_required
def unit_competence_view(request, pk: int):
    unit = get_for_org_or_404(OrgUnit, request.actor.organisation, pk=pk)
    require(request.actor, "people.view_unit_competence", unit)
    organisation = request.actor.organisation
    return render(
        request,
        "people/unit.html",
        {
            "unit": unit,
            "themes": unit_competence(organisation, unit),
            "levels": LEVELS,
            "minimum": minimum_group_size(organisation),
        },
    )
