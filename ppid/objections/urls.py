"""Objection pages: staff under /staf/keberatan/, the requester's under /lacak/…/keberatan/."""

from django.urls import include, path

urlpatterns = [
    path("staf/keberatan/", include("ppid.objections.urls_staff")),
    path("lacak/keberatan/", include("ppid.objections.urls_public")),
]
