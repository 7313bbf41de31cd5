"""Appointing change agents, and the read-only list of whom to ask."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import delete_object, edit_object
from core.tenancy import get_for_org_or_404

from ..forms.agents import ChangeAgentForm
from ..models import ChangeAgent
from ..services.agents import whom_to_ask
from .training import affected_unit, readiness_url


@member_required
def agent_add(request, pk: int):
    affected = affected_unit(request, pk)
    require(request.actor, "people.appoint_agents", affected)
    return edit_object(
        request,
        ChangeAgentForm,
        ChangeAgent(initiative=affected.initiative, affected_unit=affected),
        title=_("Appoint a change agent in %(unit)s") % {"unit": affected.unit.name},
        back=readiness_url(affected.initiative_id),
        context={"initiative": affected.initiative},
    )


def _agent(request, pk: int) -> ChangeAgent:
    return get_for_org_or_404(
        ChangeAgent.objects.select_related("initiative", "affected_unit__unit", "person"),
        request.actor.organisation,
        pk=pk,
    )


@member_required
def agent_edit(request, pk: int):
    agent = _agent(request, pk)
    require(request.actor, "people.appoint_agents", agent)
    return edit_object(
        request,
        ChangeAgentForm,
        agent,
        title=_("Edit change agent in %(unit)s") % {"unit": agent.affected_unit.unit.name},
        back=readiness_url(agent.initiative_id),
        context={"initiative": agent.initiative},
    )


@require_POST
@member_required
def agent_delete(request, pk: int):
    agent = _agent(request, pk)
    require(request.actor, "people.appoint_agents", agent)
    return delete_object(request, agent, readiness_url(agent.initiative_id))


@member_required
def whom_to_ask_list(request):
    require(request.actor, "people.view_initiative")
    return render(request, "people/agents/whom_to_ask.html", {"agents": whom_to_ask(request.actor)})
