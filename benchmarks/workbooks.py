"""KS/KommIT workbook files that a careless or hostile upload might hold, for the upload benchmark and tests.

They are built small on disk by writing a sheet's XML straight into a copy of the template's zip,
so a million rows cost seconds to build, never the gigabytes openpyxl would need to write them.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile

from openpyxl import load_workbook

from kommit import template as T

SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def template() -> bytes:
    """The KS/KommIT template as shipped."""
    return T.TEMPLATE_PATH.read_bytes()


def exported_template() -> bytes:
    """The template saved by openpyxl, as Omstilling's export writes it (about 40 kB)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(T.TEMPLATE_PATH)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_part(data: bytes, sheet: str) -> str:
    """The name of the zip part that holds ``sheet``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return workbook[sheet]._worksheet_path
    finally:
        workbook.close()


def with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """A copy of the zip ``data`` with ``parts`` replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info.filename, source.read(info.filename))
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def many_rows(rows: int, sheet: str = T.ECONOMICS) -> bytes:
    """The exported template with ``sheet`` replaced by ``rows`` rows of one small number each.

    A random digit from 0 to 4 in each row packs the sheet to about 0.6 byte a row, so a million
    rows give a 680 kB file and 100 000 rows a 104 kB one, the sizes of the issue's two files.
    """
    base = exported_template()
    digits = random.Random(rows).choices("01234", k=rows)  # noqa: S311 (repeatable test data)
    body = "".join(f"<row><c><v>{digit}</v></c></row>" for digit in digits)
    xml = f'{SHEET_HEAD}<dimension ref="A1:A{rows}"/><sheetData>{body}</sheetData></worksheet>'
    return with_parts(base, {sheet_part(base, sheet): xml.encode()})


def declared_size(data: bytes, sheet: str, dimension: str) -> bytes:
    """``data`` with ``sheet`` claiming to reach ``dimension`` (e.g. "A1:I100000"); its cells stay as they are."""
    part = sheet_part(data, sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(part).decode()
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml, count=1)
    return with_parts(data, {part: xml.encode()})


def rows_after_the_area(data: bytes, sheet: str, rows: int) -> bytes:
    """``data`` with ``rows`` more rows below ``sheet``'s cells while its dimension still claims the template's size."""
    part = sheet_part(data, sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(part).decode()
    last = max(int(n) for n in re.findall(r'<row r="(\d+)"', xml))
    extra = "".join(f'<row r="{n}"><c r="A{n}" t="n"><v>{n}</v></c></row>' for n in range(last + 1, last + 1 + rows))
    xml = xml.replace("</sheetData>", extra + "</sheetData>", 1)
    return with_parts(data, {part: xml.encode()})


def many_styles(size: int) -> bytes:
    """The template with minimal cell formats added until its styles part is about ``size`` bytes."""
    data = template()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("xl/styles.xml").decode()
    formats = int(re.search(r'<cellXfs count="(\d+)"', styles).group(1))
    extra = max(size - len(styles), 0) // len('<xf xfId="0"/>')
    styles = styles.replace(f'<cellXfs count="{formats}">', f'<cellXfs count="{formats + extra}">', 1)
    styles = styles.replace("</cellXfs>", '<xf xfId="0"/>' * extra + "</cellXfs>", 1)
    return with_parts(data, {"xl/styles.xml": styles.encode()})


def wide_first_row(data: bytes, sheet: str, tags: int) -> bytes:
    """``data`` with ``tags`` empty elements added to ``sheet``'s first row: openpyxl parses each as a cell."""
    part = sheet_part(data, sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(part).decode()
    xml = re.sub(r"(<row [^>]*>)", lambda m: m.group(1) + "<x/>" * tags, xml, count=1)
    return with_parts(data, {part: xml.encode()})


def zip_bomb(megabytes: int = 500) -> bytes:
    """The template with one more part: ``megabytes`` MB of zeros, packed to about 1/1000 of that."""
    out = io.BytesIO(template())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/media/zeros.bin", "w") as part:
        zeros = bytes(1 << 20)
        for _ in range(megabytes):
            part.write(zeros)
    return out.getvalue()


def encrypted_part() -> bytes:
    """The template with one part's "encrypted" flag set, as a zip tool's password protection does."""
    data = bytearray(template())
    # The flag is bit 0 of the general-purpose flags, in the local header and in the central directory.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        data[position + offset] |= 0x1
    return bytes(data)


def password_protected() -> bytes:
    """The start of an OLE2 compound file: how Excel saves a workbook with a password to open (and old .xls)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def not_a_workbook_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.txt", "Gevinster: se vedlegg")
    return out.getvalue()
