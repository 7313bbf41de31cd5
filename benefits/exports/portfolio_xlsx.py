"""The portfolio's benefits overview as an Excel workbook (openpyxl).

One sheet each: planned benefits and measured achievement per year, by sector, by kind, by
initiative (with both net present values), and the benefits at risk with one row per warning.
Figures come from ``benefits.services.portfolio`` (``portfolio_benefits`` and
``at_risk_benefits``); amounts are whole kroner
stored as numbers with a ``#,##0`` format (Excel shows the local separator), years as plain numbers,
achievement as a percentage.
Every text that a user or the data supplies goes through ``core.exports.safe_cell``, so a name
beginning with "=" is shown, never run as a formula.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.exports import MONEY_FORMAT, safe_cell

from ..services.portfolio import PortfolioBenefits
from ..services.summary import BenefitRow

YEAR = "0"
PERCENT = "0 %"
INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")


def _kroner(value: Decimal | None) -> int | None:
    return None if value is None else int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _add_sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence],
    formats: dict[int, str],
    widths: Sequence[int],
    *,
    bold_last: bool = False,
) -> None:
    sheet = workbook.create_sheet(INVALID_TITLE.sub(" ", title)[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, number_format in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            if isinstance(cell.value, int | float | Decimal):
                cell.number_format = number_format
    if bold_last and rows:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def build_workbook(overview: PortfolioBenefits, at_risk: list[BenefitRow]) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)

    _add_sheet(
        workbook,
        _("Per year"),
        [_("Year"), _("Planned benefits (NOK)"), _("Average achievement measured")],
        [[year, _kroner(planned), None if share is None else float(share)] for year, planned, share in overview.years],
        {0: YEAR, 1: MONEY_FORMAT, 2: PERCENT},
        (10, 24, 28),
    )
    _add_sheet(
        workbook,
        _("By sector"),
        [_("Sector"), _("Planned benefits (NOK)")],
        [[name, _kroner(value)] for name, value in overview.by_sector.items()],
        {1: MONEY_FORMAT},
        (36, 24),
    )
    _add_sheet(
        workbook,
        _("By kind"),
        [_("Kind"), _("Planned benefits (NOK)")],
        [[name, _kroner(value)] for name, value in overview.by_kind.items()],
        {1: MONEY_FORMAT},
        (48, 24),
    )
    risky = Counter(row.benefit.initiative_id for row in at_risk)
    initiative_rows = [
        [
            line.initiative.name,
            str(line.initiative.sector or ""),
            line.initiative.get_phase_display(),
            line.economics.start_year,
            _kroner(line.planned),
            _kroner(line.economics.npv_technology),
            _kroner(line.economics.npv_full),
            risky[line.initiative.pk],
        ]
        for line in overview.lines
    ]
    initiative_rows.append(
        [
            _("Total"),
            "",
            "",
            None,
            _kroner(sum((line.planned for line in overview.lines), Decimal(0))),
            _kroner(overview.npv_technology),
            _kroner(overview.npv_full),
            len(at_risk),
        ]
    )
    _add_sheet(
        workbook,
        _("By initiative"),
        [
            _("Initiative"),
            _("Sector"),
            _("Phase"),
            _("First year"),
            _("Planned benefits, 10 years (NOK)"),
            _("NPV technology only (NOK)"),
            _("NPV full cost (NOK)"),
            _("Benefits at risk"),
        ],
        initiative_rows,
        {3: YEAR, 4: MONEY_FORMAT, 5: MONEY_FORMAT, 6: MONEY_FORMAT, 7: MONEY_FORMAT},
        (40, 24, 14, 10, 22, 22, 22, 14),
        bold_last=True,
    )
    risk_rows = [
        [
            row.benefit.initiative.name,
            row.benefit.description,
            row.benefit.get_kind_display(),
            str(row.benefit.owner or ""),
            warning.text,
        ]
        for row in at_risk
        for warning in row.warnings
    ]
    _add_sheet(
        workbook,
        _("Benefits at risk"),
        [_("Initiative"), _("Benefit"), _("Kind"), _("Benefit owner"), _("Warning")],
        risk_rows,
        {},
        (36, 40, 30, 26, 90),
    )
    return workbook


def render_portfolio_xlsx(overview: PortfolioBenefits, at_risk: list[BenefitRow]) -> bytes:
    buffer = io.BytesIO()
    build_workbook(overview, at_risk).save(buffer)
    return buffer.getvalue()
