"""The public catalogue: /dip/, /dik/, /kebijakan/."""

from django.urls import URLPattern, URLResolver

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = []
