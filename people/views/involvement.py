"""Involvement activities, input and "you said, we did" for one initiative."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import delete_object, edit_object
from core.permissions import can
from core.tenancy import get_for_org_or_404
from portfolio.models import Initiative, Phase

from ..forms.involvement import ActivityForm, AnswerForm, InputForm
from ..models import InputItem, InvolvementActivity
from ..models.involvement import BEFORE_CHOICE
from ..services.involvement import (
    answer,
    give_input,
    involvement_gap,
    recorded_warnings,
    speaker,
    you_said_we_did,
)


def _page_of(initiative_id: int, anchor: str = "") -> str:
    return reverse("people:involvement", args=[initiative_id]) + anchor


def _activity(request, pk: int) -> InvolvementActivity:
    queryset = InvolvementActivity.objects.select_related("initiative")
    return get_for_org_or_404(queryset, request.actor.organisation, pk=pk)


def _item(request, pk: int) -> InputItem:
    queryset = InputItem.objects.select_related("activity__initiative")
    return get_for_org_or_404(queryset, request.actor.organisation, pk=pk)


@member_required
def involvement(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "people.view_involvement", initiative)
    context = {
        "initiative": initiative,
        "activities": you_said_we_did(request.actor, initiative),
        "gap": involvement_gap(initiative),
        "recorded": recorded_warnings(initiative),
        # Before the choice the gap is a reminder; in execution it is the warning.
        "gap_shown": initiative.phase in (*BEFORE_CHOICE, Phase.EXECUTION),
        "chosen": initiative.phase == Phase.EXECUTION,
        "may_manage": can(request.actor, "people.manage_involvement", initiative),
    }
    return render(request, "people/involvement/you_said_we_did.html", context)


@member_required
def activity_add(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "people.manage_involvement", initiative)
    return edit_object(
        request,
        ActivityForm,
        InvolvementActivity(initiative=initiative, held_on=timezone.localdate(), phase=initiative.phase),
        title=_("Add involvement activity"),
        back=_page_of(initiative.pk),
        context={"initiative": initiative},
        initiative=initiative,
    )


@member_required
def activity_edit(request, pk: int):
    activity = _activity(request, pk)
    require(request.actor, "people.change_activity", activity)
    return edit_object(
        request,
        ActivityForm,
        activity,
        title=_("Edit involvement activity"),
        back=_page_of(activity.initiative_id, f"#activity-{activity.pk}"),
        context={"initiative": activity.initiative},
        initiative=activity.initiative,
    )


@require_POST
@member_required
def activity_delete(request, pk: int):
    activity = _activity(request, pk)
    require(request.actor, "people.change_activity", activity)
    return delete_object(request, activity, _page_of(activity.initiative_id))


@member_required
def input_add(request, pk: int):
    activity = _activity(request, pk)
    require(request.actor, "people.give_input", activity)
    organisation = request.actor.organisation
    form = InputForm(
        request.POST or None, speaker=speaker(request.actor, activity.initiative), organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        give_input(
            activity,
            by=request.user,
            text=form.cleaned_data["text"],
            voice=form.cleaned_data["voice"],
            unit=form.cleaned_data["unit"],
            signed=form.cleaned_data["signed"],
            on=timezone.localdate(),
        )
        messages.success(request, _("Thank you. Your input was added."))
        return redirect(_page_of(activity.initiative_id, f"#activity-{activity.pk}"))
    title = _("Give input: %(activity)s") % {"activity": activity.title}
    return render(request, "form.html", {"form": form, "title": title, "initiative": activity.initiative})


@member_required
def input_answer(request, pk: int):
    item = _item(request, pk)
    require(request.actor, "people.answer_input", item)
    form = AnswerForm(request.POST or None, instance=item, organisation=request.actor.organisation)
    if request.method == "POST" and form.is_valid():
        answer(
            item,
            response=form.cleaned_data["response"],
            reason=form.cleaned_data["reason"],
            on=timezone.localdate(),
        )
        messages.success(request, _("The answer was saved."))
        return redirect(_page_of(item.activity.initiative_id, f"#activity-{item.activity_id}"))
    context = {"form": form, "title": _("Answer input"), "initiative": item.activity.initiative, "item": item}
    return render(request, "people/involvement/answer.html", context)


@require_POST
@member_required
def input_delete(request, pk: int):
    item = _item(request, pk)
    require(request.actor, "people.answer_input", item)
    return delete_object(request, item, _page_of(item.activity.initiative_id, f"#activity-{item.activity_id}"))
