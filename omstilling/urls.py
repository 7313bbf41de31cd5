from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("organisation/", include("organisations.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("benefits/kommit/", include("kommit.urls")),
    path("benefits/exports/", include("benefits.exports.urls")),
    path("benefits/", include("benefits.urls")),
    path("people/", include("people.urls")),
    path("surveys/", include("surveys.urls")),
]
