"""Import filled-in KS/KommIT benefits workbooks in bulk: one file, or every .xlsx in a folder.

It acts for a named person (``--as``), who must be an active member of the organisation with the
right the upload page asks for (``portfolio.create_initiative``); the initiatives and the audit log
name that person, so a bulk import is as accountable as one through the page.
"""

from __future__ import annotations

from pathlib import Path

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.formatting import format_money, format_number
from core.permissions import can
from kommit import figures
from kommit.importer import EARLIEST_START_YEAR, LATEST_START_YEAR, create_initiative, preview_import
from kommit.reader import parse_workbook
from organisations.actor import build_actor
from organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import KS/KommIT benefits workbooks (a file, or every .xlsx in a folder) into one organisation. "
        "Each file is imported in its own transaction; the exit code is 1 if any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .xlsx file or a folder of them.")
        parser.add_argument("--organisation", required=True, help="The organisation number (9 digits).")
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="The person the import is done for: a member who may create initiatives.",
        )
        parser.add_argument(
            "--start-year",
            type=int,
            help="The investment year; the four year columns follow it. Default: from the file "
            "(its year labels, else its planned start), else this year.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and show the figures; save nothing.")

    def handle(self, *args, path, organisation, username, start_year, dry_run, **options):
        try:
            org = Organisation.objects.get(org_number=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"No organisation has the number {organisation}.") from None
        person = get_user_model().objects.filter(username=username).first()
        actor = build_actor(person, org.pk) if person is not None else None
        if actor is None or actor.organisation != org or not can(actor, "portfolio.create_initiative"):
            raise CommandError(f"{username} is not a member of {org} who may create initiatives.")
        if start_year is not None and not EARLIEST_START_YEAR <= start_year <= LATEST_START_YEAR:
            raise CommandError(f"The start year must be {EARLIEST_START_YEAR}–{LATEST_START_YEAR}.")
        source = Path(path)
        if source.is_dir():
            files = sorted(p for p in source.glob("*.xlsx") if not p.name.startswith("~$"))
        elif source.is_file():
            files = [source]
        else:
            raise CommandError(f"{path} is neither a file nor a folder.")
        if not files:
            raise CommandError(f"No .xlsx files in {path}.")
        failed = 0
        with set_actor(person):
            for file in files:
                failed += not self.import_file(file, org, person, start_year, dry_run)
        self.stdout.write(f"{len(files) - failed} of {len(files)} file(s) imported{' (dry run)' if dry_run else ''}.")
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported.", returncode=1)

    def import_file(
        self, file: Path, organisation: Organisation, person, start_year: int | None, dry_run: bool
    ) -> bool:
        self.stdout.write(f"== {file.name}")
        result = parse_workbook(file)
        if not result.ok:
            for error in result.errors:
                self.stdout.write(f"  ERROR {error}")
            return False
        parsed = result.workbook
        year = start_year or parsed.suggested_start_year() or timezone.localdate().year
        year = min(max(year, EARLIEST_START_YEAR), LATEST_START_YEAR)
        preview = preview_import(parsed, organisation, by=person, start_year=year)
        if dry_run:
            self.stdout.write(f"  would create: {parsed.card.name} (investment year {year})")
        else:
            initiative = create_initiative(parsed, organisation, by=person, start_year=year)
            self.stdout.write(f"  created: {initiative.name} (id {initiative.pk}, investment year {year})")
        self.stdout.write(f"  NPV Omstilling: {format_money(preview.our_npv)}")
        self.stdout.write(f"  NPV workbook (C39): {format_money(preview.workbook_npv)}")
        for line in preview.npv_explanations:
            self.stdout.write(f"    {line}")
        average = format_number(figures.workbook_freed_fte(parsed), 2)
        self.stdout.write(f"  freed time, workbook (C42): {average} FTE per year (the average of four years)")
        for y in preview.freed:
            hours, fte = format_number(y.our_hours), format_number(y.our_fte, 2)
            self.stdout.write(f"  freed time {y.year}: {hours} hours ({fte} FTE)")
        for notice in result.notices + preview.notices:
            self.stdout.write(f"  note: {notice}")
        return True
