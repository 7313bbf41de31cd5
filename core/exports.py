"""Tabular exports (CSV and Excel) that never let user text start a spreadsheet formula."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from .validation import without_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def printable(value):
    """Text, or a frozen dataclass or tuple holding text, without the control characters no file can hold.

    Excel and Word files are XML, where only tab, line feed and carriage return are allowed below a
    space; stored text (from before validation, or put straight into the database) may have others.
    """
    if isinstance(value, str):
        return without_control_characters(value, multi_line=True)
    if isinstance(value, tuple):
        return tuple(printable(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: printable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def safe_cell(value):
    """Text without control characters; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def ascii_filename(stem: str, fallback: str) -> str:
    """Lower-case ASCII letters, digits and hyphens only: "Bølgen på Ærø" → "bolgen-pa-aero"."""
    return slugify(stem.translate(NORWEGIAN_LETTERS))[:80].strip("-") or fallback


def download_response(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file to save, not to show: ``filename`` must be ASCII."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    # Semicolon and a BOM: what Excel with Norwegian settings opens correctly.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return download_response("\ufeff" + buffer.getvalue(), "text/csv; charset=utf-8", f"{filename}.csv")


def _csv_value(value):
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return safe_cell("" if value is None else value)


def xlsx_response(filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, Decimal | int | float):
                # In the file format "," is the grouping placeholder; Excel shows the local separator.
                cell.number_format = MONEY_FORMAT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return download_response(buffer.getvalue(), XLSX, f"{filename}.xlsx")
