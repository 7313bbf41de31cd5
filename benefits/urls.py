from django.urls import path

from core.editing import row_urls

from .views import initiative, overviews, parts

app_name = "benefits"
urlpatterns = [
    path("", overviews.portfolio_overview, name="portfolio"),
    path("mine/", overviews.mine, name="mine"),
    path("at-risk/", overviews.at_risk, name="at_risk"),
    path("goals/", overviews.goals, name="goals"),
    *row_urls(parts.GOALS, name="goal", kind="goal", add="goals/new/", row="goals/<int:pk>/"),
    path("initiatives/<int:pk>/", initiative.overview, name="initiative"),
    path("initiatives/<int:pk>/economics/", initiative.economics, name="economics"),
    path("initiatives/<int:pk>/map/", initiative.benefits_map, name="map"),
    path("initiatives/<int:pk>/plan/", initiative.plan, name="plan"),
    path("initiatives/<int:pk>/plan/sign/", initiative.plan_sign, name="plan_sign"),
    *row_urls(
        parts.MEASUREMENTS,
        name="measurement",
        kind="measurement",
        add="indicators/<int:pk>/measurements/new/",
        row="measurements/<int:pk>/",
    ),
    # Before the initiative rows' "<kind>/<pk>/edit/", which would take "goals" or "measurements" as a kind.
    *row_urls(
        parts.INITIATIVE_PARTS, name="part", add="initiatives/<int:pk>/<str:kind>/new/", row="<str:kind>/<int:pk>/"
    ),
    path("benefits/<int:pk>/", parts.benefit_detail, name="benefit"),
    path("benefits/<int:pk>/estimates/", parts.estimates_edit, name="estimates"),
    *row_urls(
        parts.BENEFIT_PARTS,
        name="benefit_part",
        add="benefits/<int:pk>/<str:kind>/new/",
        row="benefit-parts/<str:kind>/<int:pk>/",
    ),
]
