from django.urls import path

from .views import information, involvement

app_name = "people"
urlpatterns = [
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
]
