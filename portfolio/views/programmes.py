from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import member_required, require
from core.tenancy import get_for_org_or_404

from ..forms import ProgrammeForm
from ..models import Programme


@member_required
def programme_list(request):
    programmes = Programme.objects.for_org(request.actor.organisation).prefetch_related("initiatives")
    return render(request, "portfolio/programme_list.html", {"programmes": programmes})


@member_required
def programme_edit(request, pk: int | None = None):
    require(request.actor, "portfolio.manage_programmes")
    organisation = request.actor.organisation
    programme = get_for_org_or_404(Programme, organisation, pk=pk) if pk else Programme()
    form = ProgrammeForm(request.POST or None, instance=programme, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The programme was saved."))
        return redirect("portfolio:programmes")
    title = _("Edit programme") if pk else _("New programme")
    return render(request, "form.html", {"form": form, "title": title})
