"""Routes of ppid.guidance (filled by its pages)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
