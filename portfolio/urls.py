from django.urls import path

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
    path("initiatives/<int:pk>/stakeholders/new/", parts.stakeholder_add, name="stakeholder_add"),
    path("stakeholders/<int:pk>/edit/", parts.stakeholder_edit, name="stakeholder_edit"),
    path("stakeholders/<int:pk>/delete/", parts.stakeholder_delete, name="stakeholder_delete"),
    path("initiatives/<int:pk>/units/new/", parts.affected_unit_add, name="affected_unit_add"),
    path("affected-units/<int:pk>/edit/", parts.affected_unit_edit, name="affected_unit_edit"),
    path("affected-units/<int:pk>/delete/", parts.affected_unit_delete, name="affected_unit_delete"),
    path("initiatives/<int:pk>/status/new/", parts.status_report_add, name="status_report_add"),
    path("status/<int:pk>/", parts.status_report_detail, name="status_report"),
    path("ideas/", ideas.idea_list, name="ideas"),
    path("ideas/new/", ideas.idea_create, name="idea_create"),
    path("ideas/<int:pk>/", ideas.idea_detail, name="idea"),
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/new/", programmes.programme_edit, name="programme_create"),
    path("programmes/<int:pk>/edit/", programmes.programme_edit, name="programme_edit"),
]
