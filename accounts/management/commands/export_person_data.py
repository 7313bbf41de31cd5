import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services.personal_data import export_person


class Command(BaseCommand):
    help = (
        "Print everything stored about one person as JSON (account, memberships, roles, rows that name "
        "them, audit entries, sign-in log), for a request under the right of access (GDPR art. 15)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The person's username.")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No person has the username {username}.") from None
        self.stdout.write(json.dumps(export_person(user), ensure_ascii=False, indent=2, default=str))
