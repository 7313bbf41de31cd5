"""A person's own self-assessment, and the ones shared with a leader."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import member_required, require
from core.anonymity import minimum_group_size

from ..forms.competence import SelfAssessmentForm
from ..services.assessments import (
    assessment_of,
    delete_self_assessment,
    levels_of,
    save_self_assessment,
    shared_with,
)
from ..services.framework import themes_of


@member_required
def my_assessment(request):
    actor = request.actor
    require(actor, "people.self_assess")
    assessment = assessment_of(actor)
    if request.method == "POST" and "delete" in request.POST:
        delete_self_assessment(actor)
        messages.success(request, _("Your answers were deleted."))
        return redirect("people:my_assessment")
    form = SelfAssessmentForm(
        request.POST or None,
        themes=themes_of(actor.organisation),
        levels=levels_of(assessment),
        shared=bool(assessment and assessment.shared_with_leader),
    )
    if request.method == "POST" and form.is_valid():
        save_self_assessment(actor, form.levels(), shared_with_leader=form.cleaned_data["shared_with_leader"])
        messages.success(request, _("Your answers were saved."))
        return redirect("people:my_assessment")
    minimum = minimum_group_size(actor.organisation)
    return render(request, "people/my_assessment.html", {"form": form, "assessment": assessment, "minimum": minimum})


@member_required
def shared_with_me(request):
    return render(request, "people/shared_with_me.html", {"shared": shared_with(request.actor)})
