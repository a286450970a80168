"""The staff page of survey results per office and period."""

from django.urls import URLPattern, URLResolver, path

from ppid.surveys import views_staff as views

app_name = "surveys_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.survey_results, name="results"),
]
