import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from organisations.models import OrgUnit

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the date range of core.validation
PERIODS = [(12, _("12 months")), (24, _("24 months")), (36, _("36 months"))]


class LoadPeriodForm(Form):
    """The heatmap's period and, optionally, one sector (read from the page's address)."""

    start = forms.CharField(
        label=_("From month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2027-01"}),
        help_text=_("Year and month, for example 2027-01."),
    )
    months = forms.TypedChoiceField(label=_("Period"), choices=PERIODS, coerce=int, required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=OrgUnit.objects.none(), required=False)

    def __init__(self, *args, organisation, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        sectors = OrgUnit.objects.for_org(organisation).filter(level=OrgUnit.Level.SECTOR).order_by("name")
        self.fields["sector"].queryset = sectors
        self.fields["sector"].empty_label = _("All sectors")

    def clean_start(self) -> datetime.date:
        text = self.cleaned_data["start"]
        if not text:
            return self.today.replace(day=1)
        found = MONTH.match(text)
        if not found or not 1 <= int(found[2]) <= 12:
            raise ValidationError(_("Write the month as year and month, for example 2027-01."))
        year, month = int(found[1]), int(found[2])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                _("Choose a month from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return datetime.date(year, month, 1)

    def clean_months(self) -> int:
        return self.cleaned_data["months"] or PERIODS[0][0]
