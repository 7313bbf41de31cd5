"""Digital maturity (ståstedsanalyse): each area asked twice, its five levels as described choices.

The first question of an area asks where we are now, the second where we want to be by the round's
target year (``Round.target_year``). Two plain questions of one choice, told apart by
``Question.measure``, rather than one question with two answers: answering, release, the minimum
group, versions and the export already work per question, so nothing else had to learn a new kind.
The target question's text holds ``{year}``, which the answer page fills with the round's year in
the respondent's language (``Question.text``), so the year is never written into the template.
"""

from __future__ import annotations

from ..models.templates import YEAR_PLACEHOLDER, Question
from ..topics import MATURITY_AREAS
from .shapes import SINGLE, QuestionContent, TemplateContent, Text

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


def _maturity_questions(area: str) -> tuple[QuestionContent, QuestionContent]:
    name, levels = _MATURITY_LEVELS[area]
    choices = tuple(Text(*level) for level in levels)
    now = Text(
        f"{name.nb}: hvilken beskrivelse passer best for oss nå?",
        f"{name.nn}: kva skildring passar best for oss no?",
        f"{name.en}: which description fits us best now?",
    )
    target = Text(
        f"{name.nb}: hvilken beskrivelse ønsker vi skal passe for oss innen {YEAR_PLACEHOLDER}?",
        f"{name.nn}: kva skildring ønskjer vi skal passe for oss innan {YEAR_PLACEHOLDER}?",
        f"{name.en}: which description do we want to fit us by {YEAR_PLACEHOLDER}?",
    )
    return (
        QuestionContent(area, now, kind=SINGLE, choices=choices, measure=Question.Measure.NOW),
        QuestionContent(area, target, kind=SINGLE, choices=choices, measure=Question.Measure.TARGET),
    )


MATURITY = TemplateContent(
    "maturity",
    Text(
        "Digital modenhet (ståstedsanalyse)",
        "Digital modenheit (ståstadanalyse)",
        "Digital maturity self-assessment (ståstedsanalyse)",
    ),
    Text(
        "Ledergruppen velger, for hvert område, beskrivelsen som passer best for organisasjonen nå, og den de "
        "vil at skal passe innen målåret. Nivå 1 er den første beskrivelsen, nivå 5 den siste.",
        "Leiargruppa vel, for kvart område, skildringa som passar best for organisasjonen no, og den dei vil "
        "skal passe innan målåret. Nivå 1 er den første skildringa, nivå 5 den siste.",
        "For each area, the management group picks the description that fits the organisation best now, and "
        "the one it wants to fit by the target year. Level 1 is the first description, level 5 the last.",
    ),
    tuple(question for area in MATURITY_AREAS for question in _maturity_questions(area)),
)
