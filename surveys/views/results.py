"""A closed round's results and their Excel export: released figures only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from core.access import can, member_required, require
from core.exports import ascii_filename, xlsx_response
from core.tenancy import get_for_org_or_404

from ..charts import maturity_chart
from ..models import Round
from ..services.actions import involvement_activity, record_in_involvement
from ..services.breakdowns import background_questions, split_by, split_export_rows
from ..services.figures import RoundResults, closed_rounds_for, export_rows, results_heatmap, round_results
from ..services.maturity import maturity_results


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
    context = {"results": results, "heatmap": heatmap, "recorded": involvement_activity(results.round)}
    if maturity := maturity_results(results):
        context |= {"maturity": maturity, "maturity_chart": maturity_chart(maturity)}
    context |= {"backgrounds": background_questions(results), "split": split_by(results, request.GET.get("split"))}
    return render(request, "surveys/results/round.html", context)


@require_POST
@member_required
def record_actions(request, pk: int) -> HttpResponse:
    """Put the round's findings into the initiative's involvement log, to be answered there."""
    rounds = Round.objects.select_related("template", "initiative").filter(initiative__isnull=False)
    round_ = get_for_org_or_404(rounds, request.actor.organisation, pk=pk)
    require(request.actor, "people.manage_involvement", round_.initiative)
    try:
        record_in_involvement(round_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:results", pk=round_.pk)
    messages.success(request, gettext("The findings are in the involvement log: answer each with what you will do."))
    return redirect(reverse("people:involvement", args=[round_.initiative_id]))


@member_required
def results_xlsx(request, pk: int) -> HttpResponse:
    results = _results(request, pk, group_questions=True)
    header, rows = export_rows(results)
    rows += split_export_rows(results)
    filename = ascii_filename(results.round.title, "survey-results")
    # The sheet's name is fixed: a round's title may hold characters a sheet name cannot.
    return xlsx_response(filename, gettext("Results"), header, rows)
