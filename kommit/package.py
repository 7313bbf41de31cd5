"""Checks on an uploaded workbook file before openpyxl parses any of it.

An .xlsx file is a zip archive of XML parts. A small upload can unpack to gigabytes (a zip bomb)
or hold a sheet of a million rows, and openpyxl would spend minutes and gigabytes on either. So
the archive's directory is checked first: the number of parts, encryption and packing method,
and each part's declared size and packing ratio. ``zipfile`` never unpacks more than a part's
declared size (a part that holds more fails its checksum), so the declared sizes are a bound.
Then every part is unpacked in small chunks and counted (rows, cells, XML tags) without
being kept. Only then may openpyxl open the file.

The limits are far above a real workbook: the KS/KommIT template unpacks to 0.6 MB and holds
about 700 rows, 3 200 cells and 26 000 XML tags.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from core.formatting import format_number

#: The largest upload; a filled-in workbook is about 200 kB, and the preview signs the file
#: into a form field, so base64 of it must fit a POST.
MAX_FILE_BYTES = 1_500_000
MAX_PARTS = 1_000
#: The sum of the parts' unpacked sizes.
MAX_UNPACKED_BYTES = 20_000_000
#: A part over 1 MB unpacked may be packed at most this tightly (the template's tightest is 12:1).
MAX_RATIO, RATIO_FROM_BYTES = 100, 1_000_000
#: openpyxl turns every cell format into objects (measured: 20 µs, 0.7 kB each); the template's styles are 45 kB.
STYLES_PART, MAX_STYLES_BYTES = "xl/styles.xml", 300_000
MAX_ROWS, MAX_CELLS = 20_000, 50_000
#: Every XML tag costs openpyxl time and memory wherever it is; this bounds them all.
MAX_TAGS = 150_000

_CHUNK = 1 << 16
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = (b"<!DOCTYPE", b"<!ENTITY")  # never in an Office file; entity expansion is the "billion laughs"


def _megabytes(size: int) -> str:
    return format_number(size / 1_000_000, 0 if size % 1_000_000 == 0 else 1)


def not_a_workbook() -> str:
    return _("The file is not an Excel workbook (.xlsx), or it is damaged.")


def too_large() -> str:
    return _("The file is too large for a KS/KommIT workbook: it may be at most %(max)s MB.") % {
        "max": _megabytes(MAX_FILE_BYTES)
    }


def package_problem(data: bytes) -> str | None:
    """Why this file must not be opened, in the user's language; None if openpyxl may open it."""
    if len(data) > MAX_FILE_BYTES:
        return too_large()
    if data.startswith(_OLE):
        return _(
            "The file is an old Excel workbook (.xls) or is protected with a password. "
            "Save it in Excel as a workbook (.xlsx) without a password and try again."
        )
    if not data.startswith(_ZIP):
        return not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _directory_problem(archive.infolist()) or _content_problem(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return not_a_workbook()


def _directory_problem(parts: list[zipfile.ZipInfo]) -> str | None:
    """Problems seen in the archive's directory, before anything is unpacked."""
    if len(parts) > MAX_PARTS:
        return _("The file holds more than %(max)s parts; a KS/KommIT workbook holds about 120.") % {
            "max": format_number(MAX_PARTS)
        }
    for part in parts:
        if part.flag_bits & 0x1 or part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return _("The file is encrypted or packed in a way Excel does not use, so it was not opened.")
        if part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            return _(
                "The file is packed more tightly than a workbook can be (one part shrinks more than "
                "%(ratio)s times), as harmful files are, so it was not opened."
            ) % {"ratio": MAX_RATIO}
        if part.filename == STYLES_PART and part.file_size > MAX_STYLES_BYTES:
            return _(
                "The workbook's cell styles take %(size)s MB unpacked; at most %(max)s MB is accepted. "
                "Copy the cells into a fresh KS/KommIT template and try again."
            ) % {"size": _megabytes(part.file_size), "max": _megabytes(MAX_STYLES_BYTES)}
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        return _(
            "The workbook unpacks to %(size)s MB; at most %(max)s MB is accepted. A filled-in "
            "KS/KommIT workbook unpacks to less than 1 MB: delete added sheets, rows or pictures and try again."
        ) % {"size": _megabytes(unpacked), "max": _megabytes(MAX_UNPACKED_BYTES)}
    return None


def _content_problem(archive: zipfile.ZipFile) -> str | None:
    """Problems seen by unpacking every part in chunks, stopping at the first limit passed."""
    rows = cells = tags = 0
    for part in archive.infolist():
        tail = b""
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                text = tail + chunk
                if any(marker in text for marker in _DTD):
                    return _("The file holds XML that Excel does not write, so it was not opened.")
                # Tags cut in two at the chunk's edge are missed; the tag count still bounds them.
                rows += chunk.count(b"<row ") + chunk.count(b"<row>")
                cells += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/>")
                tags += chunk.count(b"<")
                if rows > MAX_ROWS or cells > MAX_CELLS or tags > MAX_TAGS:
                    return _(
                        "The workbook holds far more than the KS/KommIT template: more than %(rows)s rows "
                        "or %(cells)s cells in all, where the template has about 700 rows and 3 200 cells. "
                        "Delete what lies outside the template's tables and try again."
                    ) % {"rows": format_number(MAX_ROWS), "cells": format_number(MAX_CELLS)}
                tail = chunk[-len(_DTD[0]) :]
    return None
