from django.urls import path

from core.editing import row_urls

from .views import templates

app_name = "surveys"
urlpatterns = [
    # Templates: what can be asked, versioned
    path("templates/", templates.template_list, name="templates"),
    path("templates/<int:pk>/", templates.template_detail, name="template"),
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
]
