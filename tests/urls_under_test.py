"""Every URL of the app, filled in with one organisation's objects, for the access sweeps."""

from __future__ import annotations

from django.urls import get_resolver, reverse

from benefits.views.parts import BENEFIT_PARTS, INITIATIVE_PARTS

from .factories import involvement_rows
from .factories_checklist import remedy_task
from .factories_rounds import survey_round, survey_round_unit
from .factories_training import change_agent, training_activity
from .survey_results_data import released_round


def survey_template(world):
    """The organisation's shipped digital-maturity template: its questions have choices."""
    from surveys.models import SurveyTemplate

    return SurveyTemplate.objects.for_org(world.org).get(kind="maturity")


def released_round_about_the_initiative(world):
    from surveys.models import Round

    round = released_round(world)
    Round.objects.for_org(world.org).filter(pk=round.pk).update(initiative=world.initiative)
    return round


def survey_question(world):
    return survey_template(world).questions.get(version=1, order=1)


# URL names that take no object id, and those that do with the object they take.
NO_ID = [
    "core:home",
    "portfolio:list",
    "portfolio:export_csv",
    "portfolio:export_xlsx",
    "portfolio:timeline",
    "portfolio:initiative_create",
    "portfolio:ideas",
    "portfolio:idea_create",
    "portfolio:programmes",
    "portfolio:programme_add",
    "organisations:units",
    "organisations:settings",
    "organisations:unit_create",
    "organisations:people",
    "organisations:invitation_create",
    "benefits:portfolio",
    "benefits:mine",
    "benefits:at_risk",
    "benefits:goals",
    "benefits:goal_add",
    "kommit:upload",
    "exports:portfolio_xlsx",
    "people:framework",
    "people:theme_add",
    "people:my_assessment",
    "people:shared_with_me",
    "people:gaps",
    "people:courses",
    "people:course_add",
    "surveys:templates",
    "surveys:template_add",
    "people:readiness_settings",
    "people:whom_to_ask",
    "people:change_load",
    "surveys:rounds",
    "surveys:round_create",
    "surveys:results_index",
]
WITH_ID = {
    "portfolio:initiative": lambda w: w.initiative.pk,
    "portfolio:initiative_edit": lambda w: w.initiative.pk,
    "portfolio:initiative_phase": lambda w: w.initiative.pk,
    "portfolio:stakeholder_matrix": lambda w: w.initiative.pk,
    "portfolio:stakeholder_add": lambda w: w.initiative.pk,
    "portfolio:stakeholder_edit": lambda w: w.stakeholder.pk,
    "portfolio:stakeholder_delete": lambda w: w.stakeholder.pk,
    "portfolio:affected_unit_add": lambda w: w.initiative.pk,
    "portfolio:affected_unit_edit": lambda w: w.affected.pk,
    "portfolio:affected_unit_delete": lambda w: w.affected.pk,
    "portfolio:wave_add": lambda w: w.initiative.pk,
    "portfolio:wave_edit": lambda w: w.wave.pk,
    "portfolio:wave_delete": lambda w: w.wave.pk,
    "portfolio:status_report_add": lambda w: w.initiative.pk,
    "portfolio:status_report": lambda w: w.report.pk,
    "portfolio:idea": lambda w: w.idea.pk,
    "portfolio:programme_edit": lambda w: w.programme.pk,
    "portfolio:programme_delete": lambda w: w.programme.pk,
    "organisations:unit": lambda w: w.unit.pk,
    "organisations:unit_edit": lambda w: w.unit.pk,
    "organisations:person_edit": lambda w: w.users["employee"].memberships.get().pk,
    "organisations:invitation_resend": lambda w: w.invitation.pk,
    "organisations:scoped_role_add": lambda w: w.users["employee"].memberships.get().pk,
    "organisations:scoped_role_delete": lambda w: w.users["unit_leader"].memberships.get().roles.get().pk,
    "organisations:invitation_withdraw": lambda w: w.invitation.pk,
    "benefits:initiative": lambda w: w.initiative.pk,
    "benefits:economics": lambda w: w.initiative.pk,
    "benefits:map": lambda w: w.initiative.pk,
    "benefits:plan": lambda w: w.initiative.pk,
    "benefits:plan_sign": lambda w: w.initiative.pk,
    "benefits:benefit": lambda w: w.benefit.pk,
    "benefits:estimates": lambda w: w.benefit.pk,
    "benefits:measurement_add": lambda w: w.indicator.pk,
    "benefits:measurement_edit": lambda w: w.measurement.pk,
    "benefits:measurement_delete": lambda w: w.measurement.pk,
    "benefits:goal_edit": lambda w: w.goal.pk,
    "benefits:goal_delete": lambda w: w.goal.pk,
    "kommit:export": lambda w: w.initiative.pk,
    "exports:plan_docx": lambda w: w.initiative.pk,
    "exports:plan_pdf": lambda w: w.initiative.pk,
    "people:theme_edit": lambda w: w.theme.pk,
    "people:theme_delete": lambda w: w.theme.pk,
    "people:unit": lambda w: w.unit.pk,
    "people:initiative": lambda w: w.initiative.pk,
    "people:requirement_add": lambda w: w.affected.pk,
    "people:requirement_edit": lambda w: w.requirement.pk,
    "people:requirement_delete": lambda w: w.requirement.pk,
    "people:course_edit": lambda w: w.course.pk,
    "people:course_delete": lambda w: w.course.pk,
    "people:adopt_region_course": lambda w: w.course.pk,
    "surveys:template": lambda w: survey_template(w).pk,
    "surveys:template_edit": lambda w: survey_template(w).pk,
    "surveys:template_delete": lambda w: survey_template(w).pk,
    "surveys:question_add": lambda w: survey_template(w).pk,
    "surveys:question_edit": lambda w: survey_question(w).pk,
    "surveys:question_delete": lambda w: survey_question(w).pk,
    "surveys:question_move": lambda w: survey_question(w).pk,
    "surveys:choice_add": lambda w: survey_question(w).pk,
    "surveys:choice_edit": lambda w: survey_question(w).choices.first().pk,
    "surveys:choice_delete": lambda w: survey_question(w).choices.first().pk,
    "people:involvement": lambda w: w.initiative.pk,
    "people:activity_add": lambda w: w.initiative.pk,
    "people:activity_edit": lambda w: involvement_rows(w).activity.pk,
    "people:activity_delete": lambda w: involvement_rows(w).activity.pk,
    "people:input_add": lambda w: involvement_rows(w).activity.pk,
    "people:input_answer": lambda w: involvement_rows(w).input_item.pk,
    "people:input_delete": lambda w: involvement_rows(w).input_item.pk,
    "people:information_list": lambda w: w.initiative.pk,
    "people:information": lambda w: w.affected.pk,
    "people:information_edit": lambda w: w.affected.pk,
    "people:information_pdf": lambda w: w.affected.pk,
    "people:initiative_readiness": lambda w: w.initiative.pk,
    "people:training_add": lambda w: w.affected.pk,
    "people:training_edit": lambda w: training_activity(w).pk,
    "people:training_delete": lambda w: training_activity(w).pk,
    "people:training_progress": lambda w: training_activity(w).pk,
    "people:agent_add": lambda w: w.affected.pk,
    "people:agent_edit": lambda w: change_agent(w).pk,
    "people:agent_delete": lambda w: change_agent(w).pk,
    "surveys:round": lambda w: survey_round(w).pk,
    "surveys:round_edit": lambda w: survey_round(w).pk,
    "surveys:round_open": lambda w: survey_round(w).pk,
    "surveys:round_close": lambda w: survey_round(w).pk,
    "surveys:unit_link_create": lambda w: survey_round_unit(w).pk,
    "surveys:results": lambda w: released_round(w).pk,
    "surveys:results_xlsx": lambda w: released_round(w).pk,
    "surveys:record_actions": lambda w: released_round_about_the_initiative(w).pk,
    "surveys:checklist_make": lambda w: remedy_task(w).round_id,
    "surveys:remedy_task_add": lambda w: remedy_task(w).round_id,
    "surveys:remedy_task_edit": lambda w: remedy_task(w).pk,
    "surveys:remedy_task_delete": lambda w: remedy_task(w).pk,
}
# The row of ``world`` that each kind of the generic row views edits. Kinds come from the views'
# own registries, so a new kind without a row here fails the sweep with a KeyError.
ROW_OF_KIND = {
    "process": "process_step",
    "change": "change",
    "benefit": "benefit",
    "cost": "cost",
    "training": "training",
    "prerequisite": "prerequisite",
    "measure": "measure",
    "indicator": "indicator",
    "measurement": "measurement",
    "goal": "goal",
    "affected_unit": "affected",
    "wave": "wave",
    "stakeholder": "stakeholder",
    "programme": "programme",
}


def _row(kind):
    attribute = ROW_OF_KIND[kind]
    return lambda w: getattr(w, attribute).pk


# URLs with a kind of row as well as an id: every kind of every generic view is swept.
WITH_KIND = (
    [("benefits:part_add", kind, lambda w: w.initiative.pk) for kind in INITIATIVE_PARTS]
    + [("benefits:part_edit", kind, _row(kind)) for kind in INITIATIVE_PARTS]
    + [("benefits:part_delete", kind, _row(kind)) for kind in INITIATIVE_PARTS]
    + [("benefits:benefit_part_add", kind, lambda w: w.benefit.pk) for kind in BENEFIT_PARTS]
    + [("benefits:benefit_part_edit", kind, _row(kind)) for kind in BENEFIT_PARTS]
    + [("benefits:benefit_part_delete", kind, _row(kind)) for kind in BENEFIT_PARTS]
)
# Only POST is allowed here; a GET is 405 before anything is looked up.
POST_ONLY = {
    "surveys:record_actions",
    "portfolio:stakeholder_delete",
    "portfolio:affected_unit_delete",
    "portfolio:wave_delete",
    "portfolio:programme_delete",
    "benefits:measurement_delete",
    "benefits:goal_delete",
    "benefits:plan_sign",
    "benefits:part_delete",
    "benefits:benefit_part_delete",
    "organisations:invitation_resend",
    "organisations:invitation_withdraw",
    "organisations:scoped_role_delete",
    "people:theme_delete",
    "people:requirement_delete",
    "people:course_delete",
    "people:adopt_region_course",
    "surveys:template_delete",
    "surveys:question_delete",
    "surveys:question_move",
    "surveys:choice_delete",
    "people:activity_delete",
    "people:input_delete",
    "people:training_delete",
    "people:agent_delete",
    "surveys:round_open",
    "surveys:round_close",
    "surveys:unit_link_create",
    "surveys:checklist_make",
    "surveys:remedy_task_delete",
}
# Pages that need no organisation (sign-in, language, switching organisation, one's own account,
# a forgotten password, accepting an invitation, the health check, answering a survey).
PUBLIC = {
    "accounts:login",
    "accounts:logout",
    "accounts:switch_organisation",
    "accounts:account",
    "accounts:email_change",
    "accounts:password_change",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",
    "core:set_language",
    "core:health",
    # Answering a survey needs no sign-in: the code posted decides the round, and a code of another
    # organisation is refused there (tests/test_surveys_answer.py).
    "surveys:answer",
    "surveys:unit_answer",
    "surveys:protection",  # what is stored and who sees what: for anyone asked (tests/test_surveys_protection.py)
}


def all_url_names() -> set[str]:
    names = set()
    resolver = get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        for name in sub.reverse_dict:
            if isinstance(name, str):
                names.add(f"{namespace}:{name}")
    return names


def id_urls(world) -> list[tuple[str, str, int]]:
    """(url name, url, id) for every URL that takes an object id, filled in with ``world``'s objects."""
    urls = [(name, reverse(name, args=[get_id(world)]), get_id(world)) for name, get_id in WITH_ID.items()]
    urls += [
        (name, reverse(name, kwargs={"pk": get_id(world), "kind": kind}), get_id(world))
        for name, kind, get_id in WITH_KIND
    ]
    return urls


def plain_urls() -> list[tuple[str, str]]:
    return [(name, reverse(name)) for name in NO_ID]
