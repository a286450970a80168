"""Routes of ppid.surveys: the public survey form and the staff results."""

from django.urls import include, path

urlpatterns = [
    path("survei/", include("ppid.surveys.urls_public")),
    path("staf/survei/", include("ppid.surveys.urls_staff")),
]
