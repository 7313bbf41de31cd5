from django.urls import path

from . import views

app_name = "kommit"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("initiatives/<int:pk>/export/", views.export, name="export"),
]
