"""The shapes of the shipped survey content: a text in three languages, a question, a template."""

from __future__ import annotations

from dataclasses import dataclass

SCALE, SINGLE, MULTIPLE, TEXT = "scale", "single", "multiple", "text"  # the values of ``Question.Kind``


@dataclass(frozen=True)
class Text:
    nb: str
    nn: str
    en: str

    def get(self, language: str) -> str:
        return getattr(self, language, self.nb)


@dataclass(frozen=True)
class QuestionContent:
    topic: str
    text: Text
    kind: str = SCALE
    choices: tuple[Text, ...] = ()
    required: bool = True
    measure: str = ""  # digital maturity: "now" or "target" (``Question.Measure``)
    #: A background question results can be split by (always optional).
    breakdown: bool = False


@dataclass(frozen=True)
class TemplateContent:
    kind: str
    name: Text
    description: Text
    questions: tuple[QuestionContent, ...]


DISAGREE = Text("Helt uenig", "Heilt usamd", "Strongly disagree")
AGREE = Text("Helt enig", "Heilt samd", "Strongly agree")


def background(text: Text, *choices: Text) -> QuestionContent:
    """An optional question of one choice that results can be split by, for the whole organisation."""
    return QuestionContent("", text, kind=SINGLE, choices=choices, required=False, breakdown=True)


#: Background questions the shipped templates ask (own wording).
WORKING_HOURS = background(
    Text(
        "Jobber du bare på dagtid, eller i turnus med kvelder, netter eller helger?",
        "Arbeider du berre på dagtid, eller i turnus med kveldar, netter eller helgar?",
        "Do you work days only, or shifts that include evenings, nights or weekends?",
    ),
    Text("Bare dagtid", "Berre dagtid", "Days only"),
    Text("Turnus eller skift", "Turnus eller skift", "Shifts"),
)
LEADS_OTHERS = background(
    Text(
        "Har du personalansvar eller leder du andre?",
        "Har du personalansvar eller leier du andre?",
        "Are you responsible for staff, or do you lead others?",
    ),
    Text("Ja", "Ja", "Yes"),
    Text("Nei", "Nei", "No"),
)


def statements(topic: str, *texts: tuple[str, str, str]) -> tuple[QuestionContent, ...]:
    return tuple(QuestionContent(topic, Text(*text)) for text in texts)
