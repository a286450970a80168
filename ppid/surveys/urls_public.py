"""The public survey pages: anonymous, reached only through the link in the invitation."""

from django.urls import URLPattern, URLResolver, path

from ppid.surveys import views_public as views

app_name = "surveys_public"

urlpatterns: list[URLPattern | URLResolver] = [
    # Before the token route, which would otherwise take "terima-kasih" for a token.
    path("terima-kasih/", views.survey_thanks, name="thanks"),
    path("<str:token>/", views.survey_form, name="form"),
]
