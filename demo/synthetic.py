"""Large synthetic data for performance work: many fictional municipalities at once.

Unlike ``demo.fjordvik`` (one hand-made municipality, object by object), this builds every
row in memory and writes each model with ``bulk_create`` in large batches inside one
transaction. ``save()`` is never called, so ``TenantModel.save()`` does not copy the
organisation from the parent: every tenant row gets its ``organisation`` set here
explicitly. django-auditlog does not log ``bulk_create``, so no audit entries are made.

Deterministic: the content comes from ``random.Random(seed)``, so the same seed gives the
same municipalities, people and initiatives. Only what must avoid existing rows depends on
the database: the numbering of the municipalities (and so their names and usernames)
continues after earlier synthetic ones, and organisation numbers already taken are skipped.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from organisations.models import Membership, Organisation, OrgUnit, Region, Role, RoleAssignment
from organisations.validators import orgnr_check_digit
from portfolio.models import (
    RAG,
    AffectedUnit,
    Deviation,
    Initiative,
    Phase,
    PhaseChange,
    Programme,
    Stakeholder,
    StatusReport,
)
from portfolio.services.phases import ORDER

SYNTHETIC_PASSWORD = "Syntetisk-2026"
NAME_PREFIX = "Syntetisk kommune "
REGION_PREFIX = "Syntetisk region "
ORGS_PER_REGION = 10
BATCH_SIZE = 2000

# sector -> [(unit, runs 24/7, departments)]; each municipality gets 5-7 units per sector.
SECTORS: dict[str, list[tuple[str, bool, list[str]]]] = {
    "Helse og omsorg": [
        ("Sykehjem nord", True, ["Skjermet avdeling", "Langtidsavdeling", "Korttidsavdeling"]),
        ("Sykehjem sør", True, ["Avdeling 1", "Avdeling 2"]),
        ("Hjemmetjenesten", True, ["Sone nord", "Sone sør", "Praktisk bistand"]),
        ("Bo- og aktivitetstjenester", True, ["Bofellesskap", "Dagsenter"]),
        ("Legevakt", True, []),
        ("Helsestasjon og skolehelsetjeneste", False, []),
        ("Tildelingskontoret", False, []),
    ],
    "Oppvekst": [
        ("Sentrum skole", False, ["Småtrinnet", "Mellomtrinnet"]),
        ("Nordbygda skole", False, []),
        ("Ungdomsskolen", False, ["8. trinn", "9. trinn", "10. trinn"]),
        ("Solsiden barnehage", False, []),
        ("Skogly barnehage", False, []),
        ("PP-tjenesten", False, []),
        ("Kulturskolen", False, []),
    ],
    "Teknisk": [
        ("Byggesak og oppmåling", False, []),
        ("Vann og avløp", False, ["Vannverk", "Renseanlegg"]),
        ("Eiendomsforvaltning", False, ["Renhold", "Drift av bygg"]),
        ("Brann og redning", False, []),
        ("Vei og trafikk", False, []),
        ("Park og idrett", False, []),
    ],
    "Kultur og samfunn": [
        ("Biblioteket", False, []),
        ("Kulturhuset", False, []),
        ("NAV kommunal del", False, ["Mottak", "Oppfølging"]),
        ("Flyktningtjenesten", False, []),
        ("Frivilligsentralen", False, []),
        ("Fritid for ungdom", False, []),
    ],
    "Administrasjon": [
        ("Økonomi", False, ["Lønn", "Regnskap"]),
        ("HR og organisasjon", False, []),
        ("Digitalisering og IKT", False, ["Brukerstøtte", "Systemforvaltning"]),
        ("Servicetorget", False, []),
        ("Arkiv", False, []),
        ("Politisk sekretariat", False, []),
    ],
}

# username suffix, roles, title; the first two people lead sectors, the middle managers lead units.
PEOPLE: list[tuple[str, list[Role], str]] = [
    ("direktor", [Role.TOP_MANAGEMENT], "Kommunedirektør"),
    ("portefolje", [Role.PORTFOLIO_OFFICE], "Porteføljeleder"),
    ("eier1", [Role.PROJECT_OWNER, Role.TOP_MANAGEMENT], "Kommunalsjef"),
    ("eier2", [Role.PROJECT_OWNER, Role.TOP_MANAGEMENT], "Kommunalsjef"),
    ("leder1", [Role.PROJECT_LEADER], "Prosjektleder"),
    ("leder2", [Role.PROJECT_LEADER], "Prosjektleder"),
    ("leder3", [Role.PROJECT_LEADER], "Prosjektleder"),
    ("gevinsteier", [Role.BENEFIT_OWNER, Role.MIDDLE_MANAGER], "Enhetsleder"),
    ("gevinstansvarlig", [Role.BENEFIT_RESPONSIBLE], "Rådgiver gevinstrealisering"),
    ("mellomleder1", [Role.MIDDLE_MANAGER], "Enhetsleder"),
    ("mellomleder2", [Role.MIDDLE_MANAGER], "Enhetsleder"),
    ("ansatt1", [Role.EMPLOYEE], "Sykepleier"),
    ("ansatt2", [Role.EMPLOYEE], "Lærer"),
    ("ansatt3", [Role.EMPLOYEE], "Saksbehandler"),
    ("tillitsvalgt", [Role.UNION_REPRESENTATIVE, Role.EMPLOYEE], "Hovedtillitsvalgt"),
    ("politiker", [Role.POLITICIAN], "Ordfører"),
    ("admin", [Role.ADMINISTRATOR], "Systemansvarlig"),
]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Jonas", "Marte", "Per", "Siri", "Ahmed", "Liv", "Geir", "Hanne", "Tor"]
FIRST_NAMES += ["Nora", "Emil", "Sara", "Magnus", "Aisha", "Lars", "Ida", "Mohammed", "Eva", "Knut", "Maja", "Sindre"]
LAST_NAMES = ["Fjeld", "Brekke", "Sæther", "Lie", "Nilsen", "Haugen", "Dahl", "Karimi", "Moen", "Olsen", "Berg"]
LAST_NAMES += ["Aas", "Hansen", "Johansen", "Larsen", "Andersen", "Pedersen", "Nguyen", "Kristiansen", "Solberg"]

PROGRAMMES = [
    ("Velferdsteknologi", "Trygghetsskapende teknologi i helse og omsorg."),
    ("Digital skole", "Læringsplattform og digitale verktøy i grunnskolen."),
    ("Digital forvaltning", "Selvbetjening, automatisering og digitalt arkiv."),
    ("Smart kommune", "Sensorer og data i drift av bygg, vei og vann."),
]

TOPICS = [
    "Digitalt nattilsyn",
    "Elektroniske medisindispensere",
    "Digitale nøkler",
    "Ny journalløsning",
    "Digital vaktplan",
    "Ny læringsplattform",
    "Skole–hjem-kommunikasjon",
    "Digital byggesøknad",
    "Smarte vannmålere",
    "Digitalt renholdssystem",
    "Vedlikeholdssystem",
    "Robotisert fakturabehandling",
    "Digital arkivering",
    "Chatbot",
    "Digital medarbeidersamtale",
    "Selvbetjent timebestilling",
    "Digital søknad om tjenester",
    "Felles saksbehandlingssystem",
    "Sensorer i bygg",
    "Elektronisk meldingsutveksling",
    "Automatisert vedtak",
    "Videokonsultasjon",
    "Mobil arbeidsflate",
    "Digital opplæring",
]

# name, how affected, influence, attitude, anchoring, communication, training
STAKEHOLDERS = [
    ("Ansatte i berørte enheter", "Nye rutiner og opplæring", 2, 0, "Informasjonsmøter", "Nyhetsbrev", "E-læring"),
    ("Tillitsvalgte", "Endringer i arbeidstid og oppgaver", 3, -1, "Drøftingsmøter", "Faste møter", "–"),
    ("Enhetsledere", "Må ta ut gevinster", 3, 1, "Med i styringsgruppen", "Ledermøter", "Lederopplæring"),
    ("Brukere og pårørende", "Ny måte å få tjenesten på", 1, 0, "Brukerråd", "Brosjyre og nettside", "Veiledning"),
    ("IKT-driften", "Drift og support av ny løsning", 2, 1, "Driftsavtale", "Teams-kanal", "Leverandørkurs"),
    ("Politikerne", "Må bevilge midler", 3, 0, "Orientering i utvalg", "Saksframlegg", "–"),
    ("Leverandøren", "Leverer og tilpasser løsningen", 2, 1, "Kontrakt", "Prosjektmøter", "–"),
]

DEVIATIONS = [
    ("Opplæring ikke gjennomført i alle avdelinger", "Ekstra kurs med vikardekning", "Enhetsleder"),
    ("Leveransen er forsinket fra leverandøren", "Eskalere i styringsgruppen", "Prosjektleder"),
    ("Budsjettet for vikarer er brukt opp", "Søke om tilleggsbevilgning", "Prosjekteier"),
    ("Integrasjonen med fagsystemet feiler", "Feilretting med leverandør", "IKT"),
    ("Lav bruk av løsningen etter innføring", "Superbrukere følger opp hver enhet", "Gevinstansvarlig"),
]

# Phases after the first seven initiatives of an organisation, weighted like a real portfolio.
PHASE_WEIGHTS = {
    Phase.CONCEPT: 4,
    Phase.PLANNING: 4,
    Phase.EXECUTION: 6,
    Phase.CLOSING: 2,
    Phase.REALISATION: 4,
    Phase.COMPLETED: 3,
    Phase.STOPPED: 1,
}
# Planned start in months from the reference day, by phase.
START_MONTHS = {
    Phase.CONCEPT: (1, 12),
    Phase.PLANNING: (-3, 4),
    Phase.EXECUTION: (-18, -3),
    Phase.CLOSING: (-24, -10),
    Phase.REALISATION: (-36, -12),
    Phase.COMPLETED: (-48, -24),
    Phase.STOPPED: (-30, -6),
}


@dataclass
class _Org:
    """What the generator keeps of one municipality while it builds the rows under it."""

    organisation: Organisation
    index: int
    users: dict[str, AbstractUser] = field(default_factory=dict)
    sectors: list[OrgUnit] = field(default_factory=list)
    # sector name -> its units and departments (what an initiative of that sector may affect)
    below: dict[str, list[OrgUnit]] = field(default_factory=dict)
    programmes: list[Programme] = field(default_factory=list)


def _months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _next_index() -> int:
    """One past the highest synthetic number used by an organisation name or a username."""
    used = [0]
    for name in Organisation.objects.filter(name__startswith=NAME_PREFIX).values_list("name", flat=True):
        if (match := re.fullmatch(rf"{NAME_PREFIX}(\d+)", name)) is not None:
            used.append(int(match[1]))
    for username in get_user_model().objects.filter(username__startswith="syn").values_list("username", flat=True):
        if (match := re.match(r"syn(\d+)-", username)) is not None:
            used.append(int(match[1]))
    return max(used) + 1


def _org_numbers(count: int, seed: int) -> list[str]:
    """``count`` valid organisation numbers that no organisation has yet."""
    taken = set(Organisation.objects.values_list("org_number", flat=True))
    rng = random.Random(f"orgnr:{seed}")
    numbers: list[str] = []
    while len(numbers) < count:
        first_eight = str(rng.randrange(80_000_000, 100_000_000))
        digit = orgnr_check_digit(first_eight)
        if digit is None:
            continue
        number = f"{first_eight}{digit}"
        if number not in taken:
            taken.add(number)
            numbers.append(number)
    return numbers


def _phase_path(final: Phase, rng: random.Random) -> list[Phase]:
    if final in ORDER:
        return ORDER[: ORDER.index(final) + 1]
    if final == Phase.COMPLETED:
        return [*ORDER, Phase.COMPLETED]
    return [*ORDER[: rng.randint(1, 4)], Phase.STOPPED]


def _pick(rng: random.Random, items: Sequence, k: int) -> list:
    return rng.sample(list(items), k=min(k, len(items)))


def generate(
    organisations: int, initiatives_per_org: int, seed: int = 1, *, reference: datetime.date | None = None
) -> dict[str, int]:
    """Create ``organisations`` synthetic municipalities with ``initiatives_per_org`` initiatives each.

    ``reference`` is "today" for the planned dates and the history (default: today).
    Returns the number of rows created per model.
    """
    if organisations < 0 or initiatives_per_org < 0:
        raise ValueError("The numbers of organisations and initiatives cannot be negative.")
    reference = reference or datetime.date.today()
    rng = random.Random(seed)
    User = get_user_model()
    password = make_password(SYNTHETIC_PASSWORD)  # hashed once: hashing per user would take minutes

    with transaction.atomic():
        first = _next_index()
        indexes = range(first, first + organisations)

        # Regions: one per ten municipalities, reused if an earlier run made it.
        region_names = {index: f"{REGION_PREFIX}{(index - 1) // ORGS_PER_REGION + 1:03d}" for index in indexes}
        regions = {r.name: r for r in Region.objects.filter(name__in=set(region_names.values()))}
        new_regions = [Region(name=name) for name in sorted(set(region_names.values()) - regions.keys())]
        Region.objects.bulk_create(new_regions, batch_size=BATCH_SIZE)
        regions.update({r.name: r for r in new_regions})

        orgs = [
            _Org(
                organisation=Organisation(
                    name=f"{NAME_PREFIX}{index:04d}",
                    municipality_number=f"{(index - 1) % 9999 + 1:04d}",
                    org_number=number,
                    language="nn" if rng.random() < 0.25 else "nb",
                    region=regions[region_names[index]],
                ),
                index=index,
            )
            for index, number in zip(indexes, _org_numbers(organisations, seed), strict=True)
        ]
        Organisation.objects.bulk_create([o.organisation for o in orgs], batch_size=BATCH_SIZE)

        # People. The password hash is one precomputed string shared by all.
        users = []
        for o in orgs:
            for suffix, _roles, _title in PEOPLE:
                username = f"syn{o.index:04d}-{suffix}"
                user = User(
                    username=username,
                    password=password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    email=f"{username}@syntetisk.kommune.example",
                )
                o.users[suffix] = user
                users.append(user)
        # A regional coordinator per region, a member of each of its municipalities made here.
        coordinators: dict[str, AbstractUser] = {}
        for o in orgs:
            region_name = region_names[o.index]
            if region_name not in coordinators:
                username = f"syn{o.index:04d}-koordinator"
                coordinators[region_name] = User(
                    username=username,
                    password=password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    email=f"{username}@syntetisk.region.example",
                )
                users.append(coordinators[region_name])
        User.objects.bulk_create(users, batch_size=BATCH_SIZE)

        # Org-unit tree, one level at a time so each parent has its id before its children.
        sectors: list[OrgUnit] = []
        units: list[OrgUnit] = []
        departments: list[OrgUnit] = []
        for o in orgs:
            org = o.organisation
            managers = [o.users["gevinsteier"], o.users["mellomleder1"], o.users["mellomleder2"]]
            for s_index, (sector_name, candidates) in enumerate(SECTORS.items()):
                sector = OrgUnit(
                    organisation=org,
                    name=sector_name,
                    level=OrgUnit.Level.SECTOR,
                    leader=o.users["eier1" if s_index % 2 == 0 else "eier2"],
                )
                o.sectors.append(sector)
                sectors.append(sector)
                below: list[OrgUnit] = []
                picked = _pick(rng, candidates, rng.randint(5, 7))
                for name, shifts, department_names in sorted(picked):
                    unit = OrgUnit(
                        organisation=org,
                        name=name,
                        level=OrgUnit.Level.UNIT,
                        parent=sector,
                        headcount=rng.randint(8, 90),
                        runs_24_7=shifts,
                        leader=rng.choice(managers) if rng.random() < 0.3 else None,
                    )
                    units.append(unit)
                    below.append(unit)
                    kept = [d for d in department_names if rng.random() < 0.7]
                    for department_name in kept:
                        department = OrgUnit(
                            organisation=org,
                            name=department_name,
                            level=OrgUnit.Level.DEPARTMENT,
                            parent=unit,
                            headcount=max(unit.headcount // len(kept), 1),
                            runs_24_7=shifts,
                        )
                        departments.append(department)
                        below.append(department)
                sector.headcount = sum(u.headcount for u in below if u.level == OrgUnit.Level.UNIT)
                o.below[sector_name] = below
        for level in (sectors, units, departments):
            OrgUnit.objects.bulk_create(level, batch_size=BATCH_SIZE)

        # Memberships and roles.
        memberships: list[Membership] = []
        roles: list[RoleAssignment] = []
        for o in orgs:
            org = o.organisation
            all_units = [u for below in o.below.values() for u in below]
            for suffix, person_roles, title in PEOPLE:
                unit = None if suffix in {"direktor", "politiker"} else rng.choice(all_units)
                membership = Membership(organisation=org, user=o.users[suffix], unit=unit, title=title)
                memberships.append(membership)
                roles += [RoleAssignment.with_default_scope(membership, role) for role in person_roles]
            membership = Membership(
                organisation=org,
                user=coordinators[region_names[o.index]],
                title="Regional digitaliseringskoordinator",
            )
            memberships.append(membership)
            roles.append(RoleAssignment.with_default_scope(membership, Role.REGIONAL_COORDINATOR))
        Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
        RoleAssignment.objects.bulk_create(roles, batch_size=BATCH_SIZE)

        programmes: list[Programme] = []
        for o in orgs:
            for name, description in _pick(rng, PROGRAMMES, rng.randint(2, len(PROGRAMMES))):
                programme = Programme(organisation=o.organisation, name=name, description=description)
                o.programmes.append(programme)
                programmes.append(programme)
        Programme.objects.bulk_create(programmes, batch_size=BATCH_SIZE)

        # Initiatives and everything under them.
        all_phases = list(Phase)
        weighted = list(PHASE_WEIGHTS)
        weights = list(PHASE_WEIGHTS.values())
        initiatives: list[Initiative] = []
        phase_changes: list[PhaseChange] = []
        affected: list[AffectedUnit] = []
        stakeholders: list[Stakeholder] = []
        reports: list[StatusReport] = []
        deviations: list[Deviation] = []
        for o in orgs:
            org = o.organisation
            # The first seven initiatives take every phase once, in a random order.
            first_phases = rng.sample(all_phases, k=len(all_phases))
            leaders = [o.users["leder1"], o.users["leder2"], o.users["leder3"]]
            owners = [o.users["eier1"], o.users["eier2"], o.users["direktor"]]
            service_owners = [o.users["gevinsteier"], o.users["mellomleder1"], o.users["mellomleder2"]]
            for number in range(initiatives_per_org):
                phase = first_phases[number] if number < len(first_phases) else rng.choices(weighted, weights)[0]
                sector = rng.choice(o.sectors)
                unit_pool = o.below[sector.name]
                touched = _pick(rng, unit_pool, rng.randint(1, 4))
                months = rng.randint(6, 30)
                planned_start = _months(reference, rng.randint(*START_MONTHS[phase]))
                planned_end = _months(planned_start, months) - datetime.timedelta(days=1)
                leader = rng.choice(leaders)
                initiative = Initiative(
                    organisation=org,
                    name=f"{rng.choice(TOPICS)} – {touched[0].name}",
                    purpose="Bedre tjenester og frigjort tid til kjerneoppgaver.",
                    statutory=rng.random() < 0.2,
                    planned_start=planned_start,
                    planned_end=planned_end,
                    budget=Decimal(rng.randrange(100, 8_000) * 1_000),
                    sector=sector,
                    programme=rng.choice(o.programmes) if rng.random() < 0.6 else None,
                    project_owner=rng.choice(owners),
                    project_leader=leader,
                    service_owner=rng.choice(service_owners) if rng.random() < 0.5 else None,
                    phase=phase,
                )
                initiatives.append(initiative)

                # Phase history: every step up to the phase it is in now, dates in order.
                path = _phase_path(phase, rng)
                created = min(planned_start, reference) - datetime.timedelta(days=rng.randint(14, 120))
                span = max((reference - created).days, len(path))
                previous = ""
                last_change = created
                for step, to_phase in enumerate(path):
                    last_change = created + datetime.timedelta(days=span * step // len(path))
                    phase_changes.append(
                        PhaseChange(
                            organisation=org,
                            initiative=initiative,
                            from_phase=previous,
                            to_phase=to_phase,
                            changed_on=last_change,
                            changed_by=o.users["portefolje"],
                            comment="Stoppet: gevinstene sto ikke i forhold til kostnadene."
                            if to_phase == Phase.STOPPED
                            else "",
                        )
                    )
                    previous = to_phase

                change_from = _months(planned_start, max(months // 2, 1))
                affected += [
                    AffectedUnit(
                        organisation=org,
                        initiative=initiative,
                        unit=unit,
                        employees_affected=max(1, int(unit.headcount * rng.uniform(0.3, 1.0))),
                        change_from=change_from,
                        change_description="Nye rutiner for dokumentasjon og oppfølging; opplæring av alle ansatte.",
                    )
                    for unit in touched
                ]
                stakeholders += [
                    Stakeholder(
                        organisation=org,
                        initiative=initiative,
                        name=s[0],
                        how_affected=s[1],
                        influence=s[2],
                        attitude=s[3],
                        anchoring=s[4],
                        communication=s[5],
                        training=s[6],
                    )
                    for s in _pick(rng, STAKEHOLDERS, rng.randint(2, 5))
                ]

                if phase == Phase.CONCEPT:
                    continue
                # Monthly reports up to now, or up to when the initiative was closed.
                anchor = last_change if phase in (Phase.COMPLETED, Phase.STOPPED) else reference
                for months_back in range(rng.randint(1, 4), 0, -1):
                    report = StatusReport(
                        organisation=org,
                        initiative=initiative,
                        report_date=_months(anchor, -months_back),
                        author=leader,
                        overall_status=rng.choice([RAG.GREEN, RAG.GREEN, RAG.YELLOW, RAG.RED]),
                        overall_comment="Framdrift etter plan for leveransen.",
                        change_status=rng.choice([RAG.GREEN, RAG.YELLOW, RAG.YELLOW, RAG.RED]),
                        change_comment="Opplæringen i turnusavdelingene er forsinket.",
                    )
                    reports.append(report)
                    if RAG.RED in (report.overall_status, report.change_status):
                        count = rng.randint(1, 2)
                    else:
                        count = 1 if report.change_status == RAG.YELLOW and rng.random() < 0.3 else 0
                    deviations += [
                        Deviation(
                            organisation=org,
                            report=report,
                            description=description,
                            importance=rng.randint(1, 3),
                            action=action,
                            responsible=responsible,
                            deadline=_months(report.report_date, rng.randint(1, 3)),
                        )
                        for description, action, responsible in _pick(rng, DEVIATIONS, count)
                    ]

        Initiative.objects.bulk_create(initiatives, batch_size=BATCH_SIZE)
        PhaseChange.objects.bulk_create(phase_changes, batch_size=BATCH_SIZE)
        AffectedUnit.objects.bulk_create(affected, batch_size=BATCH_SIZE)
        Stakeholder.objects.bulk_create(stakeholders, batch_size=BATCH_SIZE)
        StatusReport.objects.bulk_create(reports, batch_size=BATCH_SIZE)
        Deviation.objects.bulk_create(deviations, batch_size=BATCH_SIZE)

    return {
        "Region": len(new_regions),
        "Organisation": len(orgs),
        "User": len(users),
        "OrgUnit": len(sectors) + len(units) + len(departments),
        "Membership": len(memberships),
        "RoleAssignment": len(roles),
        "Programme": len(programmes),
        "Initiative": len(initiatives),
        "PhaseChange": len(phase_changes),
        "AffectedUnit": len(affected),
        "Stakeholder": len(stakeholders),
        "StatusReport": len(reports),
        "Deviation": len(deviations),
    }
