"""The survey templates every organisation starts with; the survey owner edits them as they like.

Written in our own words from ``DOMAIN.md`` §3 and §5 and the 2021 report on middle managers in
digital change (PwC for KS): its five barriers and their remedies give the barrier statements, and
the change-readiness stages follow ``surveys.topics.READINESS_STAGES``. Every text is written in
bokmål, nynorsk and English here (the respondent picks the language), so these are data, not msgids.
Scale statements are worded so that agreeing is good: a low score marks where people are held back.

The maturity areas are questions of one choice whose five choices describe the levels: the level
is the choice's ``order`` (1–5), so each level is read in full on a phone and results can still
average the levels. Each area is asked twice, where we are now and where we want to be by the
round's target year (``surveys.content.maturity``).
"""

from __future__ import annotations

from .adoption import ADOPTION
from .barriers import BARRIERS_FOR_MANAGERS
from .maturity import MATURITY
from .readiness import READINESS
from .shapes import AGREE, DISAGREE, SCALE, QuestionContent, TemplateContent, Text

#: The templates every organisation starts with, in the order they are listed.
DEFAULT_TEMPLATES: tuple[TemplateContent, ...] = (READINESS, BARRIERS_FOR_MANAGERS, MATURITY, ADOPTION)


def create_default_templates(organisation, template_model, question_model, choice_model) -> int:
    """Give ``organisation`` each default template it has no template of that kind for; returns how many.

    The models are passed in so the data migration can use its historical ones. The template's name
    and description are in the organisation's written language; questions and choices in all three.
    """
    existing = set(template_model.objects.filter(organisation=organisation).values_list("kind", flat=True))
    shipped = [content for content in DEFAULT_TEMPLATES if content.kind not in existing]
    questions, choices = [], []
    # The data migration that first gave organisations these templates ran before background questions
    # existed: its historical model has no ``breakdown``, so it leaves them out.
    backgrounds = any(f.name == "breakdown" for f in question_model._meta.get_fields())
    for content in shipped:
        template = template_model.objects.create(
            organisation=organisation,
            kind=content.kind,
            name=content.name.get(organisation.language),
            description=content.description.get(organisation.language),
            version=1,
        )
        asked = [q for q in content.questions if backgrounds or not q.breakdown]
        for order, question in enumerate(asked, start=1):
            questions.append(_question_row(question_model, template, order, question))
            choices.append(question.choices)
    # Two inserts for all the questions and all their choices: every new organisation runs this.
    question_model.objects.bulk_create(questions)
    choice_model.objects.bulk_create(
        choice_model(organisation=organisation, question=row, order=place, **_in_three("text", text))
        for row, texts in zip(questions, choices, strict=True)
        for place, text in enumerate(texts, start=1)
    )
    return len(shipped)


def _question_row(question_model, template, order: int, question: QuestionContent):
    scale_ends = _in_three("low", DISAGREE) | _in_three("high", AGREE) if question.kind == SCALE else {}
    return question_model(
        organisation=template.organisation,
        template=template,
        version=1,
        order=order,
        kind=question.kind,
        topic=question.topic,
        required=question.required,
        **_measure(question_model, question),
        **({"breakdown": True} if question.breakdown else {}),
        **_in_three("text", question.text),
        **scale_ends,
    )


def _measure(question_model, question: QuestionContent) -> dict[str, str]:
    # Migration 0002 passes its historical model, which has no ``measure`` yet (0005 adds and sets it).
    known = any(field.name == "measure" for field in question_model._meta.get_fields())
    return {"measure": question.measure} if known else {}


def _in_three(field: str, text: Text) -> dict[str, str]:
    return {f"{field}_nb": text.nb, f"{field}_nn": text.nn, f"{field}_en": text.en}
