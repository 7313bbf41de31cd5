"""Fjordvik kommune: a fictional municipality that looks and feels like a real one.

Deterministic (fixed dates relative to a reference day and a seeded random generator), so
tests and screenshots see the same data every time.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from core.audit_context import Source, audit_source
from organisations.models import Membership, Organisation, OrgUnit, Region, Role, RoleAssignment
from portfolio.models import (
    RAG,
    AffectedUnit,
    Deviation,
    Idea,
    Initiative,
    Phase,
    PhaseChange,
    Programme,
    Stakeholder,
    StatusReport,
)
from portfolio.services.phases import ORDER

from .fjordvik_benefits import load_benefits
from .fjordvik_involvement import load_involvement
from .fjordvik_load import load_change_load
from .fjordvik_people import load_people
from .fjordvik_surveys import invitations_not_sent, load_surveys
from .fjordvik_training import load_training
from .fjordvik_waves import load_waves

DEMO_PASSWORD = "Fjordvik-demo-2026"

# sector -> [(unit, headcount, 24/7, [departments])]
UNITS = {
    "Helse og omsorg": [
        ("Fjordtun sykehjem", 85, True, ["Skjerma avdeling", "Langtidsavdeling", "Korttidsavdeling"]),
        ("Strandheim sykehjem", 62, True, ["Avdeling 1", "Avdeling 2"]),
        ("Hjemmetjenesten", 74, True, ["Hjemmesykepleie sone nord", "Hjemmesykepleie sone sør", "Praktisk bistand"]),
        ("Bo- og aktivitetstjenester", 48, True, ["Bofellesskap Lia", "Dagsenteret"]),
        ("Helsestasjon og skolehelsetjeneste", 14, False, []),
        ("Tildelingskontoret", 9, False, []),
    ],
    "Oppvekst": [
        ("Fjordvik skole", 52, False, ["Småtrinnet", "Mellomtrinnet"]),
        ("Havbakken skole", 38, False, []),
        ("Fjordvik ungdomsskole", 44, False, []),
        ("Solsiden barnehage", 21, False, []),
        ("Lundeskogen barnehage", 18, False, []),
        ("PP-tjenesten", 8, False, []),
    ],
    "Teknisk": [
        ("Byggesak og oppmåling", 12, False, []),
        ("Vann og avløp", 19, True, []),
        ("Eiendomsforvaltning", 26, False, ["Renhold", "Drift av bygg"]),
    ],
    "Samferdsel": [
        ("Vei og trafikk", 15, False, []),
    ],
    "Administrasjon": [
        ("Økonomi", 16, False, ["Lønn", "Regnskap"]),
        ("HR og organisasjon", 11, False, []),
        ("Digitalisering og IKT", 13, False, []),
        ("Servicetorget og arkiv", 10, False, []),
    ],
}

# username, first, last, roles, title, unit the person works in (and leads, if a leader)
PEOPLE = [
    ("kommunedirektor", "Kari", "Fjeld", [Role.TOP_MANAGEMENT], "Kommunedirektør", None),
    ("portefolje", "Ola", "Brekke", [Role.PORTFOLIO_OFFICE], "Porteføljeleder", "Digitalisering og IKT"),
    (
        "prosjekteier",
        "Ingrid",
        "Sæther",
        [Role.PROJECT_OWNER, Role.TOP_MANAGEMENT],
        "Kommunalsjef helse og omsorg",
        "Helse og omsorg",
    ),
    ("prosjektleder", "Jonas", "Lie", [Role.PROJECT_LEADER], "Prosjektleder", "Digitalisering og IKT"),
    ("gevinsteier", "Marte", "Nilsen", [Role.BENEFIT_OWNER, Role.MIDDLE_MANAGER], "Enhetsleder", "Fjordtun sykehjem"),
    ("gevinstansvarlig", "Per", "Haugen", [Role.BENEFIT_RESPONSIBLE], "Rådgiver gevinstrealisering", "Økonomi"),
    ("mellomleder", "Siri", "Dahl", [Role.MIDDLE_MANAGER], "Enhetsleder", "Hjemmetjenesten"),
    ("ansatt", "Ahmed", "Karimi", [Role.EMPLOYEE], "Sykepleier", "Korttidsavdeling"),
    (
        "tillitsvalgt",
        "Liv",
        "Moen",
        [Role.UNION_REPRESENTATIVE, Role.EMPLOYEE],
        "Hovedtillitsvalgt",
        "Strandheim sykehjem",
    ),
    ("politiker", "Geir", "Olsen", [Role.POLITICIAN], "Ordfører", None),
    ("koordinator", "Hanne", "Berg", [Role.REGIONAL_COORDINATOR], "Regional digitaliseringskoordinator", None),
    ("admin", "Tor", "Aas", [Role.ADMINISTRATOR], "Systemansvarlig", "Digitalisering og IKT"),
]
LEADS = {
    "mellomleder": "Hjemmetjenesten",
    "gevinsteier": "Fjordtun sykehjem",
    "prosjekteier": "Helse og omsorg",
    "kommunedirektor": None,
}

PROGRAMMES = [
    ("Velferdsteknologi", "Trygghetsskapende teknologi i helse og omsorg."),
    ("Digital skole", "Læringsplattform og digitale verktøy i grunnskolen."),
    ("Digital forvaltning", "Selvbetjening, automatisering og digitalt arkiv."),
]

# name, sector, programme, phase, start offset (months from reference), duration (months), budget, statutory, units
INITIATIVES = [
    (
        "Digitale nattilsyn",
        "Helse og omsorg",
        "Velferdsteknologi",
        Phase.EXECUTION,
        -8,
        18,
        2_400_000,
        False,
        ["Fjordtun sykehjem", "Strandheim sykehjem"],
    ),
    (
        "Elektroniske medisindispensere",
        "Helse og omsorg",
        "Velferdsteknologi",
        Phase.REALISATION,
        -26,
        20,
        1_850_000,
        False,
        ["Hjemmesykepleie sone nord", "Hjemmesykepleie sone sør"],
    ),
    (
        "Digitale nøkler i hjemmetjenesten",
        "Helse og omsorg",
        "Velferdsteknologi",
        Phase.REALISATION,
        -30,
        14,
        900_000,
        False,
        ["Hjemmetjenesten"],
    ),
    (
        "Ny journalløsning helse og omsorg",
        "Helse og omsorg",
        None,
        Phase.PLANNING,
        -2,
        30,
        6_500_000,
        True,
        ["Fjordtun sykehjem", "Strandheim sykehjem", "Hjemmetjenesten", "Tildelingskontoret"],
    ),
    (
        "Digital turnus og vaktbytte",
        "Helse og omsorg",
        None,
        Phase.PLANNING,
        -1,
        28,
        800_000,
        False,
        ["Hjemmetjenesten"],
    ),
    (
        "Velferdsteknologisk knutepunkt",
        "Helse og omsorg",
        "Velferdsteknologi",
        Phase.CONCEPT,
        4,
        12,
        750_000,
        True,
        ["Tildelingskontoret"],
    ),
    (
        "Digital helsestasjon",
        "Helse og omsorg",
        None,
        Phase.CLOSING,
        -18,
        17,
        600_000,
        False,
        ["Helsestasjon og skolehelsetjeneste"],
    ),
    (
        "Sensorteknologi i bofellesskap",
        "Helse og omsorg",
        "Velferdsteknologi",
        Phase.STOPPED,
        -14,
        12,
        500_000,
        False,
        ["Bofellesskap Lia"],
    ),
    (
        "Ny læringsplattform",
        "Oppvekst",
        "Digital skole",
        Phase.EXECUTION,
        -6,
        15,
        1_200_000,
        False,
        ["Fjordvik skole", "Havbakken skole", "Fjordvik ungdomsskole"],
    ),
    (
        "Digital barnehageopptak",
        "Oppvekst",
        None,
        Phase.COMPLETED,
        -40,
        10,
        300_000,
        False,
        ["Solsiden barnehage", "Lundeskogen barnehage"],
    ),
    (
        "Skole–hjem-kommunikasjon",
        "Oppvekst",
        "Digital skole",
        Phase.REALISATION,
        -20,
        12,
        450_000,
        False,
        ["Fjordvik skole", "Havbakken skole"],
    ),
    ("Digital kartlegging i PPT", "Oppvekst", None, Phase.CONCEPT, 6, 9, 250_000, False, ["PP-tjenesten"]),
    (
        "Digital byggesøknad",
        "Teknisk",
        "Digital forvaltning",
        Phase.EXECUTION,
        -10,
        16,
        800_000,
        True,
        ["Byggesak og oppmåling"],
    ),
    ("Smarte vannmålere", "Teknisk", None, Phase.PLANNING, 1, 24, 3_100_000, False, ["Vann og avløp"]),
    ("Digitalt renholdssystem", "Teknisk", None, Phase.CLOSING, -15, 14, 350_000, False, ["Renhold"]),
    ("Vedlikeholdssystem for bygg", "Teknisk", None, Phase.CONCEPT, 8, 12, 600_000, False, ["Drift av bygg"]),
    (
        "Digital veimelding",
        "Samferdsel",
        "Digital forvaltning",
        Phase.PLANNING,
        0,
        8,
        200_000,
        False,
        ["Vei og trafikk"],
    ),
    (
        "Robotisert fakturabehandling (RPA)",
        "Administrasjon",
        "Digital forvaltning",
        Phase.REALISATION,
        -22,
        9,
        650_000,
        False,
        ["Regnskap", "Lønn"],
    ),
    (
        "Digital arkivering og sak",
        "Administrasjon",
        "Digital forvaltning",
        Phase.EXECUTION,
        -12,
        20,
        1_700_000,
        True,
        ["Servicetorget og arkiv"],
    ),
    (
        "Chatbot på nettsidene",
        "Administrasjon",
        "Digital forvaltning",
        Phase.STOPPED,
        -16,
        8,
        280_000,
        False,
        ["Servicetorget og arkiv"],
    ),
    ("Digital medarbeidersamtale", "Administrasjon", None, Phase.CONCEPT, 3, 6, 150_000, False, ["HR og organisasjon"]),
]

STAKEHOLDERS = [
    (
        "Ansatte i berørte enheter",
        "Nye arbeidsrutiner og opplæring",
        2,
        0,
        "Informasjonsmøter i hver enhet",
        "Månedlig nyhetsbrev og intranett",
        "Superbrukere og e-læring",
    ),
    (
        "Tillitsvalgte",
        "Endringer i arbeidstid og oppgaver",
        3,
        -1,
        "Drøftingsmøter før beslutning",
        "Faste møter i prosjektet",
        "–",
    ),
    (
        "Enhetsledere",
        "Må ta ut gevinster og organisere opplæring",
        3,
        1,
        "Med i styringsgruppen",
        "Ledermøter",
        "Lederopplæring i gevinstarbeid",
    ),
    (
        "Brukere og pårørende",
        "Ny måte å få tjenesten på",
        1,
        0,
        "Brukerråd",
        "Brosjyre og nettside",
        "Veiledning ved oppstart",
    ),
    ("IKT-driften", "Drift og support av ny løsning", 2, 1, "Avklart i driftsavtale", "Teams-kanal", "Leverandørkurs"),
]

IDEAS = [
    (
        "Digital vaktplan i turnus",
        "Vaktbytter tar mye tid og skjer på papir.",
        "Ansatte i turnus og avdelingsledere",
        "Ansattportal med app for vaktbytte",
        "Mindre tid til administrasjon, færre feil",
        "ansatt",
        Idea.Status.SUBMITTED,
        (4, 3, 4, 2),
    ),
    (
        "Automatisk svar på byggesaker",
        "Mange henvendelser om status i byggesaker.",
        "Innbyggere og saksbehandlere",
        "Statusvisning på Min side",
        "Færre telefoner, raskere saksbehandling",
        "mellomleder",
        Idea.Status.SUBMITTED,
        None,
    ),
    (
        "Nettbrett til beboere",
        "Beboere savner kontakt med familie.",
        "Beboere på sykehjem",
        "Nettbrett med enkel videosamtale",
        "Økt livskvalitet",
        "tillitsvalgt",
        Idea.Status.PARKED,
        (3, 1, 4, 2),
    ),
    (
        "Droner til inspeksjon av tak",
        "Takinspeksjon er risikabelt og dyrt.",
        "Eiendomsforvaltning",
        "Drone med kamera",
        "Sikrere og billigere inspeksjon",
        "ansatt",
        Idea.Status.REJECTED,
        (2, 2, 2, 4),
    ),
]


@dataclass
class DemoResult:
    organisation: Organisation
    users: dict


def _months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


@audit_source(Source.DEMO)
@invitations_not_sent
@transaction.atomic
def load_fjordvik(reference: datetime.date | None = None) -> DemoResult:
    reference = reference or datetime.date.today()
    rng = random.Random(2026)
    region = Region.objects.get_or_create(name="Fjordregionen digitalt samarbeid")[0]
    org = Organisation.objects.create(
        name="Fjordvik kommune",
        municipality_number="4699",
        org_number="100469901",  # fictional: real ones start with 8 or 9
        language="nb",
        region=region,
    )
    User = get_user_model()

    units: dict[str, OrgUnit] = {}
    for sector_name, sector_units in UNITS.items():
        sector = OrgUnit.objects.create(
            organisation=org,
            name=sector_name,
            level=OrgUnit.Level.SECTOR,
            headcount=sum(u[1] for u in sector_units),
        )
        units[sector_name] = sector
        for name, headcount, shifts, departments in sector_units:
            unit = OrgUnit.objects.create(
                organisation=org,
                name=name,
                level=OrgUnit.Level.UNIT,
                parent=sector,
                headcount=headcount,
                runs_24_7=shifts,
            )
            units[name] = unit
            for department in departments:
                units[department] = OrgUnit.objects.create(
                    organisation=org,
                    name=department,
                    level=OrgUnit.Level.DEPARTMENT,
                    parent=unit,
                    headcount=max(headcount // max(len(departments), 1), 1),
                    runs_24_7=shifts,
                )

    users = {}
    for username, first, last, roles, title, unit_name in PEOPLE:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@fjordvik.kommune.example",
        )
        membership = Membership.objects.create(
            organisation=org, user=user, title=title, unit=units.get(unit_name) if unit_name else None
        )
        for role in roles:
            RoleAssignment.with_default_scope(membership, role).save()
        users[username] = user
    for username, unit_name in LEADS.items():
        if unit_name:
            OrgUnit.objects.for_org(org).filter(pk=units[unit_name].pk).update(leader=users[username])
    for unit in OrgUnit.objects.filter(organisation=org, leader__isnull=True, level=OrgUnit.Level.SECTOR):
        unit.leader = users["kommunedirektor"]
        unit.save()

    programmes = {
        name: Programme.objects.create(organisation=org, name=name, description=description)
        for name, description in PROGRAMMES
    }

    for index, (name, sector, programme, phase, start, months, budget, statutory, unit_names) in enumerate(INITIATIVES):
        planned_start = _months(reference, start)
        planned_end = _months(planned_start, months) - datetime.timedelta(days=1)
        initiative = Initiative.objects.create(
            organisation=org,
            name=name,
            sector=units[sector],
            programme=programmes.get(programme),
            planned_start=planned_start,
            planned_end=planned_end,
            budget=budget,
            statutory=statutory,
            purpose=f"Målet er at {name.lower()} gir bedre tjenester og frigjør tid til kjerneoppgaver.",
            project_owner=users["prosjekteier"] if sector == "Helse og omsorg" else users["kommunedirektor"],
            project_leader=users["prosjektleder"] if index % 2 == 0 else users["portefolje"],
            service_owner=users["mellomleder"] if sector == "Helse og omsorg" else None,
        )
        _phase_history(initiative, phase, planned_start, reference, users["portefolje"])
        for unit_name in unit_names:
            unit = units[unit_name]
            AffectedUnit.objects.create(
                initiative=initiative,
                unit=unit,
                employees_affected=max(1, int(unit.headcount * rng.uniform(0.5, 1.0))),
                change_from=_months(planned_start, max(months // 2, 1)),
                change_description="Nye rutiner for dokumentasjon og oppfølging; opplæring av alle ansatte.",
            )
        for s in rng.sample(STAKEHOLDERS, k=3 + index % 3):
            Stakeholder.objects.create(
                initiative=initiative,
                name=s[0],
                how_affected=s[1],
                influence=s[2],
                attitude=s[3],
                anchoring=s[4],
                communication=s[5],
                training=s[6],
            )
        if phase not in (Phase.CONCEPT,):
            _status_reports(initiative, reference, rng, users["prosjektleder"])

    for title, problem, target, solution, benefits, proposer, status, scores in IDEAS:
        idea = Idea.objects.create(
            organisation=org,
            title=title,
            problem=problem,
            target_group=target,
            proposed_solution=solution,
            expected_benefits=benefits,
            proposer=users[proposer],
            status=status,
            decision_reason={
                Idea.Status.PARKED: "Tas opp igjen ved neste budsjettrunde.",
                Idea.Status.REJECTED: "Kostnaden er for høy i forhold til nytten nå.",
            }.get(status, ""),
        )
        if scores:
            idea.score_strategic, idea.score_economic, idea.score_quality, idea.score_risk = scores
            idea.save()
    accepted = Initiative.objects.get(organisation=org, name="Digital medarbeidersamtale")
    Idea.objects.create(
        organisation=org,
        title="Digital medarbeidersamtale",
        problem="Samtalene dokumenteres ulikt.",
        target_group="Alle ledere og ansatte",
        proposer=users["mellomleder"],
        status=Idea.Status.ACCEPTED,
        initiative=accepted,
        score_strategic=4,
        score_economic=2,
        score_quality=4,
        score_risk=1,
        decision_reason="Passer med HR-strategien.",
    )
    load_benefits(org, units, users, reference)
    load_people(org, units, rng)
    load_training(org, users)
    load_involvement(org)
    load_waves(org)
    load_change_load(org)
    load_surveys(org, units, reference)
    return DemoResult(organisation=org, users=users)


def _phase_history(initiative, final_phase, start, reference, by) -> None:
    """Walk the initiative through every phase up to ``final_phase`` with dates in order."""
    path = list(ORDER)
    if final_phase in ORDER:
        path = path[: ORDER.index(final_phase) + 1]
    elif final_phase == Phase.COMPLETED:
        path.append(Phase.COMPLETED)
    else:  # stopped during execution
        path = [*path[:3], Phase.STOPPED]
    first = min(start, reference)
    span = max((reference - first).days, len(path))
    previous = ""
    for step, phase in enumerate(path):
        PhaseChange.objects.create(
            initiative=initiative,
            from_phase=previous,
            to_phase=phase,
            changed_on=first + datetime.timedelta(days=span * step // len(path)),
            changed_by=by,
            comment="Stoppet: gevinstene sto ikke i forhold til kostnadene." if phase == Phase.STOPPED else "",
        )
        previous = phase
    initiative.phase = final_phase
    initiative.save(update_fields=["phase"])


def _status_reports(initiative, reference, rng, author) -> None:
    for months_back in (3, 2, 1):
        report = StatusReport.objects.create(
            initiative=initiative,
            report_date=_months(reference, -months_back),
            author=author,
            overall_status=rng.choice([RAG.GREEN, RAG.GREEN, RAG.YELLOW, RAG.RED]),
            overall_comment="Framdrift etter plan for leveransen.",
            change_status=rng.choice([RAG.GREEN, RAG.YELLOW, RAG.YELLOW, RAG.RED]),
            change_comment="Opplæringen i turnusavdelingene er forsinket; vikarbudsjettet er ikke avklart.",
        )
        if report.change_status == RAG.RED:
            Deviation.objects.create(
                report=report,
                description="Opplæring ikke gjennomført i alle avdelinger",
                importance=3,
                action="Sette opp ekstra kurs med vikardekning",
                responsible="Enhetsleder",
                deadline=_months(reference, 1),
            )
