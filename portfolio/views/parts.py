"""The rows of an initiative page (affected units, rollout waves, stakeholders), programmes, and status reports."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import member_required, require
from core.editing import FormCheck, RowKind, RowRegistry
from core.tenancy import get_for_org_or_404
from core.validation import parse_id

from ..forms import AffectedUnitForm, ProgrammeForm, RolloutWaveForm, StakeholderForm, status_report_forms
from ..models import AffectedUnit, Initiative, Programme, RolloutWave, Stakeholder, StatusReport
from ..permissions import choosable_units
from ..services.rollout import next_wave_number


def _programme_in_use(programme: Programme) -> str | None:
    if programme.initiatives.exists():
        return _("This programme has initiatives. Move them to another programme first.")
    return None


# A planned date can be checked against the units' change load before it is saved.
LOAD_CHECK = FormCheck(
    label=gettext_lazy("Check change load"),
    run=lambda form: form.load_warnings(),
    all_clear=gettext_lazy("No unit would be over its change-load limit in the months around this date."),
)

# Rows on the initiative page, kept by those who edit the initiative; the leader of an affected
# unit may also correct that unit's row, choosing only among the units they lead.
INITIATIVE_ROWS: RowRegistry = {
    "affected_unit": RowKind(
        AffectedUnit,
        AffectedUnitForm,
        parent="initiative",
        rule="portfolio.change_initiative",
        edit_rule="portfolio.change_affected_unit",
        initiative_of=lambda initiative: initiative,
        form_kwargs=lambda request, row: {"choosable_units": choosable_units(request.actor, row.initiative)},
        initial=lambda request: {"unit": parse_id(request.GET.get("unit", ""))},  # a unit named in the idea
        check=LOAD_CHECK,
    ),
    "wave": RowKind(
        RolloutWave,
        RolloutWaveForm,
        parent="initiative",
        rule="portfolio.change_initiative",
        initiative_of=lambda initiative: initiative,
        new=lambda request, initiative: RolloutWave(initiative=initiative, number=next_wave_number(initiative)),
        check=LOAD_CHECK,
    ),
    "stakeholder": RowKind(
        Stakeholder,
        StakeholderForm,
        parent="initiative",
        rule="portfolio.change_initiative",
        initiative_of=lambda initiative: initiative,
    ),
}

PROGRAMMES: RowRegistry = {
    "programme": RowKind(
        Programme,
        ProgrammeForm,
        parent=None,
        rule="portfolio.manage_programmes",
        back=lambda _organisation: reverse("portfolio:programmes"),
        keep_reason=_programme_in_use,
    )
}


def _editable_initiative(request, pk: int) -> Initiative:
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    require(request.actor, "portfolio.change_initiative", initiative)
    return initiative


@member_required
def status_report_add(request, pk: int):
    initiative = _editable_initiative(request, pk)
    report = StatusReport(initiative=initiative, author=request.user)
    add_deviation = "add_deviation" in request.POST
    form, deviations = status_report_forms(
        request.POST or None,
        report,
        organisation=request.actor.organisation,
        initial={"report_date": timezone.localdate()},
        add_deviation=add_deviation,
    )
    if request.method == "POST" and not add_deviation and form.is_valid() and deviations.is_valid():
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
