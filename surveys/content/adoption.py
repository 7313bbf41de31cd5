"""Adoption after go-live: do people work the new way, and what stops them."""

from __future__ import annotations

from .shapes import LEADS_OTHERS, MULTIPLE, TEXT, WORKING_HOURS, QuestionContent, TemplateContent, Text, statements

ADOPTION = TemplateContent(
    "adoption",
    Text("Bruk etter innføring", "Bruk etter innføring", "Adoption after go-live"),
    Text(
        "Etter at endringen er tatt i bruk: jobber folk på den nye måten, og hva hindrer dem? En gevinst som "
        "forutsetter at den gamle måten er borte, tas ikke ut før den faktisk er borte.",
        "Etter at endringa er teken i bruk: arbeider folk på den nye måten, og kva hindrar dei? Ein gevinst som "
        "føreset at den gamle måten er borte, blir ikkje teken ut før han faktisk er borte.",
        "After the change has gone live: do people work the new way, and what stops them? A benefit that "
        "depends on the old way being gone is not realised until it really is gone.",
    ),
    (
        *statements(
            "in_use",
            (
                "Jeg gjør denne oppgaven på den nye måten hver gang.",
                "Eg gjer denne oppgåva på den nye måten kvar gong.",
                "I do this task the new way every time.",
            ),
            (
                "Jeg holder ikke liv i den gamle måten ved siden av (papirlister, reservenøkler, egne regneark).",
                "Eg held ikkje liv i den gamle måten ved sida av (papirlister, reservenøklar, eigne rekneark).",
                "I no longer keep the old way going on the side (paper lists, spare keys, my own spreadsheets).",
            ),
            (
                "Den nye måten sparer meg for tid.",
                "Den nye måten sparer meg for tid.",
                "The new way saves me time.",
            ),
            (
                "Alle i enheten min jobber på den nye måten.",
                "Alle i eininga mi arbeider på den nye måten.",
                "Everyone in my unit works the new way.",
            ),
        ),
        QuestionContent(
            "obstacles",
            Text(
                "Hva hindrer deg i å jobbe på den nye måten? Velg alt som passer.",
                "Kva hindrar deg i å arbeide på den nye måten? Vel alt som passar.",
                "What stops you from working the new way? Choose all that apply.",
            ),
            kind=MULTIPLE,
            choices=(
                Text("Ingenting hindrer meg", "Ingenting hindrar meg", "Nothing stops me"),
                Text("Jeg har ikke fått nok opplæring", "Eg har ikkje fått nok opplæring", "Not enough training"),
                Text(
                    "Løsningen fungerer ikke godt nok",
                    "Løysinga fungerer ikkje godt nok",
                    "The solution does not work well enough",
                ),
                Text(
                    "Utstyr eller tilganger mangler", "Utstyr eller tilgangar manglar", "Equipment or access is missing"
                ),
                Text("Den gamle måten går raskere", "Den gamle måten går raskare", "The old way is quicker"),
                Text(
                    "Kolleger jobber fortsatt på den gamle måten",
                    "Kollegaer arbeider framleis på den gamle måten",
                    "Colleagues still work the old way",
                ),
                Text(
                    "Jeg vet ikke hva som er ventet av meg",
                    "Eg veit ikkje kva som er venta av meg",
                    "I do not know what is expected of me",
                ),
                Text(
                    "Det er ikke tid i en travel hverdag",
                    "Det er ikkje tid i ein travel kvardag",
                    "No time on a busy day",
                ),
            ),
        ),
        QuestionContent(
            "obstacles",
            Text(
                "Hva ville gjort det lettere å jobbe på den nye måten?",
                "Kva ville gjort det lettare å arbeide på den nye måten?",
                "What would make it easier to work the new way?",
            ),
            kind=TEXT,
            required=False,
        ),
        WORKING_HOURS,
        LEADS_OTHERS,
    ),
)
