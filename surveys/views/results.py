"""A closed round's results and their Excel export: released figures only."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from core.access import can, member_required, require
from core.exports import ascii_filename, xlsx_response
from core.tenancy import get_for_org_or_404

from ..models import Round
from ..services.figures import RoundResults, closed_rounds_for, export_rows, results_heatmap, round_results


@member_required
def closed_rounds(request) -> HttpResponse:
    actor = request.actor
    require(actor, "surveys.view_any_results")
    visible = None if can(actor, "surveys.view_all_groups") else actor.led_unit_ids
    return render(request, "surveys/results/index.html", {"rounds": closed_rounds_for(actor.organisation, visible)})


def _results(request, pk: int, *, group_questions: bool = False) -> RoundResults:
    actor = request.actor
    round = get_for_org_or_404(
        Round.objects.select_related("template"), actor.organisation, pk=pk, state=Round.State.CLOSED
    )
    require(actor, "surveys.view_results", round)
    visible = None if can(actor, "surveys.view_all_groups") else actor.led_unit_ids
    return round_results(round, visible, group_questions=group_questions)


@member_required
def round_results_view(request, pk: int) -> HttpResponse:
    results = _results(request, pk)
    heatmap = results_heatmap(results) if results.columns else None
    return render(request, "surveys/results/round.html", {"results": results, "heatmap": heatmap})


@member_required
def results_xlsx(request, pk: int) -> HttpResponse:
    results = _results(request, pk, group_questions=True)
    header, rows = export_rows(results)
    filename = ascii_filename(results.round.title, "survey-results")
    # The sheet's name is fixed: a round's title may hold characters a sheet name cannot.
    return xlsx_response(filename, gettext("Results"), header, rows)
