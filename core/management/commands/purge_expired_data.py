from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.retention import purge_expired_data


class Command(BaseCommand):
    help = (
        "Delete sign-in logs older than SIGN_IN_LOG_RETENTION_DAYS and expired sessions, and remove "
        "network addresses from older audit entries. Run daily from cron; safe to run again."
    )

    def handle(self, *args, **options):
        removed = purge_expired_data(timezone.now())
        self.stdout.write(f"Retention period for sign-in logs: {settings.SIGN_IN_LOG_RETENTION_DAYS} days.")
        for what, count in removed.items():
            self.stdout.write(f"Removed {count} {what}.")
