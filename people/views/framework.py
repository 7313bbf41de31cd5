"""The competence framework: themes and their levels, kept by the portfolio office."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import member_required
from core.editing import RowKind, RowRegistry

from ..forms.competence import ThemeForm
from ..models import Theme
from ..services.framework import themes_of


@member_required
def framework(request):
    return render(request, "people/framework.html", {"themes": themes_of(request.actor.organisation)})


def _theme_in_use(theme: Theme) -> str | None:
    if theme.requirements.exists():
        return _("An initiative needs this theme, so it cannot be removed. Edit it instead.")
    return None


# The organisation's competence themes, kept by the portfolio office (people/urls.py: row_urls).
THEMES: RowRegistry = {
    "theme": RowKind(
        Theme,
        ThemeForm,
        parent=None,
        rule="people.manage_framework",
        back=lambda _organisation: reverse("people:framework"),
        keep_reason=_theme_in_use,
    )
}
