from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can, member_required, require
from core.audit import history_for
from core.tenancy import get_for_org_or_404

from ..forms import IdeaDecisionForm, IdeaForm, IdeaScoreForm
from ..models import Idea
from ..services.ideas import accept_idea, park_or_reject, weighted_score


@member_required
def idea_list(request):
    actor = request.actor
    ideas = Idea.objects.for_org(actor.organisation).select_related("proposer", "initiative")
    sees_all = can(actor, "portfolio.view_all_ideas")
    if not sees_all:
        ideas = ideas.filter(proposer=request.user)
    status = request.GET.get("status")
    if status in Idea.Status.values:
        ideas = ideas.filter(status=status)
    rows = [(idea, weighted_score(idea, actor.organisation)) for idea in ideas]
    context = {
        "rows": rows,
        "statuses": Idea.Status.choices,
        "status": status,
        "sees_all": sees_all,
    }
    return render(request, "portfolio/idea_list.html", context)


@member_required
def idea_create(request):
    require(request.actor, "portfolio.propose_idea")
    idea = Idea(proposer=request.user)
    form = IdeaForm(request.POST or None, instance=idea, organisation=request.actor.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Thank you! Your idea was sent to the portfolio office."))
        return redirect("portfolio:idea", pk=idea.pk)
    return render(request, "form.html", {"form": form, "title": _("Propose an idea")})


@member_required
def idea_detail(request, pk: int):
    actor = request.actor
    idea = get_for_org_or_404(Idea, actor.organisation, pk=pk)
    require(actor, "portfolio.view_idea", idea)
    reviewer = can(actor, "portfolio.review_ideas")
    # The stored score: a refused score form leaves its values on the idea it was given.
    total = weighted_score(idea, actor.organisation)
    score_form = IdeaScoreForm(instance=idea, prefix="score")
    decision_form = IdeaDecisionForm(prefix="decision")
    if request.method == "POST":
        require(actor, "portfolio.review_ideas")
        if "score-score_strategic" in request.POST:
            score_form = IdeaScoreForm(request.POST, instance=idea, prefix="score")
            if score_form.is_valid():
                score_form.save()
                messages.success(request, _("The score was saved."))
                return redirect("portfolio:idea", pk=idea.pk)
        else:
            decision_form = IdeaDecisionForm(request.POST, prefix="decision")
            if decision_form.is_valid() and _decide(request, idea, decision_form):
                if idea.initiative and can(actor, "portfolio.change_initiative", idea.initiative):
                    # Straight on to what the new initiative needs: its project card.
                    return redirect("portfolio:initiative_edit", pk=idea.initiative.pk)
                return redirect(idea.initiative if idea.initiative else "portfolio:ideas")
    context = {
        "idea": idea,
        "total": total,
        "reviewer": reviewer,
        "score_form": score_form,
        "decision_form": decision_form,
        "history": history_for(idea) if reviewer else [],
    }
    return render(request, "portfolio/idea_detail.html", context)


def _decide(request, idea: Idea, form: IdeaDecisionForm) -> bool:
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    try:
        with transaction.atomic():
            if decision == "accept":
                accept_idea(idea, by=request.user, on=timezone.localdate(), reason=reason)
                messages.success(request, _("The idea is now an initiative. Complete its project card."))
            else:
                status = Idea.Status.PARKED if decision == "park" else Idea.Status.REJECTED
                park_or_reject(idea, status, reason)
                messages.success(request, _("The decision was saved."))
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return False
    return True
