"""Rounds of a survey: prepared, opened and closed by the portfolio office; the response rate for leaders."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required
from core.editing import edit_object
from core.permissions import require
from core.tenancy import get_for_org_or_404

from ..forms.rounds import RoundForm
from ..models import Round, RoundUnit
from ..services.links import unit_link_url
from ..services.rounds import close_round, create_unit_link, open_round, response_rate


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@member_required
def rounds(request):
    require(request.actor, "surveys.view_rounds")
    listing = Round.objects.for_org(request.actor.organisation).select_related("template", "initiative")
    return render(request, "surveys/rounds/list.html", {"rounds": listing})


@member_required
def round_create(request):
    require(request.actor, "surveys.manage_rounds")
    # Started from a survey's page: that survey chosen (and, for the barriers, only leaders asked).
    initial = {"template": request.GET["template"]} if "template" in request.GET else {}
    return edit_object(
        request, RoundForm, Round(), title=_("New survey round"), back=reverse("surveys:rounds"), initial=initial
    )


@member_required
def round_edit(request, pk):
    round_ = get_for_org_or_404(Round, request.actor.organisation, pk=pk)
    require(request.actor, "surveys.manage_rounds", round_)
    if round_.state != Round.State.DRAFT:
        raise Http404  # an opened round keeps what people were asked
    return edit_object(
        request, RoundForm, round_, title=_("Edit survey round"), back=reverse("surveys:round", args=[round_.pk])
    )


@member_required
def round_detail(request, pk):
    with_names = Round.objects.select_related("template", "initiative")
    round_ = get_for_org_or_404(with_names, request.actor.organisation, pk=pk)
    require(request.actor, "surveys.view_rounds", round_)
    context = {
        "round": round_,
        "rate": response_rate(round_) if round_.state != Round.State.DRAFT else None,
        "round_units": round_.round_units.all() if _takes_unit_links(round_) else [],
    }
    return render(request, "surveys/rounds/detail.html", context)


def _takes_unit_links(round_: Round) -> bool:
    return round_.state == Round.State.OPEN and round_.audience == Round.Audience.EVERYONE


def _change_state(request, pk, change, done: str):
    round_ = get_for_org_or_404(Round, request.actor.organisation, pk=pk)
    require(request.actor, "surveys.manage_rounds", round_)
    try:
        change(round_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("surveys:round", pk=round_.pk)


@member_required
@require_POST
def round_open(request, pk):
    return _change_state(
        request, pk, lambda r: open_round(r, base_url=_site(request)), _("The round is open; invitations were sent.")
    )


@member_required
@require_POST
def round_close(request, pk):
    return _change_state(request, pk, close_round, _("The round is closed."))


@member_required
@require_POST
def unit_link_create(request, pk):
    """A new link and QR code for a unit's staff room, shown once: only its hash is kept."""
    round_unit = get_for_org_or_404(RoundUnit.objects.select_related("round"), request.actor.organisation, pk=pk)
    require(request.actor, "surveys.manage_rounds", round_unit.round)
    if not _takes_unit_links(round_unit.round):
        raise Http404  # anyone with a staff-room link can answer: not for a round asking leaders only
    token = create_unit_link(round_unit.round, round_unit)
    url = unit_link_url(round_unit.round, token, _site(request))
    qr = segno.make(url, error="m").svg_inline(scale=6, title=_("QR code for answering the survey"))
    context = {"round": round_unit.round, "round_unit": round_unit, "url": url, "code": token, "qr": qr}
    return render(request, "surveys/rounds/unit_link.html", context)
