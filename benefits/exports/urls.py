from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("initiatives/<int:pk>/plan.docx", views.plan_docx, name="plan_docx"),
    path("initiatives/<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("portfolio.xlsx", views.portfolio_xlsx, name="portfolio_xlsx"),
]
