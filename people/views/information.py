"""Information to the employees of each affected unit: the page, its checklist and the A4 print."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import member_required, require
from core.editing import edit_object
from core.exports import ascii_filename, download_response
from core.tenancy import get_for_org_or_404
from portfolio.models import AffectedUnit, Initiative

from ..forms.information import InformationForm
from ..services.information import information_page, pages_of, suggested_answers
from ..services.information_pdf import render_information_pdf
from ..services.involvement import open_activities


def _affected(request, pk: int) -> AffectedUnit:
    queryset = AffectedUnit.objects.select_related("initiative", "unit")
    affected = get_for_org_or_404(queryset, request.actor.organisation, pk=pk)
    require(request.actor, "people.view_information", affected)
    return affected


@member_required
def information_list(request, pk: int):
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "people.view_information", initiative)
    context = {"initiative": initiative, "pages": pages_of(initiative)}
    return render(request, "people/information/list.html", context)


@member_required
def information(request, pk: int):
    affected = _affected(request, pk)
    context = {
        "initiative": affected.initiative,
        "page": information_page(affected),
        "open_activities": open_activities(affected.initiative),
    }
    return render(request, "people/information/detail.html", context)


@member_required
def information_edit(request, pk: int):
    affected = _affected(request, pk)
    require(request.actor, "people.change_information", affected)
    page = information_page(affected)
    initial = None if page.information.pk else suggested_answers(affected)
    return edit_object(
        request,
        InformationForm,
        page.information,
        title=_("Information to employees in %(unit)s") % {"unit": affected.unit.name},
        back=reverse("people:information", args=[affected.pk]),
        context={"initiative": affected.initiative},
        initial=initial,
    )


@member_required
def information_pdf(request, pk: int):
    affected = _affected(request, pk)
    content = render_information_pdf(information_page(affected), request.actor.organisation, timezone.localdate())
    stem = ascii_filename(f"{affected.initiative.name}-{affected.unit.name}", "informasjon")
    return download_response(content, "application/pdf", f"{stem}.pdf")
