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


@dataclass(frozen=True)
class TemplateContent:
    kind: str
    name: Text
    description: Text
    questions: tuple[QuestionContent, ...]


DISAGREE = Text("Helt uenig", "Heilt usamd", "Strongly disagree")
AGREE = Text("Helt enig", "Heilt samd", "Strongly agree")


def statements(topic: str, *texts: tuple[str, str, str]) -> tuple[QuestionContent, ...]:
    return tuple(QuestionContent(topic, Text(*text)) for text in texts)
