"""How answers are protected, in plain words, for anyone without signing in: the employee asked,
and the union representative or HR adviser deciding whether to recommend answering."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from core.anonymity import minimum_group_size
from organisations.models import Organisation

from ..models.templates import LANGUAGES
from ..services.release import FREE_TEXT_MINIMUM
from .answer import LANGUAGE_NAMES


@require_GET
def protection(request, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    chosen = request.GET.get("lang", "")
    language = chosen if chosen in LANGUAGES else translation.get_language()
    minimum = minimum_group_size(organisation)
    context = {
        "organisation": organisation,
        "about_page": True,  # no footer link to itself
        "minimum": minimum,
        "free_text_minimum": max(FREE_TEXT_MINIMUM, minimum),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
    }
    with translation.override(language):
        return render(request, "surveys/answer/protection.html", context)
