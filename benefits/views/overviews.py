from django.shortcuts import render
from django.utils import timezone

from core.access import member_required
from core.pagination import paginate

from ..models import StrategicGoal
from ..services.personal import my_benefits, my_due_measurements, my_open_measures
from ..services.portfolio import at_risk_page, portfolio_benefits
from ..services.summary import benefit_rows_page


@member_required
def mine(request):
    actor, today = request.actor, timezone.localdate()
    context = {
        "benefits": benefit_rows_page(my_benefits(actor), request.GET, actor.organisation, today),
        "due": paginate(my_due_measurements(actor, today), request.GET, prefix="due_"),
        "measures": paginate(my_open_measures(actor), request.GET, prefix="measures_"),
    }
    return render(request, "benefits/mine.html", context)


@member_required
def portfolio_overview(request):
    overview = portfolio_benefits(request.actor.organisation)
    lines = paginate(overview.lines, request.GET)
    return render(request, "benefits/portfolio.html", {"overview": overview, "lines": lines})


@member_required
def at_risk(request):
    page = at_risk_page(request.actor.organisation, timezone.localdate(), request.GET)
    return render(request, "benefits/at_risk.html", {"page": page})


@member_required
def goals(request):
    return render(request, "benefits/goals.html", {"goals": StrategicGoal.objects.for_org(request.actor.organisation)})
