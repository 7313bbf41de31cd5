"""Fjordvik's surveys (issue 9), opened, answered and closed through the services, so the release
rules apply to them as to any round:

- **Readiness** for the new record system in the home care service, asked last spring and this autumn
  before it goes live there: zone north is ready; zone south understood why by autumn but is held
  back at "knowing how" (the training); practical assistance is too small to be shown on its own
  and merged into Hjemmetjenesten. Free-text answers to the question Fjordvik added.
- **Adoption** of the digital keys after go-live: staff still fetch the physical keys, so the
  benefit whose prerequisite was confirmed gets a warning.
- **Barriers for middle managers**, answered by the unit leaders: training and involvement are the
  barriers. **Digital maturity**, answered by the management group.
- **An open round**: readiness for digital night-time supervision in the two nursing homes, with some
  answers in, a reminder ahead and a staff-room link for a 24/7 ward.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from core.validation import create_valid, save_valid
from organisations.models import OrgUnit, Role
from portfolio.models import Initiative
from surveys.models import Question, Round, SurveyTemplate
from surveys.services.checklist import make_checklist
from surveys.services.intake import forget_questions
from surveys.services.rounds import close_round, create_unit_link, open_round
from surveys.services.templates import save_question

from .fjordvik_survey_answers import Profile, add_manager, add_staff, answer

#: The invitations are never sent (the demo's people have example addresses), so the link is a placeholder.
BASE_URL = "http://127.0.0.1:8000"
READINESS_FOR = "Ny journalløsning helse og omsorg"
ADOPTION_FOR = "Digitale nøkler i hjemmetjenesten"
OPEN_FOR = "Digitale nattilsyn"

# unit, username, name, title: the leaders of units that have no demo login, and the heads of the sectors
LEADERS = [
    ("Strandheim sykehjem", "leder.strandheim", "Eva Rønning", "Enhetsleder"),
    ("Bo- og aktivitetstjenester", "leder.bolia", "Rune Sunde", "Enhetsleder"),
    ("Fjordvik skole", "leder.fjordvikskole", "Trine Myklebust", "Rektor"),
    ("Havbakken skole", "leder.havbakken", "Knut Vatne", "Rektor"),
    ("Solsiden barnehage", "leder.solsiden", "Mona Aune", "Styrer"),
    ("Vann og avløp", "leder.vann", "Stein Hovland", "Enhetsleder"),
    ("Eiendomsforvaltning", "leder.eiendom", "Arne Lunde", "Enhetsleder"),
    ("Økonomi", "leder.okonomi", "Berit Fossum", "Økonomisjef"),
    ("HR og organisasjon", "leder.hr", "Nina Kvamme", "HR-sjef"),
]
SECTOR_HEADS = [
    ("Oppvekst", "kommunalsjef.oppvekst", "Lars Grande", "Kommunalsjef oppvekst"),
    ("Teknisk", "kommunalsjef.teknisk", "Hege Vold", "Kommunalsjef teknisk"),
    ("Administrasjon", "kommunalsjef.adm", "Erik Sand", "Kommunalsjef administrasjon"),
]
MANAGEMENT_GROUP = {"prosjekteier", "leder.okonomi", "leder.hr", *(head[1] for head in SECTOR_HEADS)}
CHECKLIST_OWNERS = ("prosjekteier", "kommunalsjef.adm", "leder.hr")
UNIT_LEADERS = {"mellomleder", "gevinsteier", *(leader[1] for leader in LEADERS)}

# The home care service's staff with a work e-mail, and the two nursing homes' (invited by e-mail).
HOME_CARE = {
    "Hjemmetjenesten": 3,
    "Hjemmesykepleie sone nord": 16,
    "Hjemmesykepleie sone sør": 15,
    "Praktisk bistand": 5,
}
NURSING_HOMES = {"Skjerma avdeling": 6, "Langtidsavdeling": 7, "Korttidsavdeling": 6, "Avdeling 1": 7, "Avdeling 2": 6}

# The open question Fjordvik added to its readiness survey, so staff can say what the statements miss.
ANYTHING_ELSE = (
    "Er det noe mer du vil si om endringen?",
    "Er det noko meir du vil seie om endringa?",
    "Is there anything else you would like to say about the change?",
)
READINESS_TEXTS = [
    "Vi trenger opplæring på vakt, ikke på fridagene våre.",
    "Superbrukerne må ha tid til å hjelpe oss de første ukene.",
    "Jeg vet ikke når kurset er, eller om det er vikar mens jeg er borte.",
    "Bra at vi slipper å skrive det samme to ganger.",
    "Nettbrettene må fungere ute hos brukerne, også der det er dårlig dekning.",
    "Jeg er spent, men positiv. Informasjonsmøtet var nyttig.",
    "E-læringen passer dårlig for oss som jobber natt.",
    "Hvem ringer vi når det ikke virker en lørdag kveld?",
    "Vi har hatt mange endringer i år. Gi oss litt ro mellom dem.",
    "Fint om vi kan øve i et testmiljø før vi går over.",
    "Lederen vår har forklart godt hvorfor vi gjør dette.",
    "Jeg er usikker på om jeg rekker opplæringen før vi starter.",
]
ADOPTION_TEXTS = [
    "Låsen på Fjellveien svarer ikke, så vi tar med nøkkelen for sikkerhets skyld.",
    "Appen logger meg ut midt i ruta.",
    "Vikarene har ikke fått tilgang, så nøkkelskapet må være fullt likevel.",
    "Det går raskere å ta nøkkelen enn å vente på at telefonen finner låsen.",
    "Vi trenger en ordning for når batteriet i låsen er tomt.",
    "Når alle andre henter nøkler, gjør jeg det også.",
    "Opplæringen var bare én gang, og jeg har glemt det meste.",
    "Digital nøkkel fungerer fint hos de fleste brukerne mine.",
    "Ta bort de fysiske nøklene, ellers blir vi aldri vant til det nye.",
    "Noen brukere vil ikke ha digital lås, så vi må ha begge deler.",
    "Telefonene er gamle og tomme for strøm før vakta er over.",
    "Vi bør få en fast person å spørre på hver vakt.",
]

# Readiness per stage: last spring, then this autumn (the trend).
SPRING = {
    "Hjemmesykepleie sone nord": Profile(
        {"why": 3.9, "want": 3.8, "how": 3.6, "able": 3.7, "keep": 3.8}, day_workers=5
    ),
    "Hjemmesykepleie sone sør": Profile({"why": 2.8, "want": 3.2, "how": 2.4, "able": 3.0, "keep": 3.1}, day_workers=5),
    "Hjemmetjenesten": Profile({"why": 3.5, "want": 3.2, "how": 3.0, "able": 3.2, "keep": 3.3}),
    "Praktisk bistand": Profile({"why": 3.4, "want": 2.9, "how": 3.0, "able": 3.1, "keep": 3.0}),
}
AUTUMN = {
    "Hjemmesykepleie sone nord": Profile(
        {"why": 4.5, "want": 4.3, "how": 4.2, "able": 4.1, "keep": 4.3}, texts=READINESS_TEXTS[:6], day_workers=5
    ),
    "Hjemmesykepleie sone sør": Profile(
        {"why": 4.1, "want": 3.9, "how": 2.4, "able": 3.3, "keep": 3.6}, texts=READINESS_TEXTS[6:], day_workers=5
    ),
    "Hjemmetjenesten": Profile({"why": 3.9, "want": 3.6, "how": 3.4, "able": 3.5, "keep": 3.6}),
    "Praktisk bistand": Profile({"why": 3.8, "want": 3.4, "how": 3.2, "able": 3.4, "keep": 3.3}),
}
# How many answered per unit (of 16, 15, 4 with the leader, 5 asked).
SPRING_ANSWERS = {
    "Hjemmesykepleie sone nord": 12,
    "Hjemmesykepleie sone sør": 11,
    "Hjemmetjenesten": 3,
    "Praktisk bistand": 3,
}
AUTUMN_ANSWERS = {
    "Hjemmesykepleie sone nord": 14,
    "Hjemmesykepleie sone sør": 13,
    "Hjemmetjenesten": 3,
    "Praktisk bistand": 4,
}
# Adoption: working the new way at most 3; what stops them (choices in order: nothing, training,
# the solution, equipment, the old way is quicker, colleagues, expectations, time).
KEYS_STILL_FETCHED = [0.5, 1, 2, 2, 4, 3, 0.5, 2]
ADOPTION = {
    "Hjemmesykepleie sone nord": Profile({"in_use": 2.8}, KEYS_STILL_FETCHED, ADOPTION_TEXTS[:7]),
    "Hjemmesykepleie sone sør": Profile({"in_use": 2.3}, KEYS_STILL_FETCHED, ADOPTION_TEXTS[7:]),
    "Hjemmetjenesten": Profile({"in_use": 2.9}, KEYS_STILL_FETCHED),
    "Praktisk bistand": Profile({"in_use": 2.6}, KEYS_STILL_FETCHED),
}
BARRIERS = Profile({"resistance": 3.6, "top_support": 3.5, "training": 2.3, "involvement": 2.6, "follow_up": 3.6})
# Maturity: the level (1–5) of the description chosen per area.
MATURITY = Profile(
    {
        "leadership": 3.2,
        "benefits": 2.4,
        "competence": 2.2,
        "involvement": 2.8,
        "service_design": 2.0,
        "governing": 3.3,
        "data": 2.1,
    },
    targets={
        "leadership": 4.2,
        "benefits": 3.8,
        "competence": 3.6,
        "involvement": 3.9,
        "service_design": 3.2,
        "governing": 4.0,
        "data": 3.4,
    },
)
NIGHT_ANSWERS_SO_FAR = {
    "Skjerma avdeling": 2,
    "Langtidsavdeling": 5,
    "Korttidsavdeling": 3,
    "Avdeling 1": 4,
    "Avdeling 2": 2,
}
NIGHT_SUPERVISION = Profile({"why": 3.8, "want": 3.4, "how": 3.1, "able": 2.9, "keep": 3.2})


def invitations_not_sent(load: Callable) -> Callable:
    """Opening the demo's rounds e-mails some 200 invitations when the load is committed; they go
    nowhere (the dummy backend) instead of flooding the console of ``make run`` or a real mail server."""

    @wraps(load)
    def without_mail(*args, **kwargs):
        backend = settings.EMAIL_BACKEND
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        try:
            return load(*args, **kwargs)
        finally:
            settings.EMAIL_BACKEND = backend

    return without_mail


def load_surveys(org, units: dict[str, OrgUnit], reference: datetime.date) -> None:
    rng = random.Random(9)
    for unit_name, username, name, title in LEADERS:
        add_manager(org, units[unit_name], username, name, title, Role.MIDDLE_MANAGER)
    for unit_name, username, name, title in SECTOR_HEADS:
        add_manager(org, units[unit_name], username, name, title, Role.TOP_MANAGEMENT)
    templates = {t.kind: t for t in SurveyTemplate.objects.for_org(org)}
    initiatives = Initiative.objects.for_org(org)
    sectors = [unit for unit in units.values() if unit.parent_id is None]

    # The management group's survey asks the whole organisation before the staff below are given a
    # work e-mail, so those asked are nearly all leaders.
    opens = _add_months(reference, -9)
    maturity = _round(templates["maturity"], "Ståstedsanalyse", sectors, opens, target_year=opens.year + 3)
    answer(maturity, rng, _every_unit(units, MATURITY), people=MANAGEMENT_GROUP)
    close_round(maturity)
    barriers = _round(
        templates["barriers"],
        "Barrierer for ledere i endring",
        sectors,
        _add_months(reference, -6),
        audience=Round.Audience.LEADERS,
    )
    answer(barriers, rng, _every_unit(units, BARRIERS), people=UNIT_LEADERS)
    close_round(barriers)
    _checklist(barriers, reference)

    add_staff(org, units, HOME_CARE, "Helsefagarbeider", "hjemme")
    add_staff(org, units, NURSING_HOMES, "Sykepleier", "sykehjem")
    readiness = templates["readiness"]
    nb, nn, en = ANYTHING_ELSE
    save_question(
        Question(template=readiness, kind=Question.Kind.TEXT, text_nb=nb, text_nn=nn, text_en=en, required=False)
    )
    home_care = [units["Hjemmetjenesten"]]
    record_system = initiatives.get(name=READINESS_FOR)
    for title, opens, profiles, counts in [
        ("Endringsberedskap før ny journal, vår", _add_months(reference, -7), SPRING, SPRING_ANSWERS),
        ("Endringsberedskap før ny journal, høst", _add_months(reference, -2), AUTUMN, AUTUMN_ANSWERS),
    ]:
        round_ = _round(readiness, title, home_care, opens, initiative=record_system)
        answer(round_, rng, profiles, per_unit=counts)
        close_round(round_)

    keys = initiatives.get(name=ADOPTION_FOR)
    adoption = _round(
        templates["adoption"], "Bruker vi de digitale nøklene?", home_care, _add_months(reference, -3), initiative=keys
    )
    answer(adoption, rng, ADOPTION, per_unit={name: 10 for name in ADOPTION})
    close_round(adoption)

    nursing_homes = [units["Fjordtun sykehjem"], units["Strandheim sykehjem"]]
    night = _round(
        readiness,
        "Endringsberedskap før digitale nattilsyn",
        nursing_homes,
        reference - datetime.timedelta(days=6),
        initiative=initiatives.get(name=OPEN_FOR),
        days=21,
        remind_on=reference + datetime.timedelta(days=5),
    )
    answer(night, rng, {name: NIGHT_SUPERVISION for name in NURSING_HOMES}, per_unit=NIGHT_ANSWERS_SO_FAR)
    create_unit_link(night, night.round_units.get(unit=units["Skjerma avdeling"]))
    forget_questions()  # the load may be rolled back (tests do), and then the ids come again


def _checklist(barriers: Round, reference: datetime.date) -> None:
    """Top management turned the barriers into a checklist: each remedy with an owner from the
    management group and a deadline; the first is done, the second overdue, the last not yet given out."""
    with translation.override("nb"):  # the items are written in the language of whoever makes them
        tasks = make_checklist(barriers)
    people = {user.username: user for user in get_user_model().objects.filter(username__in=CHECKLIST_OWNERS)}
    for index, task in enumerate(tasks[:-1]):
        task.owner = people[CHECKLIST_OWNERS[index % len(CHECKLIST_OWNERS)]]
        task.deadline = reference + datetime.timedelta(days=30 * index - 40)  # the first two are past
        task.done_on = reference - datetime.timedelta(days=45) if index == 0 else None
        save_valid(task)


def _round(
    template,
    title,
    asked,
    opens,
    *,
    initiative=None,
    days=14,
    remind_on=None,
    audience=Round.Audience.EVERYONE,
    target_year=None,
) -> Round:
    """A round, opened: everyone with a work e-mail in ``asked`` and the units below (or their leaders)
    is invited."""
    round_ = create_valid(
        Round,
        organisation=template.organisation,
        template=template,
        title=title,
        initiative=initiative,
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=days),
        remind_on=remind_on,
        audience=audience,
        target_year=target_year,
    )
    round_.units.set(asked)
    open_round(round_, base_url=BASE_URL)
    round_.refresh_from_db()
    return round_


def _every_unit(units: dict[str, OrgUnit], profile: Profile) -> dict[str, Profile]:
    return {name: profile for name in units}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The 8th of the month ``months`` from ``day``'s: rounds open a week into a month."""
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 8)
