from django.db import migrations

from surveys.content import create_default_templates


def seed_existing_organisations(apps, schema_editor):
    """Organisations created before surveys existed get the shipped templates too."""
    Organisation = apps.get_model("organisations", "Organisation")
    models = (apps.get_model("surveys", name) for name in ("SurveyTemplate", "Question", "Choice"))
    template_model, question_model, choice_model = models
    for organisation in Organisation.objects.all():
        create_default_templates(organisation, template_model, question_model, choice_model)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_surveys")]

    operations = [migrations.RunPython(seed_existing_organisations, migrations.RunPython.noop)]
