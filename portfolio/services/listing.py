"""The portfolio list: one query with each initiative's latest status."""

from __future__ import annotations

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.http import QueryDict
from django.utils.translation import gettext as _

from core.pagination import ListPage, paginate
from organisations.models import Organisation

from ..models import Initiative, Phase, StatusReport


def portfolio_queryset(organisation: Organisation) -> QuerySet[Initiative]:
    latest = StatusReport.objects.filter(initiative=OuterRef("pk")).order_by("-report_date", "-id")
    return (
        Initiative.objects.for_org(organisation)
        .select_related("sector", "programme", "project_owner", "project_leader")
        .annotate(
            latest_status=Subquery(latest.values("overall_status")[:1]),
            latest_change_status=Subquery(latest.values("change_status")[:1]),
            latest_report_date=Subquery(latest.values("report_date")[:1]),
            phase_order=Case(
                *[When(phase=phase, then=Value(index)) for index, phase in enumerate(Phase)],
                output_field=IntegerField(),
            ),
        )
    )


def portfolio_page(initiatives: QuerySet[Initiative], params: QueryDict) -> ListPage:
    """The page of the filtered portfolio that `params` ask for; ties in the sort order are broken by
    id, so no initiative shows on two pages or on none."""
    ordering = [*(initiatives.query.order_by or Initiative._meta.ordering), "pk"]
    return paginate(initiatives.order_by(*ordering), params)


def export_table(initiatives) -> tuple[list[str], list[list]]:
    header = [
        _("Name"),
        _("Phase"),
        _("Sector"),
        _("Programme"),
        _("Project owner"),
        _("Project leader"),
        _("Planned start"),
        _("Planned end"),
        _("Budget (NOK)"),
        _("Statutory"),
        _("Overall status"),
        _("Change management status"),
        _("Status date"),
    ]
    status_labels = dict(StatusReport._meta.get_field("overall_status").choices)
    rows = [
        [
            i.name,
            i.get_phase_display(),
            str(i.sector or ""),
            str(i.programme or ""),
            str(i.project_owner or ""),
            str(i.project_leader or ""),
            i.planned_start,
            i.planned_end,
            i.budget,
            _("Yes") if i.statutory else _("No"),
            str(status_labels.get(i.latest_status, "")),
            str(status_labels.get(i.latest_change_status, "")),
            i.latest_report_date,
        ]
        for i in initiatives
    ]
    return header, rows
