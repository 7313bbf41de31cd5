"""The KS/KommIT workbook through the upload page and the bulk command: who may import, what is
created, what is refused, and what each says."""

import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from benefits.models import Benefit
from kommit import template as T
from kommit.reader import parse_workbook
from portfolio.models import Initiative

from .pages import assert_page
from .test_kommit import (
    WITHOUT_FTE,
    build,
    good_cells,
    in_english,  # noqa: F401  (autouse: the messages are checked in English)
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:.*not supported:UserWarning")]


def _folder(tmp_path, world):
    (tmp_path / "god.xlsx").write_bytes(build(good_cells(world) | WITHOUT_FTE))
    (tmp_path / "feil.xlsx").write_bytes(build(good_cells(world) | {(T.ECONOMICS, "E7"): "mye"}))
    return tmp_path


def for_office(world) -> dict:
    """The bulk command's options: the organisation and the portfolio office member it acts for."""
    return {"organisation": world.org.org_number, "username": world.users["portfolio_office"].username}


def test_bulk_command_dry_run_saves_nothing(world, tmp_path):
    folder = _folder(tmp_path, world)
    before = Initiative.objects.across_organisations().count()
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "import_kommit",
            str(folder),
            organisation=world.org.org_number,
            username="a-portfolio_office",
            dry_run=True,
            stdout=out,
        )
    assert failed.value.returncode == 1
    text = out.getvalue()
    assert "would create: Digitalt nattilsyn (investment year 2026)" in text
    assert "NPV Omstilling: −384\xa0404\xa0kr" in text and "NPV workbook (C39): −384\xa0404\xa0kr" in text
    assert f"ERROR {T.ECONOMICS}, E7:" in text
    assert Initiative.objects.across_organisations().count() == before


def test_bulk_command_creates_the_good_file_and_exits_1(world, tmp_path):
    folder = _folder(tmp_path, world)
    before = Initiative.objects.across_organisations().count()
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_kommit", str(folder), **for_office(world), stdout=out)
    assert failed.value.returncode == 1
    assert Initiative.objects.across_organisations().count() == before + 1
    assert Initiative.objects.filter(organisation=world.org, name="Digitalt nattilsyn").exists()
    assert "created: Digitalt nattilsyn" in out.getvalue()
    assert "freed time 2028: 0 hours (0,00 FTE)" in out.getvalue()


def test_bulk_command_reports_freed_time(world, tmp_path):
    (tmp_path / "god.xlsx").write_bytes(build(good_cells(world)))
    out = io.StringIO()
    call_command(
        "import_kommit",
        str(tmp_path / "god.xlsx"),
        organisation=world.org.org_number,
        username="a-portfolio_office",
        stdout=out,
    )
    text = out.getvalue()
    assert "freed time, workbook (C42): 1,25 FTE" in text
    assert "freed time 2029: 3\xa0390 hours (2,00 FTE)" in text


def test_upload_preview_confirm_creates_the_initiative(world, login):
    client = login(world.users["portfolio_office"])
    url = reverse("kommit:upload")
    page = assert_page(client.get(url), "Import the KS/KommIT benefits workbook")
    assert f'value="{datetime.date.today().year}"' in page
    upload = io.BytesIO(build(good_cells(world)))
    upload.name = "nattilsyn.xlsx"
    before = Initiative.objects.across_organisations().count()
    preview = client.post(url, {"workbook": upload, "start_year": 2026, "step": "preview"})
    body = assert_page(preview, "Preview of the import: Digitalt nattilsyn")
    for text in (
        "Lavere vikarkostnader",
        "Tillitsvalgte",
        "Ser varsler på nettbrett",
        "Ny bemanningsplan",
        "Vikarkostnader per måned",
        "Kari Nordmann",
        "−384\xa0404\xa0kr",  # the workbook's C39
        "4\xa0476\xa0690\xa0kr",  # Omstilling's
        "1,25",  # the workbook's average FTE
        "67\xa0%",  # the workbook's achievement of benefit 1
        "50\xa0%",  # ours
    ):
        assert text in body, text
    assert Initiative.objects.across_organisations().count() == before
    payload = preview.context["payload"]
    created = client.post(url, {"payload": payload, "start_year": 2026, "step": "confirm"})
    initiative = Initiative.objects.across_organisations().get(organisation=world.org, name="Digitalt nattilsyn")
    assert created.status_code == 302 and created["Location"] == reverse("benefits:initiative", args=[initiative.pk])
    assert Initiative.objects.across_organisations().count() == before + 1
    assert Benefit.objects.filter(initiative=initiative).count() == 3


def test_a_changed_payload_is_refused(world, login):
    client = login(world.users["portfolio_office"])
    before = Initiative.objects.across_organisations().count()
    response = client.post(reverse("kommit:upload"), {"payload": "x:y:z", "start_year": 2026, "step": "confirm"})
    assert "expired or was changed" in assert_page(response, "Import the KS/KommIT benefits workbook")
    assert Initiative.objects.across_organisations().count() == before


def test_only_people_who_create_initiatives_may_import(world, login, client):
    url = reverse("kommit:upload")
    assert login(world.users["employee"]).get(url).status_code == 403
    upload = io.BytesIO(build(good_cells(world)))
    upload.name = "x.xlsx"
    before = Initiative.objects.across_organisations().count()
    assert client.post(url, {"workbook": upload, "start_year": 2026}).status_code == 403
    assert Initiative.objects.across_organisations().count() == before


def test_any_member_may_export_but_other_organisations_get_404(world, other_world, login, client):
    url = reverse("kommit:export", args=[world.initiative.pk])
    response = login(world.users["politician"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    assert parse_workbook(response.content).workbook.card.name == world.initiative.name
    client.logout()
    assert login(other_world.users["administrator"]).get(url).status_code == 404


def test_a_too_large_upload_is_refused_without_touching_disk(world, login, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django would spool anything larger to a temporary file
    client = login(world.users["portfolio_office"])
    upload = io.BytesIO(b"0" * 1_600_000)
    upload.name = "stor.xlsx"
    response = client.post(reverse("kommit:upload"), {"start_year": 2026, "workbook": upload})
    body = assert_page(response, "Import the KS/KommIT benefits workbook")
    assert "The file is too large for a KS/KommIT workbook: it may be at most 1,5 MB." in body
    # A normal file still arrives whole, in memory.
    upload = io.BytesIO(build(good_cells(world)))
    upload.name = "nattilsyn.xlsx"
    response = client.post(reverse("kommit:upload"), {"workbook": upload, "start_year": 2026, "step": "preview"})
    assert "Lavere vikarkostnader" in assert_page(response, "Preview of the import: Digitalt nattilsyn")


def test_the_upload_still_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["portfolio_office"])
    upload = io.BytesIO(build(good_cells(world)))
    upload.name = "nattilsyn.xlsx"
    before = Initiative.objects.across_organisations().count()
    response = client.post(reverse("kommit:upload"), {"workbook": upload, "start_year": 2026, "step": "preview"})
    assert response.status_code == 403
    assert Initiative.objects.across_organisations().count() == before


def test_the_bulk_command_acts_for_a_member_who_may_create_initiatives(world, other_world, tmp_path):
    (tmp_path / "god.xlsx").write_bytes(build(good_cells(world)))
    before = Initiative.objects.across_organisations().count()
    for username in ("a-employee", "a-politician", "b-portfolio_office", "nobody"):
        with pytest.raises(CommandError, match="is not a member of Fjordvik who may create initiatives"):
            call_command("import_kommit", str(tmp_path), organisation=world.org.org_number, username=username)
    assert Initiative.objects.across_organisations().count() == before
    call_command("import_kommit", str(tmp_path), organisation=world.org.org_number, username="a-top_management")
    initiative = Initiative.objects.for_org(world.org).get(name="Digitalt nattilsyn")
    assert initiative.phase_changes.get().changed_by == world.users["top_management"]
