from django.urls import path

from core.editing import row_urls

from .views import answer, checklist, protection, results, rounds, templates

app_name = "surveys"
urlpatterns = [
    # Rounds: who is asked, when, and the response rate
    path("rounds/", rounds.rounds, name="rounds"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", rounds.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("round-units/<int:pk>/link/", rounds.unit_link_create, name="unit_link_create"),
    # Results of closed rounds: released figures only
    path("results/", results.closed_rounds, name="results_index"),
    path("rounds/<int:pk>/results/", results.round_results_view, name="results"),
    path("rounds/<int:pk>/results.xlsx", results.results_xlsx, name="results_xlsx"),
    path("rounds/<int:pk>/results/actions/", results.record_actions, name="record_actions"),
    # Answering, without signing in: the code is never part of the URL (see views/answer.py).
    path("answer/<int:organisation_id>/", answer.answer, name="answer"),
    path("unit/<int:organisation_id>/", answer.unit_answer, name="unit_answer"),
    path("about/<int:organisation_id>/", protection.protection, name="protection"),
    # Templates: what can be asked, versioned
    path("templates/", templates.template_list, name="templates"),
    path("templates/<int:pk>/", templates.template_detail, name="template"),
    path("questions/<int:pk>/move/", templates.question_move, name="question_move"),
    *row_urls(
        templates.TEMPLATES,
        name="template",
        kind="template",
        add="templates/new/",
        row="templates/<int:pk>/",
    ),
    *row_urls(
        templates.QUESTIONS,
        name="question",
        kind="question",
        add="templates/<int:pk>/questions/new/",
        row="questions/<int:pk>/",
    ),
    *row_urls(
        templates.CHOICES,
        name="choice",
        kind="choice",
        add="questions/<int:pk>/choices/new/",
        row="choices/<int:pk>/",
    ),
    # Top management's checklist from the barriers for middle managers
    path("rounds/<int:pk>/checklist/make/", checklist.checklist_make, name="checklist_make"),
    *row_urls(
        checklist.CHECKLIST,
        name="remedy_task",
        kind="remedy_task",
        add="rounds/<int:pk>/checklist/new/",
        row="checklist/<int:pk>/",
    ),
]
