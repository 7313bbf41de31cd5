"""Small builders for test data: an organisation with units and one person per role."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from benefits.models import (
    Benefit,
    BenefitEstimate,
    Change,
    CostLine,
    Indicator,
    Measurement,
    Prerequisite,
    ProcessStep,
    RealisationMeasure,
    StrategicGoal,
    TrainingCost,
)
from benefits.services.measurements import save_measurement
from organisations.models import Invitation, Membership, Organisation, OrgUnit, Role, RoleAssignment
from organisations.validators import orgnr_check_digit
from people.models import CompetenceRequirement, Course, CourseTheme, SelfAssessment, SelfAssessmentAnswer, Theme
from portfolio.models import AffectedUnit, Idea, Initiative, Programme, RolloutWave, Stakeholder, StatusReport
from portfolio.services.phases import record_creation

PASSWORD = "Test-passord-2026"
_numbers = itertools.count(10000000)


def valid_orgnr() -> str:
    while True:
        first = str(next(_numbers))
        digit = orgnr_check_digit(first)
        if digit is not None:
            return first + str(digit)


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.capitalize(), last_name="Testesen", **extra
    )


def make_member(organisation, username: str, *roles: str, unit=None, scope=None):
    """A member holding ``roles``; ``scope`` (a unit or an initiative) is what the roles cover."""
    user = make_user(username)
    membership = Membership.objects.create(organisation=organisation, user=user, unit=unit)
    for role in roles:
        give_role(membership, role, scope)
    return user


def give_role(membership, role: str, scope=None) -> RoleAssignment:
    scope_field = {OrgUnit: "unit", Initiative: "initiative"}.get(type(scope))
    return RoleAssignment.objects.create(membership=membership, role=role, **({scope_field: scope} if scope else {}))


@dataclass
class World:
    """One organisation with a small unit tree, a person per role and one of everything."""

    org: Organisation
    sector: OrgUnit
    unit: OrgUnit
    department: OrgUnit
    other_unit: OrgUnit
    users: dict = field(default_factory=dict)
    initiative: Initiative | None = None
    affected: AffectedUnit | None = None
    wave: RolloutWave | None = None
    stakeholder: Stakeholder | None = None
    report: StatusReport | None = None
    idea: Idea | None = None
    invitation: Invitation | None = None
    programme: Programme | None = None
    change: Change | None = None
    benefit: Benefit | None = None
    indicator: Indicator | None = None
    process_step: ProcessStep | None = None
    cost: CostLine | None = None
    training: TrainingCost | None = None
    prerequisite: Prerequisite | None = None
    measure: RealisationMeasure | None = None
    measurement: Measurement | None = None
    goal: StrategicGoal | None = None
    theme: Theme | None = None
    requirement: CompetenceRequirement | None = None
    course: Course | None = None


def make_world(prefix: str, name: str) -> World:
    org = Organisation.objects.create(name=name, municipality_number="4600", org_number=valid_orgnr())
    sector = OrgUnit.objects.create(organisation=org, name=f"{name} Helse", level=OrgUnit.Level.SECTOR, headcount=100)
    unit = OrgUnit.objects.create(
        organisation=org, name=f"{name} Sykehjem", level=OrgUnit.Level.UNIT, parent=sector, headcount=40, runs_24_7=True
    )
    department = OrgUnit.objects.create(
        organisation=org, name=f"{name} Avdeling A", level=OrgUnit.Level.DEPARTMENT, parent=unit, headcount=20
    )
    other_unit = OrgUnit.objects.create(
        organisation=org, name=f"{name} Hjemmetjeneste", level=OrgUnit.Level.UNIT, parent=sector, headcount=30
    )
    world = World(org=org, sector=sector, unit=unit, department=department, other_unit=other_unit)
    # The middle manager manages another unit than the one the initiative affects; the union
    # representative covers the sector.
    unit_scopes = {Role.MIDDLE_MANAGER: other_unit, Role.UNION_REPRESENTATIVE: sector}
    for role in Role:
        world.users[role.value] = make_member(org, f"{prefix}-{role.value}", role.value, scope=unit_scopes.get(role))
    world.users["owner"] = make_member(org, f"{prefix}-owner", Role.PROJECT_OWNER)
    world.users["unit_leader"] = make_member(org, f"{prefix}-unitleader", Role.MIDDLE_MANAGER, scope=unit)
    unit.leader = world.users["unit_leader"]
    unit.save()
    world.programme = Programme.objects.create(organisation=org, name=f"{name} programme")
    world.initiative = Initiative.objects.create(
        organisation=org,
        name=f"{name} digitale nattilsyn",
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2027, 6, 30),
        budget=1_000_000,
        sector=sector,
        programme=world.programme,
        project_owner=world.users["owner"],
    )
    record_creation(world.initiative, by=world.users["portfolio_office"], on=datetime.date(2026, 1, 1))
    # The project leader and the benefit responsible hold their roles for this initiative only.
    for role in (Role.PROJECT_LEADER, Role.BENEFIT_RESPONSIBLE):
        membership = world.users[role.value].memberships.get()
        membership.roles.update(initiative=world.initiative)
    world.affected = AffectedUnit.objects.create(
        initiative=world.initiative, unit=unit, employees_affected=30, change_from=datetime.date(2026, 9, 1)
    )
    # A wave with no units yet (the affected unit keeps its own date), numbered 9 to leave tests waves 1 and 2.
    world.wave = RolloutWave.objects.create(initiative=world.initiative, number=9, go_live=datetime.date(2026, 10, 1))
    world.stakeholder = Stakeholder.objects.create(
        initiative=world.initiative, name=f"{name} tillitsvalgte", influence=3, attitude=-1
    )
    world.report = StatusReport.objects.create(
        initiative=world.initiative,
        report_date=datetime.date(2026, 10, 1),
        overall_status="green",
        change_status="red",
        change_comment=f"{name} opplæring forsinket",
    )
    world.idea = Idea.objects.create(
        organisation=org,
        title=f"{name} idé om vaktbytte",
        problem="p",
        target_group="t",
        proposer=world.users["employee"],
    )
    world.invitation = Invitation.objects.create(
        organisation=org,
        email=f"invited@{prefix}.example",
        role_codes=[Role.EMPLOYEE],
        invited_by=world.users["administrator"],
        token_hash=f"{prefix}-not-a-real-token-hash",
        expires_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )
    add_benefits(world)
    add_competence(world)
    return world


def add_benefits(world: World) -> None:
    """One of each benefits row, owned by a line manager, with a baseline and a measurement."""
    initiative = world.initiative
    world.process_step = ProcessStep.objects.create(
        initiative=initiative, state="today", order=1, actor="Nattevakt", description="Går runder"
    )
    world.change = Change.objects.create(initiative=initiative, description=f"{world.org.name} digitalt tilsyn")
    world.benefit = Benefit.objects.create(
        initiative=initiative,
        change=world.change,
        description=f"{world.org.name} færre nattrunder",
        kind="capacity",
        measure="hours",
        unit=world.unit,
        owner=world.users["unit_leader"],
    )
    BenefitEstimate.objects.create(benefit=world.benefit, year=2027, optimistic=1200, likely=1000, pessimistic=700)
    world.indicator = Indicator.objects.create(
        benefit=world.benefit,
        name=f"{world.org.name} runder per natt",
        unit_of_measure="antall",
        baseline_value=40,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=20,
        target_date=datetime.date(2027, 12, 31),
        measured_by=world.users["benefit_responsible"],
    )
    save_measurement(Measurement(indicator=world.indicator, value=35, measured_on=datetime.date(2026, 6, 1)))
    world.cost = CostLine.objects.create(initiative=initiative, year=2026, kind="investment", amount=300000)
    world.training = TrainingCost.objects.create(
        initiative=initiative, affected_unit=world.affected, year=2026, hours_per_employee=4, employees=10
    )
    world.prerequisite = Prerequisite.objects.create(benefit=world.benefit, description="Samtykke fra beboere")
    world.measure = RealisationMeasure.objects.create(benefit=world.benefit, description="Ny bemanningsplan")
    world.measurement = world.indicator.measurements.get()
    world.goal = StrategicGoal.objects.create(organisation=world.org, name=f"{world.org.name} bedre tjenester")


def add_competence(world: World) -> None:
    """A need for the first default theme in the affected unit, a course that meets it, and the
    unit leader's own self-assessment (not shared)."""
    world.theme = Theme.objects.for_org(world.org).order_by("order").first()
    world.requirement = CompetenceRequirement.objects.create(
        affected_unit=world.affected, theme=world.theme, target_level=3, staff="Nattevakter", staff_count=12
    )
    world.course = Course.objects.create(
        organisation=world.org,
        title=f"{world.org.name} gevinstkurs",
        provider="KS",
        format=Course.Format.E_LEARNING,
        hours=3,
        cost_per_participant=1500,
        shift_workers_can_take=True,
    )
    CourseTheme.objects.create(course=world.course, theme=world.theme, level=3)
    assessment = SelfAssessment.objects.create(organisation=world.org, person=world.users["unit_leader"])
    SelfAssessmentAnswer.objects.create(assessment=assessment, theme=world.theme, level=2)


def assessed_member(organisation, username: str, unit, levels: dict, *, shared: bool = False, role=Role.EMPLOYEE):
    """A member working in ``unit`` who has given themselves ``levels`` (theme → level)."""
    user = make_member(organisation, username, role, unit=unit)
    assessment = SelfAssessment.objects.create(organisation=organisation, person=user, shared_with_leader=shared)
    for theme, level in levels.items():
        SelfAssessmentAnswer.objects.create(assessment=assessment, theme=theme, level=level)
    return user


def involvement_rows(world: World):
    """The people side's involvement rows for ``world``, made the first time a test asks: an open
    workshop in planning with the unit's leader, one piece of input and the unit's information page."""
    from people.models import EmployeeInformation, InputItem, InvolvementActivity

    if not hasattr(world, "activity"):
        world.activity = InvolvementActivity.objects.create(
            initiative=world.initiative,
            title=f"{world.org.name} verksted om nattilsyn",
            held_on=datetime.date(2026, 3, 1),
            phase="planning",
            method="workshop",
            open_for_input=True,
        )
        world.activity.leader_units.add(world.unit)
        world.input_item = InputItem.objects.create(
            activity=world.activity,
            text="Sensorene må ikke vekke beboerne",
            voice=InputItem.Voice.EMPLOYEE,
            unit=world.unit,
            given_on=datetime.date(2026, 3, 1),
        )
        world.information = EmployeeInformation.objects.create(affected_unit=world.affected, what="Digitalt tilsyn")
    return world
