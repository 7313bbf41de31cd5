from django.db import migrations


def waves_from_dates(apps, schema_editor):
    """An initiative whose affected units change on different dates was rolling out in waves:
    one wave per date, in date order, each holding the units that change then."""
    Initiative = apps.get_model("portfolio", "Initiative")
    AffectedUnit = apps.get_model("portfolio", "AffectedUnit")
    RolloutWave = apps.get_model("portfolio", "RolloutWave")
    for initiative in Initiative.objects.all():
        dates = sorted(set(AffectedUnit.objects.filter(initiative=initiative).values_list("change_from", flat=True)))
        if len(dates) < 2:
            continue
        for number, go_live in enumerate(dates, start=1):
            wave = RolloutWave.objects.create(
                organisation_id=initiative.organisation_id, initiative=initiative, number=number, go_live=go_live
            )
            AffectedUnit.objects.filter(initiative=initiative, change_from=go_live).update(wave=wave)


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0003_rollout_waves_and_impact")]

    operations = [migrations.RunPython(waves_from_dates, migrations.RunPython.noop)]
