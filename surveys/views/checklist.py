"""Top management's checklist from the barriers for middle managers: made from a closed round's
results, then kept item by item through the shared row views (``core.editing``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import can, member_required, require
from core.editing import RowKind, RowRegistry
from core.tenancy import get_for_org_or_404

from ..forms.checklist import RemedyTaskForm
from ..models import RemedyTask, Round
from ..services.checklist import make_checklist


def checklist_url(round_: Round) -> str:
    return reverse("surveys:results", args=[round_.pk]) + "#checklist"


@require_POST
@member_required
def checklist_make(request, pk: int) -> HttpResponse:
    round_ = get_for_org_or_404(Round.objects.select_related("template"), request.actor.organisation, pk=pk)
    require(request.actor, "surveys.manage_checklist", round_)
    try:
        made = make_checklist(round_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if made:
            text = ngettext(
                "%(count)s remedy is on the checklist: give it an owner and a deadline.",
                "%(count)s remedies are on the checklist: give each an owner and a deadline.",
                len(made),
            )
            messages.success(request, text % {"count": len(made)})
        else:
            messages.info(request, _("Nothing new: the checklist was made already, or no barrier scored 3 or lower."))
    return redirect(checklist_url(round_))


def _form_kwargs(request, task: RemedyTask) -> dict:
    # An owner who does not keep the checklist only records when their remedy was done.
    return {"keeps_checklist": can(request.actor, "surveys.manage_checklist", task.round)}


# The items belong to a round (surveys/urls.py: row_urls).
CHECKLIST: RowRegistry = {
    "remedy_task": RowKind(
        RemedyTask,
        RemedyTaskForm,
        parent="round",
        rule="surveys.manage_checklist",
        edit_rule="surveys.change_remedy",
        back=checklist_url,
        form_kwargs=_form_kwargs,
    ),
}
