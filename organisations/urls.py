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
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/roles/new/", views.scoped_role_add, name="scoped_role_add"),
    path("people/roles/<int:pk>/delete/", views.scoped_role_delete, name="scoped_role_delete"),
    path("people/invite/", views.invitation_create, name="invitation_create"),
    path("people/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("people/invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
]
