from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.unit_list, name="units"),
    path("settings/", views.organisation_edit, name="settings"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
