from django.urls import path

from core.editing import row_urls

from .views import (
    agents,
    assessments,
    courses,
    framework,
    gaps,
    information,
    involvement,
    load,
    requirements,
    training,
)

app_name = "people"
urlpatterns = [
    # Competence
    path("competence/", framework.framework, name="framework"),
    *row_urls(
        framework.THEMES, name="theme", kind="theme", add="competence/themes/new/", row="competence/themes/<int:pk>/"
    ),
    path("competence/mine/", assessments.my_assessment, name="my_assessment"),
    path("competence/shared-with-me/", assessments.shared_with_me, name="shared_with_me"),
    path("competence/gaps/", gaps.gaps, name="gaps"),
    path("competence/units/<int:pk>/", gaps.unit_competence_view, name="unit"),
    path("initiatives/<int:pk>/competence/", requirements.initiative_people, name="initiative"),
    path("affected-units/<int:pk>/competence/new/", requirements.requirement_add, name="requirement_add"),
    path("competence-needs/<int:pk>/edit/", requirements.requirement_edit, name="requirement_edit"),
    path("competence-needs/<int:pk>/delete/", requirements.requirement_delete, name="requirement_delete"),
    path("courses/", courses.courses, name="courses"),
    path("courses/region/<int:pk>/adopt/", courses.adopt_region_course_view, name="adopt_region_course"),
    *row_urls(courses.COURSES, name="course", kind="course", add="courses/new/", row="courses/<int:pk>/"),
    # Involvement and "you said, we did"
    path("initiatives/<int:pk>/involvement/", involvement.involvement, name="involvement"),
    path("initiatives/<int:pk>/involvement/new/", involvement.activity_add, name="activity_add"),
    path("involvement/<int:pk>/edit/", involvement.activity_edit, name="activity_edit"),
    path("involvement/<int:pk>/delete/", involvement.activity_delete, name="activity_delete"),
    path("involvement/<int:pk>/input/", involvement.input_add, name="input_add"),
    path("input/<int:pk>/answer/", involvement.input_answer, name="input_answer"),
    path("input/<int:pk>/delete/", involvement.input_delete, name="input_delete"),
    # Information to employees
    path("initiatives/<int:pk>/information/", information.information_list, name="information_list"),
    path("information/<int:pk>/", information.information, name="information"),
    path("information/<int:pk>/edit/", information.information_edit, name="information_edit"),
    path("information/<int:pk>/print.pdf", information.information_pdf, name="information_pdf"),
    # Training plans and change agents
    path("initiatives/<int:pk>/training/", training.initiative_readiness, name="initiative_readiness"),
    path("affected-units/<int:pk>/training/new/", training.training_add, name="training_add"),
    path("training/<int:pk>/edit/", training.training_edit, name="training_edit"),
    path("training/<int:pk>/delete/", training.training_delete, name="training_delete"),
    path("training/<int:pk>/progress/", training.training_progress, name="training_progress"),
    path("training/settings/", training.settings_edit, name="readiness_settings"),
    path("affected-units/<int:pk>/agents/new/", agents.agent_add, name="agent_add"),
    path("agents/<int:pk>/edit/", agents.agent_edit, name="agent_edit"),
    path("agents/<int:pk>/delete/", agents.agent_delete, name="agent_delete"),
    path("whom-to-ask/", agents.whom_to_ask_list, name="whom_to_ask"),
    # Change load
    path("load/", load.change_load_view, name="change_load"),
]
