"""The competence framework: themes and their levels, kept by the portfolio office."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import delete_object, edit_object
from core.tenancy import get_for_org_or_404

from ..forms.competence import ThemeForm
from ..models import Theme
from ..services.framework import themes_of


@member_required
def framework(request):
    return render(request, "people/framework.html", {"themes": themes_of(request.actor.organisation)})


@member_required
def theme_add(request):
    require(request.actor, "people.manage_framework")
    return edit_object(request, ThemeForm, Theme(), title=_("Add competence theme"))


@member_required
def theme_edit(request, pk: int):
    require(request.actor, "people.manage_framework")
    theme = get_for_org_or_404(Theme, request.actor.organisation, pk=pk)
    return edit_object(request, ThemeForm, theme, title=_("Edit competence theme"))


@require_POST
@member_required
def theme_delete(request, pk: int):
    require(request.actor, "people.manage_framework")
    theme = get_for_org_or_404(Theme, request.actor.organisation, pk=pk)
    if theme.requirements.exists():
        messages.error(request, _("An initiative needs this theme, so it cannot be removed. Edit it instead."))
        return redirect("people:framework")
    return delete_object(request, theme, "people:framework")
