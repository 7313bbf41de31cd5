from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services.personal_data import erase_person


class Command(BaseCommand):
    help = (
        "Anonymise one person (GDPR art. 17): remove their name, username and e-mail from the account and "
        "the audit log, end their memberships and delete their sign-in logs. History shows 'Former member'."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The person's username.")
        parser.add_argument("--yes", action="store_true", help="Confirm: this cannot be undone.")

    def handle(self, *args, username, yes, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No person has the username {username}.") from None
        if not yes:
            raise CommandError("Erasure cannot be undone; run again with --yes to confirm.")
        erase_person(user)
        self.stdout.write(f"Erased {username}: the account is now {user.username}, without name or e-mail.")
