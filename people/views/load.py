"""The change-load heatmap: units × months for management, the units they lead for leaders."""

from django.shortcuts import render
from django.utils import timezone

from core.access import can, member_required, require

from ..forms.load import LoadPeriodForm
from ..services.load_heatmap import load_heatmap
from ..services.training import readiness_settings


@member_required
def change_load_view(request):
    actor = request.actor
    require(actor, "people.view_change_load")
    today = timezone.localdate()
    query = request.GET.copy()
    # The period opens at this month, for twelve months, and the fields say so.
    query.setdefault("start", f"{today:%Y-%m}")
    query.setdefault("months", "12")
    form = LoadPeriodForm(query, organisation=actor.organisation, today=today)
    heatmap = None
    if form.is_valid():
        period = form.cleaned_data
        visible = None if can(actor, "people.view_all_unit_loads") else actor.led_unit_ids
        heatmap = load_heatmap(
            actor.organisation, period["start"], period["months"], visible_unit_ids=visible, sector=period["sector"]
        )
    return render(
        request,
        "people/load/heatmap.html",
        {
            "form": form,
            "heatmap": heatmap,
            "settings": readiness_settings(actor.organisation),
        },
    )
