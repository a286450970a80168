"""Public and staff pages for requests; each part lives in its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("ppid.requests.urls_public")),
    path("staf/permohonan/", include("ppid.requests.urls_staff")),
]
