from django.core.management.base import BaseCommand
from django.utils import timezone

from benefits.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Email each person one digest of the benefit measurements that are due or overdue (run from cron)."

    def handle(self, *args, **options):
        sent = send_reminders(timezone.localdate())
        self.stdout.write(f"Sent {sent} reminder email(s).")
