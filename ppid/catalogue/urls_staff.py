"""Staff pages for the DIP, mounted at /staf/dip/."""

from django.urls import URLPattern, URLResolver

app_name = "catalogue_staff"

urlpatterns: list[URLPattern | URLResolver] = []
