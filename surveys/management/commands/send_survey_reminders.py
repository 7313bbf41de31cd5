from django.core.management.base import BaseCommand
from django.utils import timezone

from surveys.services.rounds import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder with a fresh link to everyone who has not answered an open survey round whose "
        "reminder date has come. Run it daily: each round is reminded once, and a round where any reminder "
        "failed is tried again on the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="The service's address, e.g. https://omstilling.example.no")

    def handle(self, *args, site, **options):
        reminders = send_reminders(timezone.localdate(), base_url=site.rstrip("/"))
        # Only how many: nobody, the operator included, learns who has not answered.
        self.stdout.write(f"Sent {reminders.sent} survey reminder email(s); {reminders.failed} failed.")
        if reminders.failed:
            self.stderr.write(
                f"{reminders.failed} survey reminder email(s) could not be sent. Check the mail server: "
                "their rounds are reminded again, with fresh links, on the next run."
            )
