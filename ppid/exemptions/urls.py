"""Staff pages for consequence tests and exemptions, mounted at /staf/uji-konsekuensi/."""

from django.urls import URLPattern, URLResolver

app_name = "exemptions"

urlpatterns: list[URLPattern | URLResolver] = []
