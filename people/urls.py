from django.urls import path

from .views import agents, training

app_name = "people"

urlpatterns = [
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
]
