"""The workbook upload cannot exhaust the server: oversized, bomb-like and odd files are refused
early, with a message naming the limit, and only the template's cells are ever read."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl.worksheet._reader import WorkSheetParser

from benchmarks import workbooks as W
from kommit import reader
from kommit import template as T
from kommit.reader import parse_workbook
from portfolio.models import Initiative

from .test_kommit import (
    _upload_preview,
    build,
    good_cells,
    in_english,  # noqa: F401  (autouse: the messages are checked in English)
    parsed_good,
)
from .test_kommit_import import for_office

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:.*not supported:UserWarning")]


@pytest.fixture(scope="module")
def million_rows():
    return W.many_rows(1_000_000)


@pytest.fixture
def openpyxl_must_not_open(monkeypatch):
    """Fails the test if the reader hands the file to openpyxl at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to open the file")

    monkeypatch.setattr(reader, "load_workbook", refuse)


def _only_error(result) -> str:
    assert not result.ok and result.workbook is None
    (error,) = result.errors
    assert (error.sheet, error.cell) == ("", "")
    return error.message


def test_a_million_rows_are_refused_before_openpyxl_and_with_little_memory(world, login, million_rows):
    """The issue's file: 680 kB that unpacks to 26 MB (openpyxl took 232 s and 5.5 GB for it)."""
    assert len(million_rows) < 700_000
    tracemalloc.start()
    try:
        result = parse_workbook(million_rows)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert _only_error(result).startswith("The workbook unpacks to 26,2 MB; at most 20 MB is accepted.")
    assert peak < 20_000_000  # the file itself is 0.7 MB; nothing of the 26 MB is unpacked
    before = Initiative.objects.across_organisations().count()
    client = login(world.users["portfolio_office"])
    response = _upload_preview(client, million_rows)
    assert response.status_code == 200
    body = response.content.decode()
    assert "The workbook could not be imported" in body and "at most 20 MB is accepted" in body
    assert Initiative.objects.across_organisations().count() == before


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(openpyxl_must_not_open, monkeypatch):
    bomb = W.zip_bomb(500)
    assert len(bomb) < 1_000_000

    def no_unpacking(*args, **kwargs):
        raise AssertionError("a part was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    message = _only_error(parse_workbook(bomb))
    assert "packed more tightly than a workbook can be (one part shrinks more than 100 times)" in message


def test_a_hundred_thousand_rows_are_refused_by_the_bulk_command_too(world, tmp_path, openpyxl_must_not_open):
    """The issue's second file: 104 kB, 100 000 rows, 2.8 MB unpacked; refused by counting its rows."""
    data = W.many_rows(100_000)
    assert len(data) < 110_000
    assert _only_error(parse_workbook(data)).startswith(
        "The workbook holds far more than the KS/KommIT template: more than 20\xa0000 rows or 50\xa0000 cells"
    )
    (tmp_path / "stor.xlsx").write_bytes(data)
    out = io.StringIO()
    before = Initiative.objects.across_organisations().count()
    with pytest.raises(CommandError) as failed:
        call_command("import_kommit", str(tmp_path), **for_office(world), stdout=out)
    assert failed.value.returncode == 1
    assert "ERROR The workbook holds far more than the KS/KommIT template" in out.getvalue()
    assert Initiative.objects.across_organisations().count() == before


def test_a_file_over_the_limit_is_not_even_read_whole(world, tmp_path, openpyxl_must_not_open):
    (tmp_path / "stor.xlsx").write_bytes(b"PK\x03\x04" + bytes(5_000_000))
    with (tmp_path / "stor.xlsx").open("rb") as file:
        message = _only_error(parse_workbook(file))
        assert file.tell() == 1_500_001
    assert message == "The file is too large for a KS/KommIT workbook: it may be at most 1,5 MB."


def _styles_padded(size: int) -> bytes:
    with zipfile.ZipFile(T.TEMPLATE_PATH) as archive:
        styles = archive.read("xl/styles.xml")
    padded = styles.replace(b"</styleSheet>", b" " * size + b"</styleSheet>")
    return W.with_parts(W.template(), {"xl/styles.xml": padded})


REFUSED_FILES = [
    ("password or .xls", W.password_protected, "The file is an old Excel workbook (.xls) or is protected"),
    ("encrypted zip part", W.encrypted_part, "The file is encrypted or packed in a way Excel does not use"),
    (
        "entity declarations",
        lambda: W.with_parts(W.template(), {"xl/x.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
        "The file holds XML that Excel does not write",
    ),
    ("bloated styles", lambda: _styles_padded(400_000), "cell styles take 0,4 MB unpacked; at most 0,3 MB"),
]


@pytest.mark.parametrize(("name", "make", "expected"), REFUSED_FILES, ids=[f[0] for f in REFUSED_FILES])
def test_odd_files_are_refused_before_openpyxl_with_a_message(name, make, expected, openpyxl_must_not_open):
    assert expected in _only_error(parse_workbook(make()))


def test_a_sheet_declared_far_larger_than_the_template_is_refused_unread(world, monkeypatch):
    data = W.declared_size(build(good_cells(world)), T.ECONOMICS, "A1:I1000000")
    parsed_rows = []
    parse_row = WorkSheetParser.parse_row
    monkeypatch.setattr(WorkSheetParser, "parse_row", lambda self, row: parsed_rows.append(1) or parse_row(self, row))
    result = parse_workbook(data)
    assert not result.ok
    (error,) = result.errors
    assert (error.sheet, error.cell) == (T.ECONOMICS, "")
    assert error.message.startswith("The sheet reaches cell I1000000, far beyond the KS/KommIT template.")
    assert "1\xa0000 rows and 100 columns" in error.message
    assert parsed_rows == []  # no sheet was read


def test_rows_below_the_template_are_never_read_even_if_the_sheet_hides_them(world, monkeypatch):
    """15 000 rows below the benefit analysis while its dimension still says A1:I53: the file imports."""
    data = W.rows_after_the_area(build(good_cells(world)), T.ECONOMICS, 15_000)
    parsed_rows = []
    parse_row = WorkSheetParser.parse_row
    monkeypatch.setattr(WorkSheetParser, "parse_row", lambda self, row: parsed_rows.append(1) or parse_row(self, row))
    result = parse_workbook(data)
    assert 0 < len(parsed_rows) < 1_000  # the read areas hold 228 rows, some read twice (formulas, values)
    assert result.ok, [str(e) for e in result.errors]
    assert result.workbook == parsed_good(world).workbook


def test_the_reader_never_looks_outside_the_read_areas():
    """A programming slip (a cell outside template.READ_AREAS) fails loudly instead of reading as empty."""
    slip = reader._Reader({T.FORSIDE: {}}, None)
    with pytest.raises(ValueError, match="outside the area read"):
        slip.text(T.FORSIDE, "B20")
