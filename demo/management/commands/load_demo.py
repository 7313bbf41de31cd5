from django.core.management.base import BaseCommand

from demo.fjordvik import DEMO_PASSWORD, PEOPLE, load_fjordvik
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Load the demo municipality Fjordvik kommune into an empty database and print the demo logins."

    def handle(self, *args, **options):
        if Organisation.objects.exists():
            self.stdout.write("The database already has organisations; the demo was not loaded again.")
        else:
            load_fjordvik()
            self.stdout.write(self.style.SUCCESS("Loaded the demo municipality Fjordvik kommune."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, first, last, roles, *_rest in PEOPLE:
            self.stdout.write(f"  {username:<18} {first} {last} – {', '.join(str(r.label) for r in roles)}")
