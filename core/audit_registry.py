"""What the audit log records: the one list of every model of our apps, audited or not.

Every create, change and delete of domain data and of access rights is logged by django-auditlog
with the acting person (or the source, see ``core.audit_context``), field by field. A model of our
apps must be in ``AUDITED`` or in ``NOT_AUDITED`` with the reason; ``tests/test_audit.py`` fails
otherwise, so a new model cannot be forgotten. ``register_all`` runs from ``CoreConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

#: Apps whose models must be accounted for here.
OUR_APPS = ("accounts", "organisations", "portfolio", "benefits", "people", "surveys", "core", "demo")

#: model label → options for ``auditlog.register``.
AUDITED: dict[str, dict[str, Any]] = {
    # A password hash never enters the log; a password change is logged as an event without
    # values by ``accounts.models.User.save``. The sign-in time is in the sign-in log instead.
    "accounts.User": {"exclude_fields": ["password", "last_login"]},
    "organisations.Region": {},
    "organisations.Organisation": {},
    "organisations.OrgUnit": {},
    "organisations.Membership": {},
    "organisations.RoleAssignment": {},
    # Who invited whom, and when it was accepted; the token's hash is a secret, not a fact.
    "organisations.Invitation": {"exclude_fields": ["token_hash"]},
    "portfolio.Programme": {},
    # Many-to-many links: change them with add/remove/set, never clear(): auditlog writes a cleared
    # link as every row of the target model, which would put other organisations' units in the log.
    "portfolio.Idea": {"m2m_fields": ["units"]},
    "portfolio.Initiative": {},
    "portfolio.AffectedUnit": {},
    "portfolio.RolloutWave": {},
    "portfolio.Stakeholder": {},
    "portfolio.StatusReport": {},
    "portfolio.Deviation": {},
    "portfolio.PhaseChange": {},
    "benefits.StrategicGoal": {},
    "benefits.ProcessStep": {},
    "benefits.Change": {"m2m_fields": ["units"]},
    "benefits.Benefit": {},
    "benefits.Prerequisite": {},
    "benefits.BenefitEstimate": {},
    "benefits.CostLine": {},
    "benefits.TrainingCost": {},
    "benefits.RealisationMeasure": {},
    "benefits.Indicator": {},
    "benefits.Measurement": {},
    "people.InvolvementActivity": {"m2m_fields": ["leader_units", "employee_units"]},
    # Input is audited so an answer ("adopted", "not adopted") cannot be changed unseen. Its entries
    # are not put on the initiative's history (no ``get_additional_data``): pages show input by the
    # group it speaks for, and a history naming who wrote it would undo that.
    "people.InputItem": {},
    "people.InvolvementWarning": {"m2m_fields": ["units_left_out"]},
    "people.EmployeeInformation": {},
    # The snapshot is a frozen copy of rows that are audited themselves.
    "benefits.BenefitPlan": {"exclude_fields": ["snapshot"]},
    "people.Theme": {},
    "people.CompetenceRequirement": {},
    "people.Course": {},
    "people.CourseTheme": {},
    # The cost rows a plan line owns are bookkeeping: their own audit entries say what changed.
    "people.TrainingActivity": {"exclude_fields": ["cost_row", "fee_row"]},
    "people.ReadinessSettings": {},
    "surveys.SurveyTemplate": {},
    "surveys.Question": {},
    "surveys.Choice": {},
    "surveys.Round": {"m2m_fields": ["units"]},
    "surveys.RemedyTask": {},
    "people.ChangeAgent": {},
}

#: model label → why its rows are not audited.
NOT_AUDITED: dict[str, str] = {
    # Surveys: the answers are never linked to a person, logged or audited (docs/privacy.md), and
    # neither is whether someone has answered: an audit entry would say who answered, and when.
    "surveys.Response": "Survey answers are never linked to a person, logged or audited.",
    "surveys.Answer": "Survey answers are never linked to a person, logged or audited.",
    "surveys.Invitation": "Logging it would record who answered and when; only the response rate is shown.",
    "surveys.UnitLink": "A link's token hash; made and removed with its round, whose own entries say so.",
    "surveys.RoundUnit": "A copy of the unit tree taken when a round opens; nobody edits it.",
    "surveys.ReleasedCell": "Figures computed once when a round closes; nobody edits them, and the free "
    "text they hold must not be copied into the log.",
    "benefits.ReminderSent": "A receipt written only by the reminder job so an e-mail is never sent twice; "
    "nobody edits it, so the row is its own record.",
    "benefits.PlanReminderSent": "A receipt written only by the reminder job so a request to sign is never "
    "sent twice; nobody edits it.",
    # A self-assessment is one person's view of themselves, readable only by them (and by their
    # leader while they share it). The audit log is shown on pages and kept for years: logging
    # the levels would put them where others read them and keep them after the person deletes them.
    "people.SelfAssessment": "Personal: readable only by the person (and their leader while they share it); "
    "auditing would copy it into a log others read and keep it after the person deletes it.",
    "people.SelfAssessmentAnswer": "Personal: one level a person gave themselves; not logged for the same reason "
    "as their self-assessment.",
}

#: Fields shown as money (1 234 567 kr) in the history; other numbers are shown as plain numbers.
MONEY_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("portfolio.Initiative", "budget"),
        ("benefits.CostLine", "amount"),
        ("organisations.Organisation", "hourly_cost"),
        ("organisations.Organisation", "substitute_hourly_cost"),
        ("organisations.OrgUnit", "hourly_cost"),
        ("people.Course", "cost_per_participant"),
        ("people.TrainingActivity", "fees"),
    }
)


def our_models() -> list[str]:
    """Labels of every concrete model in our apps."""
    return [
        model._meta.label
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if not model._meta.abstract and not model._meta.proxy
    ]


def register_all() -> None:
    from auditlog.registry import auditlog

    for label, options in AUDITED.items():
        auditlog.register(apps.get_model(label), **options)
