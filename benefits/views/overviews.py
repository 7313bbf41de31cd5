from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from core.access import member_required

from ..models import StrategicGoal
from ..services.personal import my_benefits
from ..services.portfolio import at_risk_benefits, portfolio_benefits


@member_required
def mine(request):
    return render(request, "benefits/mine.html", {"mine": my_benefits(request.actor, timezone.localdate())})


@member_required
def portfolio_overview(request):
    return render(request, "benefits/portfolio.html", {"overview": portfolio_benefits(request.actor.organisation)})


@member_required
def at_risk(request):
    rows = at_risk_benefits(request.actor.organisation, timezone.localdate())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "benefits/at_risk.html", {"page": page, "count": len(rows)})


@member_required
def goals(request):
    return render(request, "benefits/goals.html", {"goals": StrategicGoal.objects.for_org(request.actor.organisation)})
