from django.urls import path

from .views import initiative, overviews, parts

app_name = "benefits"
urlpatterns = [
    path("", overviews.portfolio_overview, name="portfolio"),
    path("mine/", overviews.mine, name="mine"),
    path("at-risk/", overviews.at_risk, name="at_risk"),
    path("goals/", overviews.goals, name="goals"),
    path("goals/new/", overviews.goal_add, name="goal_add"),
    path("initiatives/<int:pk>/", initiative.overview, name="initiative"),
    path("initiatives/<int:pk>/economics/", initiative.economics, name="economics"),
    path("initiatives/<int:pk>/map/", initiative.benefits_map, name="map"),
    path("initiatives/<int:pk>/plan/", initiative.plan, name="plan"),
    path("initiatives/<int:pk>/plan/sign/", initiative.plan_sign, name="plan_sign"),
    path("initiatives/<int:pk>/<str:kind>/new/", parts.part_add, name="part_add"),
    path("<str:kind>/<int:pk>/edit/", parts.part_edit, name="part_edit"),
    path("<str:kind>/<int:pk>/delete/", parts.part_delete, name="part_delete"),
    path("benefits/<int:pk>/", parts.benefit_detail, name="benefit"),
    path("benefits/<int:pk>/estimates/", parts.estimates_edit, name="estimates"),
    path("benefits/<int:pk>/<str:kind>/new/", parts.benefit_part_add, name="benefit_part_add"),
    path("benefit-parts/<str:kind>/<int:pk>/edit/", parts.benefit_part_edit, name="benefit_part_edit"),
    path("benefit-parts/<str:kind>/<int:pk>/delete/", parts.benefit_part_delete, name="benefit_part_delete"),
    path("indicators/<int:pk>/measurements/new/", parts.measurement_add, name="measurement_add"),
]
