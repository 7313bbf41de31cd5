from django.urls import path

from .views import results

app_name = "surveys"
urlpatterns = [
    path("results/", results.closed_rounds, name="results_index"),
    path("rounds/<int:pk>/results/", results.round_results_view, name="results"),
    path("rounds/<int:pk>/results.xlsx", results.results_xlsx, name="results_xlsx"),
]
