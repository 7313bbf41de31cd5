"""The KS/KommIT workbook's own figures, reproduced exactly from parsed data, quirks included.

These are what the workbook shows (docs/kommit-workbook.md §3 and §4), not what Omstilling thinks
is right; the import preview shows them beside Omstilling's own figures and explains the difference.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from benefits.services.followup import achievement

from . import template as T
from .parsed import DIRECT, INDIRECT, ParsedWorkbook

ZERO = Decimal(0)


def workbook_rate(parsed: ParsedWorkbook) -> Decimal:
    """H26 as the workbook uses it: a blank rate is 0 and discounts nothing (quirk Q8)."""
    return parsed.costs.rate if parsed.costs.rate is not None else ZERO


def discount_factors(rate: Decimal) -> list[Decimal]:
    """støtteark!B4:E4 = 1/(1+r)^(t−1) with t = 2..5 hard-coded, so column j is discounted by (1+r)^j (quirk Q1)."""
    return [1 / (1 + rate) ** (year - 1) for year in T.SUPPORT_YEAR_CELLS.values()]


def direct_benefits_per_year(parsed: ParsedWorkbook) -> list[Decimal]:
    """Bj: the SUMIF over rows typed "Direkte (økonomiske - NOK)" in year column j."""
    return [sum((b.amounts[j] or ZERO for b in parsed.benefits if b.type == DIRECT), ZERO) for j in range(T.YEARS)]


def workbook_npv(parsed: ParsedWorkbook) -> Decimal:
    """Gevinstanalyse!C39 = Σ_{j=1..4} (Bj − Oj)/(1+r)^j − I.

    Quirks carried: the investment I (C26) is one undiscounted lump in a year before the four
    columns (Q1, Q3); only four years count, with no residual value (Q2); indirect benefits in
    FTE are left out, so freed time is worth nothing here (Q4); a blank rate is 0 % (Q8).
    """
    benefits = direct_benefits_per_year(parsed)
    operating = [amount or ZERO for amount in parsed.costs.operating]
    factors = discount_factors(workbook_rate(parsed))
    present = sum(((b - o) * f for b, o, f in zip(benefits, operating, factors, strict=True)), ZERO)
    return present - (parsed.costs.investment or ZERO)


def indirect_fte_per_year(parsed: ParsedWorkbook) -> list[Decimal]:
    """The FTE of rows typed "Indirekte (frigjort tid - årsverk)" per year column."""
    return [sum((b.amounts[j] or ZERO for b in parsed.benefits if b.type == INDIRECT), ZERO) for j in range(T.YEARS)]


def workbook_freed_fte(parsed: ParsedWorkbook) -> Decimal:
    """Gevinstanalyse!C42 = (sum of the four indirect FTE columns) / 4.

    Quirk Q6: it always divides by 4, whatever the number of years filled in, so a ramp-up of
    0, 1, 2, 2 FTE shows 1.25 and 2 FTE typed in the first column only shows 0.5.
    """
    return sum(indirect_fte_per_year(parsed), ZERO) / T.YEARS


def _value(number: Decimal | None) -> Decimal:
    return number if number is not None else ZERO


def workbook_achievement(baseline: Decimal | None, target: Decimal | None, measured: Decimal | None) -> Decimal | None:
    """Resultatoppfølging!E14 (doc §4), with blank cells as 0 as Excel reads them. None where the cell is blank.

    With baseline b, target t and measured m:
      m = 0 or blank → blank (a reached target of 0 looks "not measured");
      b < t          → m / t (the baseline is ignored: no change still shows m/t);
      t = 0          → (b − m) / b (the only branch that agrees with (m − b)/(t − b));
      otherwise      → t / m (the ratio is inverted, and getting worse still looks positive).
    A blank target is read as 0 ("reduce to nothing"). Where the workbook shows #DIV/0! (b and t
    both blank or 0) this returns None as well.
    """
    b, t, m = _value(baseline), _value(target), _value(measured)
    if m == 0:
        return None
    if b < t:
        return m / t
    if t == 0:
        return (b - m) / b if b != 0 else None
    return t / m


def our_achievement(baseline: Decimal | None, target: Decimal | None, measured: Decimal | None) -> Decimal | None:
    """Omstilling's (measured − baseline) / (target − baseline); None where it has no meaning."""
    if baseline is None or target is None or measured is None or baseline == target:
        return None
    return achievement(baseline, target, measured)


def achievement_explanation(baseline: Decimal | None, target: Decimal | None, measured: Decimal | None) -> str:
    """One line on why the workbook's achievement differs from Omstilling's for these values."""
    b, t, m = _value(baseline), _value(target), _value(measured)
    if measured is None:
        return _("Nothing is measured yet.")
    if m == 0:
        return _("The workbook leaves the achievement blank when the measured value is 0.")
    if b < t:
        return _("The workbook divides the measured value by the target and ignores the baseline.")
    if t == 0 and b == 0:
        return _("Without a baseline and a target the workbook shows #DIV/0!.")
    if t == 0:
        if target is None:
            return _("The workbook reads the missing target as 0, that is “reduce to nothing”.")
        return _("Reducing to zero: the workbook and Omstilling agree.")
    return _("The workbook divides the target by the measured value and ignores the baseline.")
