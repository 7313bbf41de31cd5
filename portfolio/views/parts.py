"""The parts of an initiative page: affected units, stakeholders and status reports."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import delete_object, edit_object
from core.tenancy import get_for_org_or_404
from core.validation import parse_id

from ..forms import AffectedUnitForm, DeviationFormSet, StakeholderForm, StatusReportForm
from ..models import AffectedUnit, Initiative, Stakeholder, StatusReport
from ..permissions import choosable_units


def _editable_initiative(request, pk: int) -> Initiative:
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative", initiative)
    return initiative


@member_required
def affected_unit_add(request, pk: int):
    initiative = _editable_initiative(request, pk)
    return edit_object(
        request,
        AffectedUnitForm,
        AffectedUnit(initiative=initiative),
        title=_("Add affected unit"),
        back=initiative,
        context={"initiative": initiative},
        initial={"unit": parse_id(request.GET.get("unit", ""))},  # a unit named in the idea
    )


@member_required
def affected_unit_edit(request, pk: int):
    affected = get_for_org_or_404(AffectedUnit, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_affected_unit", affected)
    return edit_object(
        request,
        AffectedUnitForm,
        affected,
        title=_("Edit affected unit"),
        back=affected.initiative,
        context={"initiative": affected.initiative},
        choosable_units=choosable_units(request.actor, affected.initiative),
    )


@require_POST
@member_required
def affected_unit_delete(request, pk: int):
    affected = get_for_org_or_404(AffectedUnit, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative_row", affected)
    return delete_object(request, affected, affected.initiative)


@member_required
def stakeholder_add(request, pk: int):
    initiative = _editable_initiative(request, pk)
    return edit_object(
        request,
        StakeholderForm,
        Stakeholder(initiative=initiative),
        title=_("Add stakeholder"),
        back=initiative,
        context={"initiative": initiative},
    )


@member_required
def stakeholder_edit(request, pk: int):
    stakeholder = get_for_org_or_404(Stakeholder, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative_row", stakeholder)
    return edit_object(
        request,
        StakeholderForm,
        stakeholder,
        title=_("Edit stakeholder"),
        back=stakeholder.initiative,
        context={"initiative": stakeholder.initiative},
    )


@require_POST
@member_required
def stakeholder_delete(request, pk: int):
    stakeholder = get_for_org_or_404(Stakeholder, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative_row", stakeholder)
    return delete_object(request, stakeholder, stakeholder.initiative)


@member_required
def status_report_add(request, pk: int):
    initiative = _editable_initiative(request, pk)
    report = StatusReport(initiative=initiative, author=request.user)
    data = request.POST or None
    form = StatusReportForm(
        data, instance=report, organisation=request.actor.organisation, initial={"report_date": timezone.localdate()}
    )
    deviations = DeviationFormSet(data, instance=report, prefix="deviations")
    if request.method == "POST" and form.is_valid() and deviations.is_valid():
        with transaction.atomic():
            form.save()
            for deviation in deviations.save(commit=False):
                deviation.report = report
                deviation.save()
        messages.success(request, _("The status report was saved."))
        return redirect(initiative)
    return render(
        request,
        "portfolio/status_report_form.html",
        {"form": form, "deviations": deviations, "initiative": initiative},
    )


@member_required
def status_report_detail(request, pk: int):
    report = get_for_org_or_404(StatusReport, request.actor.organisation, pk=pk)
    return render(request, "portfolio/status_report_detail.html", {"report": report, "initiative": report.initiative})
