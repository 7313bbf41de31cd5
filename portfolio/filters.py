import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import members_of
from organisations.models import OrgUnit

from .models import RAG, Initiative, Phase, Programme


class PortfolioFilter(django_filters.FilterSet):
    """Filters and sorting of the portfolio list; choices come from the viewer's organisation."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search by name"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Phase"), empty_label=_("All phases"))
    sector = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.none(), label=_("Sector"), empty_label=_("All sectors")
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.none(), label=_("Programme"), empty_label=_("All programmes")
    )
    status = django_filters.ChoiceFilter(
        field_name="latest_status", choices=RAG.choices, label=_("Status"), empty_label=_("All statuses")
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="project_owner", queryset=members_of(None), label=_("Project owner"), empty_label=_("All owners")
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Name"),
        fields=(
            ("name", "name"),
            ("phase_order", "phase"),
            ("planned_start", "start"),
            ("planned_end", "end"),
            ("budget", "budget"),
            ("latest_status", "status"),
        ),
        field_labels={
            "name": _("Name"),
            "phase_order": _("Phase"),
            "planned_start": _("Planned start"),
            "planned_end": _("Planned end"),
            "budget": _("Budget"),
            "latest_status": _("Status"),
        },
    )

    class Meta:
        model = Initiative
        fields = ["q", "phase", "sector", "programme", "status", "owner"]

    def __init__(self, data, queryset, *, organisation):
        super().__init__(data, queryset=queryset)
        self.filters["sector"].queryset = OrgUnit.objects.for_org(organisation).filter(level=OrgUnit.Level.SECTOR)
        self.filters["programme"].queryset = Programme.objects.for_org(organisation)
        # Only people who own an initiative: a filter choice that can match nothing is noise, and a
        # large municipality has thousands of members.
        owners = Initiative.objects.for_org(organisation).values("project_owner")
        self.filters["owner"].queryset = members_of(organisation).filter(pk__in=owners)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["data-size"] = "sm"
