"""Barriers for middle managers: the 2021 report's five, as statements leaders answer."""

from __future__ import annotations

from .shapes import TemplateContent, Text, statements

BARRIERS_FOR_MANAGERS = TemplateContent(
    "barriers",
    Text("Barrierer for mellomledere", "Barrierar for mellomleiarar", "Barriers for middle managers"),
    Text(
        "Besvares av ledere: hva som hindrer dem i å lede denne endringen i egen enhet. Hver barriere har tiltak "
        "toppledelsen kan sette i gang.",
        "Blir svart på av leiarar: kva som hindrar dei i å leie denne endringa i eiga eining. Kvar barriere har "
        "tiltak toppleiinga kan setje i gang.",
        "Answered by leaders: what keeps them from leading this change in their own unit. Each barrier has "
        "remedies top management can start.",
    ),
    (
        *statements(
            "resistance",
            (
                "De ansatte i enheten min er villige til å endre måten de jobber på.",
                "Dei tilsette i eininga mi er villige til å endre måten dei arbeider på.",
                "The employees in my unit are willing to change the way they work.",
            ),
            (
                "Enheten min har den digitale kompetansen som skal til for å ta i bruk denne løsningen.",
                "Eininga mi har den digitale kompetansen som skal til for å ta i bruk denne løysinga.",
                "My unit has the digital skills it takes to start using this solution.",
            ),
            (
                "Enheten min har rom for denne endringen ved siden av andre endringer.",
                "Eininga mi har rom for denne endringa ved sida av andre endringar.",
                "My unit has room for this change alongside other changes.",
            ),
        ),
        *statements(
            "top_support",
            (
                "Det synes at toppledelsen eier denne endringen.",
                "Det synest at toppleiinga eig denne endringa.",
                "It shows that top management owns this change.",
            ),
            (
                "Jeg kjenner målene og gevinstene endringen skal gi.",
                "Eg kjenner måla og gevinstane endringa skal gi.",
                "I know the goals and the benefits this change should bring.",
            ),
            (
                "Jeg har fått ressurser til innføring og opplæring.",
                "Eg har fått ressursar til innføring og opplæring.",
                "I have been given resources for introduction and training.",
            ),
        ),
        *statements(
            "training",
            (
                "Tid og kostnader til opplæring, også vikarer, ble planlagt da løsningen ble valgt.",
                "Tid og kostnader til opplæring, også vikarar, vart planlagde då løysinga vart vald.",
                "Time and costs for training, substitutes included, were planned when the solution was chosen.",
            ),
            (
                "Opplæringen er spredt over tid, side om side med at vi tar løsningen i bruk.",
                "Opplæringa er spreidd over tid, side om side med at vi tek løysinga i bruk.",
                "Training is spread over time, alongside our first use of the solution.",
            ),
            (
                "Også de vi er til for, får hjelp til å bruke løsningen.",
                "Også dei vi er til for, får hjelp til å bruke løysinga.",
                "Those we serve also get help to use the solution.",
            ),
        ),
        *statements(
            "involvement",
            (
                "Jeg ble involvert før løsningen ble valgt.",
                "Eg vart involvert før løysinga vart vald.",
                "I was involved before the solution was chosen.",
            ),
            (
                "De ansatte i enheten min har fått gi innspill til løsningen.",
                "Dei tilsette i eininga mi har fått gi innspel til løysinga.",
                "The employees in my unit have been able to give input on the solution.",
            ),
            (
                "Innspillene våre har gjort en forskjell.",
                "Innspela våre har gjort ein skilnad.",
                "Our input has made a difference.",
            ),
        ),
        *statements(
            "follow_up",
            (
                "Toppledelsen og jeg er enige om hva gevinsten er, og hvordan den skal måles.",
                "Toppleiinga og eg er samde om kva gevinsten er, og korleis han skal målast.",
                "Top management and I agree on what the benefit is and how it will be measured.",
            ),
            (
                "Gevinsten er en del av lederavtalen min.",
                "Gevinsten er ein del av leiaravtalen min.",
                "The benefit is part of my leader agreement.",
            ),
            (
                "Det er klart hvem som eier hver gevinst.",
                "Det er klart kven som eig kvar gevinst.",
                "It is clear who owns each benefit.",
            ),
        ),
    ),
)
