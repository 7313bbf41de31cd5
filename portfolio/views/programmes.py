from django.shortcuts import render

from core.access import member_required

from ..models import Programme


@member_required
def programme_list(request):
    programmes = Programme.objects.for_org(request.actor.organisation).prefetch_related("initiatives")
    return render(request, "portfolio/programme_list.html", {"programmes": programmes})
