"""Domain rules with hand-computed expectations."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.formatting import format_money, format_number
from organisations.models import OrgUnit
from organisations.validators import orgnr_check_digit, validate_orgnr
from portfolio.models import Idea, Initiative, Phase, PhaseChange
from portfolio.services.ideas import accept_idea, park_or_reject, weighted_score
from portfolio.services.phases import allowed_next_phases, change_phase


@pytest.fixture
def english():
    """Error messages are compared in English; the catalogue tests cover bokmål and nynorsk."""
    with translation.override("en"):
        yield


class TestOrganisationNumber:
    def test_check_digit_by_hand(self):
        # 96433853: 9·3 + 6·2 + 4·7 + 3·6 + 3·5 + 8·4 + 5·3 + 3·2 = 153; 153 mod 11 = 10; 11 − 10 = 1
        assert orgnr_check_digit("96433853") == 1
        validate_orgnr("964338531")

    def test_wrong_check_digit_is_rejected(self):
        with pytest.raises(ValidationError) as error:
            validate_orgnr("964338532")
        assert error.value.code == "checksum"

    def test_remainder_one_has_no_valid_number(self):
        # 00000040: 4·3 = 12; 12 mod 11 = 1; 11 − 1 = 10 is not a digit, so no number starts so
        assert orgnr_check_digit("00000040") is None

    @pytest.mark.parametrize("value", ["12345678", "1234567890", "96433853a", ""])
    def test_wrong_format(self, value):
        with pytest.raises(ValidationError) as error:
            validate_orgnr(value)
        assert error.value.code == "format"


class TestFormatting:
    def test_money_uses_space_groups_and_kr(self):
        assert format_money(1234567) == "1\xa0234\xa0567\xa0kr"
        assert format_money(Decimal("999")) == "999\xa0kr"
        assert format_money(None) == ""

    def test_numbers_use_decimal_comma_and_rounding(self):
        assert format_number(Decimal("12.345"), 2) == "12,35"
        assert format_number(1000.5, 1) == "1\xa0000,5"
        assert format_number(-2500) == "−2\xa0500"
        assert format_number(0) == "0"


@pytest.mark.django_db
class TestUnitTree:
    def test_unit_cannot_be_its_own_ancestor(self, world):
        world.unit.parent = world.department  # the department is below the unit
        world.unit.level = OrgUnit.Level.DEPARTMENT
        with pytest.raises(ValidationError) as error:
            world.unit.full_clean()
        assert "parent" in error.value.message_dict

    def test_level_must_follow_parent(self, world):
        unit = OrgUnit(organisation=world.org, name="X", level=OrgUnit.Level.DEPARTMENT, parent=world.sector)
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "level" in error.value.message_dict

    def test_parent_from_other_organisation_is_rejected(self, world, other_world, english):
        unit = OrgUnit(organisation=world.org, name="X", level=OrgUnit.Level.UNIT, parent=other_world.sector)
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert error.value.message_dict == {"parent": ["Choose a unit in the same organisation."]}

    def test_department_has_no_sub_units(self, world, english):
        unit = OrgUnit(organisation=world.org, name="X", level=OrgUnit.Level.DEPARTMENT, parent=world.department)
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "A department cannot have sub-units." in error.value.message_dict["parent"]


@pytest.mark.django_db
class TestPhases:
    def test_allowed_moves_from_execution(self):
        assert allowed_next_phases(Phase.EXECUTION) == [Phase.PLANNING, Phase.CLOSING, Phase.STOPPED]
        assert allowed_next_phases(Phase.CONCEPT) == [Phase.PLANNING, Phase.STOPPED]
        assert allowed_next_phases(Phase.REALISATION) == [Phase.CLOSING, Phase.COMPLETED, Phase.STOPPED]
        assert allowed_next_phases(Phase.COMPLETED) == []

    def test_forward_step_is_recorded_with_date_and_person(self, world):
        user = world.users["portfolio_office"]
        change_phase(world.initiative, Phase.PLANNING, by=user, on=datetime.date(2026, 3, 1))
        world.initiative.refresh_from_db()
        assert world.initiative.phase == Phase.PLANNING
        latest = world.initiative.phase_changes.first()
        assert (latest.from_phase, latest.to_phase, latest.changed_on, latest.changed_by) == (
            Phase.CONCEPT,
            Phase.PLANNING,
            datetime.date(2026, 3, 1),
            user,
        )

    def test_skipping_a_phase_is_refused_and_nothing_saved(self, world):
        before = PhaseChange.objects.across_organisations().count()
        with pytest.raises(ValidationError) as error:
            change_phase(world.initiative, Phase.EXECUTION, by=None, on=datetime.date(2026, 3, 1))
        assert "to_phase" in error.value.message_dict
        world.initiative.refresh_from_db()
        assert world.initiative.phase == Phase.CONCEPT
        assert PhaseChange.objects.across_organisations().count() == before

    def test_stopping_needs_a_reason(self, world):
        with pytest.raises(ValidationError) as error:
            change_phase(world.initiative, Phase.STOPPED, by=None, on=datetime.date(2026, 3, 1))
        assert "comment" in error.value.message_dict
        change_phase(world.initiative, Phase.STOPPED, by=None, on=datetime.date(2026, 3, 1), comment="No budget")
        assert allowed_next_phases(world.initiative.phase) == []

    def test_date_before_previous_change_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            change_phase(world.initiative, Phase.PLANNING, by=None, on=datetime.date(2025, 12, 31))
        assert "changed_on" in error.value.message_dict


@pytest.mark.django_db
class TestIdeas:
    def test_weighted_score_by_hand(self, world):
        idea = world.idea
        idea.score_strategic, idea.score_economic, idea.score_quality, idea.score_risk = 4, 3, 5, 2
        # (0.35·4 + 0.25·3 + 0.25·5 + 0.15·(6−2)) / 1.00 = 1.40 + 0.75 + 1.25 + 0.60 = 4.00
        assert weighted_score(idea, world.org) == Decimal("4.00")
        idea.score_risk = 5
        # 1.40 + 0.75 + 1.25 + 0.15 = 3.55
        assert weighted_score(idea, world.org) == Decimal("3.55")

    def test_weights_need_not_sum_to_one(self, world):
        world.org.weight_strategic = world.org.weight_economic = Decimal("1")
        world.org.weight_quality = world.org.weight_risk = Decimal("1")
        idea = world.idea
        idea.score_strategic, idea.score_economic, idea.score_quality, idea.score_risk = 5, 1, 2, 3
        # (5 + 1 + 2 + 3) / 4 = 2.75
        assert weighted_score(idea, world.org) == Decimal("2.75")

    def test_unscored_idea_has_no_total(self, world):
        assert weighted_score(world.idea, world.org) is None

    def test_accepting_creates_an_initiative_in_concept(self, world, english):
        initiative = accept_idea(world.idea, by=world.users["portfolio_office"], on=datetime.date(2026, 5, 1))
        world.idea.refresh_from_db()
        assert world.idea.status == Idea.Status.ACCEPTED
        assert world.idea.initiative == initiative
        assert initiative.organisation == world.org
        assert initiative.phase == Phase.CONCEPT
        assert initiative.phase_changes.count() == 1
        with pytest.raises(ValidationError) as error:
            accept_idea(world.idea, by=None, on=datetime.date(2026, 5, 1))
        assert error.value.messages == ["This idea has already been accepted."]
        assert Initiative.objects.filter(organisation=world.org, name=world.idea.title).count() == 1

    def test_rejection_needs_a_reason(self, world):
        with pytest.raises(ValidationError) as error:
            park_or_reject(world.idea, Idea.Status.REJECTED, " ")
        assert list(error.value.message_dict) == ["reason"]
        world.idea.refresh_from_db()
        assert world.idea.status == Idea.Status.SUBMITTED
        park_or_reject(world.idea, Idea.Status.REJECTED, "Too costly")
        world.idea.refresh_from_db()
        assert (world.idea.status, world.idea.decision_reason) == (Idea.Status.REJECTED, "Too costly")


@pytest.mark.django_db
def test_initiative_end_before_start_is_invalid(world):
    initiative = Initiative(
        organisation=world.org, name="X", planned_start=datetime.date(2026, 5, 1), planned_end=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "planned_end" in error.value.message_dict
