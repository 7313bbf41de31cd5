from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import member_required, require
from core.audit import history_for
from core.exports import csv_response, xlsx_response
from core.htmx import render_page_or_partial
from core.tenancy import get_for_org_or_404

from ..filters import PortfolioFilter
from ..forms import InitiativeForm, PhaseChangeForm
from ..models import AffectedUnit, Idea, Initiative, Stakeholder
from ..services.card import idea_units_not_affected, missing_on_card
from ..services.listing import export_table, portfolio_page, portfolio_queryset
from ..services.phases import allowed_next_phases, change_phase, record_creation
from ..services.stakeholders import stakeholder_matrix
from ..services.timeline import build_timeline


def _filtered(request):
    organisation = request.actor.organisation
    return PortfolioFilter(request.GET or None, portfolio_queryset(organisation), organisation=organisation)


@member_required
def portfolio_list(request):
    filterset = _filtered(request)
    page = portfolio_page(filterset.qs, request.GET)
    context = {"filter": filterset, "page": page, "initiatives": page.rows, "export_query": page.paged_url}
    return render_page_or_partial(request, "portfolio/list.html", "portfolio/_list_table.html", context)


@member_required
def portfolio_export(request, fmt: str):
    header, rows = export_table(_filtered(request).qs)
    filename = "portefolje"
    if fmt == "xlsx":
        return xlsx_response(filename, _("Portfolio"), header, rows)
    return csv_response(filename, header, rows)


@member_required
def timeline(request):
    filterset = _filtered(request)
    page = portfolio_page(filterset.qs, request.GET)  # 50 bars a page, like the list, or all on request
    context = {"filter": filterset, "page": page, "timeline": build_timeline(list(page.rows), timezone.localdate())}
    return render(request, "portfolio/timeline.html", context)


@member_required
def initiative_detail(request, pk: int):
    organisation = request.actor.organisation
    people = ("project_owner", "project_leader", "service_owner")
    initiative = get_for_org_or_404(
        Initiative.objects.select_related("organisation", "sector", "programme", *people), organisation, pk=pk
    )
    idea = Idea.objects.for_org(organisation).filter(initiative=initiative).select_related("proposer").first()
    affected_units = list(initiative.affected_units.select_related("unit", "unit__parent", "wave"))
    context = {
        "initiative": initiative,
        "missing": missing_on_card(initiative),
        "units_from_idea": idea_units_not_affected(initiative, idea),
        "phase_changes": initiative.phase_changes.select_related("changed_by"),
        "affected_units": affected_units,
        "units_without_wave": [affected for affected in affected_units if affected.wave_id is None],
        "waves": initiative.waves.prefetch_related(
            Prefetch(
                "affected_units",
                queryset=AffectedUnit.objects.for_org(organisation).select_related("unit").order_by("unit__name"),
            )
        ),
        "stakeholders": initiative.stakeholders.all(),
        "reports": initiative.status_reports.prefetch_related("deviations").select_related("author")[:5],
        "history": history_for(initiative, children_key="initiative"),
        "idea": idea,
    }
    return render(request, "portfolio/initiative_detail.html", context)


@member_required
def initiative_create(request):
    require(request.actor, "portfolio.create_initiative")
    form = InitiativeForm(request.POST or None, organisation=request.actor.organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            initiative = form.save()
            record_creation(initiative, by=request.user, on=timezone.localdate())
        messages.success(request, _("The initiative was created."))
        return redirect(initiative)
    return render(request, "form.html", {"form": form, "title": _("New initiative")})


@member_required
def initiative_edit(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative", initiative)
    form = InitiativeForm(request.POST or None, instance=initiative, organisation=request.actor.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(initiative)
    return render(request, "form.html", {"form": form, "title": _("Edit initiative"), "initiative": initiative})


@member_required
def initiative_phase(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative", initiative)
    allowed = allowed_next_phases(initiative.phase)
    form = PhaseChangeForm(request.POST or None, allowed=allowed, initial={"changed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            change_phase(
                initiative,
                form.cleaned_data["to_phase"],
                by=request.user,
                on=form.cleaned_data["changed_on"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The phase was changed."))
            return redirect(initiative)
    return render(
        request,
        "portfolio/phase_change.html",
        {"form": form, "title": _("Change phase"), "initiative": initiative, "closed": not allowed},
    )


@member_required
def stakeholder_matrix_view(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    stakeholders = list(Stakeholder.objects.filter(initiative=initiative))
    return render(
        request,
        "portfolio/stakeholder_matrix.html",
        {"initiative": initiative, "matrix": stakeholder_matrix(stakeholders), "stakeholders": stakeholders},
    )
