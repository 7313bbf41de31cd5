"""Change readiness: five stages, in order, with statements about "this change"."""

from __future__ import annotations

from .shapes import LEADS_OTHERS, WORKING_HOURS, TemplateContent, Text, statements

READINESS = TemplateContent(
    "readiness",
    Text("Endringsberedskap", "Endringsberedskap", "Change readiness"),
    Text(
        "Hvor klare de ansatte i en enhet er for én bestemt endring før den tas i bruk, i fem trinn: å forstå "
        "hvorfor, å ville, å vite hvordan, å kunne og å få støtte til å holde det ved like.",
        "Kor klare dei tilsette i ei eining er for éi bestemt endring før ho blir teken i bruk, i fem steg: å "
        "forstå kvifor, å ville, å vite korleis, å kunne og å få støtte til å halde det ved like.",
        "How ready the employees of a unit are for one particular change before it goes live, in five stages: "
        "understanding why, wanting to, knowing how, being able to, and being supported to keep it up.",
    ),
    (
        *statements(
            "why",
            (
                "Jeg forstår hvorfor vi gjør denne endringen.",
                "Eg forstår kvifor vi gjer denne endringa.",
                "I understand why we are making this change.",
            ),
            (
                "Jeg vet hva som blir annerledes i mitt eget arbeid.",
                "Eg veit kva som blir annleis i mitt eige arbeid.",
                "I know what will be different in my own work.",
            ),
            (
                "Jeg har fått vite hva endringen skal gi dem vi er til for.",
                "Eg har fått vite kva endringa skal gi dei vi er til for.",
                "I have been told what this change should bring those we serve.",
            ),
        ),
        *statements(
            "want",
            (
                "Jeg ser hva jeg selv får igjen for denne endringen.",
                "Eg ser kva eg sjølv får att for denne endringa.",
                "I can see what is in this change for me.",
            ),
            (
                "Jeg ønsker at denne endringen skal lykkes.",
                "Eg ønskjer at denne endringa skal lukkast.",
                "I want this change to succeed.",
            ),
            (
                "Jeg har fått si hva jeg mener om endringen.",
                "Eg har fått seie kva eg meiner om endringa.",
                "I have had the chance to say what I think about the change.",
            ),
        ),
        *statements(
            "how",
            (
                "Jeg vet hva jeg må lære før endringen kommer til meg.",
                "Eg veit kva eg må lære før endringa kjem til meg.",
                "I know what I must learn before this change reaches me.",
            ),
            (
                "Opplæringen jeg får tilbud om, passer for måten jeg lærer på.",
                "Opplæringa eg får tilbod om, passar for måten eg lærer på.",
                "The training I am offered suits the way I learn.",
            ),
            (
                "Jeg vet hvem jeg kan spørre når jeg står fast.",
                "Eg veit kven eg kan spørje når eg står fast.",
                "I know whom to ask when I get stuck.",
            ),
        ),
        *statements(
            "able",
            (
                "Jeg får den tiden jeg trenger for å lære den nye arbeidsmåten.",
                "Eg får den tida eg treng for å lære den nye arbeidsmåten.",
                "I am given the time I need to learn the new way of working.",
            ),
            (
                "Utstyret og tilgangene jeg trenger, er på plass når endringen kommer.",
                "Utstyret og tilgangane eg treng, er på plass når endringa kjem.",
                "The equipment and access I need will be in place when the change comes.",
            ),
            (
                "Jeg er trygg på at jeg klarer oppgavene mine på den nye måten.",
                "Eg er trygg på at eg klarer oppgåvene mine på den nye måten.",
                "I am confident I can do my tasks the new way.",
            ),
        ),
        *statements(
            "keep",
            (
                "Lederen min følger opp at vi bruker den nye arbeidsmåten.",
                "Leiaren min følgjer opp at vi bruker den nye arbeidsmåten.",
                "My leader follows up that we use the new way of working.",
            ),
            (
                "Det er noen i nærheten som hjelper meg når det nye ikke fungerer.",
                "Det er nokon i nærleiken som hjelper meg når det nye ikkje fungerer.",
                "Someone close by helps me when the new way does not work.",
            ),
            (
                "Vi får legge bort den gamle måten når den nye er på plass.",
                "Vi får leggje bort den gamle måten når den nye er på plass.",
                "We will be allowed to drop the old way once the new one is in place.",
            ),
        ),
        WORKING_HOURS,
        LEADS_OTHERS,
    ),
)
