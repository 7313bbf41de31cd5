from django.urls import path

from core.editing import row_urls

from .views import ideas, initiatives, parts, programmes

app_name = "portfolio"
urlpatterns = [
    path("", initiatives.portfolio_list, name="list"),
    path("export.csv", initiatives.portfolio_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", initiatives.portfolio_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("timeline/", initiatives.timeline, name="timeline"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/phase/", initiatives.initiative_phase, name="initiative_phase"),
    path("initiatives/<int:pk>/stakeholders/", initiatives.stakeholder_matrix_view, name="stakeholder_matrix"),
    *row_urls(
        parts.INITIATIVE_ROWS,
        name="stakeholder",
        kind="stakeholder",
        add="initiatives/<int:pk>/stakeholders/new/",
        row="stakeholders/<int:pk>/",
    ),
    *row_urls(
        parts.INITIATIVE_ROWS,
        name="affected_unit",
        kind="affected_unit",
        add="initiatives/<int:pk>/units/new/",
        row="affected-units/<int:pk>/",
    ),
    *row_urls(
        parts.INITIATIVE_ROWS,
        name="wave",
        kind="wave",
        add="initiatives/<int:pk>/waves/new/",
        row="waves/<int:pk>/",
    ),
    path("initiatives/<int:pk>/status/new/", parts.status_report_add, name="status_report_add"),
    path("status/<int:pk>/", parts.status_report_detail, name="status_report"),
    path("ideas/", ideas.idea_list, name="ideas"),
    path("ideas/new/", ideas.idea_create, name="idea_create"),
    path("ideas/<int:pk>/", ideas.idea_detail, name="idea"),
    path("programmes/", programmes.programme_list, name="programmes"),
    *row_urls(parts.PROGRAMMES, name="programme", kind="programme", add="programmes/new/", row="programmes/<int:pk>/"),
]
