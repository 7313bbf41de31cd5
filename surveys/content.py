"""The survey templates every organisation starts with; the survey owner edits them as they like.

Written in our own words from ``DOMAIN.md`` §3 and §5 and the 2021 report on middle managers in
digital change (PwC for KS): its five barriers and their remedies give the barrier statements, and
the change-readiness stages follow ``surveys.topics.READINESS_STAGES``. Every text is written in
bokmål, nynorsk and English here (the respondent picks the language), so these are data, not msgids.
Scale statements are worded so that agreeing is good: a low score marks where people are held back.

The maturity areas are questions of one choice whose five choices describe the levels: the level
is the choice's ``order`` (1–5), so each level is read in full on a phone and results can still
average the levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from .topics import MATURITY_AREAS

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


@dataclass(frozen=True)
class TemplateContent:
    kind: str
    name: Text
    description: Text
    questions: tuple[QuestionContent, ...]


DISAGREE = Text("Helt uenig", "Heilt usamd", "Strongly disagree")
AGREE = Text("Helt enig", "Heilt samd", "Strongly agree")


def _statements(topic: str, *texts: tuple[str, str, str]) -> tuple[QuestionContent, ...]:
    return tuple(QuestionContent(topic, Text(*text)) for text in texts)


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
        *_statements(
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
        *_statements(
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
        *_statements(
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
        *_statements(
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
        *_statements(
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
    ),
)

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
        *_statements(
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
        *_statements(
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
        *_statements(
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
        *_statements(
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
        *_statements(
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

#: Maturity area → its name and its five levels, lowest first.
_MATURITY_LEVELS: dict[str, tuple[Text, tuple[tuple[str, str, str], ...]]] = {
    "leadership": (
        Text("Ledelse og forankring", "Leiing og forankring", "Leadership and anchoring"),
        (
            (
                "Digital endring er overlatt til hver enhet, og ledelsen snakker sjelden om det.",
                "Digital endring er overlaten til kvar eining, og leiinga snakkar sjeldan om det.",
                "Digital change is left to each unit, and management rarely talks about it.",
            ),
            (
                "Ledelsen støtter endringer når noen ber om det, men vi mangler en felles retning.",
                "Leiinga støttar endringar når nokon ber om det, men vi manglar ei felles retning.",
                "Management supports changes when asked, but we have no shared direction.",
            ),
            (
                "Vi har en strategi for digitalisering, og ledelsen følger opp noen av tiltakene.",
                "Vi har ein strategi for digitalisering, og leiinga følgjer opp nokre av tiltaka.",
                "We have a digitalisation strategy, and management follows up some initiatives.",
            ),
            (
                "Toppledelsen eier strategien, og den styrer prioriteringer og budsjett.",
                "Toppleiinga eig strategien, og han styrer prioriteringar og budsjett.",
                "Top management owns the strategy, and it steers priorities and budgets.",
            ),
            (
                "Politisk og administrativ ledelse eier digital endring sammen og følger den opp over tid.",
                "Politisk og administrativ leiing eig digital endring saman og følgjer henne opp over tid.",
                "Political and administrative leaders own digital change together and follow it up over time.",
            ),
        ),
    ),
    "benefits": (
        Text("Gevinstarbeid", "Gevinstarbeid", "Benefits work"),
        (
            (
                "Vi beskriver ikke hva endringer skal gi.",
                "Vi skildrar ikkje kva endringar skal gi.",
                "We do not describe what changes should bring.",
            ),
            (
                "Gevinster beskrives i noen prosjekter, men følges sjelden opp.",
                "Gevinstar blir skildra i nokre prosjekt, men blir sjeldan følgde opp.",
                "Benefits are described in some projects but rarely followed up.",
            ),
            (
                "De fleste prosjekter planlegger gevinster før oppstart og har en gevinsteier.",
                "Dei fleste prosjekta planlegg gevinstar før oppstart og har ein gevinsteigar.",
                "Most projects plan their benefits before they start and have a benefit owner.",
            ),
            (
                "Gevinster måles og rapporteres til ledelsen til de er tatt ut.",
                "Gevinstar blir målte og rapporterte til leiinga til dei er tekne ut.",
                "Benefits are measured and reported to management until they are realised.",
            ),
            (
                "Gevinster som er tatt ut, former budsjett og nye prioriteringer.",
                "Gevinstar som er tekne ut, formar budsjett og nye prioriteringar.",
                "Realised benefits shape budgets and new priorities.",
            ),
        ),
    ),
    "competence": (
        Text("Kompetanse", "Kompetanse", "Competence"),
        (
            (
                "Ingen har oversikt over den digitale kompetansen vi har eller trenger.",
                "Ingen har oversikt over den digitale kompetansen vi har eller treng.",
                "Nobody knows which digital skills we have or need.",
            ),
            (
                "Opplæring skjer når et nytt system kommer, og stopper så.",
                "Opplæring skjer når eit nytt system kjem, og stoppar så.",
                "Training happens when a new system arrives, and then stops.",
            ),
            (
                "Vi kjenner kompetansegapene våre og har en plan for de viktigste.",
                "Vi kjenner kompetansegapa våre og har ein plan for dei viktigaste.",
                "We know our competence gaps and have a plan for the most important ones.",
            ),
            (
                "Læring i arbeidet er planlagt og budsjettert, og vi rekrutterer spesialister der det trengs.",
                "Læring i arbeidet er planlagd og budsjettert, og vi rekrutterer spesialistar der det trengst.",
                "Learning at work is planned and budgeted, and we recruit specialists where needed.",
            ),
            (
                "Læring hele tiden er en del av hverdagen for alle ansatte.",
                "Læring heile tida er ein del av kvardagen for alle tilsette.",
                "Learning all the time is part of everyday work for every employee.",
            ),
        ),
    ),
    "involvement": (
        Text("Brukerinvolvering", "Brukarinvolvering", "User involvement"),
        (
            (
                "Løsninger velges uten at ansatte eller brukere blir spurt.",
                "Løysingar blir valde utan at tilsette eller brukarar blir spurde.",
                "Solutions are chosen without asking employees or users.",
            ),
            (
                "Ansatte får informasjon når en løsning er valgt.",
                "Tilsette får informasjon når ei løysing er vald.",
                "Employees are informed once a solution has been chosen.",
            ),
            (
                "Ansatte og tillitsvalgte blir hørt før valget i større endringer.",
                "Tilsette og tillitsvalde blir høyrde før valet i større endringar.",
                "Employees and union representatives are heard before the choice in larger changes.",
            ),
            (
                "Ansatte og brukere er med før, under og etter hver endring.",
                "Tilsette og brukarar er med før, under og etter kvar endring.",
                "Employees and users take part before, during and after every change.",
            ),
            (
                "Involvering er en vane, og folk ser hva innspillene deres førte til.",
                "Involvering er ein vane, og folk ser kva innspela deira førte til.",
                "Involvement is a habit, and people see what their input led to.",
            ),
        ),
    ),
    "service_design": (
        Text("Tjenestedesign", "Tenestedesign", "Service design"),
        (
            (
                "Tjenestene er bygd rundt vår egen organisasjon, ikke rundt dem som bruker dem.",
                "Tenestene er bygde rundt vår eigen organisasjon, ikkje rundt dei som bruker dei.",
                "Services are built around our own organisation, not around those who use them.",
            ),
            (
                "Vi retter feil i enkelttjenester når noen klager.",
                "Vi rettar feil i enkelttenester når nokon klagar.",
                "We fix single services when someone complains.",
            ),
            (
                "Vi kartlegger brukernes behov før vi endrer en tjeneste.",
                "Vi kartlegg behova til brukarane før vi endrar ei teneste.",
                "We map the users' needs before we change a service.",
            ),
            (
                "Vi utformer hele arbeidsprosesser på nytt sammen med brukerne, på tvers av enheter.",
                "Vi utformar heile arbeidsprosessar på nytt saman med brukarane, på tvers av einingar.",
                "We redesign whole work processes with the users, across units.",
            ),
            (
                "Tjenestene testes, måles og forbedres hele tiden sammen med dem som bruker dem.",
                "Tenestene blir testa, målte og betra heile tida saman med dei som bruker dei.",
                "Services are tested, measured and improved all the time with those who use them.",
            ),
        ),
    ),
    "governing": (
        Text("Styringsdokumenter", "Styringsdokument", "Governing documents"),
        (
            (
                "Vi har ingen skriftlige retningslinjer for digitalisering.",
                "Vi har ingen skriftlege retningslinjer for digitalisering.",
                "We have no written guidelines for digitalisation.",
            ),
            (
                "Noen retningslinjer finnes, men få kjenner dem.",
                "Nokre retningslinjer finst, men få kjenner dei.",
                "Some guidelines exist, but few people know them.",
            ),
            (
                "En strategi og de viktigste retningslinjene er vedtatt, og lederne kjenner dem.",
                "Ein strategi og dei viktigaste retningslinjene er vedtekne, og leiarane kjenner dei.",
                "A strategy and the main guidelines are adopted, and the leaders know them.",
            ),
            (
                "Strategi, innkjøp og IT-beslutninger følger de samme styringsdokumentene.",
                "Strategi, innkjøp og IT-avgjerder følgjer dei same styringsdokumenta.",
                "Strategy, procurement and IT decisions follow the same governing documents.",
            ),
            (
                "Styringsdokumentene revideres jevnlig og brukes i daglige beslutninger.",
                "Styringsdokumenta blir reviderte jamleg og brukte i daglege avgjerder.",
                "The governing documents are revised regularly and used in everyday decisions.",
            ),
        ),
    ),
    "data": (
        Text("Data og arkitektur", "Data og arkitektur", "Data and architecture"),
        (
            (
                "Hvert system står for seg, og de samme opplysningene tastes inn flere ganger.",
                "Kvart system står for seg, og dei same opplysningane blir tasta inn fleire gonger.",
                "Each system stands alone, and the same data is typed in several times.",
            ),
            (
                "Vi har oversikt over systemene våre, men få av dem henger sammen.",
                "Vi har oversikt over systema våre, men få av dei heng saman.",
                "We know our systems, but few of them are connected.",
            ),
            (
                "De viktigste systemene utveksler data, og vi vet hvem som eier hvilke data.",
                "Dei viktigaste systema utvekslar data, og vi veit kven som eig kva data.",
                "The main systems exchange data, and we know who owns which data.",
            ),
            (
                "Nye løsninger velges slik at de passer inn i en felles arkitektur og de nasjonale fellesløsningene.",
                "Nye løysingar blir valde slik at dei passar inn i ein felles arkitektur og dei nasjonale "
                "fellesløysingane.",
                "New solutions are chosen to fit a shared architecture and the national common components.",
            ),
            (
                "Data deles og gjenbrukes på tvers av tjenester og brukes til å forbedre dem.",
                "Data blir delte og brukte om att på tvers av tenester og brukte til å betre dei.",
                "Data is shared and reused across services, and used to improve them.",
            ),
        ),
    ),
}


def _maturity_question(area: str) -> QuestionContent:
    name, levels = _MATURITY_LEVELS[area]
    return QuestionContent(
        area,
        Text(
            f"{name.nb}: hvilken beskrivelse passer best for oss nå?",
            f"{name.nn}: kva skildring passar best for oss no?",
            f"{name.en}: which description fits us best now?",
        ),
        kind=SINGLE,
        choices=tuple(Text(*level) for level in levels),
    )


MATURITY = TemplateContent(
    "maturity",
    Text(
        "Digital modenhet (ståstedsanalyse)",
        "Digital modenheit (ståstadanalyse)",
        "Digital maturity self-assessment (ståstedsanalyse)",
    ),
    Text(
        "Ledergruppen velger, for hvert område, beskrivelsen som passer best for organisasjonen nå. Nivå 1 er "
        "den første beskrivelsen, nivå 5 den siste.",
        "Leiargruppa vel, for kvart område, skildringa som passar best for organisasjonen no. Nivå 1 er den "
        "første skildringa, nivå 5 den siste.",
        "For each area, the management group picks the description that fits the organisation best now. Level 1 "
        "is the first description, level 5 the last.",
    ),
    tuple(_maturity_question(area) for area in MATURITY_AREAS),
)

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
        *_statements(
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
    ),
)

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
    for content in shipped:
        template = template_model.objects.create(
            organisation=organisation,
            kind=content.kind,
            name=content.name.get(organisation.language),
            description=content.description.get(organisation.language),
            version=1,
        )
        for order, question in enumerate(content.questions, start=1):
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
        **_in_three("text", question.text),
        **scale_ends,
    )


def _in_three(field: str, text: Text) -> dict[str, str]:
    return {f"{field}_nb": text.nb, f"{field}_nn": text.nn, f"{field}_en": text.en}
