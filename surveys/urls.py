from django.urls import path

from .views import answer, rounds

app_name = "surveys"
urlpatterns = [
    path("rounds/", rounds.rounds, name="rounds"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", rounds.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("round-units/<int:pk>/link/", rounds.unit_link_create, name="unit_link_create"),
    # Answering, without signing in: the code is never part of the URL (see views/answer.py).
    path("answer/<int:organisation_id>/", answer.answer, name="answer"),
    path("unit/<int:organisation_id>/", answer.unit_answer, name="unit_answer"),
]
