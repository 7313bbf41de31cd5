"""Opening a KS/KommIT workbook: refusing a file that is not the template, and reading its cells.

Only the template's sheets and, of them, only the area the importer reads (``template.READ_AREAS``)
are read, in one bounded pass each, however many rows follow it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core.formatting import format_number

from . import template as T
from .parsed import CellError

#: A template sheet declared larger than this is refused unread; the template's largest is 66 × 16.
MAX_SHEET_ROWS, MAX_SHEET_COLUMNS = 1_000, 100


@dataclass(frozen=True)
class Cell:
    value: object  # for a formula, the result Excel saved with the file (None if it saved none)
    formula: str | None = None


EMPTY = Cell(None)
#: The cells read from each template sheet the file has: sheet → coordinate → cell (empty cells left out).
Cells = dict[str, dict[str, Cell]]


def refusals(workbook) -> list[CellError]:
    """Errors that stop the import before any cell is read: no template sheet, or a sheet far too large.

    A sheet's size is the dimension the file declares; a file that declares less than it holds
    is still read only as far as the template's area (``read_cells``).
    """
    names = workbook.sheetnames
    if not set(names).intersection(T.SHEETS):
        first = names[0] if names else ""
        return [CellError(first, "", _("This is not the KS/KommIT benefits workbook: none of its sheets are here."))]
    errors = []
    for sheet in T.READ_AREAS:
        if sheet not in names:
            continue
        rows, columns = workbook[sheet].max_row or 0, workbook[sheet].max_column or 0
        if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS:
            errors.append(
                CellError(
                    sheet,
                    "",
                    _(
                        "The sheet reaches cell %(last)s, far beyond the KS/KommIT template. At most "
                        "%(rows)s rows and %(columns)s columns are accepted: delete what lies below and "
                        "to the right of the template's tables and try again."
                    )
                    % {
                        "last": f"{get_column_letter(max(columns, 1))}{max(rows, 1)}",
                        "rows": format_number(MAX_SHEET_ROWS),
                        "columns": MAX_SHEET_COLUMNS,
                    },
                )
            )
    return errors


def read_cells(workbook) -> Cells:
    """The read area of every template sheet in the file, in one bounded pass per sheet.

    A second pass over the same area reads the results Excel saved, only for sheets whose area
    holds formulas (a formula counts with its saved result, and the fingerprint compares formulas).
    """
    sheets = [sheet for sheet in T.READ_AREAS if sheet in workbook.sheetnames]
    formulas = {sheet: _read_area(workbook[sheet]) for sheet in sheets}
    with_formulas = [sheet for sheet in sheets if any(c.data_type == "f" for c in formulas[sheet].values())]
    workbook._data_only = True  # openpyxl has no public switch; read-only sheets look at it on each pass
    saved = {sheet: _read_area(workbook[sheet]) for sheet in with_formulas}
    cells: Cells = {}
    for sheet in sheets:
        cells[sheet] = {}
        for ref, cell in formulas[sheet].items():
            if cell.data_type == "f":
                result = saved[sheet].get(ref)
                cells[sheet][ref] = Cell(result.value if result else None, formula=cell.value)
            else:
                cells[sheet][ref] = Cell(cell.value)
    return cells


def _read_area(sheet) -> dict:
    """The non-empty cells of the sheet's read area, by coordinate; parsing stops after its last row."""
    last_row, last_column = T.READ_AREAS[sheet.title]
    found = {}
    rows = sheet.iter_rows(min_row=1, max_row=last_row, min_col=1, max_col=last_column)
    for row_number, row in enumerate(rows, start=1):
        for column, cell in enumerate(row, start=1):
            if cell.value is not None:
                found[f"{get_column_letter(column)}{row_number}"] = cell
    return found


def _same_label(value, expected: str) -> bool:
    return isinstance(value, str) and " ".join(value.split()).casefold() == " ".join(expected.split()).casefold()


def _as_written(cells: Cells, sheet: str, ref: str):
    """What the cell holds as typed: its formula, else its value."""
    cell = cells[sheet].get(ref, EMPTY)
    return cell.formula if cell.formula is not None else cell.value


def fingerprint_errors(names: list[str], cells: Cells) -> list[CellError]:
    """Errors when the workbook is not the KommIT template: a missing sheet, changed labels."""
    errors = [
        CellError(sheet, "", _("The sheet is missing. The import needs every sheet of the KS/KommIT template."))
        for sheet in T.REQUIRED_SHEETS
        if sheet not in names
    ]
    for (sheet, cell), expected in T.LABELS.items():
        if sheet in cells and not _same_label(_as_written(cells, sheet, cell), expected):
            errors.append(
                CellError(
                    sheet,
                    cell,
                    _("The file does not match the KS/KommIT template: this cell should read “%(expected)s”.")
                    % {"expected": expected},
                )
            )
    if T.SUPPORT in cells:
        for cell, year in T.SUPPORT_YEAR_CELLS.items():
            if _as_written(cells, T.SUPPORT, cell) != year:
                errors.append(
                    CellError(
                        T.SUPPORT,
                        cell,
                        _("The file does not match the KS/KommIT template: this cell should hold %(value)s.")
                        % {"value": year},
                    )
                )
    return errors
