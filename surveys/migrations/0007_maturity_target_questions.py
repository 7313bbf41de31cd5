"""Existing digital maturity templates get a target question after each area's question.

The rule of ``surveys.services.templates.editable_version``: a version a round has asked is never
changed, so a used template gets the questions in a new version; an unused one is changed in place.
The texts are copied here, not imported: a migration must keep doing what it did when it was written.
"""

from django.db import migrations
from django.db.models import F

YEAR = "{year}"

#: Area → its name in bokmål, nynorsk and English (``surveys.content.maturity`` as of this migration).
AREAS = {
    "leadership": ("Ledelse og forankring", "Leiing og forankring", "Leadership and anchoring"),
    "benefits": ("Gevinstarbeid", "Gevinstarbeid", "Benefits work"),
    "competence": ("Kompetanse", "Kompetanse", "Competence"),
    "involvement": ("Brukerinvolvering", "Brukarinvolvering", "User involvement"),
    "service_design": ("Tjenestedesign", "Tenestedesign", "Service design"),
    "governing": ("Styringsdokumenter", "Styringsdokument", "Governing documents"),
    "data": ("Data og arkitektur", "Data og arkitektur", "Data and architecture"),
}
TARGET = (
    "{name}: hvilken beskrivelse ønsker vi skal passe for oss innen {year}?",
    "{name}: kva skildring ønskjer vi skal passe for oss innan {year}?",
    "{name}: which description do we want to fit us by {year}?",
)
#: Clear of any order a question has (at most 999), so renumbering in place never meets itself.
OUT_OF_THE_WAY = 1000


def add_target_questions(apps, schema_editor=None):
    SurveyTemplate = apps.get_model("surveys", "SurveyTemplate")
    for template in SurveyTemplate.objects.filter(kind="maturity"):
        add_targets_to(apps, template)


def add_targets_to(apps, template) -> None:
    """Give ``template``'s current version a target question after each area's question (once)."""
    Question, Choice, Round = (apps.get_model("surveys", name) for name in ("Question", "Choice", "Round"))
    current = list(Question.objects.filter(template=template, version=template.version).order_by("order"))
    if any(question.measure == "target" for question in current):
        return
    if any(YEAR in question.text_nb for question in current):
        _mark_seeded(Question, current)  # seeded by 0002 from the new content, before ``measure`` existed
        return
    used = Round.objects.filter(template=template, version=template.version).exists()
    version = template.version + 1 if used else template.version
    if not used:
        Question.objects.filter(pk__in=[q.pk for q in current]).update(order=F("order") + OUT_OF_THE_WAY)
    order, areas_done = 0, set()
    for question in current:
        choices = list(Choice.objects.filter(question=question).order_by("order"))
        is_area = question.kind == "single" and question.topic in AREAS and question.topic not in areas_done
        order += 1
        if used:
            question.pk, question.id, question.version = None, None, version
            question._state.adding = True
        question.order = order
        question.measure = "now" if is_area else question.measure
        question.save()
        if used:
            _copy_choices(Choice, choices, question)
        if is_area:
            areas_done.add(question.topic)
            order += 1
            _add_target(Question, Choice, question, choices, order)
    if used:
        template.version = version
        template.save(update_fields=["version"])


def _add_target(Question, Choice, now, choices, order: int) -> None:
    names = AREAS[now.topic]
    target = Question.objects.create(
        organisation_id=now.organisation_id,
        template_id=now.template_id,
        version=now.version,
        order=order,
        kind="single",
        topic=now.topic,
        required=now.required,
        measure="target",
        **{
            f"text_{code}": text.format(name=name, year=YEAR)
            for code, text, name in zip(("nb", "nn", "en"), TARGET, names, strict=True)
        },
    )
    # The levels are the area's own, as the organisation may have worded them.
    _copy_choices(Choice, choices, target)


def _copy_choices(Choice, choices, question) -> None:
    Choice.objects.bulk_create(
        Choice(
            organisation_id=choice.organisation_id,
            question=question,
            order=choice.order,
            text_nb=choice.text_nb,
            text_nn=choice.text_nn,
            text_en=choice.text_en,
        )
        for choice in choices
    )


def _mark_seeded(Question, questions) -> None:
    for question in questions:
        if question.topic in AREAS and question.kind == "single":
            question.measure = "target" if YEAR in question.text_nb else "now"
            question.save(update_fields=["measure"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0006_maturity_target")]

    operations = [migrations.RunPython(add_target_questions, migrations.RunPython.noop)]
