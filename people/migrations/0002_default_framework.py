from django.db import migrations

from people.defaults import default_themes


def seed_existing_organisations(apps, schema_editor):
    """Organisations created before the framework existed get the default themes too."""
    Organisation = apps.get_model("organisations", "Organisation")
    Theme = apps.get_model("people", "Theme")
    for organisation in Organisation.objects.all():
        if not Theme.objects.filter(organisation=organisation).exists():
            Theme.objects.bulk_create(default_themes(Theme, organisation))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_competence_framework")]

    operations = [migrations.RunPython(seed_existing_organisations, migrations.RunPython.noop)]
