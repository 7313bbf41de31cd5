"""Downloads: an initiative's benefits realisation plan (Word, PDF) and the portfolio's benefits (Excel).

Any member of the organisation may download them, as any member may read the pages they come from.
"""

from __future__ import annotations

from django.utils import timezone

from core.access import member_required
from core.exports import XLSX, ascii_filename, download_response
from core.tenancy import get_for_org_or_404
from portfolio.models import Initiative

from ..services.portfolio import at_risk_benefits, portfolio_benefits
from .plan_document import build_plan_document
from .plan_docx import render_docx
from .plan_pdf import render_pdf
from .portfolio_xlsx import render_portfolio_xlsx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _plan(request, pk: int):
    queryset = Initiative.objects.select_related(
        "organisation", "sector", "programme", "project_owner", "project_leader", "service_owner"
    )
    initiative = get_for_org_or_404(queryset, request.actor.organisation, pk=pk)
    document = build_plan_document(initiative, timezone.localdate())
    stem = "gevinstrealiseringsplan-" + ascii_filename(initiative.name, str(initiative.pk))
    return document, stem


@member_required
def plan_docx(request, pk: int):
    document, stem = _plan(request, pk)
    return download_response(render_docx(document), DOCX, f"{stem}.docx")


@member_required
def plan_pdf(request, pk: int):
    document, stem = _plan(request, pk)
    return download_response(render_pdf(document), PDF, f"{stem}.pdf")


@member_required
def portfolio_xlsx(request):
    organisation = request.actor.organisation
    content = render_portfolio_xlsx(
        portfolio_benefits(organisation), at_risk_benefits(organisation, timezone.localdate())
    )
    filename = "gevinster-" + ascii_filename(organisation.name, "portefolje") + ".xlsx"
    return download_response(content, XLSX, filename)
